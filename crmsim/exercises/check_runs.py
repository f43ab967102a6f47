"""Run the checks of exercise notebooks with nbval, one or many per pytest process.

Each notebook runs on a fresh kernel of its own, in a pytest process separate from
the caller, so a notebook cannot disturb the caller or another notebook: nbval
starts a new kernel for every notebook file and shuts it down afterwards. Starting
pytest and nbval costs about two seconds, so a gradebook of many submissions hands
them to one process in batches (:func:`run_check_batch`); ``crmsim check`` runs one
notebook (:func:`run_checks`). While a run goes on, the reporter plugin writes each
cell's outcome to a file, which is read every 0.2 s: task lines appear as they are
known, and a notebook that runs past its time limit is stopped (its kernel with it)
and the rest of its batch goes on in a new process.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

import nbformat

from crmsim.errors import InputError
from crmsim.exercises.reporter import REPORT_VARIABLE
from crmsim.exercises.scoreboard import NotebookTally, Scoreboard, plain
from crmsim.exercises.stamping import stamped_copy

#: Seconds one cell may run before it counts as never ending.
CELL_TIMEOUT_S = 120.0
#: Seconds between two looks at the cell report.
POLL_S = 0.2


class CheckedNotebook(NamedTuple):
    """The outcome of one notebook of a batch.

    ``board`` is its scoreboard, or None when nbval could not run it at all; then
    ``error`` says why. ``seconds`` is the wall time from its start to its last cell.
    """

    board: Scoreboard | None
    error: str
    seconds: float


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


def _environment(report: Path, environment: Mapping[str, str | None] | None) -> dict[str, str]:
    variables = {**os.environ, REPORT_VARIABLE: str(report)}
    for name, value in (environment or {}).items():
        variables.pop(name, None)
        if value is not None:
            variables[name] = value
    return variables


class _Run(NamedTuple):
    """How one pytest process over some notebooks of a batch ended.

    ``last`` is the position of the notebook that ran last, ``seconds`` its wall time;
    ``out_of_time`` whether it was stopped at the time limit; ``failure`` the last
    line pytest printed when it failed as a whole (an empty string otherwise).
    """

    last: int
    seconds: float
    out_of_time: bool
    failure: str


def _run_once(
    copies: list[Path],
    positions: list[int],
    tallies: list[NotebookTally],
    cell_timeout_s: float,
    time_limit_s: float | None,
    environment: Mapping[str, str | None] | None,
    on_finished: Callable[[int, float], None],
) -> _Run:
    """Run the notebooks at ``positions`` in one pytest process, in order.

    ``on_finished`` is called with a notebook's position and wall time (seconds) when the
    next one starts; the one that runs last is returned, for the caller to settle.
    """
    names = {copies[position].name: position for position in positions}
    root = Path(os.path.commonpath([str(copies[position].parent) for position in positions]))
    with tempfile.TemporaryDirectory() as folder:
        report, errors = Path(folder) / "cells.jsonl", Path(folder) / "stderr.txt"
        report.touch()
        config = Path(folder) / "pytest.ini"
        config.write_text("[pytest]\n")
        command = [
            sys.executable, "-m", "pytest", *(str(copies[p]) for p in positions),
            "--nbval-lax", "--nbval-current-env", f"--nbval-cell-timeout={cell_timeout_s:g}",
            "-q", "-p", "no:cacheprovider", "-p", "crmsim.exercises.reporter",
            "-c", str(config), "--rootdir", str(root), "--color=no",
        ]  # fmt: skip
        current, began = positions[0], time.monotonic()
        out_of_time = False
        with (
            errors.open("w", encoding="utf-8") as error_stream,
            report.open(encoding="utf-8") as reading,
        ):
            process = subprocess.Popen(
                command,
                cwd=root,
                env=_environment(report, environment),
                stdout=subprocess.DEVNULL,
                stderr=error_stream,
                start_new_session=True,
            )
            pending = ""
            while True:
                done = process.poll() is not None
                late = time_limit_s is not None and time.monotonic() - began > time_limit_s
                if not done and late:
                    _stop(process)
                    out_of_time = done = True
                pending += reading.read()
                *lines, pending = pending.split("\n")
                for line in lines:
                    record = json.loads(line)
                    position = names.get(record.get("notebook", ""), current)
                    if position != current:
                        on_finished(current, time.monotonic() - began)
                        current, began = position, time.monotonic()
                    tallies[position].add(record)
                if done:
                    break
                time.sleep(POLL_S)
        seconds = time.monotonic() - began
        failure = ""
        if process.returncode not in (0, 1) and not out_of_time:
            stderr = errors.read_text(encoding="utf-8", errors="replace")
            failure = (plain(stderr).strip().splitlines()[-1:] or ["no report"])[0]
    return _Run(current, seconds, out_of_time, failure)


def _last_outcome(run: _Run, tally: NotebookTally, time_limit_s: float | None) -> CheckedNotebook:
    """The outcome of the notebook a run ended with."""
    if run.out_of_time:
        missing = f"not checked: the notebook did not finish within {time_limit_s:g} s"
        return CheckedNotebook(tally.scoreboard(missing), "", run.seconds)
    if run.failure and not tally.reported:
        return CheckedNotebook(None, run.failure, run.seconds)
    return CheckedNotebook(tally.scoreboard(), "", run.seconds)


def run_check_batch(
    paths: list[Path],
    cell_timeout_s: float = CELL_TIMEOUT_S,
    time_limit_s: float | None = None,
    environment: Mapping[str, str | None] | None = None,
    on_done: Callable[[int, CheckedNotebook], None] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[CheckedNotebook]:
    """Grade several saved notebooks in one pytest process, each on a fresh kernel.

    Parameters
    ----------
    paths : list of Path
        Exercise notebooks (each needs its expected lines, or its solution beside it).
    cell_timeout_s : float
        Seconds a cell may run; a cell that takes longer fails its task with one line.
    time_limit_s : float, optional
        Seconds one notebook may take; then the process is stopped, the notebook's
        tasks not yet checked fail with one line, and the notebooks after it run in a
        new process. ``None``: no limit beyond the cells'.
    environment : mapping, optional
        Environment variables to set (a ``None`` value removes one) for every notebook.
    on_done : callable, optional
        Called with a notebook's position in ``paths`` and its outcome as soon as it
        is known.
    progress : callable, optional
        Called with one line per task (``✔ Task 1 · Offered load``) as soon as its
        check cell has run.

    Returns
    -------
    list of CheckedNotebook
        One per path, in order.
    """
    prepared = [stamped_copy(Path(path)) for path in paths]
    tallies = [
        NotebookTally(str(path), notebook, checks, progress)
        for path, (notebook, checks) in zip(paths, prepared, strict=True)
    ]
    copies: list[Path] = []
    outcomes: dict[int, CheckedNotebook] = {}
    try:
        for path, (notebook, _) in zip(paths, prepared, strict=True):
            copies.append(_write_beside(notebook, Path(path)))

        def settle(position: int, outcome: CheckedNotebook) -> None:
            outcomes[position] = outcome
            if on_done is not None:
                on_done(position, outcome)

        def finished(position: int, seconds: float) -> None:
            settle(position, CheckedNotebook(tallies[position].scoreboard(), "", seconds))

        remaining = list(range(len(paths)))
        while remaining:
            run = _run_once(
                copies, remaining, tallies, cell_timeout_s, time_limit_s, environment, finished
            )
            settle(run.last, _last_outcome(run, tallies[run.last], time_limit_s))
            remaining = [position for position in remaining if position not in outcomes]
    finally:
        for copy in copies:
            copy.unlink(missing_ok=True)
    return [outcomes[position] for position in range(len(paths))]


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

    Raises
    ------
    InputError
        When the notebook is no exercise notebook, or nbval cannot run it at all.
    """
    outcome = run_check_batch(
        [Path(path)], cell_timeout_s, time_limit_s, environment, progress=progress
    )[0]
    if outcome.board is None:
        raise InputError(f"could not run the checks of {path}: {outcome.error}")
    return outcome.board
