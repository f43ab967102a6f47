"""Check an exercise notebook with nbval and turn the result into a per-task scoreboard.

nbval runs the notebook on a fresh kernel and compares the output of every
check cell with the stored correct-answer line. We run it in a separate
process (so the student's notebook cannot disturb the caller), read its JUnit
report, and name each check cell by the task title in its stored line.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import nbformat

from crmsim.errors import InputError
from crmsim.exercises.student import CHECK_MARK


@dataclass(frozen=True)
class TaskResult:
    """One check cell: its task title, whether it passed, and the feedback shown."""

    task: str
    passed: bool
    feedback: str


@dataclass(frozen=True)
class Scoreboard:
    """All checks of one notebook, plus cells that failed with an error."""

    notebook: str
    tasks: list[TaskResult]
    errors: list[str]

    @property
    def solved(self) -> int:
        return sum(task.passed for task in self.tasks)

    def lines(self) -> list[str]:
        """The scoreboard as text lines, one per task."""
        out = [self.notebook]
        for task in self.tasks:
            mark = "✔" if task.passed else "✘"
            detail = "" if task.passed else f" — {task.feedback}"
            out.append(f"  {mark} {task.task}{detail}")
        out += [f"  ! {error}" for error in self.errors]
        out.append(f"  {self.solved} of {len(self.tasks)} tasks correct")
        return out


def _check_cells(notebook: nbformat.NotebookNode) -> dict[int, str]:
    """Code-cell number → task title, for every check cell (title from its stored line)."""
    titles = {}
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for number, cell in enumerate(code_cells):
        if CHECK_MARK not in cell.source:
            continue
        stored = "".join(
            output.get("data", {}).get("text/plain", "") or output.get("text", "")
            for output in cell.get("outputs", [])
        )
        title = stored.split(":", 1)[0].strip() if ":" in stored else f"check in cell {number}"
        titles[number] = title
    return titles


def _feedback(message: str, title: str) -> str:
    """The student's feedback line for ``title`` out of nbval's failure text."""
    for line in message.splitlines():
        text = line.strip()
        # nbval shows the line the notebook produced with "- " and the stored one with "+ ".
        if text.startswith("- "):
            text = text[2:]
        if title and text.startswith(f"{title}:") and "correct ✔" not in text:
            return text[len(title) + 1 :].strip()
    for line in message.splitlines():
        if re.search(r"\w+Error\b", line):
            return line.strip()
    return "the check did not print the expected line"


def run_checks(path: Path, timeout_s: float = 300.0) -> Scoreboard:
    """Run nbval on ``path`` and return its scoreboard."""
    path = Path(path)
    try:
        notebook = nbformat.read(path, as_version=4)
    except FileNotFoundError:
        raise InputError(f"exercise notebook not found: {path}") from None
    except Exception as error:
        raise InputError(f"{path} is not a readable notebook: {error}") from None
    titles = _check_cells(notebook)
    if not titles:
        raise InputError(f"{path} has no check cells (cells marked # {CHECK_MARK})")
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.xml"
        empty_config = Path(folder) / "pytest.ini"
        empty_config.write_text("[pytest]\n")
        command = [
            sys.executable, "-m", "pytest", str(path.resolve()), "--nbval-lax",
            "--nbval-current-env", "-q", "-p", "no:cacheprovider", "-c", str(empty_config),
            "--rootdir", folder, f"--junitxml={report}", "--color=no",
        ]  # fmt: skip
        subprocess.run(
            command, cwd=path.resolve().parent, capture_output=True, timeout=timeout_s, check=False
        )
        if not report.exists():
            raise InputError(f"could not run the checks of {path} (is nbval installed?)")
        cases = ElementTree.parse(report).getroot().iter("testcase")
        outcomes = {}
        for case in cases:
            match = re.search(r"Cell (\d+)", case.get("name", ""))
            if match is None:
                continue
            failure = case.find("failure")
            if failure is None:
                failure = case.find("error")
            text = (
                ""
                if failure is None
                else (failure.get("message", "") + "\n" + (failure.text or ""))
            )
            outcomes[int(match.group(1))] = (failure is None, text)
    tasks, errors = [], []
    for number, title in titles.items():
        passed, text = outcomes.get(number, (False, "the cell did not run"))
        tasks.append(TaskResult(title, passed, "" if passed else _feedback(text, title)))
    for number, (passed, text) in sorted(outcomes.items()):
        if not passed and number not in titles:
            errors.append(f"cell {number} failed: {_feedback(text, '')}")
    return Scoreboard(str(path), tasks, errors)
