"""The workspace's pages. Each view validates with a form, calls one selector or service, and renders."""
