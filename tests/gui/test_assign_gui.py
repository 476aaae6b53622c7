"""Document → Assign… hands documents out; an analyst with assigned work opens on their queue."""

from __future__ import annotations

from model import assign
from model.store import Store, queue_of
from tests.gui.conftest import when_dialog


def test_assign_dialog_hands_the_listed_documents_out_round_robin(window, qtbot):
    from gui.assign_dialog import AssignDialog

    def fill(dialog: AssignDialog) -> None:
        dialog.analysts.setText("amal، huda")  # an Arabic comma separates names too
        dialog.accept()

    when_dialog(AssignDialog, fill)
    window.ask_assign()
    loads = {w.analyst: w.assigned for w in assign.workloads(window.session.store)}
    assert loads == {"amal": 2, "huda": 1}
    assert window.last_message.startswith("Assigned 3 documents: 3 new (amal 2, huda 1)")


def test_an_assign_with_no_analyst_is_refused_in_the_dialog(window, qtbot):
    from gui.assign_dialog import AssignDialog

    seen: list[str] = []

    def fill(dialog: AssignDialog) -> None:
        dialog.analysts.setText("  ")
        dialog.accept()
        seen.append(dialog.problem.text())
        dialog.reject()

    when_dialog(AssignDialog, fill)
    window.ask_assign()
    assert seen == ["name at least one analyst to assign to"]
    assert assign.workloads(window.session.store) == []


def test_an_analyst_with_assigned_work_opens_on_their_queue(open_window, db_path, qtbot):
    with Store(db_path) as store:
        ids = store.document_ids()
    window = open_window(db_path)
    name = window.session.annotator
    window.close()
    with Store(db_path) as store:
        assign.assign(store, [ids[1], ids[2]], [name])
        store.set_status(ids[2], "done")
    window = open_window(db_path)
    combo = window.document_filter.status
    assert combo.currentData() == queue_of(name) and combo.currentText() == "my queue"
    model = window.document_list.model()
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=3000)
    assert model.summary(0).id == ids[1]
    window.session.open_document(ids[1])
    window.session.set_status("done")  # done: it leaves the queue
    qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=3000)
