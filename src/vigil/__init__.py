"""Vigil: document the persecution of activists."""

__version__ = "0.1.0"
