"""Exercises: chapter 03's checks, the generated student version, and grading with nbval."""

from __future__ import annotations

import contextlib
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
from crmsim.exercises.scoreboard import feedback_from_failure
from crmsim.exercises.student import (
    CHECK_TAG,
    build_student_version,
    fingerprint,
    is_check_cell,
    student_source,
)
from crmsim.queueing import erlang_b, erlang_c

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "exercises" / "solutions" / "03-contact-center.ipynb"
STUDENT = ROOT / "exercises" / "03-contact-center.ipynb"
ANSI = re.compile(r"\x1b\[")


# -- the checks themselves ------------------------------------------------------------------
def test_correct_answers_are_accepted() -> None:
    assert checks.task_1_offered_load(18.0).passed
    assert checks.task_2_p_wait(erlang_c(20, 18.0)).passed
    assert checks.task_3_agents_for_80_20(23).passed


@pytest.mark.parametrize(
    ("check", "answer", "hint"),
    [
        (checks.task_1_offered_load, 240 * 4.5, "mixes units"),
        (checks.task_1_offered_load, 240 * 4.5 / 3600, "divide by 60, not 3600"),
        (checks.task_1_offered_load, 20.0, "calls per hour × AHT in hours"),
        (checks.task_2_p_wait, 55.0, "between 0 and 1"),
        (checks.task_2_p_wait, erlang_b(20, 18.0), "that is Erlang B"),
        (checks.task_3_agents_for_80_20, 22, "only 79.3% are answered"),
        (checks.task_3_agents_for_80_20, 25, "fewer agents already reach 80 %"),
        (checks.task_3_agents_for_80_20, 15, "waits grow without limit"),
        (checks.task_3_agents_for_80_20, 22.5, "whole number"),
        (checks.task_1_offered_load, "eighteen", "could not use your answer"),
    ],
)
def test_typical_mistakes_get_a_specific_hint(check, answer, hint: str) -> None:
    verdict = check(answer)
    assert not verdict.passed
    assert hint in repr(verdict)
    assert "\n" not in repr(verdict)


def test_simulation_tasks_compute_their_own_truth() -> None:
    week = checks.adac_week()
    assert checks.task_4_abandon_rate(float(week["abandon_rate"])).passed
    hint = repr(checks.task_4_abandon_rate(float(week["abandoned"])))
    assert "number of abandoned calls" in hint
    assert "not in percent" in repr(checks.task_4_abandon_rate(float(week["abandon_rate"]) * 100))
    before = checks.classroom_kpis(11)["abandon_rate"]
    after = checks.classroom_kpis(11, callback=True)["abandon_rate"]
    assert checks.task_5_callback_effect((before - after) * 100).passed
    assert "sign is reversed" in repr(checks.task_5_callback_effect((after - before) * 100))
    vip = checks.classroom_kpis(12, vip_routing=True)
    assert checks.task_6_vip_gap(vip["asa_c_s"] - vip["asa_a_s"]).passed
    assert "not minutes" in repr(checks.task_6_vip_gap((vip["asa_c_s"] - vip["asa_a_s"]) / 60))


