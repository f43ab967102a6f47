"""Make the student version of an exercise notebook from its solution.

The solution notebook is the single source. In it, every answer is one
assignment marked at the end of the line::

    offered_load = 240 * 4.5 / 60  # SOLUTION

The student version replaces the right-hand side with ``...`` (a placeholder the
checks recognise as "not answered yet"), drops cells tagged ``solution-only`` and
carries **no outputs and no execution counts**: a student sees feedback only for
what they ran. The expected lines of the check cells (tagged
``nbval-check-output``) stay in the solution; ``crmsim check`` stamps them into a
temporary copy when it grades (:mod:`crmsim.exercises.stamping`).

The student version records in its metadata which solution it came from and a
fingerprint of its cells' sources, so that a rebuild can tell a notebook nobody
has touched from one a student has answered (which is never overwritten).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import nbformat

from crmsim.errors import InputError

SOLUTION_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<target>[A-Za-z_][\w.]*)\s*=\s*.+?\s*#\s*SOLUTION\s*$"
)
CHECK_TAG = "nbval-check-output"
SOLUTION_ONLY_TAG = "solution-only"
PLACEHOLDER = "...  # your answer"


def tags(cell: nbformat.NotebookNode) -> list[str]:
    """The cell's tags (an empty list when it has none)."""
    return list(cell.get("metadata", {}).get("tags", []))


def is_check_cell(cell: nbformat.NotebookNode) -> bool:
    """True for a code cell tagged ``nbval-check-output``."""
    return cell.cell_type == "code" and CHECK_TAG in tags(cell)


def student_source(source: str, where: str) -> str:
    """Replace the answers in one cell's source by placeholders.

    Raises
    ------
    InputError
        When a line is marked ``# SOLUTION`` but is not a one-line assignment.
    """
    lines = []
    for number, line in enumerate(source.splitlines(), start=1):
        if "SOLUTION" in line:
            match = SOLUTION_LINE.match(line)
            if match is None:
                raise InputError(
                    f"{where} line {number}: mark only one-line assignments as "
                    f"'name = value  # SOLUTION', got {line.strip()!r}"
                )
            line = f"{match['indent']}{match['target']} = {PLACEHOLDER}"
        lines.append(line)
    return "\n".join(lines)


def fingerprint(notebook: nbformat.NotebookNode) -> str:
    """SHA-256 of the cells' types and sources (outputs and metadata do not count)."""
    cells = [[cell.cell_type, cell.source] for cell in notebook.cells]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode("utf-8")).hexdigest()


def student_notebook(solution: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The student version of a solution notebook (a new notebook object).

    Parameters
    ----------
    solution : NotebookNode
        The solution notebook.
    name : str
        How the student version names its solution, relative to the student's folder
        (``"solutions/03-contact-center.ipynb"``).
    """
    student = nbformat.v4.new_notebook()
    student.metadata = {
        key: value
        for key, value in solution.metadata.items()
        if key in ("kernelspec", "language_info")
    }
    answers = 0
    for index, cell in enumerate(solution.cells):
        if SOLUTION_ONLY_TAG in tags(cell):
            continue
        if cell.cell_type == "code" and "NBVAL_CHECK_OUTPUT" in cell.source:
            raise InputError(
                f"{name} cell {index}: tag check cells 'nbval-check-output' instead of "
                "writing '# NBVAL_CHECK_OUTPUT' in the code"
            )
        copy = nbformat.from_dict(
            {key: value for key, value in cell.items() if key not in ("outputs", "execution_count")}
        )
        copy.metadata = {key: value for key, value in cell.metadata.items() if key == "tags"}
        if cell.cell_type == "code":
            copy.source = student_source(cell.source, f"{name} cell {index}")
            answers += copy.source.count(PLACEHOLDER)
            copy.execution_count = None
            copy.outputs = []
        student.cells.append(copy)
    if answers == 0:
        raise InputError(f"{name}: no line is marked '# SOLUTION'; nothing for students to do")
    if not any(is_check_cell(cell) for cell in student.cells):
        raise InputError(f"{name}: no check cell (code cell tagged '{CHECK_TAG}')")
    student.metadata["crmsim"] = {"generated_from": name, "fingerprint": fingerprint(student)}
    return student


def read_notebook(path: Path, what: str) -> nbformat.NotebookNode:
    """Read a notebook, or raise a one-line :class:`InputError` naming ``what`` it is."""
    try:
        return nbformat.read(path, as_version=4)
    except FileNotFoundError:
        raise InputError(f"{what} not found: {path}") from None
    except Exception as error:  # nbformat raises several kinds for a broken file
        raise InputError(f"{path} is not a readable notebook: {error}") from None


def expected_student_text(solution_path: Path) -> str:
    """The text of the student version of ``solution_path``, as it should be on disk."""
    solution = read_notebook(Path(solution_path), "solution notebook")
    name = f"solutions/{Path(solution_path).name}"
    return nbformat.writes(student_notebook(solution, name)) + "\n"


def untouched_since_generated(student_path: Path) -> bool:
    """True when ``student_path`` is missing or its cells are as ``exercises build`` wrote them.

    Running cells (outputs) does not count as a change; an edited answer does. A
    notebook without a fingerprint counts as changed.
    """
    if not student_path.exists():
        return True
    try:
        notebook = nbformat.read(student_path, as_version=4)
    except Exception:  # an unreadable file is somebody's, too: keep it
        return False
    stored = notebook.metadata.get("crmsim", {}).get("fingerprint")
    return stored is not None and stored == fingerprint(notebook)


def build_student_version(solution_path: Path, student_path: Path) -> str:
    """Write the student version of ``solution_path`` to ``student_path``; return its text.

    Raises
    ------
    InputError
        When ``student_path`` exists and differs from the version last generated
        (a student's answers); nothing is written then.
    """
    text = expected_student_text(solution_path)
    if not untouched_since_generated(student_path):
        if student_path.read_text(encoding="utf-8", errors="replace") == text:
            return text
        raise InputError(
            f"not overwriting {student_path}: it was changed after it was generated "
            "(answers?); move it aside and build again"
        )
    student_path.write_text(text, encoding="utf-8")
    return text
