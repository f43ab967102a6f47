"""Exercises of chapter 04: the checks, the generated student version, nbval both ways."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from crmsim.errors import InputError
from crmsim.exercises import NOT_ANSWERED, expected_student_text, run_checks
from crmsim.exercises import collaborative as checks
from crmsim.exercises.choice import MultipleChoice
from crmsim.exercises.student import is_check_cell

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "exercises" / "solutions" / "04-collaborative-crm-ecrm.ipynb"
STUDENT = ROOT / "exercises" / "04-collaborative-crm-ecrm.ipynb"
UNDERSTANDING = ("MultipleChoice", "Matching", "Ordering", "PredictThenSimulate")


def test_enough_tasks_and_a_third_on_understanding() -> None:
    kinds = [type(task).__name__ for task in checks.TASKS]
    assert len(kinds) >= 10
    assert sum(kind in UNDERSTANDING for kind in kinds) * 3 >= len(kinds)
    for task in checks.TASKS:
        if isinstance(task, MultipleChoice):
            assert all(option.explanation for option in task.options.values())


def test_rule_figures_by_hand_and_their_typical_slips() -> None:
    assert checks.task_1_confidence(5 / 8).passed
    assert "that is the support" in repr(checks.task_1_confidence(5 / 20))
    assert "that is mouse → laptop" in repr(checks.task_1_confidence(5 / 6))
    assert "not percent" in repr(checks.task_1_confidence(62.5))
    assert checks.task_2_lift(0.625 / 0.3).passed  # 2.083
    assert "that is the confidence" in repr(checks.task_2_lift(0.625))
    assert "upside down" in repr(checks.task_2_lift(0.3 / 0.625))
    assert checks.task_3_rule_to_act_on("b").passed
    assert "lift 1.0" in repr(checks.task_3_rule_to_act_on("a"))


def test_break_even_share_of_wallet_and_the_matchings() -> None:
    # (210,000 EUR / 90,000 sessions + 0.40 EUR) / 4.50 EUR = 0.6074
    assert checks.task_7_break_even(0.6074).passed
    assert "add the cost per session" in repr(checks.task_7_break_even(210_000 / 90_000 / 4.5))
    assert "spread the fixed cost" in repr(checks.task_7_break_even((0.7 + 0.4) / 4.5))
    assert checks.task_12_share_of_wallet(0.4).passed
    assert "multiply by 2 years" in repr(checks.task_12_share_of_wallet(0.8))
    assert checks.task_9_communities({"1": "a", "2": "b", "3": "c", "4": "d"}).passed
    swapped = {"1": "a", "2": "b", "3": "d", "4": "c"}
    assert "one industry between companies" in repr(checks.task_9_communities(swapped))
    assert checks.task_10_ecrm_functions({"1": "a", "2": "b", "3": "c", "4": "d", "5": "e"}).passed
    assert checks.task_11_callback_forms({"1": "b", "2": "c", "3": "a"}).passed


def test_warehouse_tasks_compute_their_own_truth() -> None:
    assert 0.1 < checks.cf_gain() < 0.3  # item-to-item beats popularity by 10-30 points at k = 3
    assert checks.task_4_beat_popularity(checks.cf_gain()).passed
    assert "sign is reversed" in repr(checks.task_4_beat_popularity(-checks.cf_gain()))
    share = checks.campaign_visit_share()
    assert 0.0 < share < 0.1
    assert checks.task_8_campaign_visits(share).passed
    assert "share of page views" in repr(checks.task_8_campaign_visits(
        float(checks.warehouse()["fact_web_visit"]["referrer"].isin(["newsletter", "campaign"])
              .mean())))  # fmt: skip


def test_the_data_folder_is_found_from_below_and_missing_data_is_one_line(tmp_path) -> None:
    assert checks.data_folder(ROOT / "exercises" / "solutions") == ROOT / "data"
    with pytest.raises(InputError, match="no data folder with crmsim-dataset.json"):
        checks.data_folder(tmp_path)


def test_placeholder_means_not_answered_yet_and_titles_match_the_headings() -> None:
    headings = "\n".join(cell.source for cell in nbformat.read(SOLUTION, as_version=4).cells)
    for task in checks.TASKS:
        verdict = task.check_gap(..., ...) if hasattr(task, "check_gap") else task(...)
        assert repr(verdict) == f"{task.title}: {NOT_ANSWERED}"
        assert f"## {task.title}" in headings, task.title


def test_student_version_is_generated_and_clean() -> None:
    assert STUDENT.read_text(encoding="utf-8") == expected_student_text(SOLUTION), (
        "exercises/04-collaborative-crm-ecrm.ipynb is out of date: run 'crmsim exercises build'"
    )
    student = nbformat.read(STUDENT, as_version=4)
    sources = "\n".join(cell.source for cell in student.cells)
    assert "# SOLUTION" not in sources
    assert sources.count("= ...  # your answer") >= len(checks.TASKS)
    assert sum(is_check_cell(cell) for cell in student.cells) == len(checks.TASKS)
    assert all(c.outputs == [] for c in student.cells if c.cell_type == "code")


@pytest.mark.slow
def test_solution_passes_every_check() -> None:
    board = run_checks(SOLUTION)
    assert len(board.tasks) == len(checks.TASKS)
    assert board.solved == len(board.tasks), board.lines()


@pytest.mark.slow
def test_untouched_student_version_reports_every_task_not_answered_yet() -> None:
    board = run_checks(STUDENT)
    assert len(board.tasks) == len(checks.TASKS)
    assert board.solved == 0 and board.errors == []
    for task in board.tasks:
        assert task.feedback.startswith("not answered yet"), task