def test_understanding_tasks_know_their_answers_and_the_typical_slips() -> None:
    # 2 × 13 agents separate against 23 shared: 3 agents at 45,000 EUR a year each
    assert checks.task_7_pooling_agents(135_000).passed
    assert "number of agents saved" in repr(checks.task_7_pooling_agents(3))
    assert "two separate hotlines cost" in repr(checks.task_7_pooling_agents(26 * 45_000))
    assert "shared hotline costs" in repr(checks.task_7_pooling_agents(23 * 45_000))
    assert "sign is reversed" in repr(checks.task_7_pooling_agents(-135_000))
    assert "(c) is not it: the load is the same" in repr(checks.task_8_pooling_reason("c"))
    assert checks.task_8_pooling_reason("b").passed
    large = checks.task_9_large_center
    assert large.check_gap(0.75, 0.9346 - 0.75).passed  # 100 Erlang: 107 agents, 93.5 %
    assert "sign is reversed" in repr(large.check_gap(0.75, 0.75 - 0.9346))
    assert checks.task_10_worst_half_hour("19:00").passed
    assert "misses the target too" in repr(checks.task_10_worst_half_hour("18:00"))
    assert "on target" in repr(checks.task_10_worst_half_hour("10:00"))
    assert 'as "HH:MM"' in repr(checks.task_10_worst_half_hour(19))
    assert "as many as the day shift" in repr(checks.task_11_friday_cause("a"))
    assert checks.task_11_friday_cause("c").passed
    assert checks.task_12_terms({"1": "c", "2": "e", "3": "d", "4": "a", "5": "b"}).passed
    wrong = checks.task_12_terms({"1": "d", "2": "e", "3": "c", "4": "a", "5": "b"})
    assert "Verkehrsangebot is not 'occupancy': it is the average number of calls" in repr(wrong)


def test_the_adac_friday_fails_where_the_day_shift_has_left_and_the_late_break_starts() -> None:
    friday = checks.adac_friday_half_hours().set_index("time")
    assert friday.loc["17:30", "agents_on_duty"] == pytest.approx(6.0)
    assert friday.loc["18:30", "agents_on_duty"] == pytest.approx(3.0)
    assert friday.loc["19:00", "agents_on_duty"] < 1.5
    assert friday.loc["19:00", "service_level"] < 0.2


def test_placeholder_means_not_answered_yet_and_titles_match_the_headings() -> None:
    headings = "\n".join(
        cell.source for cell in nbformat.read(SOLUTION, as_version=4).cells
    )  # fmt: skip
    for task in checks.TASKS:
        verdict = task.check_gap(..., ...) if hasattr(task, "check_gap") else task(...)
        assert repr(verdict) == f"{task.title}: {NOT_ANSWERED}"
        assert f"## {task.title}" in headings, task.title


# -- the student version ------------------------------------------------------------------------
def test_student_version_is_generated_from_the_solution() -> None:
    assert STUDENT.read_text(encoding="utf-8") == expected_student_text(SOLUTION), (
        "exercises/03-contact-center.ipynb is out of date: run 'crmsim exercises build'"
    )


def test_student_version_has_placeholders_and_no_outputs_at_all() -> None:
    student = nbformat.read(STUDENT, as_version=4)
    sources = "\n".join(cell.source for cell in student.cells)
    assert "# SOLUTION" not in sources
    assert "NBVAL" not in sources
    assert sources.count("= ...  # your answer") >= len(checks.TASKS)
    assert sum(is_check_cell(cell) for cell in student.cells) >= len(checks.TASKS)
    code = [cell for cell in student.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert "grades the saved file" in student.cells[0].source


def test_solution_keeps_only_the_expected_lines() -> None:
    solution = nbformat.read(SOLUTION, as_version=4)
    for cell in solution.cells:
        if cell.cell_type != "code":
            continue
        if is_check_cell(cell):
            assert cell.outputs[0]["data"]["text/plain"].endswith(": correct ✔")
        else:
            assert cell.outputs == [], cell.source


def test_only_one_line_assignments_may_be_marked() -> None:
    assert student_source("x = 1 + 1  # SOLUTION", "here") == "x = ...  # your answer"
    with pytest.raises(InputError, match="here line 1: mark only one-line assignments"):
        student_source("print(1)  # SOLUTION", "here")


def test_check_markers_are_cell_tags_not_comments(tmp_path: Path) -> None:
    solution = nbformat.read(SOLUTION, as_version=4)
    check = next(cell for cell in solution.cells if is_check_cell(cell))
    check.metadata["tags"] = []
    check.source = "# NBVAL_CHECK_OUTPUT\n" + check.source
    path = tmp_path / "solution.ipynb"
    nbformat.write(solution, path)
    with pytest.raises(InputError, match=f"tag check cells '{CHECK_TAG}'"):
        expected_student_text(path)


def test_exercises_build_check_reports_drift(tmp_path: Path, capsys) -> None:
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "x.ipynb").write_bytes(SOLUTION.read_bytes())
    assert main(["exercises", "build", "--folder", str(tmp_path), "--check"]) == 1
    assert "out of date" in capsys.readouterr().out
    assert main(["exercises", "build", "--folder", str(tmp_path)]) == 0
    assert main(["exercises", "build", "--folder", str(tmp_path), "--check"]) == 0


