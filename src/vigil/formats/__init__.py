"""Vigil's own date formats, where Django's differ from what its users read without doubt."""
