"""Importing feature."""