def test_exercises_build_never_overwrites_an_answered_notebook(tmp_path: Path, capsys) -> None:
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "x.ipynb").write_bytes(SOLUTION.read_bytes())
    assert main(["exercises", "build", "--folder", str(tmp_path)]) == 0
    student = tmp_path / "x.ipynb"
    # Running cells (outputs) is not a change: a rebuild may replace the file.
    ran = nbformat.read(student, as_version=4)
    ran.cells[1].outputs = [nbformat.v4.new_output("stream", text="hello\n")]
    nbformat.write(ran, student)
    assert main(["exercises", "build", "--folder", str(tmp_path)]) == 0
    # An answered notebook is kept, byte for byte, and the command says so.
    answered = nbformat.read(student, as_version=4)
    cell = next(c for c in answered.cells if "= ...  # your answer" in c.source)
    cell.source = cell.source.replace("...  # your answer", "18.0")
    nbformat.write(answered, student)
    before = student.read_bytes()
    capsys.readouterr()
    assert main(["exercises", "build", "--folder", str(tmp_path)]) == 1
    assert student.read_bytes() == before
    assert "not overwriting" in capsys.readouterr().err
    assert fingerprint(answered) != answered.metadata["crmsim"]["fingerprint"]
    with pytest.raises(InputError, match="changed after it was generated"):
        build_student_version(tmp_path / "solutions" / "x.ipynb", student)


def test_exercises_build_help_says_it_is_for_maintainers(capsys) -> None:
    with contextlib.suppress(SystemExit):
        main(["exercises", "build", "--help"])
    assert "A maintainer's command" in capsys.readouterr().out


def test_exercises_build_without_solutions_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["exercises", "build", "--folder", str(tmp_path)]) == 2
    assert "no solution notebooks" in capsys.readouterr().err


# -- grading --------------------------------------------------------------------------------------
def test_failure_text_becomes_one_plain_line() -> None:
    raised = (
        "\x1b[91mNotebook cell execution failed\x1b[0m\nCell 3: Cell execution caused an exception"
        "\n\nTraceback:\n\x1b[31mZeroDivisionError\x1b[39m: division by zero\n"
    )
    assert (
        feedback_from_failure(raised, "T") == "your code raised ZeroDivisionError: division by zero"
    )
    timeout = "Timeout of 2 seconds exceeded executing cell"
    assert feedback_from_failure(timeout, "T").startswith("the cell did not finish within 2 s")
    differs = "- Task 1 · X: not yet: a hint\n+ Task 1 · X: correct ✔"
    assert feedback_from_failure(differs, "Task 1 · X") == "not yet: a hint"


@pytest.mark.slow
def test_untouched_student_version_fails_every_check_with_not_answered_yet() -> None:
    lines: list[str] = []
    board = run_checks(STUDENT, progress=lines.append)
    assert len(board.tasks) == len(checks.TASKS)
    assert board.solved == 0 and board.answered == 0
    assert board.errors == []  # no cell raised an exception
    for task in board.tasks:
        assert task.feedback.startswith("not answered yet"), task
    assert lines == [task.line() for task in board.tasks]  # one line per task, as it went
    assert "save it first (Ctrl+S)" in board.lines()[-1]


