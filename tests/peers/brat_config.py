"""brat's own configuration parser (``server/src/projectconfig.py``), loaded from a brat source tree
so that tests can check the ``annotation.conf`` and ``visual.conf`` Hashiya writes the way brat
reads them. The tree is taken from ``HASHIYA_BRAT_SRC`` (a brat checkout), or extracted from a git
mirror of nlplab/brat at ``HASHIYA_BRAT_GIT`` (default ``/work/.mirror/nlplab+brat/repo``); tests
skip when neither is there. No network is used.

brat is Python 3 code from before 3.11: its ``open_textfile`` asks ``codecs.open`` for mode ``'rU'``,
which Python 3.11 refuses, so the ``U`` is dropped; ``config`` (brat's settings) is a stub module.
"""

from __future__ import annotations

import codecs
import importlib
import io
import os
import subprocess
import sys
import tarfile
import types
import warnings
from pathlib import Path
from typing import Any

DEFAULT_GIT = "/work/.mirror/nlplab+brat/repo"


def brat_source(cache: Path) -> Path | None:
    """A folder holding brat's ``server/src``, or None when no brat source is at hand."""
    given = os.environ.get("HASHIYA_BRAT_SRC")
    if given:
        src = Path(given) / "server" / "src"
        return src if (src / "projectconfig.py").is_file() else None
    git_dir = os.environ.get("HASHIYA_BRAT_GIT", DEFAULT_GIT)
    if not Path(git_dir).is_dir():
        return None
    src = cache / "server" / "src"
    if not (src / "projectconfig.py").is_file():
        try:
            archive = subprocess.run(["git", f"--git-dir={git_dir}", "archive", "HEAD", "server/src"],
                                     check=True, capture_output=True, timeout=120).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(cache, filter="data")
    return src if (src / "projectconfig.py").is_file() else None


class Messages:
    """What brat's parser said (its Messager's warnings and errors)."""

    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []

    def add(self, kind: str) -> Any:
        return lambda message, *args, **kwargs: self.said.append((kind, str(message)))


def load_projectconfig(src: Path, base_dir: Path) -> tuple[types.ModuleType, Messages]:
    """brat's ``projectconfig`` module (fresh: its caches empty) and the messages it gives.
    ``base_dir``: the folder above the projects read; brat looks for config files from a project's
    folder up to it (and loops for ever at ``/`` when one is missing, so it must not be ``/``)."""
    for name in ("projectconfig", "annotation", "message", "realmessage", "sosmessage", "config"):
        sys.modules.pop(name, None)
    config = types.ModuleType("config")
    config.BASE_DIR = str(base_dir)  # type: ignore[attr-defined]
    config.DEBUG = False  # type: ignore[attr-defined]
    sys.modules["config"] = config
    if str(src) not in sys.path:
        sys.path.insert(0, str(src))
    annotation = importlib.import_module("annotation")
    annotation.codecs_open = lambda filename, mode, **kwargs: codecs.open(filename, mode.replace("U", ""),
                                                                          **kwargs)
    with warnings.catch_warnings():  # brat's "\s" in a plain string literal
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        module = importlib.import_module("projectconfig")
    messages = Messages()
    messager = module.Messager
    for kind in ("warning", "error", "info", "debug"):
        setattr(messager, kind, staticmethod(messages.add(kind)))
    return module, messages
