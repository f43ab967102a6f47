"""A per-task scoreboard of an exercise notebook, out of the outcomes of its cells.

nbval runs the notebook (:mod:`crmsim.exercises.check_runs`) and a small plugin
(:mod:`crmsim.exercises.reporter`) reports every cell as it finishes: its number,
whether it passed, what it printed and nbval's failure report. A
:class:`NotebookTally` turns those records into one line of feedback per task: a
check cell gives its task's verdict, a failing cell before it the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import nbformat

from crmsim.exercises.reporter import NOT_CHECKED
from crmsim.exercises.stamping import CheckCell

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit)): ?(.*)$")
TIMEOUT = re.compile(r"Timeout of ([\d.]+) seconds exceeded")


@dataclass(frozen=True)
class TaskResult:
    """One task: its title, whether its check passed, and the one-line feedback."""

    task: str
    passed: bool
    feedback: str

    def line(self) -> str:
        """``✔ Task 1 · Offered load`` or ``✘ Task 2 · … — <feedback>``."""
        return f"✔ {self.task}" if self.passed else f"✘ {self.task} — {self.feedback}"


@dataclass(frozen=True)
class Scoreboard:
    """All checks of one notebook, plus problems in cells outside any task."""

    notebook: str
    tasks: list[TaskResult]
    errors: list[str]

    @property
    def solved(self) -> int:
        """Number of tasks whose check passed."""
        return sum(task.passed for task in self.tasks)

    @property
    def answered(self) -> int:
        """Number of tasks that are not "not answered yet"."""
        return sum(not task.feedback.startswith("not answered yet") for task in self.tasks)

    def lines(self) -> list[str]:
        """The scoreboard as text lines: notebook, one line per task, problems, total."""
        out = [self.notebook]
        out += [f"  {task.line()}" for task in self.tasks]
        out += [f"  ! {error}" for error in self.errors]
        out.append(f"  {self.solved} of {len(self.tasks)} tasks correct")
        if self.answered == 0:
            out.append(
                "  no task is answered in the saved file: answer in the notebook and "
                "save it first (Ctrl+S)"
            )
        return out


def plain(text: str) -> str:
    """``text`` without ANSI colour codes."""
    return ANSI.sub("", text)


def feedback_from_failure(text: str, title: str) -> str:
    """One plain line for a failed cell, out of nbval's failure report.

    A check cell whose line differs gives the line the check printed (without the
    title); a cell that raised gives ``your code raised <Type>: <message>``; a cell
    that ran out of time says so.
    """
    text = plain(text)
    if text.startswith(NOT_CHECKED):
        return NOT_CHECKED
    timeout = TIMEOUT.search(text)
    if timeout is not None:
        return (
            f"the cell did not finish within {float(timeout.group(1)):g} s "
            "(an endless loop or a very long run?)"
        )
    exceptions = []
    for line in text.splitlines():
        match = EXCEPTION_LINE.match(line.strip())
        if match:
            exceptions.append(f"{match.group(1)}: {match.group(2)}".rstrip(": "))
    if exceptions:
        return f"your code raised {exceptions[-1]}"[:300]
    for line in text.splitlines():
        stripped = line.strip()
        # nbval shows the produced line with "- " and the expected one with "+ ".
        if stripped.startswith("- "):
            stripped = stripped[2:]
        if title and stripped.startswith(f"{title}:") and "correct ✔" not in stripped:
            return stripped[len(title) + 1 :].strip()
    return "the check did not print the expected line"


def task_owners(notebook: nbformat.NotebookNode, checks: list[CheckCell]) -> dict[int, str]:
    """Code-cell number → title of the task it belongs to (the next check cell's)."""
    count = sum(cell.cell_type == "code" for cell in notebook.cells)
    owners: dict[int, str] = {}
    for number in range(count):
        following = next((check for check in checks if check.number >= number), None)
        if following is not None:
            owners[number] = following.title
    return owners


class NotebookTally:
    """The task verdicts of one notebook, collected cell record by cell record.

    Parameters
    ----------
    name : str
        The notebook as the scoreboard names it.
    notebook : nbformat.NotebookNode
        The stamped copy that runs (expected lines in its check cells).
    checks : list of CheckCell
        Its check cells.
    progress : callable, optional
        Called with a task's line (``✔ Task 1 · Offered load``) as soon as its check ran.
    """

    def __init__(
        self,
        name: str,
        notebook: nbformat.NotebookNode,
        checks: list[CheckCell],
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.name = name
        self.checks = checks
        self.owners = task_owners(notebook, checks)
        self.check_titles = {check.number: check.title for check in checks}
        self.progress = progress
        self.results: dict[int, tuple[bool, str]] = {}
        self.problems: dict[str, str] = {}
        self.extra: list[str] = []

    @property
    def reported(self) -> bool:
        """Whether any check cell has reported."""
        return bool(self.results)

    def add(self, record: Mapping[str, Any]) -> None:
        """Take one cell record: ``{"cell", "passed", "output", "text"}`` (see the reporter)."""
        number, passed, text = record["cell"], record["passed"], record["text"]
        title = self.owners.get(number)
        if number in self.check_titles:
            title = self.check_titles[number]
            ok = passed and title not in self.problems
            printed = plain(record.get("output", "")).strip()
            if printed.startswith(f"{title}: ") and "\n" not in printed:
                verdict = printed[len(title) + 2 :]
            else:
                verdict = feedback_from_failure(text, title)
            detail = self.problems.get(title, "") or verdict
            self.results[number] = (ok, "" if ok else detail)
            if self.progress is not None:
                self.progress(TaskResult(title, ok, self.results[number][1]).line())
        elif not passed and title is not None:
            self.problems.setdefault(title, feedback_from_failure(text, ""))
        elif not passed:
            self.extra.append(f"code cell {number}: {feedback_from_failure(text, '')}")

    def scoreboard(self, missing: str = "the check cell did not run") -> Scoreboard:
        """The scoreboard so far; a check that has not reported fails with ``missing``."""
        tasks = []
        for check in self.checks:
            passed, detail = self.results.get(check.number, (False, missing))
            tasks.append(TaskResult(check.title, passed, detail))
        return Scoreboard(self.name, tasks, list(self.extra))
