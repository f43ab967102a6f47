"""Exercises of chapter 05: the checks, the generated student version, nbval both ways."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from crmsim.exercises import NOT_ANSWERED, campaigns, expected_student_text, run_checks
from crmsim.exercises.choice import MultipleChoice
from crmsim.exercises.student import is_check_cell
from crmsim.lifecycle import contact_everybody

ROOT = Path(__file__).resolve().parents[1]
NAME = "05-closed-loop-campaign-management"
SOLUTION = ROOT / "exercises" / "solutions" / f"{NAME}.ipynb"
STUDENT = ROOT / "exercises" / f"{NAME}.ipynb"
UNDERSTANDING = ("Classification", "MultipleChoice", "Matching", "Ordering", "PredictThenSimulate")


def test_enough_tasks_and_a_third_on_understanding() -> None:
    kinds = [type(task).__name__ for task in campaigns.TASKS]
    assert len(kinds) >= 10
    assert sum(kind in UNDERSTANDING for kind in kinds) * 3 >= len(kinds)
    for task in campaigns.TASKS:
        if isinstance(task, MultipleChoice):
            assert all(option.explanation for option in task.options.values())
            lengths = {key: len(option.text) for key, option in task.options.items()}
            assert lengths[task.correct] < max(lengths.values()), task.title


def test_placeholder_means_not_answered_yet_and_titles_match_the_headings() -> None:
    headings = "\n".join(cell.source for cell in nbformat.read(SOLUTION, as_version=4).cells)
    for task in campaigns.TASKS:
        verdict = task.check_gap(..., ...) if hasattr(task, "check_gap") else task(...)
        assert repr(verdict) == f"{task.title}: {NOT_ANSWERED}"
        assert f"## {task.title}" in headings, task.title


def test_right_answers_and_typical_slips() -> None:
    c = campaigns
    # 96 / 1200 - 15 / 300 = 0.08 - 0.05 = 0.03; its interval reaches below zero.
    assert c.uplift_expected() == pytest.approx(0.03)
    assert c.task_1_uplift(0.03).passed
    assert "subtract the control's" in repr(c.task_1_uplift(0.08))
    assert "not percentage points" in repr(c.task_1_uplift(3.0))
    assert c.uplift_low_expected() < 0 < c.uplift_expected()
    assert c.task_2_uplift_interval(c.uplift_low_expected()).passed
    assert "the estimate itself" in repr(c.task_2_uplift_interval(0.03))
    # gain 1200 × 3.50 = 4,200 EUR, cost 1,440 EUR: ROI = 2,760 / 1,440.
    assert c.roi_expected() == pytest.approx(2760 / 1440)
    assert "subtract the cost" in repr(c.task_3_roi(4200 / 1440))
    assert "(a) is not it" in repr(c.task_4_response_rate("a"))
    assert c.task_5_campaign_cycle(list("sperkm")).passed
    assert c.task_6_customer_types({"1": "a", "2": "b", "3": "c", "4": "d"}).passed
    assert c.task_7_leave_alone("b").passed
    assert c.task_10_ccm_rules({"1": "a", "2": "b", "3": "c", "4": "d", "5": "e"}).passed
    ratio = c.cost_ratio_of_the_dataset(str(ROOT / "data"))
    assert 5 < ratio < 25


def test_the_policy_challenge_compares_with_contact_everybody() -> None:
    task = campaigns.task_11_beat_everybody
    assert "expected a policy function" in repr(task(42))
    same = task(contact_everybody)
    assert not same.passed and "contact everybody" in same.message

    def no_retention(view):
        plan = view.campaigns.set_index("campaign_id")["campaign_type"]
        return [d for d in contact_everybody(view) if plan[d.campaign_id] != "retention"]

    assert task(no_retention).passed


def test_student_version_is_generated_from_the_solution() -> None:
    assert STUDENT.read_text(encoding="utf-8") == expected_student_text(SOLUTION), (
        f"exercises/{NAME}.ipynb is out of date: run 'crmsim exercises build'"
    )
    notebook = nbformat.read(STUDENT, as_version=4)
    sources = "\n".join(cell.source for cell in notebook.cells)
    assert "# SOLUTION" not in sources and '!= "retention"' not in sources
    assert sum(is_check_cell(cell) for cell in notebook.cells) >= len(campaigns.TASKS)
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


@pytest.mark.slow
def test_untouched_student_version_fails_every_check_with_not_answered_yet() -> None:
    board = run_checks(STUDENT)
    assert len(board.tasks) == len(campaigns.TASKS)
    assert board.solved == 0 and board.answered == 0
    assert board.errors == []
    for task in board.tasks:
        assert task.feedback.startswith("not answered yet"), task


@pytest.mark.slow
def test_solution_passes_every_check() -> None:
    board = run_checks(SOLUTION)
    assert board.errors == []
    assert board.solved == len(board.tasks) == len(campaigns.TASKS)
