"""Stats feature."""
