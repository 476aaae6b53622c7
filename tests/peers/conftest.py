"""Peer tools run for real: skipped unless HASHIYA_PEERS_VENV names a virtual environment that has
them installed (kept apart from the app's own, see README "Loading exports in other tools")."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def peer_program(name: str) -> Path:
    """``$HASHIYA_PEERS_VENV/bin/NAME``, or skip the test."""
    venv = os.environ.get("HASHIYA_PEERS_VENV")
    if not venv:
        pytest.skip("set HASHIYA_PEERS_VENV to a venv with the peer tools to run this test")
    program = Path(venv) / "bin" / name
    if not program.exists():
        pytest.skip(f"{program} is not installed")
    return program
