"""Versions of a draft are compared clause by clause: what people see as "what changed"."""

from __future__ import annotations

import re

import pytest
from django.utils.safestring import SafeString

from lidzdaliba.consultations.documents import (
    ClauseChange,
    ParsedClause,
    diff_clauses,
    diff_summary,
    split_into_clauses,
)
from lidzdaliba.consultations.models import Clause


def clauses(*pairs: tuple[str, str]) -> list[ParsedClause]:
    return [ParsedClause(number, text, number.isalpha()) for number, text in pairs]


OLD = clauses(
    ("I", "Vispārīgie jautājumi"),
    ("1", "Noteikumi nosaka kārtību."),
    ("2", "Līdzfinansējumu piešķir:"),
    ("2.1", "biedrībām, kas reģistrētas Latvijā;"),
    ("2.2", "nodibinājumiem."),
    ("3", "Pieteikumus iesniedz elektroniski."),
    ("4", "Noteikumi stājas spēkā nākamajā dienā."),
)
NEW = clauses(
    ("I", "Vispārīgie jautājumi"),
    ("1", "Noteikumi nosaka kārtību."),
    ("2", "Līdzfinansējumu piešķir:"),
    ("2.1", "biedrībām, kas reģistrētas Eiropas Savienībā;"),
    ("2.2", "nodibinājumiem."),
    ("2.3", "reliģiskajām organizācijām."),
    ("3", "Noteikumi stājas spēkā nākamajā dienā."),
)


def test_diff_reports_added_removed_changed_and_unchanged_clauses() -> None:
    changes = diff_clauses(OLD, NEW)
    assert [(c.status, c.old_number, c.new_number) for c in changes] == [
        ("unchanged", "I", "I"),
        ("unchanged", "1", "1"),
        ("unchanged", "2", "2"),
        ("changed", "2.1", "2.1"),
        ("unchanged", "2.2", "2.2"),
        ("removed", "3", None),
        ("added", None, "2.3"),
        ("unchanged", "4", "3"),
    ]
    assert changes[-1].renumbered and not changes[0].renumbered
    assert changes[3].html == (
        "biedrībām, kas reģistrētas <del>Latvijā</del><ins>Eiropas Savienībā</ins>;"
    )
    assert changes[5].html == "<del>Pieteikumus iesniedz elektroniski.</del>"
    assert changes[6].html == "<ins>reliģiskajām organizācijām.</ins>"
    assert changes[6].old_text is None and changes[5].new_text is None
    assert diff_summary(changes) == {"added": 1, "removed": 1, "changed": 1, "unchanged": 5}


def test_inserting_a_clause_does_not_mark_renumbered_ones_changed() -> None:
    old = clauses(*[(str(n), f"Punkts par tēmu {word}.") for n, word in enumerate("ABCDE", 1)])
    new = [old[0], ParsedClause("2", "Pilnīgi jauns teksts."), *old[1:]]
    new = [ParsedClause(str(n), c.text) for n, c in enumerate(new, 1)]
    changes = diff_clauses(old, new)
    assert [c.status for c in changes] == ["unchanged", "added", *["unchanged"] * 4]
    assert sum(c.renumbered for c in changes) == 4


def test_unnumbered_clauses_are_matched_by_wording() -> None:
    old = clauses(("", "Ievads par pašvaldības līdzfinansējumu biedrībām."), ("", "Beigas."))
    new = clauses(("", "Ievads par valsts līdzfinansējumu biedrībām."), ("", "Beigas."))
    assert [c.status for c in diff_clauses(old, new)] == ["changed", "unchanged"]


def test_rewrapped_text_is_unchanged() -> None:
    change = diff_clauses(clauses(("1", "viens  divi\ntrīs")), clauses(("1", "viens divi trīs")))
    assert change[0].status == "unchanged"


def test_adjacent_word_edits_are_shown_as_one() -> None:
    change = diff_clauses(clauses(("1", "viens divi, trīs")), clauses(("1", "četri pieci, trīs")))
    assert change[0].html == "<del>viens divi</del><ins>četri pieci</ins>, trīs"


ATTACK = "<script>alert(1)</script><img src=x onerror=\"alert('x')\">"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (clauses(("1", "Drošs teksts.")), clauses(("1", f"Drošs {ATTACK} teksts."))),
        (clauses(("1", ATTACK)), clauses(("1", ATTACK))),
        ([], clauses(("1", ATTACK))),
        (clauses(("1", ATTACK)), []),
        (clauses(("1", f"{ATTACK} a")), clauses(("1", f"{ATTACK} b"))),
    ],
)
def test_diff_html_is_inert(old: list[ParsedClause], new: list[ParsedClause]) -> None:
    (change,) = diff_clauses(old, new)
    assert isinstance(change.html, SafeString)
    assert "<script" not in change.html and "<img" not in change.html
    assert "&lt;script&gt;" in change.html
    assert re.sub(r"</?(ins|del)>", "", change.html).count("<") == 0


def test_diff_accepts_clause_model_instances() -> None:
    old = [Clause(position=1, number="1", text="Teksts."), Clause(position=2, number="2", text="X")]
    new = split_into_clauses("1. Teksts.\n2. Cits teksts pavisam.")
    changes = diff_clauses(old, new)
    assert [c.status for c in changes] == ["unchanged", "changed"]
    assert changes[0].old is old[0] and changes[0].new is new[0]
    assert isinstance(changes[0], ClauseChange)


def test_diff_summary_counts_every_status() -> None:
    assert diff_summary([]) == {"added": 0, "removed": 0, "changed": 0, "unchanged": 0}
    assert diff_summary(diff_clauses([], NEW))["added"] == len(NEW)
