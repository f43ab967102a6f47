"""Make the student version of an exercise notebook from its solution.

The solution notebook is the single source. In it, every answer is one
assignment marked at the end of the line::

    offered_load = 240 * 4.5 / 60  # SOLUTION

The student version replaces the right-hand side with ``...`` (a placeholder the
checks recognise as "not answered yet"), drops cells tagged ``solution-only``,
clears all outputs except those of the check cells (marked
``# NBVAL_CHECK_OUTPUT``), whose stored output is the correct-answer line that
nbval compares against.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from crmsim.errors import InputError

SOLUTION_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<target>[A-Za-z_][\w.]*)\s*=\s*.+?\s*#\s*SOLUTION\s*$"
)
CHECK_MARK = "NBVAL_CHECK_OUTPUT"
PLACEHOLDER = "...  # your answer"


def student_source(source: str, where: str) -> str:
    """Replace the answers in one cell's source by placeholders."""
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


def student_notebook(solution: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The student version of a solution notebook (a new notebook object)."""
    student = nbformat.v4.new_notebook()
    student.metadata = {
        key: value
        for key, value in solution.metadata.items()
        if key in ("kernelspec", "language_info")
    }
    student.metadata["crmsim"] = {"generated_from": name}
    answers = 0
    for index, cell in enumerate(solution.cells):
        if "solution-only" in cell.get("metadata", {}).get("tags", []):
            continue
        copy = nbformat.from_dict(
            {key: value for key, value in cell.items() if key not in ("outputs", "execution_count")}
        )
        copy.metadata = {key: value for key, value in cell.metadata.items() if key == "tags"}
        if cell.cell_type == "code":
            copy.source = student_source(cell.source, f"{name} cell {index}")
            answers += copy.source.count(PLACEHOLDER)
            checked = CHECK_MARK in cell.source
            # nbval compares only cells that look run, so check cells keep their count.
            copy.execution_count = cell.execution_count if checked else None
            copy.outputs = list(cell.outputs) if checked else []
        student.cells.append(copy)
    if answers == 0:
        raise InputError(f"{name}: no line is marked '# SOLUTION'; nothing for students to do")
    return student


def expected_student_text(solution_path: Path) -> str:
    """The text of the student version of ``solution_path``, as it should be on disk."""
    try:
        solution = nbformat.read(solution_path, as_version=4)
    except FileNotFoundError:
        raise InputError(f"solution notebook not found: {solution_path}") from None
    except Exception as error:  # nbformat raises several kinds for a broken file
        raise InputError(f"{solution_path} is not a readable notebook: {error}") from None
    name = f"solutions/{Path(solution_path).name}"
    return nbformat.writes(student_notebook(solution, name)) + "\n"


def build_student_version(solution_path: Path, student_path: Path) -> str:
    """Write the student version of ``solution_path`` to ``student_path``; return its text."""
    text = expected_student_text(solution_path)
    student_path.write_text(text, encoding="utf-8")
    return text
