"""Grade a folder of submitted exercise notebooks into a gradebook (one row per task).

Every submission is graded like ``crmsim check`` does it, on a fresh kernel of its
own with a time limit per cell and per notebook, but from a clean copy in a private
temporary folder (:mod:`crmsim.exercises.submissions`): the solution's expected
lines in the check cells, the owner's student id in the ``start(...)`` call. A
notebook that hangs, raises, cannot be read or tampers with its checks is marked in
the gradebook and the run goes on. Where the student id comes from: see
:mod:`crmsim.exercises.intake`.

Submissions run in batches, one pytest process per batch and ``jobs`` batches at a
time (:func:`crmsim.exercises.check_runs.run_check_batch`): nbval still gives every
notebook a kernel of its own, but pytest starts once per batch, not per submission.
"""

from __future__ import annotations

import csv
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

from crmsim.errors import InputError
from crmsim.exercises.check_runs import CheckedNotebook, run_check_batch
from crmsim.exercises.feedback import NOT_ANSWERED
from crmsim.exercises.intake import PreparedSubmission, find_submissions, prepare_submission
from crmsim.exercises.reporter import NOT_CHECKED
from crmsim.exercises.student import is_check_cell, read_notebook
from crmsim.exercises.submissions import (
    title_of,
)
from crmsim.exercises.variants import STUDENT_VARIABLE

#: Columns of the gradebook CSV, in order.
COLUMNS = ("student", "chapter", "task", "result", "passed", "feedback", "score", "total", "notes")
#: Seconds one cell of a submission may run (a hanging answer fails after this).
GRADING_CELL_TIMEOUT_S = 60.0
#: Seconds one whole submission may run.
GRADING_TIME_LIMIT_S = 600.0
#: Submissions graded one after another by one pytest process (each on its own kernel):
#: starting pytest and nbval costs about two seconds, a chapter 03 notebook about three.
BATCH_SIZE = 10


@dataclass(frozen=True)
class TaskGrade:
    """One task of one submission: ``result`` is correct, wrong, not answered, timed out,
    not checked, tampered or not accepted; ``feedback`` the check's line (empty when correct)."""

    task: str
    result: str
    passed: bool
    feedback: str


@dataclass(frozen=True)
class SubmissionGrade:
    """The grade of one submitted notebook.

    Attributes
    ----------
    student : str
        The student id it was graded with (``"-"`` when none was found).
    chapter : str
        The exercise notebook's name without ``.ipynb`` (``03-contact-center``).
    path : str
        The submitted file.
    tasks : list of TaskGrade
        One entry per task of the chapter, in the notebook's order.
    notes : list of str
        Remarks on the whole submission (id mismatch, time-out, unreadable file).
    seconds : float
        Wall-clock time its grading took.
    """

    student: str
    chapter: str
    path: str
    tasks: list[TaskGrade]
    notes: list[str]
    seconds: float

    @property
    def score(self) -> int:
        """Number of tasks graded correct."""
        return sum(task.passed for task in self.tasks)

    def line(self) -> str:
        """``s1234567  03-contact-center  10/12  (2 tampered)`` for the printed summary."""
        counts: dict[str, int] = {}
        for task in self.tasks:
            if not task.passed:
                counts[task.result] = counts.get(task.result, 0) + 1
        details = ", ".join(f"{number} {result}" for result, number in counts.items())
        marks = "; ".join(self.notes)
        text = f"{self.student:<14} {self.chapter:<36} {self.score:>2}/{len(self.tasks):<2}"
        return text + (f"  ({details})" if details else "") + (f"  ! {marks}" if marks else "")


def result_of(passed: bool, feedback: str) -> str:
    """The gradebook's word for a task outcome."""
    if passed:
        return "correct"
    if feedback.startswith(NOT_ANSWERED.split(":")[0]):
        return "not answered"
    if feedback.startswith(("tampered", "not accepted")):
        return feedback.split(":")[0]
    if "did not finish" in feedback:
        return "timed out"
    if feedback.startswith(NOT_CHECKED.split(":")[0]):
        return "not checked"
    return "wrong"


def graded(prepared: PreparedSubmission, outcome: CheckedNotebook) -> SubmissionGrade:
    """The grade of a prepared submission from the outcome of its run."""
    notes = list(prepared.notes)
    board = outcome.board
    if board is None:
        notes.append(f"not graded: {' '.join(outcome.error.split())[:200]}")
        tasks = _not_checked(prepared.copy, outcome.error)
        return SubmissionGrade(
            prepared.student or "-", prepared.chapter, str(prepared.path), tasks, notes, 0.0
        )
    if board.errors:
        notes.append(f"{len(board.errors)} cell(s) outside any task failed")
    if any("did not finish within" in task.feedback for task in board.tasks):
        notes.append("ran out of time")
    tasks = []
    for task in board.tasks:
        refused = prepared.refused.get(task.task)
        feedback = refused or task.feedback
        passed = task.passed and refused is None
        tasks.append(TaskGrade(task.task, result_of(passed, feedback), passed, feedback))
    student = prepared.student or "-"
    return SubmissionGrade(
        student, prepared.chapter, str(prepared.path), tasks, notes, outcome.seconds
    )


