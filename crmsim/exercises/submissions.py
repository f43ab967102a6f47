"""Submitted exercise notebooks: whose they are, and whether their checks were left alone.

A submission is graded as a clean copy: its check cells are compared with the
solution's (a changed or missing check cell is *tampered*), the solution's expected
lines are put into them, every other nbval tag is removed, and the ``start(...)``
call of the first cell is set to the owner's student id. Lines the student wrote
(those in neither the solution nor the student version) are scanned for attempts
to read answers instead of computing them: using the checks module or the variant
machinery, reading files, running programs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from crmsim.errors import InputError
from crmsim.exercises.feedback import CORRECT
from crmsim.exercises.student import CHECK_TAG, is_check_cell, read_notebook, student_source

#: The ``start(...)`` call of an exercise notebook's first cell, with its student id if any.
START_CALL = re.compile(r"""\bstart\(\s*(?:(?P<quote>['"])(?P<student>[^'"]*)(?P=quote))?\s*\)""")
#: What the checks module offers students on purpose (their data and numbers): not snooping.
ALLOWED = re.compile(r"\bchecks\.(?:DATA\b|data_folder\(\)|parameters\(\))")
#: Lines a student's answer must not contain, and why.
SNOOPING = (
    (
        re.compile(r"\bchecks\b|crmsim\.exercises|\bVerdict\b|CRMSIM_STUDENT|variants|✔"),
        "uses the checks module or the answer key instead of computing the answer",
    ),
    (
        re.compile(
            r"\bopen\(|\.ipynb|\.\./|\bglob\b|listdir|scandir|os\.walk|read_text|read_bytes"
            r"|subprocess|os\.system|os\.popen|nbformat|importlib|__import__|sys\.modules"
            r"|^\s*[!%]"
        ),
        "reads files or runs programs (another student's notebook?)",
    ),
)


@dataclass(frozen=True)
class Inspection:
    """What the comparison with the solution found in one submission.

    Attributes
    ----------
    refused : dict
        Task title → why its result does not count (tampered check, snooping line).
    notes : list of str
        Remarks on the whole submission (id mismatch, no student id, changed first cell).
    """

    refused: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def calls_start(notebook: nbformat.NotebookNode) -> bool:
    """Whether the notebook's code calls ``start(...)`` (chapters with personal numbers do)."""
    return any(
        cell.cell_type == "code" and START_CALL.search(cell.source) for cell in notebook.cells
    )


def student_in(notebook: nbformat.NotebookNode) -> str | None:
    """The student id of the first ``start("…")`` call in the notebook's code, if any."""
    for cell in notebook.cells:
        if cell.cell_type == "code":
            match = START_CALL.search(cell.source)
            if match is not None:
                return (match["student"] or "").strip() or None
    return None


def with_student(notebook: nbformat.NotebookNode, student: str | None) -> nbformat.NotebookNode:
    """A copy of ``notebook`` whose first ``start(...)`` call names ``student``.

    Raises
    ------
    InputError
        When no code cell calls ``start(...)``.
    """
    copy = nbformat.from_dict(notebook)
    argument = "" if student is None else f'"{student}"'
    for cell in copy.cells:
        if cell.cell_type == "code" and START_CALL.search(cell.source):
            cell.source = START_CALL.sub(f"start({argument})", cell.source, count=1)
            return copy
    raise InputError("the notebook calls no crmsim.exercises.start(...) in its code")


def title_of(cell: nbformat.NotebookNode) -> str:
    """The task title of a solution's check cell, from its expected line."""
    text = "".join(
        output.get("data", {}).get("text/plain", "") or output.get("text", "")
        for output in cell.get("outputs", [])
    ).strip()
    ending = f": {CORRECT}"
    if not text.endswith(ending):
        raise InputError(f"a check cell of the solution holds no expected line: {text[:60]!r}")
    return text[: -len(ending)]


def _lines(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if line.strip()]


def _given_lines(solution: nbformat.NotebookNode) -> set[str]:
    given: set[str] = set()
    for number, cell in enumerate(solution.cells):
        if cell.cell_type == "code":
            given.update(_lines(cell.source))
            given.update(_lines(student_source(cell.source, f"cell {number}")))
    return {START_CALL.sub("start()", line) for line in given}


def _unmark(cell: nbformat.NotebookNode) -> None:
    tags = [tag for tag in cell.get("metadata", {}).get("tags", []) if not _grading_tag(tag)]
    cell.setdefault("metadata", {})["tags"] = tags


def _grading_tag(tag: str) -> bool:
    return tag.startswith("nbval") or tag in ("raises-exception", "skip-execution")


def clean_copy(
    submission: nbformat.NotebookNode, solution: nbformat.NotebookNode, student: str | None
) -> tuple[nbformat.NotebookNode, Inspection]:
    """The submission ready to grade, and what its comparison with the solution found.

    Parameters
    ----------
    submission, solution : NotebookNode
        The submitted notebook and the solution it was generated from.
    student : str or None
        The id to grade with (written into the ``start(...)`` call).
    """
    expected = [cell for cell in solution.cells if is_check_cell(cell)]
    titles = [title_of(cell) for cell in expected]
    copy = nbformat.from_dict(submission)
    copy.metadata.pop("crmsim", None)
    inspection = Inspection()
    code = [cell for cell in copy.cells if cell.cell_type == "code"]
    sources = {cell.source.strip(): index for index, cell in enumerate(expected)}
    candidates = [cell for cell in code if is_check_cell(cell) or cell.source.strip() in sources]
    for cell in code:
        _unmark(cell)
        cell.outputs = []
        cell.execution_count = None
    # Pair the submission's check cells with the solution's, in order.
    paired: dict[int, nbformat.NotebookNode] = {}
    position = 0
    for cell in candidates:
        index = sources.get(cell.source.strip())
        if index is None and position < len(expected) and position not in paired:
            index = position
            inspection.refused[titles[index]] = "tampered: the check cell was changed"
            cell.source = expected[index].source
        if index is None or index in paired:
            continue
        paired[index] = cell
        position = index + 1
    for index, reference in enumerate(expected):
        cell = paired.get(index)
        if cell is None:
            inspection.refused[titles[index]] = "tampered: the check cell was removed"
            continue
        cell.metadata["tags"] = [*cell.metadata.get("tags", []), CHECK_TAG]
        cell.outputs = [nbformat.from_dict(dict(output)) for output in reference.outputs]
        cell.execution_count = reference.execution_count or index + 1
    _scan(copy, solution, titles, paired, inspection)
    personal = calls_start(solution)
    try:
        copy = with_student(copy, student)
    except InputError:
        if personal:  # chapters without personal numbers have no start(...) to keep
            inspection.notes.append("the first cell calls no crmsim.exercises.start(...)")
    return copy, inspection


def _scan(
    copy: nbformat.NotebookNode,
    solution: nbformat.NotebookNode,
    titles: list[str],
    paired: dict[int, nbformat.NotebookNode],
    inspection: Inspection,
) -> None:
    """Refuse the tasks whose answer cells hold snooping lines; note a changed first cell."""
    given = _given_lines(solution)
    first = next(cell for cell in solution.cells if cell.cell_type == "code")
    setup = next((cell for cell in copy.cells if cell.cell_type == "code"), None)
    own = set(_lines(START_CALL.sub("start()", setup.source))) if setup is not None else set()
    wanted = {START_CALL.sub("start()", line) for line in _lines(first.source)}
    if not wanted <= own:
        inspection.notes.append("the first cell differs from the solution's (imports changed)")
    owner_of = {id(cell): titles[index] for index, cell in paired.items()}
    pending: list[tuple[str, str]] = []
    for cell in copy.cells:
        if cell.cell_type != "code":
            continue
        title = owner_of.get(id(cell))
        if title is not None:
            for line, reason in pending:
                inspection.refused.setdefault(title, f"not accepted: {reason}: {line[:80]!r}")
            pending = []
            continue
        for line in _lines(cell.source):
            if START_CALL.sub("start()", line) in given or line.startswith("#"):
                continue
            for pattern, reason in SNOOPING:
                if pattern.search(ALLOWED.sub("", line)):
                    pending.append((line, reason))
                    break
    for line, reason in pending:
        inspection.notes.append(f"after the last task: {reason}: {line[:80]!r}")


def read_submission(path: Path) -> nbformat.NotebookNode:
    """The submitted notebook, or an :class:`InputError` naming the file."""
    return read_notebook(path, "submitted notebook")
