"""A team database on PostgreSQL: made once by ``hashiya team init``, analysts added by a lead.

Each analyst is a PostgreSQL login role in one of the groups of :mod:`model.pgschema`
(annotator, reviewer, lead), so what an analyst may change is enforced by the server, whatever
program they connect with; ``team`` lists who was added and as what.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import UsageError
from .pg import PgConnection
from .pgschema import GROUP, ROLES, migrate

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@dataclass(frozen=True)
class Member:
    name: str
    role: str


def init(url: str) -> None:
    """Make the team schema (tables, roles, row-level security) in the database at ``url``;
    nothing happens to a database that has it already."""
    conn = PgConnection(url)
    try:
        migrate(conn, create=True)
    finally:
        conn.close()


def check_name(name: str) -> str:
    """An analyst's login: lower-case letters, digits and underscores (PostgreSQL folds and
    quotes other names, which would make ``annotator = current_user`` surprising)."""
    if not _NAME.fullmatch(name) or name in GROUP.values() or name == "gold" or name.startswith("pg_"):
        raise UsageError(
            f"analyst name {name!r}: use lower-case letters, digits and _ (at most 63, not a reserved name)"
        )
    return name


def add(url: str, name: str, role: str, password: str | None = None) -> Member:
    """Add an analyst (a login role) as ``role``, or change the role of one already added."""
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
    check_name(name)
    conn = PgConnection(url)
    try:
        migrate(conn, create=False)
        conn.execute("BEGIN")
        try:
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (name,)).fetchone()
            if exists is None:
                conn.execute(f"CREATE ROLE {name} LOGIN")
            if password is not None:
                literal = conn.execute("SELECT quote_literal(?)", (password,)).fetchone()
                assert literal is not None
                conn.execute(f"ALTER ROLE {name} PASSWORD {literal[0]}")
            for other in ROLES:
                conn.execute(f"REVOKE {GROUP[other]} FROM {name}")
            conn.execute(f"GRANT {GROUP[role]} TO {name}")
            # a lead adds analysts: making login roles and granting the groups needs CREATEROLE
            conn.execute(f"ALTER ROLE {name} {'CREATEROLE' if role == 'lead' else 'NOCREATEROLE'}")
            conn.execute(
                "INSERT INTO team (name, role) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET role = excluded.role",
                (name, role),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
    return Member(name, role)


def members(url: str) -> list[Member]:
    conn = PgConnection(url)
    try:
        migrate(conn, create=False)
        return [Member(*row) for row in conn.execute("SELECT name, role FROM team ORDER BY name")]
    finally:
        conn.close()

