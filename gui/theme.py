"""Dark and light: the interface's colour scheme, and the colours spans are drawn in.

The analyst picks System, Light or Dark (View → Theme, remembered as QSettings ``view/theme``);
System follows the desktop's colour scheme (Qt ≥ 6.5), live. Either way the application runs the
Fusion style with a complete palette (the style's own for light, :func:`dark_palette` for dark), so
every widget, the article's page included, takes its colours from one place.

Label colours come from the schema and analysts may pick any colour, so a label colour is never
used as is where text meets it. Contrast is WCAG 2.x (:func:`contrast_ratio`): AA asks 4.5:1 of
text (:data:`AA`), 3:1 of marks such as bars and outlines (:data:`NON_TEXT`).

- :func:`caption_colors` fills a caption with the label's colour (made to stand out from the page)
  and writes on it in black or white, whichever reads better; when neither reaches the ratio asked,
  the fill is darkened or lightened until it does.
- :func:`tint_color` lowers a tint's alpha until the page's text keeps AA on the tinted page, for
  one tint and for two overlapping ones (nested spans).
- :func:`readable_on` shifts a colour towards white or black until it reads on a background.
- :func:`marks` gives the painter the page, its text and the scheme's other colours (search hits,
  outlined captions, lane names, differences), from the palette in use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QStyleFactory, QWidget

from .i18n import tr

SETTING = "view/theme"
SYSTEM, LIGHT, DARK = "system", "light", "dark"
CHOICES = (SYSTEM, LIGHT, DARK)
STYLE = "Fusion"
#: set by :func:`application_arguments`: the application was made with Fusion already, so the
#: style need not be asked for (wrapping a QStyle costs PySide several milliseconds at start)
_styled_at_start = False

AA = 4.5  # WCAG 2.x AA for text
NON_TEXT = 3.0  # WCAG 2.1 1.4.11: bars, outlines and other marks against what is next to them
TINT_ALPHA = {False: 70, True: 96}  # a span's tint by default (a dark page needs a little more)
TINT_LAYERS = 2  # a tint keeps AA where two spans overlap too (one nested in another)

BLACK = QColor(0, 0, 0)
WHITE = QColor(255, 255, 255)

# ---- contrast ----------------------------------------------------------------------------------


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


@lru_cache(maxsize=8192)
def _luminance(rgb: int) -> float:
    r, g, b = (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def relative_luminance(color: QColor) -> float:
    """WCAG 2.x relative luminance of ``color`` (its alpha is ignored): 0 black … 1 white."""
    return _luminance(color.rgb() & 0xFFFFFF)


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2.x contrast ratio of two opaque colours, 1 … 21 (the order does not matter)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def composite(top: QColor, bottom: QColor) -> QColor:
    """``top`` painted over the opaque ``bottom`` (source-over, as QPainter blends): an opaque colour."""
    t = top.alphaF()
    return QColor(
        round(top.red() * t + bottom.red() * (1 - t)),
        round(top.green() * t + bottom.green() * (1 - t)),
        round(top.blue() * t + bottom.blue() * (1 - t)),
    )


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved the fraction ``t`` of the way to ``b`` (opaque)."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def _opaque(color: QColor, page: QColor) -> QColor:
    return QColor(color.rgb()) if color.alpha() == 255 else composite(color, page)


def caption_text_color(background: QColor) -> QColor:
    """Black or white, whichever has the more contrast on ``background``. On an opaque background
    the better of the two always reaches √21 ≈ 4.58:1, above AA."""
    black_wins = contrast_ratio(BLACK, background) >= contrast_ratio(WHITE, background)
    return QColor(BLACK) if black_wins else QColor(WHITE)


def readable_on(color: QColor, background: QColor, ratio: float = AA) -> QColor:
    """``color`` (opaque) if it reaches ``ratio`` on ``background``; else the nearest shade of it
    towards white or black that does (towards the end with more room; then the other; at worst
    black or white)."""
    background = QColor(background.rgb())
    color = _opaque(color, background)
    return QColor.fromRgb(_readable(color.rgb(), background.rgb(), ratio))


@lru_cache(maxsize=4096)
def _readable(color_rgb: int, background_rgb: int, ratio: float) -> int:
    color, background = QColor.fromRgb(color_rgb), QColor.fromRgb(background_rgb)
    if contrast_ratio(color, background) >= ratio:
        return color.rgb()
    ends = sorted((WHITE, BLACK), key=lambda end: -contrast_ratio(end, background))
    for end in ends:
        if contrast_ratio(end, background) < ratio:
            continue
        for step in range(1, 41):
            shade = _mix(color, end, step / 40)
            if contrast_ratio(shade, background) >= ratio:
                return shade.rgb()
    return ends[0].rgb()


def mark_color(label_color: QColor, page_background: QColor, ratio: float = NON_TEXT) -> QColor:
    """A label's colour for bars and caption fills: itself when it stands out from the page by
    ``ratio`` (3:1), else shifted until it does (yellow darkens on white, navy lightens on black)."""
    return readable_on(label_color, page_background, ratio)


def caption_colors(
    label_color: QColor, dark: bool, page_background: QColor | None = None, ratio: float = AA
) -> tuple[QColor, QColor]:
    """(fill, text) of a caption in ``label_color`` on a page of the scheme (``dark``) or on
    ``page_background``: the fill is the label's colour made to stand out from the page, the text
    black or white; when neither reaches ``ratio`` on the fill, the fill moves away from the text
    (darker under white, lighter under black) until it does."""
    page = QColor(page_background.rgb()) if page_background is not None else default_page(dark)
    fill_rgb, text_rgb = _caption(_opaque(label_color, page).rgb(), page.rgb(), ratio)
    return QColor.fromRgb(fill_rgb), QColor.fromRgb(text_rgb)


@lru_cache(maxsize=4096)
def _caption(label_rgb: int, page_rgb: int, ratio: float) -> tuple[int, int]:
    fill = mark_color(QColor.fromRgb(label_rgb), QColor.fromRgb(page_rgb))
    text = caption_text_color(fill)
    away = BLACK if text == WHITE else WHITE
    for step in range(41):
        shade = _mix(fill, away, step / 40)
        if contrast_ratio(text, shade) >= ratio:
            return shade.rgb(), text.rgb()
    return away.rgb(), text.rgb()


def tint_color(
    label_color: QColor,
    page_background: QColor,
    dark: bool,
    alpha: int | None = None,
    text: QColor | None = None,
    layers: int = TINT_LAYERS,
) -> QColor:
    """The translucent tint behind a span's words: ``label_color`` at ``alpha`` (the scheme's
    default when None), lowered until the page's ``text`` (the scheme's default when None) keeps
    AA on the page under ``layers`` such tints (overlapping spans). Alpha 0 when even the bare page
    fails. On a dark page the colour is first made to stand out from it, as bars and captions are
    (a navy tint on a near-black page would not show)."""
    page = QColor(page_background.rgb())
    ink = QColor(text.rgb()) if text is not None else default_text(dark)
    wanted = TINT_ALPHA[dark] if alpha is None else alpha
    rgb = (mark_color(label_color, page) if dark else label_color).rgb() & 0xFFFFFF
    return QColor.fromRgba((_tint_alpha(rgb, page.rgb(), ink.rgb(), wanted, layers) << 24) | rgb)


@lru_cache(maxsize=4096)
def _tint_alpha(label_rgb: int, page_rgb: int, text_rgb: int, alpha: int, layers: int) -> int:
    label, page, text = QColor.fromRgb(label_rgb), QColor.fromRgb(page_rgb), QColor.fromRgb(text_rgb)
    for a in range(max(0, min(255, alpha)), -1, -1):
        tint = QColor(label)
        tint.setAlpha(a)
        under = page
        ok = True
        for _ in range(max(1, layers)):
            under = composite(tint, under)
            if contrast_ratio(text, under) < AA:
                ok = False
                break
        if ok:
            return a
    return 0


# ---- the scheme's colours for drawing spans ----------------------------------------------------

LIGHT_PAGE, LIGHT_TEXT = QColor("#ffffff"), QColor("#000000")
DARK_PAGE, DARK_TEXT = QColor("#1e1f22"), QColor("#e6e6e6")


def default_page(dark: bool) -> QColor:
    return QColor(DARK_PAGE if dark else LIGHT_PAGE)


def default_text(dark: bool) -> QColor:
    return QColor(DARK_TEXT if dark else LIGHT_TEXT)


@dataclass(frozen=True)
class Marks:
    """Colours for drawing over the article in the scheme in use."""

    dark: bool
    page: QColor  # the article's background (palette Base)
    text: QColor  # the article's text (palette Text)
    hit: QColor  # search matches' outline
    hit_fill: QColor  # the current match's fill (a tint, text stays AA on it)
    caption_back: QColor  # behind outlined captions (other analysts') and link roles
    lane_name: QColor  # review mode: an analyst's name at the head of a lane
    gold_name: QColor  # review mode: the gold lane's name
    difference: QColor  # review mode: an open difference's wavy line, edge and badge
    difference_text: QColor  # the badge's ≠


def marks(palette: QPalette | None = None) -> Marks:
    """The colours to draw spans with, from ``palette`` (the application's when None)."""
    palette = palette if palette is not None else QGuiApplication.palette()
    page = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
    return _marks(page.rgb(), text.rgb())


@lru_cache(maxsize=16)
def _marks(page_rgb: int, text_rgb: int) -> Marks:
    page, text = QColor.fromRgb(page_rgb), QColor.fromRgb(text_rgb)
    dark = relative_luminance(page) < relative_luminance(text)
    back = QColor(page)
    back.setAlpha(235)
    difference = readable_on(QColor("#ff6b6b" if dark else "#d00000"), page, NON_TEXT)
    return Marks(
        dark=dark,
        page=page,
        text=text,
        hit=mark_color(QColor("#e69500"), page),
        hit_fill=tint_color(QColor(255, 191, 0), page, dark, alpha=90, text=text),
        caption_back=back,
        lane_name=readable_on(QColor("#a8a8a8" if dark else "#555555"), page),
        gold_name=readable_on(QColor("#e0b84c" if dark else "#8a6d00"), page),
        difference=difference,
        difference_text=caption_text_color(difference),
    )


# ---- the interface's own colours ---------------------------------------------------------------

#: The interface's own signals, each a (light scheme, dark scheme) hue. They are used only through
#: :func:`signal_color` and the helpers below it, which shift a hue until it reads where it is
#: drawn, on the palette in use: never as they stand.
SIGNALS: dict[str, tuple[str, str]] = {
    "error": ("#b00020", "#ff8a80"),  # a dialog's problem, a link refused
    "accent": ("#1f6fd1", "#6cb4ff"),  # a link being drawn
    "muted": ("#6b6b6b", "#a3a6ab"),  # quieter text: other analysts' spans
    "warning": ("#fff4ce", "#4a3d14"),  # the unsaved-edits bar's background ...
    "warning_edge": ("#c9a227", "#9c7b22"),  # ... and its edge
    "status_new": ("#5f6368", "#b4b7bc"),
    "status_in_progress": ("#8a6100", "#e0b84c"),
    "status_done": ("#2e7d32", "#7cc47f"),
    "status_skipped": ("#757575", "#8d9096"),
}


def is_dark_background(background: QColor) -> bool:
    """Whether white reads better than black on ``background`` (a dark scheme's surface)."""
    return contrast_ratio(WHITE, background) > contrast_ratio(BLACK, background)


def signal_color(name: str, *backgrounds: QColor, ratio: float = AA) -> QColor:
    """The hue of signal ``name`` (:data:`SIGNALS`) for the scheme of the first of ``backgrounds``,
    shifted until it reaches ``ratio`` on every one of them (the rows of a list alternate)."""
    light, dark = SIGNALS[name]
    color = QColor(dark if is_dark_background(backgrounds[0]) else light)
    return readable_on_all(color, backgrounds, ratio)


def readable_on_all(color: QColor, backgrounds: Sequence[QColor], ratio: float = AA) -> QColor:
    """:func:`readable_on` over several backgrounds of one scheme (a list's two row colours): the
    nearest shade of ``color`` that reaches ``ratio`` on each."""
    for _ in range(3):  # each shift moves away from backgrounds alike, so one pass mostly suffices
        for background in backgrounds:
            color = readable_on(color, background, ratio)
        if all(contrast_ratio(color, QColor(b.rgb())) >= ratio for b in backgrounds):
            break
    return color


def _app_palette(palette: QPalette | None) -> QPalette:
    return palette if palette is not None else QGuiApplication.palette()


def _rows(palette: QPalette) -> tuple[QColor, QColor]:
    """The two colours a list's rows are drawn on (Base, AlternateBase), opaque."""
    return (
        QColor(palette.color(_G.Active, _R.Base).rgb()),
        QColor(palette.color(_G.Active, _R.AlternateBase).rgb()),
    )


def status_color(status: str, palette: QPalette | None = None) -> QColor:
    """A document status's text colour in a list (new, in_progress, done, skipped): AA on the
    list's rows in the scheme of ``palette`` (the application's when None)."""
    base, alternate = _rows(_app_palette(palette))
    name = f"status_{status}"
    return QColor.fromRgb(_signal(name if name in SIGNALS else "muted", base.rgb(), alternate.rgb(), AA))


def muted_text_color(palette: QPalette | None = None) -> QColor:
    """Quieter text in a list (another analyst's span): greyed, still AA on the list's rows."""
    base, alternate = _rows(_app_palette(palette))
    return QColor.fromRgb(_signal("muted", base.rgb(), alternate.rgb(), AA))


def error_text_color(palette: QPalette | None = None) -> QColor:
    """A problem's text in a dialog: red, AA on the window's background."""
    window = _app_palette(palette).color(_G.Active, _R.Window)
    return QColor.fromRgb(_signal("error", window.rgb(), window.rgb(), AA))


@lru_cache(maxsize=256)
def _signal(name: str, background_rgb: int, other_rgb: int, ratio: float) -> int:
    backgrounds = (QColor.fromRgb(background_rgb), QColor.fromRgb(other_rgb))
    return signal_color(name, *backgrounds, ratio=ratio).rgb()


def show_as_error(label: QWidget) -> None:
    """Give ``label`` (a dialog's problem) :func:`error_text_color`, now and after each change of
    scheme."""
    follow_theme(label, lambda: label.setStyleSheet(f"color: {error_text_color().name()}"))


@dataclass(frozen=True)
class WarningColors:
    """A warning bar over the window: its background, text and bottom edge."""

    back: QColor
    text: QColor
    edge: QColor


def warning_bar_colors(palette: QPalette | None = None) -> WarningColors:
    """Amber in either scheme (pale in light, deep in dark); the window's text colour when it
    reaches AA on it, else the nearest shade that does; the edge 3:1 on the bar."""
    palette = _app_palette(palette)
    window = QColor(palette.color(_G.Active, _R.Window).rgb())
    light, dark = SIGNALS["warning"]
    back = QColor(dark if is_dark_background(window) else light)
    return WarningColors(
        back=back,
        text=readable_on(palette.color(_G.Active, _R.WindowText), back, AA),
        edge=signal_color("warning_edge", back, ratio=NON_TEXT),
    )


def link_band_colors(page: QColor) -> tuple[QColor, QColor]:
    """(drawn, refused): a link being dragged over the article, and its end on a span it cannot
    link to; marks, so 3:1 on the article's ``page``."""
    page = QColor(page.rgb())
    return signal_color("accent", page, ratio=NON_TEXT), signal_color("error", page, ratio=NON_TEXT)


@dataclass(frozen=True)
class ChartColors:
    """A chart in the scheme in use: its background, its text, its axes (and grid)."""

    back: QColor
    text: QColor
    axis: QColor


def chart_colors(palette: QPalette | None = None) -> ChartColors:
    """Charts drawn on the page's colour (palette Base), text and axes in the page's text colour
    (AA, then 3:1 for axis lines at the least); bars go through :func:`mark_color` against ``back``."""
    palette = _app_palette(palette)
    back = QColor(palette.color(_G.Active, _R.Base).rgb())
    text = readable_on(palette.color(_G.Active, _R.Text), back, AA)
    return ChartColors(back=back, text=text, axis=readable_on(text, back, NON_TEXT))


class _Follower(QObject):
    """Calls back on each change of scheme while its parent lives (it dies with it, and is then
    disconnected)."""

    def __init__(self, parent: QObject, restyle: Callable[[], None]) -> None:
        super().__init__(parent)
        self._restyle = restyle
        theme().themeChanged.connect(self._on_theme_changed)

    def _on_theme_changed(self, _dark: bool) -> None:
        self._restyle()


def follow_theme(owner: QObject, restyle: Callable[[], None]) -> None:
    """Call ``restyle`` now and after each change of scheme, for as long as ``owner`` lives."""
    restyle()
    _Follower(owner, restyle)


# ---- palettes ----------------------------------------------------------------------------------

_G = QPalette.ColorGroup
_R = QPalette.ColorRole

_DARK = {
    _R.Window: "#2b2d30",
    _R.WindowText: "#e6e6e6",
    _R.Base: DARK_PAGE.name(),
    _R.AlternateBase: "#26282b",
    _R.Text: DARK_TEXT.name(),
    _R.PlaceholderText: "#9a9ca0",
    _R.Button: "#36383c",
    _R.ButtonText: "#e6e6e6",
    _R.BrightText: "#ff7070",
    _R.Light: "#505358",
    _R.Midlight: "#43464a",
    _R.Mid: "#2a2c2f",
    _R.Dark: "#18191b",
    _R.Shadow: "#000000",
    _R.Highlight: "#2f65ca",
    _R.HighlightedText: "#ffffff",
    _R.ToolTipBase: "#3c3f44",
    _R.ToolTipText: "#f0f0f0",
    _R.Link: "#6cb4ff",
    _R.LinkVisited: "#c49bff",
}
_DARK_DISABLED = {
    _R.WindowText: "#80838a",
    _R.Text: "#80838a",
    _R.ButtonText: "#80838a",
    _R.PlaceholderText: "#6a6d72",
    _R.Base: "#232427",
    _R.Button: "#303236",
    _R.Highlight: "#4a4d52",
    _R.HighlightedText: "#b0b0b0",
    _R.Light: "#3a3c40",
    _R.Link: "#5a7da6",
    _R.LinkVisited: "#8a77a6",
}
_DARK_INACTIVE = {
    _R.Highlight: "#2a4f8f",
    _R.HighlightedText: "#e6e6e6",
}


def _accent() -> _R | None:
    return getattr(_R, "Accent", None)  # Qt ≥ 6.6


def dark_palette() -> QPalette:
    """A complete dark palette: every role in every group (active, inactive, disabled)."""
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))  # all groups
    for role, color in _DARK_DISABLED.items():
        palette.setColor(_G.Disabled, role, QColor(color))
    for role, color in _DARK_INACTIVE.items():
        palette.setColor(_G.Inactive, role, QColor(color))
    accent = _accent()
    if accent is not None:
        for group in (_G.Active, _G.Inactive, _G.Disabled):
            palette.setColor(group, accent, palette.color(group, _R.Highlight))
    return _pinned(palette)


