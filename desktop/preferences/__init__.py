"""Preferences feature."""
