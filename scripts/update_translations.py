"""Bring the interface's translations up to date: ``python scripts/update_translations.py``
(or ``make translations``).

1. ``pyside6-lupdate`` collects every ``tr("…")`` and ``QT_TR_NOOP("…")`` in ``gui/*.py`` and
   ``model/*.py`` (the model's error messages: see ``HashiyaError``) into
   ``gui/translations/hashiya_ar.ts`` (new strings arrive *unfinished*; strings no longer in the
   code are dropped) and the plural entries alone into ``hashiya_en.ts`` (English's one/many forms).
2. A translator fills the unfinished entries (Qt Linguist, or any editor: it is XML).
3. ``pyside6-lrelease`` compiles each ``.ts`` into the ``.qm`` the application loads (shipped in
   the package, see pyproject.toml). ``--check`` only reports whether the ``.qm`` files are stale,
   entries are unfinished or strings in the code are missing from a ``.ts``, and exits 1 if so.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "gui" / "translations"
#: language -> extra lupdate options (English keeps only the entries with plural forms)
LANGUAGES = {"ar": [], "en": ["-pluralonly"]}


def tool(name: str) -> str:
    """``pyside6-<name>`` next to this Python, else on the PATH."""
    here = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(here) if here.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 (the test environment has it)")
    return found


def sources() -> list[str]:
    """The interface's modules and the model's (whose messages mark their templates with
    ``QT_TR_NOOP``, from ``model/text.py``, for the interface to translate where it shows them)."""
    found = [*(ROOT / "gui").glob("*.py"), *(ROOT / "model").glob("*.py")]
    return sorted(str(p.relative_to(ROOT)) for p in found)


def ts_path(language: str) -> Path:
    return FOLDER / f"hashiya_{language}.ts"


def update(language: str, ts: Path | None = None) -> None:
    """Collect the strings into ``ts`` (default: the language's .ts in the repo)."""
    options = LANGUAGES[language]
    subprocess.run(
        [tool("lupdate"), *sources(), "-no-obsolete", "-locations", "none", "-source-language", "en",
         "-target-language", language, *options, "-ts", str(ts or ts_path(language))],
        cwd=ROOT, check=True, capture_output=True,
    )


def release(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def unfinished(ts: Path) -> list[str]:
    """The source texts of the entries not translated yet (or marked unfinished)."""
    found = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            found.append(source)
            continue
        forms = translation.findall("numerusform")
        texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
        if not all(t.strip() for t in texts):
            found.append(source)
    return found


def check() -> int:
    """1 when a shipped .qm differs from its .ts compiled afresh, or a .ts has unfinished entries."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for language in LANGUAGES:
            ts, qm = ts_path(language), FOLDER / f"hashiya_{language}.qm"
            fresh = Path(tmp) / qm.name
            release(ts, fresh)
            if not qm.exists() or not filecmp.cmp(fresh, qm, shallow=False):
                problems.append(f"{qm.relative_to(ROOT)} is not compiled from {ts.name}: run {__file__}")
            problems += [f"{ts.name}: unfinished: {text!r}" for text in unfinished(ts)]
            collected = Path(tmp) / ts.name  # the strings in the code now, against the .ts
            shutil.copyfile(ts, collected)
            update(language, collected)
            problems += [
                f"{ts.name}: not translated yet (run {__file__}): {text!r}"
                for text in sorted(set(unfinished(collected)) - set(unfinished(ts)))
            ]
    print("\n".join(problems) or "translations are up to date")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale .qm files and unfinished entries")
    parser.add_argument("--no-update", action="store_true", help="compile only (do not run lupdate)")
    args = parser.parse_args()
    if args.check:
        return check()
    FOLDER.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        if not args.no_update:
            update(language)
        release(ts_path(language), FOLDER / f"hashiya_{language}.qm")
    left = {language: len(unfinished(ts_path(language))) for language in LANGUAGES}
    print("unfinished entries: " + ", ".join(f"{k} {v}" for k, v in left.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