def light_palette(current: QPalette | None = None) -> QPalette:
    """The Fusion style's own (light) palette; ``current`` (the application's at start, when
    light already) is taken as it is rather than asked of a new style, which costs the start."""
    if current is not None and min(
        relative_luminance(current.color(_G.Active, role)) for role in (_R.Base, _R.Window)
    ) >= 0.5:
        return _pinned(QPalette(current))
    style = QStyleFactory.create(STYLE)
    palette = style.standardPalette() if style is not None else QPalette()
    if relative_luminance(palette.color(_G.Active, _R.Base)) < 0.5:  # a style that went dark itself
        palette = QPalette(QColor("#efefef"))
        palette.setColor(_R.Base, LIGHT_PAGE)
        palette.setColor(_R.Text, LIGHT_TEXT)
    return _pinned(palette)


def _roles() -> list[QPalette.ColorRole]:
    return [role for role in QPalette.ColorRole if role.name not in ("NoRole", "NColorRoles")]


def _pinned(palette: QPalette) -> QPalette:
    """Every role set explicitly, so a change of the desktop's palette does not leak into it."""
    for group in (_G.Active, _G.Inactive, _G.Disabled):
        for role in _roles():
            palette.setBrush(group, role, palette.brush(group, role))
    return palette


# ---- the choice, applied -----------------------------------------------------------------------


