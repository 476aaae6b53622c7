"""Assignments: which analysts are to annotate which documents.

A lead hands documents out by their ids or by a filter (status, a search), to one analyst or
round-robin over several, with ``per_document`` analysts on each document (two or three when
their agreement is to be measured). Each analyst's queue is what is assigned to them and not yet
done or skipped. On a team database only leads may assign (the server refuses others).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from .errors import UsageError
from .store import Store


@dataclass
class AssignReport:
    documents: int = 0  # documents given out
    added: int = 0  # new (document, analyst) pairs
    already: int = 0  # pairs that were assigned before (left as they were)
    per_analyst: dict[str, int] = field(default_factory=dict)  # new pairs per analyst


def documents(
    store: Store,
    ids: Collection[str] | None = None,
    status: str | None = None,
    search: str | None = None,
    unassigned: bool = False,
) -> list[int]:
    """Document ids (in id order) named by external ``ids``, or listed with ``status`` and
    ``search`` as the document list would; ``unassigned`` keeps only those assigned to no one."""
    if ids is not None:
        wanted = list(dict.fromkeys(ids))
        found: dict[str, int] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                (ext, int(doc_id))
                for doc_id, ext in store.conn.execute(
                    f"SELECT id, ext_id FROM documents WHERE ext_id IN ({marks})", chunk
                )
            )
        missing = [ext for ext in wanted if ext not in found]
        if missing:
            more = " …" if len(missing) > 5 else ""
            raise UsageError(f"no document with id {', '.join(missing[:5])}{more}")
        chosen = sorted(found.values())
    else:
        chosen = [summary.id for summary in store.document_summaries(status=status, search=search)]
    if unassigned:
        taken = {row[0] for row in store.conn.execute("SELECT DISTINCT doc_id FROM assignments")}
        chosen = [doc_id for doc_id in chosen if doc_id not in taken]
    return chosen


def assign(
    store: Store, doc_ids: Sequence[int], analysts: Sequence[str], per_document: int = 1, by: str = ""
) -> AssignReport:
    """Give each document to ``per_document`` of ``analysts``, round-robin: each document goes to
    those with the fewest documents so far (counting what they had before), so the work comes out
    even. Pairs already assigned stay; one transaction."""
    names = list(dict.fromkeys(name.strip() for name in analysts if name.strip()))
    if not names:
        raise UsageError("name at least one analyst to assign to")
    if not 1 <= per_document <= len(names):
        raise UsageError(
            f"each document can go to 1 to {len(names)} of the analysts named, not {per_document}"
        )
    report = AssignReport(per_analyst=dict.fromkeys(names, 0))
    with store.transaction() as conn:
        load: Counter[str] = Counter(dict.fromkeys(names, 0))
        marks = ",".join("?" * len(names))
        load.update(dict(conn.execute(
            f"SELECT analyst, count(*) FROM assignments WHERE analyst IN ({marks}) GROUP BY analyst", names
        )))
        held: dict[int, set[str]] = {}
        for i in range(0, len(doc_ids), 500):
            chunk = list(doc_ids[i : i + 500])
            doc_marks = ",".join("?" * len(chunk))
            for doc_id, analyst in conn.execute(
                f"SELECT doc_id, analyst FROM assignments WHERE doc_id IN ({doc_marks})", chunk
            ):
                held.setdefault(int(doc_id), set()).add(str(analyst))
        rows: list[tuple[int, str, str]] = []
        order = {name: n for n, name in enumerate(names)}
        for doc_id in doc_ids:
            have = held.get(doc_id, set()) & set(names)
            report.already += len(have)
            need = per_document - len(have)
            if need > 0:
                free = sorted((n for n in names if n not in have), key=lambda n: (load[n], order[n]))
                for name in free[:need]:
                    rows.append((doc_id, name, by))
                    load[name] += 1
                    report.per_analyst[name] += 1
            report.documents += 1
        conn.executemany("INSERT INTO assignments (doc_id, analyst, assigned_by) VALUES (?, ?, ?)", rows)
        report.added = len(rows)
    return report


def unassign(store: Store, doc_ids: Sequence[int], analysts: Sequence[str] | None = None) -> int:
    """Take documents back (from ``analysts``, or from everyone); returns how many pairs went."""
    removed = 0
    with store.transaction() as conn:
        for i in range(0, len(doc_ids), 500):
            chunk = list(doc_ids[i : i + 500])
            marks = ",".join("?" * len(chunk))
            sql = f"DELETE FROM assignments WHERE doc_id IN ({marks})"
            args: list[object] = list(chunk)
            if analysts:
                sql += f" AND analyst IN ({','.join('?' * len(analysts))})"
                args += list(analysts)
            removed += conn.execute(sql, args).rowcount
    return removed


def queue(store: Store, analyst: str) -> list[int]:
    """The documents assigned to ``analyst`` and not yet done or skipped, in id order."""
    rows = store.conn.execute(
        "SELECT a.doc_id FROM assignments a JOIN documents d ON d.id = a.doc_id "
        "WHERE a.analyst = ? AND d.status IN ('new', 'in_progress') ORDER BY a.doc_id",
        (analyst,),
    )
    return [int(row[0]) for row in rows]


@dataclass(frozen=True)
class Workload:
    analyst: str
    assigned: int
    open: int  # not yet done or skipped


def workloads(store: Store) -> list[Workload]:
    """Each analyst with documents assigned: how many, and how many are still open."""
    rows = store.conn.execute(
        "SELECT a.analyst, count(*), sum(CASE WHEN d.status IN ('new', 'in_progress') THEN 1 ELSE 0 END) "
        "FROM assignments a JOIN documents d ON d.id = a.doc_id GROUP BY a.analyst ORDER BY a.analyst"
    )
    return [Workload(str(name), int(total), int(still or 0)) for name, total, still in rows]
