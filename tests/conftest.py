"""Shared fixtures. Qt runs offscreen: this machine (and CI) has no display."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "resources" / "samples"
SEED = SAMPLES / "000-seed.txt"
MIXED = SAMPLES / "001-mixed-script.txt"
CLITICS = SAMPLES / "002-harakat-clitics.txt"
