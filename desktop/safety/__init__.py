"""Safety feature."""
