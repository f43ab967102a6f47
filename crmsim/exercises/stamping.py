"""Put the expected lines of the check cells into a copy of a notebook, for grading.

Student notebooks carry no outputs. nbval compares a check cell's output with
the output stored in the notebook, so before grading we copy the expected lines
(``Task 3 · Agents for 80/20: correct ✔``) from the solution notebook into a
temporary copy. A notebook whose check cells already hold outputs (a solution)
is graded against its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat

from crmsim.errors import InputError
from crmsim.exercises.feedback import CORRECT
from crmsim.exercises.student import CHECK_TAG, is_check_cell, read_notebook


@dataclass(frozen=True)
class CheckCell:
    """A check cell to grade.

    Attributes
    ----------
    number : int
        Its position among the notebook's code cells (nbval's "Cell N").
    title : str
        The task's title, from the expected line.
    """

    number: int
    title: str


def _stored_text(cell: nbformat.NotebookNode) -> str:
    return "".join(
        output.get("data", {}).get("text/plain", "") or output.get("text", "")
        for output in cell.get("outputs", [])
    )


def _title(expected: str, number: int) -> str:
    """The task title of an expected line ``<title>: correct ✔`` (titles may hold colons)."""
    first = expected.strip().splitlines()[0] if expected.strip() else ""
    ending = f": {CORRECT}"
    if first.endswith(ending):
        return first[: -len(ending)].strip()
    return first.split(":", 1)[0].strip() if ":" in first else f"check in code cell {number}"


def solution_for(notebook: nbformat.NotebookNode, path: Path) -> nbformat.NotebookNode:
    """The solution notebook a student version was generated from (beside it, by metadata)."""
    name = notebook.metadata.get("crmsim", {}).get("generated_from")
    if not name:
        raise InputError(
            f"{path}: its check cells hold no expected lines and it names no solution "
            "notebook (metadata crmsim.generated_from); is it an exercise notebook?"
        )
    return read_notebook(path.parent / name, "solution notebook with the expected answers")


def stamped_copy(path: Path) -> tuple[nbformat.NotebookNode, list[CheckCell]]:
    """The notebook at ``path`` with expected outputs in its check cells, and those cells.

    Raises
    ------
    InputError
        When the notebook has no check cells, or its solution is missing or lacks
        an expected line for one of them.
    """
    notebook = read_notebook(path, "exercise notebook")
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    checks = [(number, cell) for number, cell in enumerate(code) if is_check_cell(cell)]
    if not checks:
        raise InputError(f"{path} has no check cells (code cells tagged '{CHECK_TAG}')")
    if not all(cell.get("outputs") for _, cell in checks):
        solution = solution_for(notebook, path)
        expected = [cell for cell in solution.cells if is_check_cell(cell)]
        by_source = {cell.source.strip(): cell for cell in expected}
        for position, (number, cell) in enumerate(checks):
            reference = by_source.get(cell.source.strip())
            if reference is None and position < len(expected):
                reference = expected[position]
            if reference is None or not reference.get("outputs"):
                raise InputError(
                    f"{path}: the solution holds no expected line for the check in code "
                    f"cell {number} ({cell.source.strip()[:60]!r})"
                )
            cell.outputs = [nbformat.from_dict(dict(output)) for output in reference.outputs]
            cell.execution_count = reference.execution_count or number + 1
    for number, cell in checks:
        if cell.execution_count is None:
            cell.execution_count = number + 1
    found = [CheckCell(number, _title(_stored_text(cell), number)) for number, cell in checks]
    return notebook, found
