"""Grade a folder of submitted exercise notebooks into a gradebook (one row per task).

Every submission is graded like ``crmsim check`` does it, on a fresh kernel of its
own with a time limit per cell and per notebook, but from a clean copy in a private
temporary folder (:mod:`crmsim.exercises.submissions`): the solution's expected
lines in the check cells, the owner's student id in the ``start(...)`` call. A
notebook that hangs, raises, cannot be read or tampers with its checks is marked in
the gradebook and the run goes on.

Where the student id comes from: ``FOLDER/<id>/<notebook>.ipynb`` (one folder per
student, as course platforms export them) takes the folder's name; a notebook lying
directly in ``FOLDER`` takes the id of its ``start("…")`` call.
"""

from __future__ import annotations

import csv
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

from crmsim.errors import InputError
from crmsim.exercises.feedback import NOT_ANSWERED
from crmsim.exercises.reporter import NOT_CHECKED
from crmsim.exercises.scoreboard import run_checks
from crmsim.exercises.student import is_check_cell, read_notebook
from crmsim.exercises.submissions import clean_copy, read_submission, student_in, title_of
from crmsim.exercises.variants import STUDENT_VARIABLE, normalise_student

#: Columns of the gradebook CSV, in order.
COLUMNS = ("student", "chapter", "task", "result", "passed", "feedback", "score", "total", "notes")
#: Seconds one cell of a submission may run (a hanging answer fails after this).
GRADING_CELL_TIMEOUT_S = 60.0
#: Seconds one whole submission may run.
GRADING_TIME_LIMIT_S = 600.0


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


def find_submissions(folder: Path) -> list[Path]:
    """Every ``.ipynb`` in ``folder`` and its student subfolders (checkpoints and hidden
    files left out), sorted."""
    if not folder.is_dir():
        raise InputError(f"submission folder {folder} does not exist or is not a folder")
    found = [
        path
        for path in folder.rglob("*.ipynb")
        if not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]
    return sorted(found)


def owner(path: Path, folder: Path, claimed: str | None) -> tuple[str | None, list[str]]:
    """The student id to grade ``path`` with, and a note when the notebook claims another."""
    parts = path.relative_to(folder).parts
    notes = []
    if len(parts) > 1:
        student = normalise_student(parts[0])
        if claimed is not None and normalise_student(claimed) != student:
            notes.append(f"notebook names student {claimed!r}; graded as {student}")
        return student, notes
    if claimed is None:
        return None, ["no student id (graded with the class variant)"]
    return normalise_student(claimed), notes


def grade_submission(
    path: Path,
    folder: Path,
    solutions: Path,
    cell_timeout_s: float = GRADING_CELL_TIMEOUT_S,
    time_limit_s: float = GRADING_TIME_LIMIT_S,
) -> SubmissionGrade:
    """Grade one submitted notebook; problems become notes and rows, never exceptions."""
    began = time.monotonic()
    chapter = path.stem
    student: str | None = None
    notes: list[str] = []
    try:
        submission = read_submission(path)
        solution_path = solutions / path.name
        name = submission.metadata.get("crmsim", {}).get("generated_from")
        if not solution_path.exists() and name:
            solution_path = solutions / Path(name).name
        chapter = solution_path.stem
        solution = read_notebook(solution_path, "solution notebook")
        student, notes = owner(path, folder, student_in(submission))
        copy, inspection = clean_copy(submission, solution, student)
        notes += inspection.notes
        with tempfile.TemporaryDirectory(prefix="crmsim-grade-") as private:
            target = Path(private) / f"{chapter}.ipynb"
            target.write_text(nbformat.writes(copy), encoding="utf-8")
            board = run_checks(
                target,
                cell_timeout_s=cell_timeout_s,
                time_limit_s=time_limit_s,
                environment={STUDENT_VARIABLE: student},
            )
        if board.errors:
            notes.append(f"{len(board.errors)} cell(s) outside any task failed")
        if any("did not finish within" in task.feedback for task in board.tasks):
            notes.append("ran out of time")
        tasks = []
        for task in board.tasks:
            refused = inspection.refused.get(task.task)
            feedback = refused or task.feedback
            passed = task.passed and refused is None
            tasks.append(TaskGrade(task.task, result_of(passed, feedback), passed, feedback))
    except Exception as error:  # one broken submission must not stop the run
        notes.append(f"not graded: {' '.join(str(error).split())[:200]}")
        tasks = _ungraded(solutions, chapter, str(error))
    seconds = time.monotonic() - began
    return SubmissionGrade(student or "-", chapter, str(path), tasks, notes, seconds)


def _ungraded(solutions: Path, chapter: str, reason: str) -> list[TaskGrade]:
    """A "not checked" row per task of the chapter (none when the chapter is unknown)."""
    try:
        solution = read_notebook(solutions / f"{chapter}.ipynb", "solution notebook")
    except InputError:
        return []
    titles = [title_of(cell) for cell in solution.cells if is_check_cell(cell)]
    line = f"not checked: {' '.join(reason.split())[:200]}"
    return [TaskGrade(title, "not checked", False, line) for title in titles]


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

    def one(path: Path) -> SubmissionGrade:
        grade = grade_submission(path, folder, solutions, cell_timeout_s, time_limit_s)
        if progress is not None:
            progress(grade)
        return grade

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, paths))


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
