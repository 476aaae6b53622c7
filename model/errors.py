"""Errors the model raises for bad input; each names where the problem is."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


class HashiyaError(Exception):
    """Base class for errors shown to the user as one line.

    Built from one string, as any exception; or from a template and named parameters,
    ``EditError(QT_TR_NOOP("there is a label {name} already"), name=name)``: the message is the
    template filled in (English, for the command line and the tests), and the interface shows
    the template translated and then filled in. ``template`` and ``params`` keep both (for a
    plain string: the message and ``{}``)."""

    template: str
    params: dict[str, object]

    def __init__(self, *args: object, **params: object) -> None:
        if params:
            if len(args) != 1 or not isinstance(args[0], str):
                raise TypeError("a message with parameters is one template string")
            super().__init__(args[0].format(**params))
            self.template, self.params = args[0], dict(params)
            return
        super().__init__(*args)
        self.template = args[0] if len(args) == 1 and isinstance(args[0], str) else str(self)
        self.params = {}


class InputError(HashiyaError):
    """Bad input file: names the file and, where known, the line."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class UnknownLabelError(InputError):
    """A file uses a label the import may not bring in; ``label`` is its name as the file has it."""

    def __init__(self, path: str, message: str, line: int | None = None, *, label: str) -> None:
        super().__init__(path, message, line)
        self.label = label


class SchemaError(HashiyaError):
    """The database cannot be opened by this version of Hashiya."""


class EditError(HashiyaError):
    """An edit that cannot be applied (overlapping duplicate, unknown label, ...)."""


class UsageError(HashiyaError):
    """A command-line option or argument that cannot be honoured (unknown label, ...)."""


class CancelledError(HashiyaError):
    """The user cancelled a long operation; everything it did was rolled back."""

    def __init__(self, message: str = "cancelled; nothing was changed") -> None:
        super().__init__(message)


class StoreError(HashiyaError):
    """The database could not do what was asked: read-only, full, damaged, or an I/O error.

    Nothing of the failed step was saved; the message names the database and the cause.
    """


class DatabaseBusyError(StoreError):
    """Another program holds the database's write lock; the same step may succeed later."""


class ConnectionLostError(StoreError):
    """The team database's server cannot be reached; the same step may succeed once it is back."""


def shown(path: str) -> str:
    """A database's name as messages may show it: a server URL's password replaced by ``***``."""
    if "://" not in path:
        return path
    parts = urlsplit(path)
    if parts.password is None:
        return path
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def store_error(path: str, exc: BaseException) -> StoreError:
    """One line for a database error, naming the database (never a password) and the real cause."""
    path = shown(path)
    text = str(exc)
    low = text.lower()
    if "locked" in low or "busy" in low:
        return DatabaseBusyError(f"{path}: the database is busy: another program is writing to it")
    if "readonly" in low or "read-only" in low:
        return StoreError(f"{path}: the database is read-only; changes cannot be saved")
    if "full" in low:
        return StoreError(f"{path}: disk full; the change was not saved")
    if "malformed" in low or "not a database" in low or "corrupt" in low:
        return StoreError(f"{path}: the database is damaged ({text})")
    if "i/o" in low:
        return StoreError(f"{path}: disk I/O error; the change was not saved")
    if "connection to the server lost" in low or "cannot connect" in low:
        return ConnectionLostError(f"{path}: the server cannot be reached; the change was not saved ({text})")
    if "permission denied" in low or "row-level security" in low:
        return StoreError(f"{path}: not allowed for this analyst ({text})")
    return StoreError(f"{path}: {text}")