def _not_checked(notebook: nbformat.NotebookNode, reason: str) -> list[TaskGrade]:
    """A "not checked" row, giving ``reason``, per check cell of ``notebook``."""
    line = f"not checked: {' '.join(reason.split())[:200]}"
    titles = [title_of(cell) for cell in notebook.cells if is_check_cell(cell)]
    return [TaskGrade(title, "not checked", False, line) for title in titles]


def _ungraded(solutions: Path, chapter: str, reason: str) -> list[TaskGrade]:
    """A "not checked" row per task of the chapter (none when the chapter is unknown)."""
    try:
        solution = read_notebook(solutions / f"{chapter}.ipynb", "solution notebook")
    except InputError:
        return []
    return _not_checked(solution, reason)


def grade_folder(
    folder: Path,
    solutions: Path,
    jobs: int = 1,
    cell_timeout_s: float = GRADING_CELL_TIMEOUT_S,
    time_limit_s: float = GRADING_TIME_LIMIT_S,
    progress: Callable[[SubmissionGrade], None] | None = None,
) -> list[SubmissionGrade]:
    """Grade every submission in ``folder``, ``jobs`` at a time, in the order of the files.

    Parameters
    ----------
    folder : Path
        The submissions: ``<id>/<notebook>.ipynb`` or notebooks with ``start("<id>")``.
    solutions : Path
        The folder of the solution notebooks (``exercises/solutions``).
    jobs : int
        Submissions graded at the same time (each in its own kernel).
    cell_timeout_s, time_limit_s : float
        Seconds one cell, and one whole submission, may run.
    progress : callable, optional
        Called with each submission's grade as soon as it is known.
    """
    if jobs < 1:
        raise InputError(f"--jobs must be at least 1, got {jobs}")
    if not solutions.is_dir():
        raise InputError(f"solution folder {solutions} does not exist (use --solutions)")
    paths = find_submissions(folder)
    if not paths:
        raise InputError(f"no submitted notebooks (*.ipynb) in {folder}")
    grades: dict[int, SubmissionGrade] = {}
    lock = threading.Lock()

    def settle(index: int, grade: SubmissionGrade) -> None:
        with lock:
            grades[index] = grade
        if progress is not None:
            progress(grade)

    ready: list[tuple[int, PreparedSubmission]] = []
    for index, path in enumerate(paths):
        try:
            ready.append((index, prepare_submission(path, folder, solutions)))
        except Exception as error:  # one unusable submission must not stop the run
            reason = " ".join(str(error).split())[:200]
            chapter = path.stem
            grade = SubmissionGrade(
                "-", chapter, str(path), _ungraded(solutions, chapter, reason),
                [f"not graded: {reason}"], 0.0,
            )  # fmt: skip
            settle(index, grade)
    with tempfile.TemporaryDirectory(prefix="crmsim-grade-") as work:
        targets = {}
        for index, prepared in ready:
            target = Path(work) / f"{index:05d}" / f"{prepared.chapter}.ipynb"
            target.parent.mkdir()
            target.write_text(nbformat.writes(prepared.copy), encoding="utf-8")
            targets[index] = target

        def run(batch: list[tuple[int, PreparedSubmission]]) -> None:
            def done(position: int, outcome: CheckedNotebook) -> None:
                index, prepared = batch[position]
                settle(index, graded(prepared, outcome))

            run_check_batch(
                [targets[index] for index, _ in batch],
                cell_timeout_s=cell_timeout_s,
                time_limit_s=time_limit_s,
                environment=batch[0][1].environment,
                on_done=done,
            )

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(run, batches(ready, jobs)))
    return [grades[index] for index in range(len(paths))]


def batches(
    ready: list[tuple[int, PreparedSubmission]], jobs: int
) -> list[list[tuple[int, PreparedSubmission]]]:
    """Submissions grouped for one pytest process each: at most :data:`BATCH_SIZE`, and
    so that ``jobs`` processes get about equal shares; one that needs its own
    environment runs alone."""
    shared = [item for item in ready if item[1].environment[STUDENT_VARIABLE] is None]
    alone = [[item] for item in ready if item[1].environment[STUDENT_VARIABLE] is not None]
    size = max(1, min(BATCH_SIZE, -(-len(shared) // jobs)))
    return [shared[start : start + size] for start in range(0, len(shared), size)] + alone


def write_gradebook(grades: list[SubmissionGrade], path: Path) -> None:
    """Write the gradebook CSV: one row per task, columns :data:`COLUMNS`.

    ``passed`` is 1 or 0; ``score`` and ``total`` are the submission's correct tasks and
    tasks; ``notes`` the submission's remarks, joined by ``; ``. A submission without
    tasks (an unknown chapter) gets one row with an empty task.
    """
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        for grade in grades:
            common = (grade.student, grade.chapter)
            tail = (grade.score, len(grade.tasks), "; ".join(grade.notes))
            if not grade.tasks:
                writer.writerow((*common, "", "not checked", 0, "", *tail))
            for task in grade.tasks:
                row = (task.task, task.result, int(task.passed), task.feedback)
                writer.writerow((*common, *row, *tail))
