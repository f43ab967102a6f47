"""``crmsim grade``: a folder of submissions becomes a gradebook, whatever the submissions do.

The submissions are generated from the first three tasks of the chapter 03 solution
(offered load, Erlang C, agents for 80/20), so that twelve kernels run in reasonable time.
"""

from __future__ import annotations

import csv
from pathlib import Path

import nbformat
import pytest

from crmsim.cli import main
from crmsim.exercises.answer_key import answer_key
from crmsim.exercises.check_runs import run_check_batch
from crmsim.exercises.gradebook import batches, result_of
from crmsim.exercises.intake import PreparedSubmission, owner
from crmsim.exercises.student import student_notebook
from crmsim.exercises.submissions import clean_copy, with_student
from crmsim.exercises.variants import STUDENT_VARIABLE

SOLUTION = Path("exercises/solutions/03-contact-center.ipynb")
CHAPTER = "03-contact-center"
FIRST_TASKS = 11  # intro, first cell, and tasks 1–3 (heading, answer, check each)
TITLES = (
    "Task 1 · Offered load",
    "Task 2 · Erlang C waiting probability",
    "Task 3 · Agents for 80/20",
)


def short_solution() -> nbformat.NotebookNode:
    notebook = nbformat.read(SOLUTION, as_version=4)
    notebook.cells = notebook.cells[:FIRST_TASKS]
    setup = notebook.cells[1]  # tasks 1–3 need neither the scenarios nor the panels
    setup.source = "\n".join(
        line
        for line in setup.source.splitlines()
        if "crmsim.scenario" not in line and "crmsim.widgets" not in line
    )
    return notebook


def submission(student: str | None, **answers: str) -> nbformat.NotebookNode:
    """The solution as ``student`` hands it in, with some answer lines replaced."""
    notebook = with_student(short_solution(), student)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs, cell.execution_count = [], None
        name = cell.source.split(" = ")[0]
        if name in answers:
            cell.source = f"{name} = {answers[name]}"
    return notebook


def unanswered(student: str) -> nbformat.NotebookNode:
    return with_student(student_notebook(short_solution(), f"solutions/{CHAPTER}.ipynb"), student)


