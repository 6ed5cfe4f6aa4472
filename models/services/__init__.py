"""The service layer: the only code that opens Sessions; returns plain dataclasses, not ORM rows."""