@pytest.mark.slow
def test_solution_passes_and_partial_work_is_scored_by_title(tmp_path: Path) -> None:
    board = run_checks(SOLUTION)
    assert board.solved == len(board.tasks)
    student = json.loads(STUDENT.read_text(encoding="utf-8"))
    for cell in student["cells"]:
        text = "".join(cell["source"])
        if text.startswith("offered_load = ..."):
            cell["source"] = ["offered_load = 240 * 4.5 / 60"]
        if text.startswith("p_wait = ..."):
            cell["source"] = ["p_wait = 1 / 0"]
        if text.startswith("agents_needed = ..."):
            cell["source"] = ["agents_needed = 22"]
    attempt = tmp_path / "03-attempt.ipynb"
    attempt.write_text(json.dumps(student), encoding="utf-8")
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / SOLUTION.name).write_bytes(SOLUTION.read_bytes())
    board = run_checks(attempt)
    first = board.tasks[:3]
    assert [task.passed for task in first] == [True, False, False]
    assert first[0].task == "Task 1 · Offered load"
    assert first[1].feedback == "your code raised ZeroDivisionError: division by zero"
    assert first[2].feedback.startswith("not yet: with 22 agents only 79.3%")
    assert f"1 of {len(board.tasks)} tasks correct" in board.lines()[-1]
    assert not any(ANSI.search(line) for line in board.lines())
    assert list(tmp_path.glob(".03-attempt*")) == []  # the stamped copy is gone


@pytest.mark.slow
def test_a_cell_that_never_ends_times_out_with_one_line_naming_the_task(tmp_path: Path) -> None:
    student = nbformat.read(STUDENT, as_version=4)
    cell = next(c for c in student.cells if c.source.startswith("offered_load = ..."))
    cell.source = "import time\nwhile True:\n    time.sleep(0.1)"
    attempt = tmp_path / "03-loop.ipynb"
    nbformat.write(student, attempt)
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / SOLUTION.name).write_bytes(SOLUTION.read_bytes())
    # The limit leaves the import cell time to finish on a loaded machine.
    board = run_checks(attempt, cell_timeout_s=10)
    assert board.tasks[0].task == "Task 1 · Offered load"
    assert board.tasks[0].feedback.startswith("the cell did not finish within 10 s")
    assert not any(task.passed for task in board.tasks)


def test_cells_after_a_timeout_are_reported_as_not_checked_not_as_passed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from types import SimpleNamespace

    from crmsim.exercises import reporter

    target = tmp_path / "cells.jsonl"
    monkeypatch.setenv(reporter.REPORT_VARIABLE, str(target))
    after_timeout = SimpleNamespace(
        nodeid="03.ipynb::Cell 7", when="call", passed=False, skipped=True,
        wasxfail="Previous cell timed out, expected cell to fail", longreprtext="",
    )  # fmt: skip
    reporter.pytest_runtest_logreport(after_timeout)
    record = json.loads(target.read_text())
    assert record["cell"] == 7
    assert record["passed"] is False
    assert feedback_from_failure(record["text"], "Task 2") == reporter.NOT_CHECKED


def test_check_command_prints_a_line_per_task_and_fails_on_open_tasks(capsys) -> None:
    assert main(["check", str(STUDENT)]) == 1
    out = capsys.readouterr().out
    assert "unsaved changes in JupyterLab are not graded" in out.splitlines()[0]
    assert re.search(r"✘ Task 1 · Offered load — not answered yet", out)
    assert f"0 of {len(checks.TASKS)} tasks correct" in out
    assert not ANSI.search(out)


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
    assert re.search(r"(\d+) of \1 tasks correct", done.stdout)


def test_at_least_a_third_of_the_tasks_test_understanding() -> None:
    from crmsim.exercises import Matching, MultipleChoice, Ordering, PredictThenSimulate

    kinds = (Matching, MultipleChoice, Ordering, PredictThenSimulate)
    understanding = [task for task in checks.TASKS if isinstance(task, kinds)]
    assert 3 * len(understanding) >= len(checks.TASKS)
