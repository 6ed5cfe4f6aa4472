"""Data model and service layer. Never imports Qt: the CLI, importers and tests use it headless."""
