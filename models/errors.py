"""User-facing errors: each carries one sentence the CLI prints and the GUI shows in a dialog."""

from __future__ import annotations

from importers.messages import Message


class ThreePassError(Exception):
    """Base of every error a user may see; str() is the one-sentence explanation.

    Raised with a :class:`~importers.messages.Message` (``ValidationError(message(...))``),
    it keeps it as ``user_message`` for the GUI to translate; ``str()`` is its English.
    """

    user_message: Message | None = None

    def __init__(self, *args: object) -> None:
        if args and isinstance(args[0], Message):
            self.user_message = args[0]
            args = (str(args[0]), *args[1:])
        super().__init__(*args)


class NotFoundError(ThreePassError):
    pass


class ValidationError(ThreePassError):
    pass


class UnresolvedOpenPointsError(ValidationError):
    """Pass 3 is 'understand all': finishing it with open points needs confirmation."""

    def __init__(self, count: int) -> None:
        super().__init__(
            f"{count} open point(s) from pass 1 are still unresolved; resolve them or confirm."
        )
        self.count = count


class DataDirError(ThreePassError):
    """The data directory is missing, not a directory, or not writable."""


class DatabaseError(ThreePassError):
    pass


class CorruptDatabaseError(DatabaseError):
    """The file is not a readable SQLite database (truncated, garbage, another file type)."""


class MissingDatabaseError(CorruptDatabaseError):
    """The library file is gone from a folder that held one (backups, logs, a moved-data
    record): not a first start, so no empty library is created in its place."""


class LibraryGoneError(DataDirError):
    """The open library file was removed (its folder deleted, its drive disconnected):
    writes are refused rather than going to a file that is no longer the library."""


class DatabaseTooNewError(DatabaseError):
    """The database was written by a newer ThreePass; we refuse rather than risk it."""


class DatabaseBusyError(DatabaseError):
    """Another process held the write lock for longer than the busy timeout."""


class DiskFullError(DatabaseError):
    """The disk holding the database is full; the last change was rolled back."""


class StorageError(DatabaseError):
    """The database file cannot be read or written (I/O error, drive removed)."""
