"""Collecting submissions: find the notebooks, name their students, make clean copies.

A course platform exports one folder per student (``FOLDER/<id>/<notebook>.ipynb``);
the folder's name is then the student id. A notebook lying directly in ``FOLDER``
is graded with the id of its ``start("…")`` call. Each submission is compared with
its solution (:func:`crmsim.exercises.submissions.clean_copy`) before anything runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import nbformat

from crmsim.errors import InputError
from crmsim.exercises.student import read_notebook
from crmsim.exercises.submissions import calls_start, clean_copy, read_submission, student_in
from crmsim.exercises.variants import STUDENT_VARIABLE, normalise_student


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


class PreparedSubmission(NamedTuple):
    """A submission read, compared with its solution and ready to run.

    ``copy`` is the clean copy to run (:func:`crmsim.exercises.submissions.clean_copy`),
    ``refused`` the tasks it refuses (title → feedback), ``environment`` the variables
    its run needs (the student id, for a notebook whose ``start(...)`` call is gone).
    """

    path: Path
    chapter: str
    student: str | None
    notes: list[str]
    copy: nbformat.NotebookNode
    refused: dict[str, str]
    environment: dict[str, str | None]


def prepare_submission(path: Path, folder: Path, solutions: Path) -> PreparedSubmission:
    """Read one submitted notebook and make its clean copy (raises on an unusable file)."""
    submission = read_submission(path)
    solution_path = solutions / path.name
    name = submission.metadata.get("crmsim", {}).get("generated_from")
    if not solution_path.exists() and name:
        solution_path = solutions / Path(name).name
    solution = read_notebook(solution_path, "solution notebook")
    student, notes = owner(path, folder, student_in(submission))
    copy, inspection = clean_copy(submission, solution, student)
    without_start = student is not None and calls_start(solution) and not calls_start(copy)
    environment = {STUDENT_VARIABLE: student if without_start else None}
    return PreparedSubmission(
        path,
        solution_path.stem,
        student,
        notes + inspection.notes,
        copy,
        dict(inspection.refused),
        environment,
    )
