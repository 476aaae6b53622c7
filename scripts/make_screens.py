"""Render the README's review screenshots on a small Arabic database built here: the bundled
sample articles plus a few short generated ones, tagged by three analysts over ten days.

Usage: .venv-test/bin/python scripts/make_screens.py [OUT_DIR]   (default: docs/)
Writes statistics.png (the Statistics window), agreement.png (the Agreement window) and
overview.png (the corpus overview's grouped tab).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from gui.app import ensure_application
from gui.session import Session
from model.store import Store, content_hash
from model.textio import read_text_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
SIZE = (1100, 760)
MAX_BYTES = 200_000
ANALYSTS = ("amal", "basma", "karim")
DAYS = [f"2026-11-{day:02d}" for day in range(16, 26)]

# names as they are spelt in the articles (some spelt two ways, as news sites do)
ACTORS = ("وزارة الخارجية الروسية", "وزارة الخارجية الأذربيجانية", "رحمان مصطفاييف", "مصطفاييف", "مصطفىايف",
          "بيوتر فولكوفيخ", "ماريا زاخاروفا", "لافروف", "إلهام علييف", "الهام علييف", "سبوتنيك", "الكرملين",
          "لجنة التحقيق الروسية", "الشرطة الأذربيجانية")
PLACES = ("أذربيجان", "اذربيجان", "روسيا", "موسكو", "باكو", "يكاترينبورغ", "كازاخستان", "أكتاو", "قزوين",
          "تركيا", "أنقرة", "طهران")
EVENTS = ("استدعاء", "استدعت", "اعتقال", "مداهمات", "تحطم", "احتجاج", "زيارة", "محادثات", "اتفاق")

# short generated articles: sentences over the same names, in other words
SENTENCES = (
    "أعلنت {a} أن {a2} سيقوم ب{e} إلى {p} الأسبوع المقبل",
    "وقال {a} في مؤتمر صحفي إن العلاقات مع {p} تمر بمرحلة صعبة",
    "وأكد {a} أن {e} لن يؤثر على التعاون بين {p} و{p2}",
    "وفي {p}، نفذت {a} {e} جديدة أسفرت عن توقيف عدة أشخاص",
    "ورحب {a} بنتائج {e} التي جرت في {p} بحضور وفد من {p2}",
    "ونقلت وكالة {a} عن مصادر في {p} أن {e} كان متوقعا",
    "ودعا {a} إلى الحوار بعد {e} السفير في {p}",
)
CALLS = ("زيارة", "محادثات", "اتفاق", "احتجاج")
RAIDS = ("مداهمات", "اعتقال", "استدعاء")


def articles(rng: random.Random) -> list[tuple[str, str]]:
    """(title, text): the samples, then a few generated articles."""
    found = []
    for path in sorted(SAMPLES.glob("*.txt")):
        text = read_text_file(path)
        found.append((text.strip().splitlines()[0], text))
    actors = [a for a in ACTORS if a not in ("مصطفاييف", "مصطفىايف")]
    for n in range(9):
        lines = []
        for template in rng.sample(SENTENCES, 4):
            p, p2 = rng.sample(PLACES, 2)
            a, a2 = rng.sample(actors, 2)
            event = rng.choice(RAIDS if "نفذت" in template else CALLS)
            lines.append(template.format(a=a, a2=a2, p=p, p2=p2, e=event))
        title = lines[0].split("،")[0][:48]
        found.append((title, f"خبر {n + 1}\n\n" + ".\n\n".join(lines) + "."))
    return found


def mentions(text: str) -> list[tuple[int, int, str]]:
    """Every whole mention of a known name, the longest first where two overlap."""
    names = [(name, "ACTOR") for name in ACTORS] + [(name, "PLACE") for name in PLACES]
    names += [(name, "EVENT") for name in EVENTS]
    names.sort(key=lambda item: -len(item[0]))
    taken = [False] * len(text)
    found = []
    for name, label in names:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if not any(taken[at:end]):
                found.append((at, end, label))
                for i in range(at, end):
                    taken[i] = True
            at = text.find(name, end)
    return sorted(found)


def build_db(path: Path) -> None:
    """The articles, each tagged by two or three analysts (alike, not the same), on several days;
    most of them done."""
    rng = random.Random(5)
    with Store(path) as store:
        with store.transaction() as conn:
            for n, (title, text) in enumerate(articles(rng)):
                status = "done" if n < 10 else "in_progress"
                conn.execute(
                    "INSERT INTO documents (ext_id, title, text, status, content_hash) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (f"sample-{n}", title, text, status, content_hash(text)),
                )
                doc_id = n + 1
                found = mentions(text)
                who = ANALYSTS if n % 4 else rng.sample(ANALYSTS, 2)
                for analyst, keep in zip(ANALYSTS, (0.95, 0.85, 0.75), strict=True):
                    if analyst not in who:
                        continue
                    first = rng.randrange(len(DAYS) - 2)
                    rows = set()
                    for start, end, label in found:
                        if rng.random() > keep:
                            continue
                        if analyst == "karim" and label == "EVENT" and rng.random() < 0.3:
                            continue
                        if analyst == "basma" and start > 0 and text[start - 1] == "و" and rng.random() < 0.5:
                            start -= 1  # took the conjunction in
                        if analyst == "karim" and text[start:end] == "الكرملين" and rng.random() < 0.5:
                            label = "PLACE"  # the building, not the government
                        rows.add((start, end, label))
                    for start, end, label in rows:
                        day = DAYS[min(len(DAYS) - 1, first + rng.randrange(3))]
                        at = f"{day}T{rng.randrange(8, 18):02d}:{rng.randrange(60):02d}:00Z"
                        conn.execute(
                            'INSERT INTO spans (doc_id, start, "end", label, annotator, created) '
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            (doc_id, start, end, label, analyst, at),
                        )
                    if status == "done":
                        day = DAYS[min(len(DAYS) - 1, first + 2)]
                        conn.execute(
                            "INSERT INTO status_changes (doc_id, status, annotator, at) "
                            "VALUES (?, 'done', ?, ?)",
                            (doc_id, analyst, f"{day}T17:30:00Z"),
                        )


def wait_for(signal: object, ready: Callable[[], bool], ms: int = 20_000) -> None:
    """Let the window's worker finish: until ``signal`` fires (or ``ready`` is already true)."""
    fired = []
    signal.connect(lambda *_args: fired.append(True))  # type: ignore[attr-defined]
    waited = 0
    while not fired and not ready() and waited < ms:
        QTest.qWait(50)
        waited += 50
    if not fired and not ready():
        raise RuntimeError("the window did not finish reading")
    QTest.qWait(200)  # the last layout and paint