class Theme(QObject):
    """The application's scheme: the analyst's choice, applied as a style and a palette.

    ``themeChanged(dark)`` is emitted after a palette change, ``choiceChanged(choice)`` when the
    analyst picks another entry."""

    themeChanged = Signal(bool)
    choiceChanged = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._dark: bool | None = None
        self._listening = False

    def choice(self) -> str:
        value = str(QSettings().value(SETTING, SYSTEM))
        return value if value in CHOICES else SYSTEM

    def set_choice(self, value: str) -> None:
        if value not in CHOICES:
            raise ValueError(f"theme must be one of {', '.join(CHOICES)}, not {value!r}")
        QSettings().setValue(SETTING, value)
        self.apply()
        self.choiceChanged.emit(value)

    def is_dark(self) -> bool:
        """Whether the palette in use is dark."""
        return marks().dark

    def wants_dark(self, system: Qt.ColorScheme | None = None) -> bool:
        choice = self.choice()
        if choice != SYSTEM:
            return choice == DARK
        if system is None:
            system = system_scheme()
        return system == Qt.ColorScheme.Dark

    def apply(self, system: Qt.ColorScheme | None = None) -> bool:
        """Set the style and the palette the choice asks for (``system``: the desktop's scheme
        as just reported; asked of Qt when None). Returns whether the result is dark."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return False
        self._listen()
        choice = self.choice()
        hints = QGuiApplication.styleHints()
        if choice != SYSTEM and hasattr(hints, "setColorScheme"):  # Qt ≥ 6.8: dark title bars too
            hints.setColorScheme(Qt.ColorScheme.Dark if choice == DARK else Qt.ColorScheme.Light)
        elif choice == SYSTEM and hasattr(hints, "unsetColorScheme") and system is None:
            hints.unsetColorScheme()
        dark = self.wants_dark(system)
        if not _styled_at_start and app.style().name().lower() != STYLE.lower():
            app.setStyle(STYLE)
        first = self._dark is None  # at start the application's palette is Fusion's own, if light
        palette = dark_palette() if dark else light_palette(app.palette() if first else None)
        changed = app.palette() != palette
        if changed:
            app.setPalette(palette)
        if changed or dark != self._dark:
            self._dark = dark
            self.themeChanged.emit(dark)
        return dark

    def _listen(self) -> None:
        if self._listening:
            return
        self._listening = True
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):  # Qt ≥ 6.5
            hints.colorSchemeChanged.connect(self._on_color_scheme_changed)

    def _on_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        """The desktop switched between light and dark: follow it when the choice is System."""
        if self.choice() == SYSTEM:
            self.apply(scheme)


def system_scheme() -> Qt.ColorScheme:
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "colorScheme"):  # Qt ≥ 6.5
        return hints.colorScheme()
    return Qt.ColorScheme.Unknown


_theme: Theme | None = None


def theme() -> Theme:
    """The one :class:`Theme` of the application."""
    global _theme
    if _theme is None:
        _theme = Theme()
    return _theme


def application_arguments() -> list[str]:
    """Arguments for a new QApplication that start it in the style every scheme is drawn with."""
    global _styled_at_start
    _styled_at_start = True
    return ["-style", STYLE]


def apply_theme() -> bool:
    """Apply the remembered choice (at start); True when the interface is now dark."""
    return theme().apply()


# ---- View → Theme ------------------------------------------------------------------------------


class ThemeMenu(QMenu):
    """System / Light / Dark, one checked, remembered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("&Theme"), parent)
        self.setObjectName("themeMenu")
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        entries = (
            (SYSTEM, tr("&System"), tr("Light or dark as the desktop is set, following it when it changes")),
            (LIGHT, tr("&Light"), tr("Dark text on a light page")),
            (DARK, tr("&Dark"), tr("Light text on a dark page")),
        )
        for value, text, tip in entries:
            action = QAction(text, self)
            action.setCheckable(True)
            action.setData(value)
            action.setObjectName(f"theme{value.title()}Action")
            action.setStatusTip(tip)
            action.setToolTip(tip)
            action.triggered.connect(self._on_triggered)
            self.group.addAction(action)
            self.addAction(action)
        self.setToolTipsVisible(True)
        self._sync(theme().choice())
        theme().choiceChanged.connect(self._sync)

    def action_for(self, value: str) -> QAction:
        return next(a for a in self.group.actions() if a.data() == value)

    def _on_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction) and action.data() != theme().choice():
            theme().set_choice(str(action.data()))

    def _sync(self, value: str) -> None:
        for action in self.group.actions():
            action.setChecked(action.data() == value)


def theme_menu(parent: QWidget | None = None) -> QMenu:
    """The View → Theme submenu."""
    return ThemeMenu(parent)
