"""The interface's words through Qt's translation system.

Every user-visible string goes through :func:`tr` (one translation context for the whole
interface, which ``pyside6-lupdate`` collects from ``tr("…")`` calls into
``gui/translations/*.ts``; ``scripts/update_translations.py`` runs it and compiles the ``.qm``
files shipped beside them). Substitutions come after translation: ``tr("Note on {what}:")
.format(what=...)``, so a translator can move the placeholder where Arabic puts it. Counts use
Qt's plural forms: ``tr("%n document(s)", "", n)`` (English gets its forms from
``hashiya_en.qm``, which holds only the plural entries). Strings needed before the translator is
installed (module constants) are marked with :func:`QT_TR_NOOP` and passed through :func:`tr`
where shown.

The language is a QSettings choice (``ui/language``: ``system``, ``ar`` or ``en``); ``system``
means Arabic when the system locale is Arabic, else English. In Arabic the whole application is
laid out right to left (the document list on the right); an article keeps its own direction.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, Qt, QTranslator
from PySide6.QtWidgets import QApplication

#: where the interface's translations live (shipped in the package: see pyproject.toml)
if TYPE_CHECKING:
    from PySide6.QtCore import QLocale

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
SETTINGS_KEY = "ui/language"
SYSTEM = "system"
#: the languages the interface speaks: code -> its own name (a language is listed in itself)
LANGUAGES = {"ar": "العربية", "en": "English"}

_installed: list[QTranslator] = []
_language = ""


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the interface's language (itself when there is no translation)."""
    return QCoreApplication.translate("", text, disambiguation, n)


def QT_TR_NOOP(text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for translation without translating it yet (for module constants)."""
    return text


def translated(exc: BaseException) -> str:
    """An error's message in the interface's language: the model's errors carry their English
    template (marked with ``model.text.QT_TR_NOOP``) and its parameters, filled in after
    translation; anything else (or a translation that cannot be filled in) says ``str(exc)``."""
    template = getattr(exc, "template", None)
    params = getattr(exc, "params", None)
    if not isinstance(template, str) or not template or not isinstance(params, dict):
        return str(exc)
    text = tr(template)
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return str(exc)


def join(items: Iterable[object]) -> str:
    """Items of a list (names, labels) with the language's separator: ", " or Arabic's "، "."""
    return tr(", ", "between the items of a list").join(str(item) for item in items)


def chosen_setting() -> str:
    """The analyst's choice as saved: ``system`` (the default), ``ar`` or ``en``."""
    value = str(QSettings().value(SETTINGS_KEY, SYSTEM) or SYSTEM)
    return value if value in LANGUAGES or value == SYSTEM else SYSTEM


def remember_language(choice: str) -> None:
    """Save ``choice`` (``system``, ``ar`` or ``en``) for the next window and the next start."""
    if choice != SYSTEM and choice not in LANGUAGES:
        raise ValueError(f"unknown language {choice!r}")
    QSettings().setValue(SETTINGS_KEY, choice)


def _environment_languages() -> list[str] | None:
    """On Linux and the BSDs, the languages the environment asks for, in the order Qt reads them
    for the system locale (LANGUAGE, then LC_ALL, LC_MESSAGES or LANG); None elsewhere."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    languages = [name for name in os.environ.get("LANGUAGE", "").split(":") if name]
    setting = next((os.environ[var] for var in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(var)), "")
    return [*languages, setting] if setting else languages


def system_language(locale: QLocale | None = None) -> str:
    """``ar`` when the system locale (or one of its UI languages) is Arabic, else ``en``.

    Where the environment names the languages, they are read from it as Qt does: QLocale's
    type would otherwise cost the start several milliseconds."""
    if locale is None:
        languages = _environment_languages()
        if languages is not None:
            return "ar" if languages and languages[0].lower().startswith("ar") else "en"
    from PySide6.QtCore import QLocale

    locale = locale or QLocale.system()
    if locale.language() == QLocale.Language.Arabic:
        return "ar"
    first = next(iter(locale.uiLanguages()), "")
    return "ar" if first.lower().startswith("ar") else "en"


def resolve(choice: str) -> str:
    """The language code a choice means here (``system`` follows the system locale)."""
    return system_language() if choice == SYSTEM else choice


def current_language() -> str:
    """The language installed last (``""`` before :func:`install_language`)."""
    return _language


def install_language(choice: str | None = None) -> str:
    """Install the translators for ``choice`` (default: the saved setting) on the running
    application and lay it out in that language's direction; returns the language code.

    Arabic: ``hashiya_ar.qm`` and Qt's own ``qtbase_ar.qm`` (standard buttons and dialogs), right
    to left. English: ``hashiya_en.qm`` (its plural forms), left to right. Calling it again
    replaces what an earlier call installed."""
    global _language
    app = QCoreApplication.instance()
    language = resolve(choice or chosen_setting())
    if app is None:
        return language
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    sources = [(f"hashiya_{language}", str(TRANSLATIONS))]
    if language != "en":
        sources.append((f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))
    for name, folder in sources:
        translator = QTranslator(app)
        if translator.load(name, folder):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
    if isinstance(app, QApplication):
        direction = Qt.LayoutDirection.RightToLeft if language == "ar" else Qt.LayoutDirection.LeftToRight
        app.setLayoutDirection(direction)
    _language = language
    return language
