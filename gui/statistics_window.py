"""The Statistics window (View → Statistics…): the corpus in four charts, each savable as PNG or SVG.

The numbers come from :func:`model.statistics.corpus_statistics`, read in a worker on its own
connection (on 100k documents and 1M spans they take about a second, too long for the GUI
thread); Refresh reads them again. Charts are drawn with pyqtgraph, imported with this module,
which the main window imports only when the window is first asked for, so the app's cold start
does not load it (nor numpy).

Arabic names are given to Qt as they are stored: Qt shapes them and lays them out right to left
itself (never reshape text for Qt). The top names chart reads right to left: the names stand on
the right and their bars grow leftwards.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

import pyqtgraph as pg  # type: ignore[import-untyped]
from pyqtgraph.exporters import ImageExporter  # type: ignore[import-untyped]
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGraphicsView,
    QGraphicsWidget,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.agreement import agreement
from model.records import Label, Progress
from model.statistics import NAME_LABELS, corpus_statistics
from model.store import Store

from .fonts import ARTICLE_FAMILY_FALLBACKS, load_bundled_fonts
from .i18n import QT_TR_NOOP, tr
from .messages import show_message
from .reading_window import ReadingWindow, show_once
from .theme import chart_colors, follow_theme, mark_color

OBJECT_NAME = "statisticsWindow"
STATUS_NAMES = {
    "new": QT_TR_NOOP("new"),
    "in_progress": QT_TR_NOOP("in progress"),
    "done": QT_TR_NOOP("done"),
    "skipped": QT_TR_NOOP("skipped"),
}
STATUS_COLORS = {"new": "#9e9e9e", "in_progress": "#f0a202", "done": "#2ca02c", "skipped": "#d62728"}
#: one colour per analyst's line (tab10 without the label colours' first three)
LINE_COLORS = ["#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#1f77b4", "#ff7f0e", "#7f7f7f"]
NAME_COLORS = {"ACTOR": "#1f77b4", "PLACE": "#2ca02c"}

DAY_SECONDS = 86400

pg.setConfigOptions(antialias=True)  # foreground and background: the scheme's (StatisticsWindow._restyle)


def _chart_font(point_size: float = 10.0) -> QFont:
    """Axis text: the bundled Naskh first for Arabic, the UI font's family for the rest."""
    load_bundled_fonts()
    font = QFont()
    font.setFamilies([QFont().family(), *ARTICLE_FAMILY_FALLBACKS])
    font.setPointSizeF(point_size)
    return font


def _count_step(top: float) -> int:
    """A whole tick step giving at most six ticks up to ``top`` (1, 2, 5, 10, 20, 50, …)."""
    step = 1
    while top / step > 6:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if top / step <= 6:
                break
    return step


def _count_axis(axis: Any, top: float) -> None:
    """Counts are whole numbers: no 0.2 ticks."""
    step = _count_step(top)
    axis.setTickSpacing(step, step)


def _day_seconds(day: str) -> float:
    return dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp()


