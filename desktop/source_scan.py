"""PySide6's look at every imported module, made to keep nothing.

Once PySide6 is imported, each new module goes through its `__feature__` hook, which asks
whether the module's source mentions "PySide6" (`from __feature__ import snake_case` is
honoured only there) with `inspect.getsource`: that reads the file through `linecache`,
which keeps every line of every module imported since, SQLAlchemy's included. At 100k
items that was ~26 MB of the window's peak memory (#17) for text nothing reads again.
The same question answered from the file's bytes keeps nothing.
"""

from __future__ import annotations

import linecache
import logging
from types import ModuleType

log = logging.getLogger(__name__)


def mentions_pyside(module: ModuleType) -> bool:
    """Whether the module's source file names PySide6 (what the hook asks), read once."""
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None) or getattr(module, "__file__", None)
    if not isinstance(origin, str) or not origin.endswith(".py"):
        return False  # built in, compiled or without a file: the hook says False too
    try:
        with open(origin, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def spare_source_cache() -> bool:
    """Answer the hook's question without `linecache` and drop the lines read so far.

    Returns whether the hook was found (a PySide6 without it keeps its own behaviour).
    """
    try:
        import shibokensupport.feature as feature  # type: ignore[import-not-found]
    except ImportError:
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        log.debug("PySide6's feature hook has no _mod_uses_pyside: left as it is")
        return False
    feature._mod_uses_pyside = mentions_pyside
    linecache.clearcache()  # tracebacks read the lines they show again when needed
    return True
