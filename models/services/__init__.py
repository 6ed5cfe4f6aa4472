"""The service layer: the only code that opens Sessions. Returns plain dataclasses, never ORM rows."""
