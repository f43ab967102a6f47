"""Exercises: checks give specific feedback, the student version is generated, nbval both ways."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from crmsim.cli import main
from crmsim.errors import InputError
from crmsim.exercises import NOT_ANSWERED, expected_student_text, run_checks
from crmsim.exercises import contact_center as checks
from crmsim.exercises.student import student_source

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "exercises" / "solutions" / "03-contact-center.ipynb"
STUDENT = ROOT / "exercises" / "03-contact-center.ipynb"


# -- the checks themselves ------------------------------------------------------------------
def test_correct_answers_are_accepted() -> None:
    assert checks.task_1_offered_load(18.0).passed
    assert checks.task_2_p_wait(checks.erlang_c(20, 18.0)).passed
    assert checks.task_3_agents_for_80_20(23).passed


@pytest.mark.parametrize(
    ("check", "answer", "hint"),
    [
        (checks.task_1_offered_load, 240 * 4.5, "mixes units"),
        (checks.task_1_offered_load, 240 * 4.5 / 3600, "divide by 60, not 3600"),
        (checks.task_1_offered_load, 20.0, "calls per hour × AHT in hours"),
        (checks.task_2_p_wait, 55.0, "between 0 and 1"),
        (checks.task_2_p_wait, checks.erlang_b(20, 18.0), "that is Erlang B"),
        (checks.task_3_agents_for_80_20, 22, "only 79.3% are answered"),
        (checks.task_3_agents_for_80_20, 25, "fewer agents already reach 80 %"),
        (checks.task_3_agents_for_80_20, 15, "cannot even carry the offered load"),
        (checks.task_3_agents_for_80_20, 22.5, "whole numbers"),
        (checks.task_1_offered_load, "eighteen", "could not use your answer"),
    ],
)
def test_typical_mistakes_get_a_specific_hint(check, answer, hint: str) -> None:
    verdict = check(answer)
    assert not verdict.passed
    assert hint in repr(verdict)
    assert "\n" not in repr(verdict)


def test_simulation_tasks_compute_their_own_truth() -> None:
    week = checks._adac_week()
    assert checks.task_4_abandon_rate(float(week["abandon_rate"])).passed
    hint = repr(checks.task_4_abandon_rate(float(week["abandoned"])))
    assert "number of abandoned calls" in hint
    assert "not in percent" in repr(checks.task_4_abandon_rate(float(week["abandon_rate"]) * 100))
    before = checks._classroom(11)["abandon_rate"]
    after = checks._classroom(11, callback=True)["abandon_rate"]
    assert checks.task_5_callback_effect((before - after) * 100).passed
    assert "sign is reversed" in repr(checks.task_5_callback_effect((after - before) * 100))
    vip = checks._classroom(12, vip_routing=True)
    assert checks.task_6_vip_gap(vip["asa_c_s"] - vip["asa_a_s"]).passed
    assert "not minutes" in repr(checks.task_6_vip_gap((vip["asa_c_s"] - vip["asa_a_s"]) / 60))


def test_placeholder_means_not_answered_yet() -> None:
    for name in checks.TITLES:
        verdict = getattr(checks, name)(...)
        assert repr(verdict) == f"{checks.TITLES[name]}: {NOT_ANSWERED}"


# -- the student version ------------------------------------------------------------------------
def test_student_version_is_generated_from_the_solution() -> None:
    assert STUDENT.read_text(encoding="utf-8") == expected_student_text(SOLUTION), (
        "exercises/03-contact-center.ipynb is out of date: run 'crmsim exercises build'"
    )


def test_student_version_has_placeholders_and_the_expected_lines() -> None:
    student = nbformat.read(STUDENT, as_version=4)
    sources = "\n".join(cell.source for cell in student.cells)
    assert "# SOLUTION" not in sources
    assert sources.count("= ...  # your answer") >= 6
    check_cells = [c for c in student.cells if "NBVAL_CHECK_OUTPUT" in c.source]
    assert len(check_cells) >= 6
    for cell in check_cells:
        stored = cell.outputs[0]["data"]["text/plain"]
        assert stored.endswith(": correct ✔")
    others = [c for c in student.cells if c.cell_type == "code" and c not in check_cells]
    assert all(not cell.outputs for cell in others)


def test_only_one_line_assignments_may_be_marked() -> None:
    assert student_source("x = 1 + 1  # SOLUTION", "here") == "x = ...  # your answer"
    with pytest.raises(InputError, match="here line 1: mark only one-line assignments"):
        student_source("print(1)  # SOLUTION", "here")


def test_exercises_build_check_reports_drift(tmp_path: Path, capsys) -> None:
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "x.ipynb").write_bytes(SOLUTION.read_bytes())
    assert main(["exercises", "build", "--folder", str(tmp_path), "--check"]) == 1
    assert "out of date" in capsys.readouterr().out
    assert main(["exercises", "build", "--folder", str(tmp_path)]) == 0
    assert main(["exercises", "build", "--folder", str(tmp_path), "--check"]) == 0


def test_exercises_build_without_solutions_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["exercises", "build", "--folder", str(tmp_path)]) == 2
    assert "no solution notebooks" in capsys.readouterr().err


# -- nbval in both directions ------------------------------------------------------------------
@pytest.mark.slow
def test_untouched_student_version_fails_every_check_with_not_answered_yet() -> None:
    board = run_checks(STUDENT)
    assert len(board.tasks) == 6
    assert board.solved == 0
    assert board.errors == []  # no cell raised an exception
    for task in board.tasks:
        assert task.feedback.startswith("not answered yet"), task


@pytest.mark.slow
def test_solution_passes_every_check_and_partial_work_is_scored(tmp_path: Path) -> None:
    assert run_checks(SOLUTION).solved == 6
    student = json.loads(STUDENT.read_text(encoding="utf-8"))
    for cell in student["cells"]:
        text = "".join(cell["source"])
        if text.startswith("offered_load = ..."):
            cell["source"] = ["offered_load = 240 * 4.5 / 60"]
        if text.startswith("p_wait = ..."):
            cell["source"] = ["p_wait = 0.1"]
    attempt = tmp_path / "attempt.ipynb"
    attempt.write_text(json.dumps(student), encoding="utf-8")
    board = run_checks(attempt)
    assert [task.passed for task in board.tasks] == [True, False, False, False, False, False]
    assert board.tasks[1].feedback.startswith("not yet: use crmsim.erlang_c")
    assert "1 of 6 tasks correct" in board.lines()[-1]


def test_check_command_prints_a_scoreboard_and_fails_on_open_tasks(capsys) -> None:
    assert main(["check", str(STUDENT)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"✘ Task 1 · offered load — not answered yet", out)
    assert "0 of 6 tasks correct" in out


def test_check_command_refuses_a_missing_notebook(capsys) -> None:
    assert main(["check", "nowhere.ipynb"]) == 2
    assert "exercise notebook not found: nowhere.ipynb" in capsys.readouterr().err


def test_check_command_in_a_real_process_on_the_solution() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "crmsim", "check", str(SOLUTION)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "6 of 6 tasks correct" in done.stdout