def _all_days(days: Sequence[str]) -> list[str]:
    """Every day from the first to the last of ``days`` (a line drops to 0 on a day without spans)."""
    if not days:
        return []
    first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
    return [(first + dt.timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


class ChartPanel(QFrame):
    """One chart under its title, with a Save… button that writes it as PNG or SVG."""

    def __init__(self, name: str, title: str, chart: QWidget, export_item: Callable[[], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name = name
        self.chart = chart
        chart.setObjectName(name)
        # drawn as designed in either language (the names chart reads right to left by itself); a
        # right-to-left application would otherwise mirror the whole scene, axes and bars
        chart.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        scene = chart.scene() if isinstance(chart, QGraphicsView) else None
        for item in scene.items() if scene is not None else []:  # they follow the application's
            if isinstance(item, QGraphicsWidget) and item.parentItem() is None:
                item.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self._export_item = export_item
        heading = QLabel(title, self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        self.save_button = QPushButton(tr("Save…"), self)
        self.save_button.setObjectName(f"{name}Save")
        self.save_button.setToolTip(tr("Save this chart as a PNG image or an SVG drawing"))
        self.save_button.clicked.connect(self.ask_save)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(chart, 1)

    def ask_save(self) -> None:
        filters = tr("PNG image (*.png);;SVG drawing (*.svg)")
        path, chosen = QFileDialog.getSaveFileName(self, tr("Save chart"), f"{self.name}.png", filters)
        if not path:
            return
        if Path(path).suffix.lower() not in (".png", ".svg"):
            path += ".svg" if "svg" in chosen.lower() else ".png"
        try:
            self.save(path)
        except OSError as exc:
            cannot = tr("Cannot save {path}: {why}").format(path=path, why=exc.strerror or exc)
            show_message(self, tr("Save chart"), cannot)

    def save(self, path: str) -> None:
        """Write the chart to ``path``: SVG when it ends in .svg, else PNG (twice the size on screen)."""
        item = self._export_item()
        if path.lower().endswith(".svg"):
            self._save_svg(item, path)
            return
        exporter = ImageExporter(item)
        exporter.parameters()["width"] = max(800, int(item.boundingRect().width() * 2))
        exporter.parameters()["antialias"] = True
        if exporter.export(path) is False or not Path(path).exists():
            raise OSError(f"{path}: not written")

    def _save_svg(self, item: Any, path: str) -> None:
        """Qt's own SVG generator over the chart's scene: pyqtgraph 0.14's SVGExporter fails on
        the closed paths Qt 6.10+ writes (pyqtgraph issue #3495). Text stays text, in logical
        order, for the SVG reader to shape."""
        source = item.sceneBoundingRect()
        size = source.size().toSize()
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(self.name)
        # the screen's resolution: pyqtgraph's axes replay recorded pictures, which Qt would
        # otherwise scale by the generator's 72 dpi against the screen's
        generator.setResolution(self.chart.logicalDpiX())
        painter = QPainter(generator)
        try:
            back = chart_colors().back  # on the chart's background, as on the screen
            if isinstance(self.chart, QGraphicsView):
                back = self.chart.backgroundBrush().color()
            painter.fillRect(QRectF(0, 0, size.width(), size.height()), back)
            item.scene().render(painter, QRectF(0, 0, size.width(), size.height()), source)
        finally:
            painter.end()
        if not Path(path).exists():
            raise OSError(f"{path}: not written")


#: names drawn per label (the numbers hold more): each keeps room for its Arabic text
CHARTED_NAMES = 10


class StatisticsWindow(ReadingWindow):
    """A non-modal window of charts over the corpus of ``store`` (read again on Refresh)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent, tr("&Refresh"))
        self.setObjectName(OBJECT_NAME)
        self.setWindowTitle(tr("Statistics"))
        self.stats: dict[str, Any] | None = None
        self.status_bars: pg.BarGraphItem | None = None
        self.label_bars: pg.BarGraphItem | None = None
        self.progress_curves: dict[str, pg.PlotDataItem] = {}
        self.name_bars: dict[str, pg.BarGraphItem] = {}
        self._labels = store.labels()
        self._colors = {label.name: label.color for label in self._labels}
        font = _chart_font()

        self.status_plot = self._plot(font)
        self.label_plot = self._plot(font)
        self.progress_plot = self._plot(font, pg.DateAxisItem(orientation="bottom", utcOffset=0))
        self.legend = self.progress_plot.getPlotItem().addLegend(offset=(10, 5), labelTextSize="9pt")
        self.names_chart = pg.GraphicsLayoutWidget()
        self.names_plots: dict[str, pg.PlotItem] = {}
        self._name_font = _chart_font(11)
        for n, label in enumerate(NAME_LABELS):  # right to left: the first label on the right
            plot = self.names_chart.addPlot(row=0, col=len(NAME_LABELS) - 1 - n)
            self._rtl_names_axes(plot, font)
            self.names_plots[label] = plot
        self.analyst_plot = self._plot(font)
        self.agreement_plot = self._plot(font)
        self.analyst_bars: pg.BarGraphItem | None = None
        self.agreement_bars: pg.BarGraphItem | None = None
        self.panels = [
            ChartPanel("statusChart", tr("Documents by status"), self.status_plot,
                       self.status_plot.getPlotItem, self),
            ChartPanel("labelChart", tr("Spans per label"), self.label_plot,
                       self.label_plot.getPlotItem, self),
            ChartPanel("analystChart", tr("Documents per analyst (done)"), self.analyst_plot,
                       self.analyst_plot.getPlotItem, self),
            ChartPanel("agreementChart", tr("Agreement per label (Krippendorff's alpha)"),
                       self.agreement_plot,
                       self.agreement_plot.getPlotItem, self),
            ChartPanel("progressChart", tr("Spans added per day, by analyst"), self.progress_plot,
                       self.progress_plot.getPlotItem, self),
            ChartPanel("namesChart", tr("Most frequent actors and places"), self.names_chart,
                       lambda: self.names_chart.ci, self),
        ]

        self.summary.setText(tr("Reading the corpus…"))
        self.summary.setObjectName("statisticsSummary")
        self.summary.setWordWrap(False)
        self.refresh_button.setObjectName("statisticsRefresh")
        self.refresh_button.setToolTip(tr("Read the numbers again"))
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.refresh_button)
        grid = QGridLayout()
        for n, panel in enumerate(self.panels):
            grid.addWidget(panel, n // 2, n % 2)
        grid.setRowStretch(0, 2)
        grid.setRowStretch(1, 2)
        grid.setRowStretch(2, 4)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(grid, 1)
        self.resize(1200, 980)
        self.colors = chart_colors()
        follow_theme(self, self._restyle)

    def _restyle(self) -> None:
        """The charts in the scheme in use: the page's background, its text for text and axes, and
        bars and lines in their colours made to stand out from that background (3:1); again on each
        change of scheme."""
        colors = self.colors = chart_colors()
        pg.setConfigOptions(foreground=colors.text, background=colors.back)  # for items made later
        for chart in (*self._charts(), self.names_chart):
            chart.setBackground(colors.back)
        for plot in self._plot_items():
            for name in ("left", "bottom", "right", "top"):
                axis = plot.getAxis(name)
                axis.setPen(colors.axis)
                axis.setTextPen(colors.text)
        legend_back = QColor(colors.back)
        legend_back.setAlpha(210)
        self.legend.setBrush(legend_back)
        self.legend.setLabelTextColor(colors.text)
        if self.stats is not None:
            self._draw()

    def _charts(self) -> list[pg.PlotWidget]:
        return [self.status_plot, self.label_plot, self.progress_plot, self.analyst_plot, self.agreement_plot]

    def _plot_items(self) -> list[pg.PlotItem]:
        return [chart.getPlotItem() for chart in self._charts()] + list(self.names_plots.values())

    def _mark(self, color: str) -> QColor:
        """A bar's or line's colour, 3:1 on the charts' background."""
        return mark_color(QColor(color), self.colors.back)

    # ---- charts -------------------------------------------------------------------------

    @staticmethod
    def _plot(font: QFont, bottom: Any = None) -> pg.PlotWidget:
        axes = {"bottom": bottom} if bottom is not None else None
        plot = pg.PlotWidget(axisItems=axes)
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.showGrid(y=True, alpha=0.25)
        for name in ("left", "bottom"):
            plot.getAxis(name).setStyle(tickFont=font)
        plot.setMinimumSize(360, 220)
        return plot

    def _rtl_names_axes(self, plot: pg.PlotItem, font: QFont) -> None:
        """Names on the right, bars growing leftwards from them, the first name at the top."""
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.invertX(True)
        plot.invertY(True)
        plot.showAxis("right")
        plot.hideAxis("left")
        plot.showGrid(x=True, alpha=0.25)
        plot.getAxis("right").setStyle(tickFont=self._name_font, tickLength=0, autoExpandTextSpace=False)
        plot.getAxis("bottom").setStyle(tickFont=font)

    def _show_bars(self, plot: pg.PlotWidget, old: pg.BarGraphItem | None, names: list[str],
                   values: list[int], colors: list[str]) -> pg.BarGraphItem:
        if old is not None:
            plot.removeItem(old)
        bars = pg.BarGraphItem(x=list(range(len(values))), height=values, width=0.6,
                               brushes=[pg.mkBrush(self._mark(c)) for c in colors],
                               pen=pg.mkPen(None))  # one pen: pyqtgraph fails on an empty list of pens
        plot.addItem(bars)
        plot.getAxis("bottom").setTicks([list(enumerate(names))])
        plot.setXRange(-0.6, max(len(values) - 0.4, 0.6), padding=0)
        top = max([*values, 1]) * 1.08
        plot.setYRange(-top * 0.004, top, padding=0)  # a hair below 0, so its tick is drawn
        _count_axis(plot.getAxis("left"), top)
        return bars

    def _show_agreement(self, alphas: dict[str, float | None]) -> None:
        """Alpha per label, 0 to 1, in the labels' colours (a label no two analysts share: none)."""
        plot = self.agreement_plot
        if self.agreement_bars is not None:
            plot.removeItem(self.agreement_bars)
        names = [name for name, alpha in alphas.items() if alpha is not None]
        values = [float(alphas[name] or 0.0) for name in names]
        brushes = [pg.mkBrush(self._mark(self._colors.get(n, "#7f7f7f"))) for n in names]
        bars = pg.BarGraphItem(x=list(range(len(values))), height=values, width=0.6, brushes=brushes,
                               pen=pg.mkPen(None))  # one pen: pyqtgraph fails on an empty list
        plot.addItem(bars)
        self.agreement_bars = bars
        plot.getAxis("bottom").setTicks([list(enumerate(names))])
        plot.setXRange(-0.6, max(len(values) - 0.4, 0.6), padding=0)
        plot.setYRange(min([0.0, *values]), 1.0, padding=0.02)

    def _show_progress(self, per_day: dict[str, Any]) -> None:
        plot = self.progress_plot
        plot.clear()
        self.progress_curves = {}
        days = _all_days(per_day["days"])
        xs = [_day_seconds(day) for day in days]
        for n, (analyst, counts) in enumerate(per_day["spans"].items()):
            color = self._mark(LINE_COLORS[n % len(LINE_COLORS)])
            ys = [counts.get(day, 0) for day in days]
            self.progress_curves[analyst] = plot.plot(
                xs, ys, name=html.escape(analyst or tr("(unnamed)")), pen=pg.mkPen(color, width=2),
                symbol="o", symbolSize=5, symbolBrush=color, symbolPen=None,
            )
        if not xs:  # nothing yet: the last week
            today = _day_seconds(dt.datetime.now(dt.UTC).date().isoformat())
            xs = [today - 6 * DAY_SECONDS, today]
        plot.setXRange(xs[0] - DAY_SECONDS / 2, xs[-1] + DAY_SECONDS / 2, padding=0)
        top = max([1, *(n for counts in per_day["spans"].values() for n in counts.values())]) * 1.08
        plot.setYRange(-top * 0.004, top, padding=0)  # a hair below 0, so its tick is drawn
        _count_axis(plot.getAxis("left"), top)

    def _show_names(self, top: dict[str, list[dict[str, Any]]]) -> None:
        for label, plot in self.names_plots.items():
            names = top.get(label, [])[:CHARTED_NAMES]
            old = self.name_bars.pop(label, None)
            if old is not None:
                plot.removeItem(old)
            title = next((lab.title for lab in self._labels if lab.name == label), "") or label
            plot.setTitle(html.escape(title), size="12pt", color=self.colors.text.name())  # it reads HTML
            counts = [name["count"] for name in names]
            color = self._mark(self._colors.get(label, NAME_COLORS.get(label, "#1f77b4")))
            bars = pg.BarGraphItem(x0=0, y=list(range(len(counts))), width=counts, height=0.7,
                                   brush=pg.mkBrush(color), pen=pg.mkPen(None))
            plot.addItem(bars)
            self.name_bars[label] = bars
            axis = plot.getAxis("right")
            axis.setTicks([[(i, name["text"]) for i, name in enumerate(names)]])
            # wide enough for the longest name now: a tick label that does not fit is not drawn,
            # and pyqtgraph would only widen the axis at a later paint (a saved chart would lack it)
            metrics = QFontMetrics(self._name_font)
            axis.setWidth(max([40, *(metrics.horizontalAdvance(name["text"]) + 14 for name in names)]))
            plot.setYRange(-0.6, max(len(counts), 5) - 0.4, padding=0)
            longest = max([*counts, 1]) * 1.05
            plot.setXRange(0, longest, padding=0)
            _count_axis(plot.getAxis("bottom"), longest)
            plot.layout.activate()
        self.names_chart.ci.layout.activate()

    # ---- reading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the numbers again in a worker; the charts change when they arrive."""
        self.read(_read, tr("Reading the corpus…"), tr("Cannot read the statistics"), self._show_read)

    def _show_read(self, value: object) -> None:
        stats, labels = cast(tuple[dict[str, Any], list[Label]], value)
        self.show_statistics(stats, labels)

    def show_statistics(self, stats: dict[str, Any], labels: list[Label] | None = None) -> None:
        """Draw ``stats`` (from :func:`corpus_statistics`), bars in the colours of ``labels``."""
        self.stats = stats
        if labels is not None:
            self._labels = labels
            self._colors = {label.name: label.color for label in labels}
        self._draw()
        self.loaded.emit()

    def _draw(self) -> None:
        stats = self.stats
        assert stats is not None
        by_status = stats["by_status"]
        self.status_bars = self._show_bars(
            self.status_plot, self.status_bars,
            [tr(STATUS_NAMES[s]) if s in STATUS_NAMES else s for s in by_status],
            list(by_status.values()), [STATUS_COLORS.get(s, "#7f7f7f") for s in by_status],
        )
        by_label = stats["by_label"]
        titles = {label.name: label.title for label in self._labels}
        self.label_bars = self._show_bars(
            self.label_plot, self.label_bars,
            [f"{name} ({titles[name]})" if titles.get(name) else name for name in by_label],
            list(by_label.values()), [self._colors.get(name, "#7f7f7f") for name in by_label],
        )
        by_analyst = stats["by_analyst"]
        self.analyst_bars = self._show_bars(
            self.analyst_plot, self.analyst_bars, [name or tr("(unnamed)") for name in by_analyst],
            [d["documents"] for d in by_analyst.values()],
            [LINE_COLORS[n % len(LINE_COLORS)] for n in range(len(by_analyst))],
        )
        self._show_agreement(stats.get("agreement", {}))
        self._show_progress(stats["per_day"])
        self._show_names(stats["top_names"])
        analysts = len(stats["by_analyst"])
        self.summary.setText(
            tr("{documents} documents, {spans} spans, %n analyst(s)", "", analysts).format(
                documents=f"{stats['documents']:,}", spans=f"{stats['spans']:,}"
            )
        )


def _read(store: Store, _progress: Progress) -> tuple[dict[str, Any], list[Label]]:
    """The worker's job: the numbers (with the analysts' agreement per label), and the labels'
    names and colours as they are now."""
    stats = corpus_statistics(store)
    labels = store.labels()
    report = agreement(store)
    stats["agreement"] = {label.name: report.alpha(label.name) for label in labels}
    return stats, labels


def show_statistics(store: Store, parent: QWidget) -> StatisticsWindow:
    """Show the Statistics window of ``parent`` (made on first use, read again when shown again)."""
    return show_once(StatisticsWindow, OBJECT_NAME, store, parent)
