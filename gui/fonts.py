"""The bundled Naskh font, so an article looks the same on every machine."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from model.paths import FONTS

ARTICLE_FAMILY_FALLBACKS = ["Noto Naskh Arabic", "Amiri", "Scheherazade New", "Noto Sans Arabic"]
_loaded: list[str] = []


def load_bundled_fonts() -> list[str]:
    """Register resources/fonts/*.ttf with Qt once; returns the families found."""
    if not _loaded:
        for path in sorted(FONTS.glob("*.ttf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            for family in QFontDatabase.applicationFontFamilies(font_id):
                if family not in _loaded:
                    _loaded.append(family)
    return list(_loaded)


def article_font(point_size: float = 15.0) -> QFont:
    """The article font: the bundled Naskh first, system Arabic fonts as fallback."""
    load_bundled_fonts()
    font = QFont()
    font.setFamilies(ARTICLE_FAMILY_FALLBACKS)
    font.setPointSizeF(point_size)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font
