"""The pure-Python core: the exchange format, vocabularies and archive; never imports Django."""
