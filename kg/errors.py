"""Errors a user can act on; the CLI turns each into one line on stderr."""
from __future__ import annotations

import os

__all__ = ["KGError", "InputError", "InputWarning", "RuleFileError", "GraphFileError", "shown", "shown_path",
           "SHOWN_LIMIT", "EXIT_DATA"]

SHOWN_LIMIT = 60  # characters of a user's input that a message repeats
EXIT_DATA = 1  # the exit status of bad input data or a failed check


class KGError(Exception):
    """Base class of every error kg reports without a traceback."""


class _LocatedError(KGError):
    """An error in a file, or in one line of it: printed as `PATH[:LINE]: REASON`."""

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{shown_path(self.path)}:{line}" if line is not None else shown_path(self.path)
        super().__init__(f"{where}: {reason}")


class InputError(_LocatedError):
    """An input file (or one line of it) that could not be read as an article."""


class RuleFileError(_LocatedError):
    """A gazetteer, lexicon or other data file that does not parse or validate."""


class GraphFileError(_LocatedError):
    """A graph file that could not be read as RDF."""


class InputWarning(_LocatedError):
    """Something in an input that kg left out or did not build, while going on (a field of a
    wrong type, an article in another language). Reported, never raised."""


def shown(value: object, limit: int = SHOWN_LIMIT) -> str:
    """`value` quoted for a message, cut to `limit` characters: inputs come from arbitrary
    pages, and a message must stay one short line."""
    text = value if isinstance(value, str) else repr(value)
    quoted = repr(text[:limit])
    return quoted + "…" if len(text) > limit else quoted


def shown_path(path: str | os.PathLike[str]) -> str:
    """`path` for a message: as it is, or, when it holds a character that would not print as
    itself on one line (a line break, a control, a byte of a name that is no UTF-8), quoted,
    with such characters escaped: `'in/two\\nlines.txt'`, `'in/caf\\xe9.txt'`."""
    text = os.fsdecode(path)
    if text.isprintable():
        return text
    return "'" + "".join(_escaped(char) for char in text) + "'"


def _escaped(char: str) -> str:
    if "\udc80" <= char <= "\udcff":  # how Python holds a byte of a name that is no UTF-8
        return f"\\x{ord(char) - 0xDC00:02x}"
    if char in "\\'":
        return "\\" + char
    return char if char.isprintable() else repr(char)[1:-1]