def save(widget: QWidget, out: Path) -> None:
    """Grab ``widget`` and save it as PNG, scaled down if it would be over :data:`MAX_BYTES`."""
    image: QImage = widget.grab().toImage()
    scale = 1.0
    while True:
        shown = image if scale == 1.0 else image.scaledToWidth(
            round(image.width() * scale), Qt.TransformationMode.SmoothTransformation)
        shown.save(str(out), quality=0)  # PNG by the suffix; 0: smallest
        if out.stat().st_size <= MAX_BYTES or scale < 0.6:
            break
        scale -= 0.1
    print(f"{out}: {shown.width()}×{shown.height()}, {out.stat().st_size / 1000:.0f} KB")


def quiet(kind: QtMsgType, _context: object, message: str) -> None:
    if "propagateSizeHints" not in message and "does not support raise()" not in message:
        print(message, file=sys.stderr)


def main(out_dir: Path) -> None:
    qInstallMessageHandler(quiet)
    app = ensure_application()
    from gui.agreement_window import show_agreement
    from gui.overview_window import show_overview
    from gui.statistics_window import show_statistics

    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)  # not the user's
        db = Path(tmp) / "screens.db"
        build_db(db)
        store = Store(db)
        parent = QWidget()

        statistics = show_statistics(store, parent)
        statistics.resize(1100, 1000)  # six charts: the names need the height
        wait_for(statistics.loaded, lambda: False)
        save(statistics, out_dir / "statistics.png")
        statistics.close()

        agreement = show_agreement(store, parent)
        agreement.resize(*SIZE)
        wait_for(agreement.loaded, lambda: False)
        agreement.list_cell("amal", "karim", "ACTOR", "exact")  # a cell's disagreements below
        wait_for(agreement.listed, lambda: False)
        save(agreement, out_dir / "agreement.png")
        agreement.close()

        session = Session(store, annotator="amal")
        overview = show_overview(session, lambda _span: None, parent, "PLACE")
        overview.resize(*SIZE)
        overview.tabs.setCurrentIndex(1)  # grouped: starts the grouping in a worker
        wait_for(overview.analysed, lambda: overview.analysis is not None)
        app.processEvents()
        save(overview, out_dir / "overview.png")
        overview.close()
        store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs")
