"""Grade an exercise notebook with nbval and turn the result into a per-task scoreboard.

nbval runs the notebook on a fresh kernel and compares the output of every check
cell with its expected line (stamped in from the solution, see
:mod:`crmsim.exercises.stamping`). It runs in a separate process, so the student's
notebook cannot disturb the caller; a small plugin reports each cell as it
finishes, so a line per task can be printed while the run goes on.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import nbformat

from crmsim.errors import InputError
from crmsim.exercises.reporter import NOT_CHECKED, REPORT_VARIABLE
from crmsim.exercises.stamping import CheckCell, stamped_copy

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit)): ?(.*)$")
TIMEOUT = re.compile(r"Timeout of ([\d.]+) seconds exceeded")
#: Seconds one cell may run before it counts as never ending.
CELL_TIMEOUT_S = 120.0


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


def _owners(notebook: nbformat.NotebookNode, checks: list[CheckCell]) -> dict[int, str]:
    """Code-cell number → title of the task it belongs to (the next check cell's)."""
    count = sum(cell.cell_type == "code" for cell in notebook.cells)
    owners: dict[int, str] = {}
    for number in range(count):
        following = next((check for check in checks if check.number >= number), None)
        if following is not None:
            owners[number] = following.title
    return owners


def _write_beside(notebook: nbformat.NotebookNode, path: Path) -> Path:
    """Write the stamped copy next to the original (same working folder), else to temp."""
    for folder in (path.resolve().parent, Path(tempfile.gettempdir())):
        try:
            handle, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".ipynb", dir=folder)
        except OSError:
            continue
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            nbformat.write(notebook, stream)
        return Path(name)
    raise InputError(f"cannot write a temporary copy of {path} to grade it")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill the grading process and everything it started (its kernel), then reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait()


def run_checks(
    path: Path,
    progress: Callable[[str], None] | None = None,
    cell_timeout_s: float = CELL_TIMEOUT_S,
    time_limit_s: float | None = None,
    environment: Mapping[str, str | None] | None = None,
) -> Scoreboard:
    """Grade the saved notebook at ``path`` and return its scoreboard.

    Parameters
    ----------
    path : Path
        An exercise notebook (student version or solution).
    progress : callable, optional
        Called with one line per task (``✔ Task 1 · Offered load``) as soon as its
        check cell has run.
    cell_timeout_s : float
        Seconds a cell may run; a cell that takes longer fails its task with one line.
    time_limit_s : float, optional
        Seconds the whole run may take; then it is stopped (kernel included) and the
        tasks not yet checked fail with one line. ``None``: no limit beyond the cells'.
    environment : mapping, optional
        Environment variables to set (a ``None`` value removes one) for the run.
    """
    path = Path(path)
    notebook, checks = stamped_copy(path)
    owners = _owners(notebook, checks)
    check_numbers = {check.number: check.title for check in checks}
    copy = _write_beside(notebook, path)
    results: dict[int, tuple[bool, str]] = {}
    problems: dict[str, str] = {}
    extra: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "cells.jsonl"
        report.touch()
        errors = Path(folder) / "stderr.txt"
        config = Path(folder) / "pytest.ini"
        config.write_text("[pytest]\n")
        command = [
            sys.executable, "-m", "pytest", str(copy), "--nbval-lax", "--nbval-current-env",
            f"--nbval-cell-timeout={cell_timeout_s:g}", "-q", "-p", "no:cacheprovider",
            "-p", "crmsim.exercises.reporter", "-c", str(config), "--rootdir", str(copy.parent),
            "--color=no",
        ]  # fmt: skip
        variables = {**os.environ, REPORT_VARIABLE: str(report)}
        for name, value in (environment or {}).items():
            variables.pop(name, None)
            if value is not None:
                variables[name] = value
        error_stream = errors.open("w", encoding="utf-8")
        began = time.monotonic()
        out_of_time = False
        try:
            process = subprocess.Popen(
                command,
                cwd=copy.parent,
                env=variables,
                stdout=subprocess.DEVNULL,
                stderr=error_stream,
                start_new_session=time_limit_s is not None,
            )
            read = 0
            while True:
                finished = process.poll() is not None
                if not finished and time_limit_s is not None:
                    out_of_time = time.monotonic() - began > time_limit_s
                    if out_of_time:
                        _stop(process)
                        finished = True
                lines = report.read_text(encoding="utf-8").splitlines()
                for raw in lines[read:]:
                    record = json.loads(raw)
                    number, passed, text = record["cell"], record["passed"], record["text"]
                    title = owners.get(number)
                    if number in check_numbers:
                        assert title is not None  # a check cell is its own task's owner
                        failed_before = title in problems
                        ok = passed and not failed_before
                        printed = plain(record.get("output", "")).strip()
                        if printed.startswith(f"{title}: ") and "\n" not in printed:
                            verdict = printed[len(title) + 2 :]
                        else:
                            verdict = feedback_from_failure(text, title)
                        detail = problems.get(title, "") or verdict
                        results[number] = (ok, "" if ok else detail)
                        if progress is not None:
                            progress(TaskResult(title, ok, results[number][1]).line())
                    elif not passed and title is not None:
                        problems.setdefault(title, feedback_from_failure(text, ""))
                    elif not passed:
                        extra.append(f"code cell {number}: {feedback_from_failure(text, '')}")
                read = len(lines)
                if finished:
                    break
                time.sleep(0.2)
        finally:
            error_stream.close()
            copy.unlink(missing_ok=True)
        stderr = errors.read_text(encoding="utf-8", errors="replace")
        if not results and process.returncode not in (0, 1) and not out_of_time:
            reason = plain(stderr).strip().splitlines()[-1:] or ["no report"]
            raise InputError(f"could not run the checks of {path}: {reason[0]}")
    missing = "the check cell did not run"
    if out_of_time:
        missing = f"not checked: the notebook did not finish within {time_limit_s:g} s"
    tasks = []
    for check in checks:
        passed, detail = results.get(check.number, (False, missing))
        tasks.append(TaskResult(check.title, passed, detail))
    return Scoreboard(str(path), tasks, extra)
