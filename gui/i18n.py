"""The interface's words through Qt's translation system.

Every user-visible string goes through :func:`tr` (one translation context for the whole
interface, which ``pyside6-lupdate`` collects from ``tr("…")`` calls into ``translations/*.ts``).
Substitutions come after translation: ``tr("Note on {what}:").format(what=...)``, so a
translator can move the placeholder where Arabic puts it. Counts use Qt's plural forms:
``tr("%n document(s)", "", n)``. Strings needed before the translator is installed (module
constants) are marked with :func:`QT_TR_NOOP` and passed through :func:`tr` where shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the interface's language (itself when there is no translation)."""
    return QCoreApplication.translate("", text, disambiguation, n)


def QT_TR_NOOP(text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for translation without translating it yet (for module constants)."""
    return text