def save(notebook: nbformat.NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


def tampered(student: str) -> nbformat.NotebookNode:
    notebook = submission(student, agents_needed="3")
    check = next(cell for cell in notebook.cells if "task_3_" in cell.source)
    check.source = 'print("Task 3 · Agents for 80/20: correct ✔")'
    return notebook


def test_a_changed_check_cell_is_tampered_and_restored() -> None:
    copy, inspection = clean_copy(tampered("s1"), short_solution(), "s1")
    assert inspection.refused == {
        "Task 3 · Agents for 80/20": "tampered: the check cell was changed"
    }
    checks = [cell for cell in copy.cells if "nbval-check-output" in cell.metadata.get("tags", [])]
    assert [cell.source for cell in checks][-1] == "checks.task_3_agents_for_80_20(agents_needed)"
    assert all(cell.outputs for cell in checks)  # the solution's expected lines


def test_a_removed_check_cell_or_tag_counts_as_tampered() -> None:
    notebook = submission("s1")
    notebook.cells = [cell for cell in notebook.cells if "task_2_" not in cell.source]
    _, inspection = clean_copy(notebook, short_solution(), "s1")
    assert inspection.refused == {TITLES[1]: "tampered: the check cell was removed"}
    untagged = submission("s1")
    for cell in untagged.cells:
        cell.metadata["tags"] = []
    copy, inspection = clean_copy(untagged, short_solution(), "s1")
    assert inspection.refused == {}  # the unchanged checks are found by their source
    assert sum("nbval-check-output" in cell.metadata["tags"] for cell in copy.cells if
               cell.cell_type == "code") == 3  # fmt: skip


@pytest.mark.parametrize(
    "line",
    [
        "checks.task_3_agents_for_80_20.expected()",
        'len(open("../s2/03-contact-center.ipynb").read())',
        "__import__('subprocess').run(['cat', 'other.ipynb'])",
    ],
)
def test_an_answer_that_reads_the_key_or_files_is_not_accepted(line: str) -> None:
    _, inspection = clean_copy(submission("s1", agents_needed=line), short_solution(), "s1")
    assert list(inspection.refused) == [TITLES[2]]
    assert inspection.refused[TITLES[2]].startswith("not accepted: ")


def test_the_data_and_numbers_the_checks_module_offers_may_be_used() -> None:
    line = 'len(read_table("fact_order", checks.DATA)) + checks.parameters().agents'
    _, inspection = clean_copy(submission("s1", agents_needed=line), short_solution(), "s1")
    assert inspection.refused == {}


def test_the_folder_names_the_student_and_a_foreign_id_is_noted(tmp_path: Path) -> None:
    path = tmp_path / "s2" / f"{CHAPTER}.ipynb"
    assert owner(path, tmp_path, "s1") == ("s2", ["notebook names student 's1'; graded as s2"])
    assert owner(tmp_path / "x.ipynb", tmp_path, "S3") == ("s3", [])
    assert owner(tmp_path / "x.ipynb", tmp_path, None)[0] is None
    assert result_of(False, "not answered yet: replace ...") == "not answered"
    assert result_of(False, "not checked: an earlier cell ran out of time") == "not checked"
    assert result_of(False, "the cell did not finish within 10 s (an endless loop?)") == "timed out"


@pytest.mark.slow
def test_twelve_submissions_are_graded_correctly(tmp_path: Path, capsys) -> None:
    solutions = tmp_path / "solutions"
    save(short_solution(), solutions / f"{CHAPTER}.ipynb")
    folder = tmp_path / "submissions"
    for number in range(1, 5):  # correct
        save(submission(f"s100{number}"), folder / f"s100{number}" / f"{CHAPTER}.ipynb")
    key = {entry.task: entry.answer for entry in answer_key(SOLUTION, "s1001").entries}
    copied_load = key[TITLES[0]].split(" ")[0]
    copied_agents = key[TITLES[2]]
    wrong = {
        "s2001": {"offered_load": copied_load},  # a neighbour's number
        "s2002": {"agents_needed": copied_agents},
        "s2003": {"offered_load": "240 * 4.5 / 60"},  # the class variant's numbers
        "s2004": {"p_wait": "1 / 0"},  # raises
    }
    for student, answers in wrong.items():
        save(submission(student, **answers), folder / student / f"{CHAPTER}.ipynb")
    save(unanswered("s3001"), folder / "s3001" / f"{CHAPTER}.ipynb")
    save(unanswered("s3002"), folder / f"{CHAPTER}-s3002.ipynb")  # flat: id from start()
    hanging = submission("s4001", p_wait="[0 for _ in iter(int, 1)]")  # never ends
    save(hanging, folder / "s4001" / f"{CHAPTER}.ipynb")
    save(tampered("s5001"), folder / "s5001" / f"{CHAPTER}.ipynb")

    out = tmp_path / "gradebook.csv"
    status = main([
        "grade", str(folder), "--solutions", str(solutions), "--out", str(out),
        "--jobs", "2", "--cell-timeout", "30",
    ])  # fmt: skip
    assert status == 0
    printed = capsys.readouterr().out
    assert "12 submissions, 36 tasks" in printed
    with out.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 36
    results = {(row["student"], row["task"]): row["result"] for row in rows}
    scores = {row["student"]: int(row["score"]) for row in rows}
    for number in range(1, 5):
        assert scores[f"s100{number}"] == 3
    assert results[("s2001", TITLES[0])] == "wrong"
    assert results[("s2002", TITLES[2])] == "wrong"
    assert results[("s2003", TITLES[0])] == "wrong"
    assert results[("s2004", TITLES[1])] == "wrong"
    assert results[("s2001", TITLES[1])] == "wrong"  # task 2 builds on the wrong load
    assert (scores["s2001"], scores["s2002"], scores["s2003"], scores["s2004"]) == (1, 2, 1, 2)
    raised = next(row for row in rows if row["student"] == "s2004" and row["task"] == TITLES[1])
    assert raised["feedback"] == "your code raised ZeroDivisionError: division by zero"
    for student in ("s3001", "s3002"):
        assert [results[(student, title)] for title in TITLES] == ["not answered"] * 3
    assert results[("s4001", TITLES[0])] == "correct"
    assert results[("s4001", TITLES[1])] == "timed out"
    assert results[("s4001", TITLES[2])] == "correct"  # the kernel was interrupted, not lost
    hang = next(row for row in rows if row["student"] == "s4001" and row["task"] == TITLES[1])
    assert "did not finish within 30 s" in hang["feedback"]
    assert results[("s5001", TITLES[2])] == "tampered"
    assert scores["s5001"] == 2
    assert "graded in" in printed and "s per submission" in printed


def test_a_chapter_without_personal_numbers_needs_no_start_call() -> None:
    solution = nbformat.read(Path("exercises/solutions/01-crm-foundations.ipynb"), as_version=4)
    _, inspection = clean_copy(solution, solution, "s1")
    assert inspection.notes == [] and inspection.refused == {}
    _, inspection = clean_copy(submission("s1"), short_solution(), "s1")
    assert inspection.notes == [] and inspection.refused == {}
    no_start = submission("s1")
    setup = no_start.cells[1].source.splitlines()
    no_start.cells[1].source = "\n".join(line for line in setup if "start(" not in line)
    _, inspection = clean_copy(no_start, short_solution(), "s1")
    assert inspection.notes == [
        "the first cell differs from the solution's (imports changed)",
        "the first cell calls no crmsim.exercises.start(...)",
    ]


@pytest.mark.slow
def test_one_process_grades_a_batch_and_goes_on_after_a_notebook_runs_out_of_time(
    tmp_path: Path,
) -> None:
    notebooks = [
        submission("s1"),
        submission("s2", offered_load="__import__('time').sleep(60)"),  # past the limit
        submission("s3", offered_load="1.0"),
        unanswered("s4"),
    ]
    paths = []
    for number, notebook in enumerate(notebooks, start=1):
        copy, _ = clean_copy(notebook, short_solution(), f"s{number}")
        paths.append(tmp_path / f"s{number}" / f"{CHAPTER}.ipynb")
        save(copy, paths[-1])
    reported: list[int] = []
    outcomes = run_check_batch(
        paths, cell_timeout_s=120, time_limit_s=8, on_done=lambda at, _: reported.append(at)
    )
    assert sorted(reported) == [0, 1, 2, 3]
    boards = [outcome.board for outcome in outcomes]
    assert all(board is not None for board in boards)
    verdicts = [[task.feedback for task in board.tasks] for board in boards if board]
    assert verdicts[0] == ["", "", ""]
    assert verdicts[1] == ["not checked: the notebook did not finish within 8 s"] * 3
    assert verdicts[2][0] != "" and not verdicts[2][0].startswith("not answered")
    assert all(line.startswith("not answered yet") for line in verdicts[3])
    assert [board.notebook for board in boards if board] == [str(path) for path in paths]


def test_batches_share_the_work_and_a_notebook_needing_its_own_id_runs_alone() -> None:
    def prepared(student: str | None) -> PreparedSubmission:
        environment = {STUDENT_VARIABLE: student}
        return PreparedSubmission(Path("x"), CHAPTER, "s1", [], short_solution(), {}, environment)

    ready = [(index, prepared(None)) for index in range(25)] + [(25, prepared("s9"))]
    groups = batches(ready, jobs=2)
    assert [len(group) for group in groups] == [10, 10, 5, 1]
    assert groups[-1][0][0] == 25
    assert [len(group) for group in batches(ready[:6], jobs=2)] == [3, 3]
    assert sorted(index for group in groups for index, _ in group) == list(range(26))
