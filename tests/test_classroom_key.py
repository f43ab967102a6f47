"""The lecturer's key: ``crmsim exercises key --student ID NOTEBOOK``."""

from __future__ import annotations

from pathlib import Path

import pytest

import crmsim
from crmsim.cli import main
from crmsim.errors import InputError
from crmsim.exercises.answer_key import AnswerKey, KeyEntry, answer_key
from crmsim.exercises.contact_center_variants import parameters_of
from crmsim.exercises.variants import active_variant, variant_of

NOTEBOOK = Path("exercises/03-contact-center.ipynb")


def test_the_key_holds_the_students_numbers_and_the_answers_the_checks_accept(capsys) -> None:
    before = active_variant()
    assert main(["exercises", "key", "--student", "s7654321", str(NOTEBOOK)]) == 0
    assert active_variant() == before  # the key does not change the running variant
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"contact_center: {variant_of('s7654321')!r}"
    my = parameters_of(variant_of("s7654321"))
    assert f"  calls_per_hour = {my.calls_per_hour}" in lines
    assert f"  aht_min = {my.aht_min}" in lines
    load = my.calls_per_hour * my.aht_min / 60
    assert f"  Task 1 · Offered load: {load:.6g} (± 0.01)" in lines
    agents = crmsim.agents_for_service_level(my.calls_per_hour, my.aht_min, 0.8)
    assert f"  Task 3 · Agents for 80/20: {agents}" in lines
    assert any(line.startswith('  Task 8 · Pooling: why does sharing save agents?: "b"')
               for line in lines)  # fmt: skip
    assert sum(line.startswith("  Task ") for line in lines) == 12


def test_a_key_without_personal_numbers_says_so() -> None:
    key = AnswerKey(variant_of("s7654321"), "foundations", None, [KeyEntry("Task 3", "['p']")])
    assert key.lines()[1:] == [
        "  this chapter has no personal numbers: every student has the class's",
        "  Task 3: ['p']",
    ]


def test_the_key_command_refuses_a_bad_id_and_a_notebook_without_checks(
    tmp_path: Path, capsys
) -> None:
    assert main(["exercises", "key", "--student", "s 1", str(NOTEBOOK)]) == 2
    assert "student id 's 1' is not allowed" in capsys.readouterr().err
    plain = Path("notebooks").glob("01-*.ipynb")
    with pytest.raises(InputError, match="imports no checks module"):
        answer_key(next(iter(plain)), None)


def test_the_key_reads_computed_answers_of_the_chapter_specific_task_kinds() -> None:
    import pandas as pd

    from crmsim.exercises.answer_key import answer_of
    from crmsim.exercises.customer_database import FrameTask, LabelTask, SuspectsTask

    assert answer_of(LabelTask("T", lambda: "B", ("A", "B", "C"), {})) == "B"
    table = FrameTask("T", lambda: pd.DataFrame({"region": ["Ost"], "revenue_eur": [1.5]}), 0.01)
    assert answer_of(table) == "[{'region': 'Ost', 'revenue_eur': 1.5}]"
    assert answer_of(SuspectsTask("T", 50, 0.8)).startswith("an open task")
