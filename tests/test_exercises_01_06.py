"""Exercises of chapters 01 and 06: the checks, the generated student versions, nbval both ways."""

from __future__ import annotations

import doctest
from pathlib import Path

import nbformat
import pytest

from crmsim.analytics import net_promoter_score
from crmsim.exercises import (
    NOT_ANSWERED,
    classification,
    expected_student_text,
    foundations,
    run_checks,
    satisfaction,
)
from crmsim.exercises.choice import MultipleChoice
from crmsim.exercises.student import is_check_cell

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = {
    "01-crm-foundations": foundations,
    "06-satisfaction-complaint-management": satisfaction,
}
UNDERSTANDING = ("Classification", "MultipleChoice", "Matching", "Ordering", "PredictThenSimulate")


def solution(name: str) -> Path:
    return ROOT / "exercises" / "solutions" / f"{name}.ipynb"


def student(name: str) -> Path:
    return ROOT / "exercises" / f"{name}.ipynb"


# -- the checks themselves ------------------------------------------------------------------
def test_classification_docstring_and_refusals() -> None:
    failures, tried = doctest.testmod(classification, verbose=False)
    assert tried > 0 and failures == 0
    task = foundations.task_1_crm_or_traditional
    assert "give a dict" in repr(task(["c"]))
    assert "has no letter yet" in repr(task({"1": "t"}))
    with pytest.raises(ValueError, match="a group for every item"):
        classification.Classification("T", {"1": "x"}, {"a": "A"}, {})


@pytest.mark.parametrize(("name", "checks"), CHAPTERS.items())
def test_enough_tasks_and_a_third_on_understanding(name: str, checks) -> None:
    kinds = [type(task).__name__ for task in checks.TASKS]
    assert len(kinds) >= 8
    assert sum(kind in UNDERSTANDING for kind in kinds) * 3 >= len(kinds)
    for task in checks.TASKS:
        if isinstance(task, MultipleChoice):
            assert all(option.explanation for option in task.options.values())


@pytest.mark.parametrize(("name", "checks"), CHAPTERS.items())
def test_placeholder_means_not_answered_yet_and_titles_match_the_headings(name, checks) -> None:
    headings = "\n".join(cell.source for cell in nbformat.read(solution(name), as_version=4).cells)
    for task in checks.TASKS:
        verdict = task.check_gap(..., ...) if hasattr(task, "check_gap") else task(...)
        assert repr(verdict) == f"{task.title}: {NOT_ANSWERED}"
        assert f"## {task.title}" in headings, task.title


def test_chapter_01_right_answers_and_typical_slips() -> None:
    f = foundations
    assert f.task_4_cost_ratio(10.0).passed
    assert "upside down" in repr(f.task_4_cost_ratio(0.1))
    assert "not the two totals" in repr(f.task_4_cost_ratio(48 / 36))
    assert "cost per customer won" in repr(f.task_4_cost_ratio(300.0))
    assert f.task_3_goal_order(["p", "s", "a"]).passed
    assert "is the secondary goal" in repr(f.task_3_goal_order(["s", "p", "a"]))
    sides = dict.fromkeys("12345678", "c")
    assert "acquisition of new customers is the traditional" in repr(
        f.task_1_crm_or_traditional(sides)
    )
    # The bucket settles at W / c = 150 / 0.25 = 600 and is on its way after five years.
    after = f.bucket_customers_after_five_years()
    assert 600 < after < 1000
    assert f.task_5_bucket_prediction.check_gap(800, after - 800).passed
    assert "sign is reversed" in repr(f.task_5_bucket_prediction.check_gap(800, 800 - after))
    assert f.lever_gap_eur() > 0
    assert f.task_7_which_lever(f.lever_gap_eur()).passed
    assert "the two are swapped" in repr(f.task_9_xrm_or_cem("a"))
    assert "old deck's slip" in repr(f.task_10_core_elements("a"))
    assert f.task_8_components({"1": "a", "2": "d", "3": "e", "4": "b", "5": "c"}).passed


