"""Shared fixtures. Qt runs offscreen: this machine (and CI) has no display."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.pgcluster import Cluster, start_cluster  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"
SEED = SAMPLES / "000-seed.txt"
MIXED = SAMPLES / "001-mixed-script.txt"
CLITICS = SAMPLES / "002-harakat-clitics.txt"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One throwaway PostgreSQL server for the whole run (see tests/pgcluster.py). When none can be
    started this fails, it does not skip: the team store is tested wherever the suite runs."""
    cluster = start_cluster()
    yield cluster
    cluster.remove()


def _database(cluster: Cluster, template: str | None = None) -> Iterator[str]:
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    yield name
    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """The URL of a new, empty database on that server, dropped after the test."""
    for name in _database(pg_cluster):
        yield pg_cluster.url(name)


TEAM_TEMPLATE = "hashiya_team_template"
#: the analyst the team-database tests connect as (a lead: may do all a test asks)
TEAM_ANALYST = "analyst"


@pytest.fixture(scope="session")
def team_template(pg_cluster: Cluster) -> str:
    """A database with the team schema and one lead, copied for each test (much faster than
    making the schema each time)."""
    from model import team

    for name in _database(pg_cluster):
        team.init(pg_cluster.url(name))
        team.add(pg_cluster.url(name), TEAM_ANALYST, "lead")
        import psycopg

        with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {TEAM_TEMPLATE}")
            admin.execute(f"ALTER DATABASE {name} RENAME TO {TEAM_TEMPLATE}")
        break
    return TEAM_TEMPLATE


@pytest.fixture
def team_url(pg_cluster: Cluster, team_template: str) -> Iterator[str]:
    """A new team database (schema made, :data:`TEAM_ANALYST` a lead), connected to as that lead."""
    for name in _database(pg_cluster, team_template):
        yield pg_cluster.url(name, user=TEAM_ANALYST)
