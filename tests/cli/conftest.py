from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass

import pytest

import main
from model.paths import SAMPLES


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys):
    """Run the command line in this process: run("import", ...) -> Result."""

    def _run(*argv: object) -> Result:
        code = main.main([str(a) for a in argv])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


@pytest.fixture
def samples(tmp_path):
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder)
    return folder


@pytest.fixture
def dump():
    """dump(path) -> the database as SQL statements, timestamps and all."""

    def _dump(path) -> list[str]:
        conn = sqlite3.connect(path)
        try:
            return list(conn.iterdump())
        finally:
            conn.close()

    return _dump
