"""The model's errors: a message built from a template and named parameters reads exactly as the
f-string it replaced (the command line and the tests see English), and keeps both for the
interface to translate; a message given as one string is what it always was."""

from __future__ import annotations

import pytest

from model.errors import CancelledError, EditError, HashiyaError, InputError, StoreError, UnknownLabelError
from model.store import Store
from model.text import QT_TR_NOOP


def test_a_template_with_parameters_reads_as_the_english_message() -> None:
    exc = EditError(QT_TR_NOOP("there is a label {name} already"), name="PLACE")
    assert str(exc) == "there is a label PLACE already"
    assert exc.args == ("there is a label PLACE already",)
    assert exc.template == "there is a label {name} already"
    assert exc.params == {"name": "PLACE"}
    assert isinstance(exc, HashiyaError)


def test_a_plain_string_is_unchanged() -> None:
    exc = EditError("a label needs a name")
    assert str(exc) == "a label needs a name"
    assert exc.args == ("a label needs a name",)
    assert (exc.template, exc.params) == ("a label needs a name", {})
    braces = StoreError("db: the database is damaged (near '{': syntax error)")
    assert str(braces) == "db: the database is damaged (near '{': syntax error)"
    assert braces.template == str(braces) and braces.params == {}
    assert str(EditError()) == "" and EditError().template == ""


def test_subclasses_with_their_own_arguments_still_work() -> None:
    exc = InputError("news.jsonl", "bad JSON", 3)
    assert str(exc) == "news.jsonl:3: bad JSON" and (exc.template, exc.params) == (str(exc), {})
    unknown = UnknownLabelError("a.ann", "unknown label PER", 2, label="PER")
    assert str(unknown) == "a.ann:2: unknown label PER" and unknown.label == "PER"
    assert str(CancelledError()) == "cancelled; nothing was changed"


def test_parameters_need_one_template() -> None:
    with pytest.raises(TypeError):
        EditError("a", "b", name="x")


def test_the_store_refuses_with_a_template_and_the_same_english(tmp_path) -> None:
    with Store(tmp_path / "t.db") as store:
        with pytest.raises(EditError) as info:
            store.add_label("PLACE")
        assert str(info.value) == "there is a label PLACE already"
        assert info.value.template == "there is a label {name} already"
        assert info.value.params == {"name": "PLACE"}
        with pytest.raises(EditError, match=r"^key 2 is already EVENT's$") as info:
            store.update_label("PLACE", key=2)
        assert info.value.template == "key {key} is already {name}'s"
        with pytest.raises(EditError, match=r"^a label's colour is written #rrggbb, not 'red'$"):
            store.add_label("TIME", color="red")
