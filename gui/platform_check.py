"""Say plainly what a bare Linux desktop lacks before Qt aborts on a missing platform plugin."""

from __future__ import annotations

import ctypes.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Shared libraries Qt's xcb platform plugin loads, with the Debian/Ubuntu package providing each.
XCB_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11-xcb.so.1": "libx11-xcb1",
}


def _xcb_plugin() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    found = sorted(Path(PySide6.__file__).parent.glob("Qt/plugins/platforms/libqxcb.so"))
    return found[0] if found else None


def missing_libraries() -> list[str]:
    """Shared libraries the xcb plugin links to that the system cannot find (via ldd)."""
    plugin = _xcb_plugin()
    if plugin and shutil.which("ldd"):
        out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=False).stdout
        return sorted(set(re.findall(r"^\s*(\S+) => not found", out, re.MULTILINE)))
    return [lib for lib in XCB_PACKAGES if ctypes.util.find_library(lib[3:].split(".so")[0]) is None]


def display_problem() -> str | None:
    """A short explanation when the GUI cannot start here, else None."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return (
            "hashiya: no display found (DISPLAY is not set). Run it on a desktop, under "
            "`xvfb-run make run`, or use the command line: `hashiya --help`."
        )
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return None
    missing = missing_libraries()
    if not missing:
        return None
    packages = [XCB_PACKAGES.get(lib, lib) for lib in missing]
    return (
        "hashiya: Qt's xcb platform plugin cannot load; missing system libraries: "
        + " ".join(missing)
        + f"\n  on Debian/Ubuntu: sudo apt-get install {' '.join(packages)}"
    )