def test_chapter_06_right_answers_and_typical_slips() -> None:
    s = satisfaction
    # 9 promoters and 5 detractors of 20 answers: NPS = 45 % - 25 % = 20 points.
    assert net_promoter_score(s.NPS_ANSWERS).nps == pytest.approx(20.0)
    assert s.task_3_nps(20.0).passed
    assert "write 20, not 0.2" in repr(s.task_3_nps(0.2))
    assert "7 and 8 are passives" in repr(s.task_3_nps(50.0))
    assert "6s count as detractors" in repr(s.task_3_nps(30.0))
    assert "not a mean score" in repr(s.task_3_nps(76.0))  # mean answer 7.6, times ten
    # Seven answers of twelve are 4 or 5.
    assert s.task_4_top2(7 / 12).passed
    assert "3 is neutral" in repr(s.task_4_top2(10 / 12))
    assert "between 0 and 1" in repr(s.task_4_top2(58.3))
    assert s.task_6_iao_gap(32).passed
    assert "percentage points (32)" in repr(s.task_6_iao_gap(0.32))
    assert "self-assessment" in repr(s.task_6_iao_gap(74))
    # 25 EUR + 11 points × 800 EUR = 113 EUR.
    assert s.break_even_cost_eur() == pytest.approx(113.0)
    assert s.task_9_break_even_cost(113).passed
    assert "add the standardised cost" in repr(s.task_9_break_even_cost(88))
    margin = s.simulated_break_even_eur()
    assert 300 < margin < 5000  # personal handling needs valuable customers to pay
    assert s.task_10_break_even_prediction.check_gap(600, margin - 600).passed
    assert s.task_1_needs_or_expectations(dict(zip("12345678", "nenenene", strict=True))).passed
    assert "fairness is a deep" in repr(
        s.task_1_needs_or_expectations(dict.fromkeys("12345678", "e"))
    )


# -- the student versions --------------------------------------------------------------------
@pytest.mark.parametrize(("name", "checks"), CHAPTERS.items())
def test_student_version_is_generated_from_the_solution(name: str, checks) -> None:
    assert student(name).read_text(encoding="utf-8") == expected_student_text(solution(name)), (
        f"exercises/{name}.ipynb is out of date: run 'crmsim exercises build'"
    )
    notebook = nbformat.read(student(name), as_version=4)
    sources = "\n".join(cell.source for cell in notebook.cells)
    assert "# SOLUTION" not in sources
    assert sum(is_check_cell(cell) for cell in notebook.cells) >= len(checks.TASKS)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert "grades the saved file" in notebook.cells[0].source


@pytest.mark.parametrize(("name", "checks"), CHAPTERS.items())
def test_solution_keeps_only_the_expected_lines(name: str, checks) -> None:
    for cell in nbformat.read(solution(name), as_version=4).cells:
        if cell.cell_type != "code":
            continue
        if is_check_cell(cell):
            assert cell.outputs[0]["data"]["text/plain"].endswith(": correct ✔"), cell.source
        else:
            assert cell.outputs == [], cell.source


# -- nbval in both directions ------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize(("name", "checks"), CHAPTERS.items())
def test_untouched_student_version_fails_every_check_with_not_answered_yet(name, checks) -> None:
    board = run_checks(student(name))
    assert len(board.tasks) == len(checks.TASKS)
    assert board.solved == 0 and board.answered == 0
    assert board.errors == []
    for task in board.tasks:
        assert task.feedback.startswith("not answered yet"), task


@pytest.mark.slow
@pytest.mark.parametrize(("name", "checks"), CHAPTERS.items())
def test_solution_passes_every_check(name: str, checks) -> None:
    board = run_checks(solution(name))
    assert board.errors == []
    assert board.solved == len(board.tasks) == len(checks.TASKS)
