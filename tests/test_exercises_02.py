"""Exercises of chapter 02: the checks, the generated student version, nbval both ways."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest

from crmsim.exercises import NOT_ANSWERED, expected_student_text, run_checks
from crmsim.exercises import customer_database as checks
from crmsim.exercises.choice import MultipleChoice
from crmsim.exercises.student import is_check_cell

ROOT = Path(__file__).resolve().parents[1]
NAME = "02-customer-database-analytical-crm"
SOLUTION = ROOT / "exercises" / "solutions" / f"{NAME}.ipynb"
STUDENT = ROOT / "exercises" / f"{NAME}.ipynb"
UNDERSTANDING = ("MultipleChoice", "Matching", "Ordering", "PredictThenSimulate")


# -- the checks themselves ------------------------------------------------------------------
def test_enough_tasks_and_a_third_on_understanding() -> None:
    kinds = [type(task).__name__ for task in checks.TASKS]
    assert len(kinds) >= 10
    assert sum(kind in UNDERSTANDING for kind in kinds) * 3 >= len(kinds)
    for task in checks.TASKS:
        if isinstance(task, MultipleChoice):
            assert all(option.explanation for option in task.options.values())


def test_placeholder_means_not_answered_yet_and_titles_match_the_headings() -> None:
    headings = "\n".join(cell.source for cell in nbformat.read(SOLUTION, as_version=4).cells)
    for task in checks.TASKS:
        assert repr(task(...)) == f"{task.title}: {NOT_ANSWERED}"
        assert f"## {task.title}" in headings, task.title


def test_sql_task_explains_what_is_off() -> None:
    right = checks.revenue_by_region()
    assert checks.task_2_sql_revenue_by_region(right.copy()).passed
    backwards = right.iloc[::-1].reset_index(drop=True)
    assert "largest first" in repr(checks.task_2_sql_revenue_by_region(backwards))
    assert "needs the columns" in repr(
        checks.task_2_sql_revenue_by_region(right.rename(columns={"revenue_eur": "sum"}))
    )
    doubled = right.assign(revenue_eur=right["revenue_eur"] * 2)
    assert "the sums differ" in repr(checks.task_2_sql_revenue_by_region(doubled))
    assert "could not use your answer" in repr(checks.task_2_sql_revenue_by_region([1, 2]))


def test_numeric_tasks_and_typical_slips() -> None:
    share = checks.task_3_top20_share.expected()
    assert 0.5 < share < 0.65  # not 80 %
    assert checks.task_3_top20_share(share).passed
    assert "Pareto rule's claim" in repr(checks.task_3_top20_share(0.8))
    assert "between 0 and 1" in repr(checks.task_3_top20_share(share * 100))
    assert "count buyers only" in repr(checks.task_3_top20_share(checks._top20_with_non_buyers()))
    assert checks.task_4_abc_class(checks._abc_class()).passed
    assert "give one of A, B, C" in repr(checks.task_4_abc_class("D"))
    gap = checks.p_alive_gap()
    assert 0.5 < gap < 0.9  # the long-silent customer B is most likely gone
    assert checks.task_8_p_alive(gap).passed
    assert "sign is reversed" in repr(checks.task_8_p_alive(-gap))
    lift = checks.chapter_lift()
    assert lift > 1.5
    assert checks.task_10_top_decile_lift(lift).passed
    assert "divide by 0.1" in repr(checks.task_10_top_decile_lift(lift / 10))
    assert "worse than random" in repr(checks.task_10_top_decile_lift(0.5))


def test_choice_ordering_and_matching_tasks() -> None:
    assert checks.task_5_rfm_rule("c").passed
    assert "R ≥ 4" in repr(checks.task_5_rfm_rule("a"))
    assert checks.task_11_leaking_feature("c").passed
    assert "known at the cut-off" in repr(checks.task_11_leaking_feature("a"))
    assert checks.task_12_profiling_cycle(list("spanrf")).passed
    assert "join and clean" in repr(checks.task_12_profiling_cycle(list("psanrf")))
    assert checks.task_1_data_kinds({"1": "c", "2": "b", "3": "a", "4": "d"}).passed


def test_open_task_is_graded_against_the_truth() -> None:
    truth = checks._tables()["truth_customer"]
    gone = truth.loc[~truth["is_active_at_end"], "customer_id"].head(50).tolist()
    stayed = truth.loc[truth["is_active_at_end"], "customer_id"].head(50).tolist()
    assert checks.task_13_find_churners(gone).passed
    verdict = repr(checks.task_13_find_churners(stayed))
    assert "0% of your customers have really left, 80% needed" in verdict
    assert "exactly 50 different" in repr(checks.task_13_find_churners(gone[:49] + gone[:1]))
    assert "not in the data" in repr(checks.task_13_find_churners([*gone[:49], 10**9]))
    assert checks.task_13_find_churners(pd.Index(gone)).passed


# -- the student version ------------------------------------------------------------------------
def test_student_version_is_generated_from_the_solution() -> None:
    assert STUDENT.read_text(encoding="utf-8") == expected_student_text(SOLUTION), (
        f"exercises/{NAME}.ipynb is out of date: run 'crmsim exercises build'"
    )
    notebook = nbformat.read(STUDENT, as_version=4)
    sources = "\n".join(cell.source for cell in notebook.cells)
    assert "# SOLUTION" not in sources
    assert "truth_customer" not in sources.replace("never `truth_customer`", "")
    assert sum(is_check_cell(cell) for cell in notebook.cells) == len(checks.TASKS)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert "grades the saved file" in notebook.cells[0].source


def test_solution_keeps_only_the_expected_lines() -> None:
    for cell in nbformat.read(SOLUTION, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        if is_check_cell(cell):
            assert cell.outputs[0]["data"]["text/plain"].endswith(": correct ✔"), cell.source
        else:
            assert cell.outputs == [], cell.source


# -- nbval in both directions ------------------------------------------------------------------
@pytest.mark.slow
def test_untouched_student_version_fails_every_check_with_not_answered_yet() -> None:
    board = run_checks(STUDENT)
    assert len(board.tasks) == len(checks.TASKS)
    assert board.solved == 0 and board.answered == 0
    assert board.errors == []
    for task in board.tasks:
        assert task.feedback.startswith("not answered yet"), task


@pytest.mark.slow
def test_solution_passes_every_check() -> None:
    board = run_checks(SOLUTION)
    assert board.errors == []
    assert board.solved == len(board.tasks) == len(checks.TASKS)
