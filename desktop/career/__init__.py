"""Career feature."""
