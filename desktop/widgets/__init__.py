"""Widgets shared by several features (Markdown editor, pass badges, formatting helpers)."""
