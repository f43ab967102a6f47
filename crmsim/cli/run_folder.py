"""The result folder of ``crmsim callcenter --out``: the run's tables, KPIs and README.

Beside the CSV tables and ``kpis.json`` goes a ``README.md`` describing every
column and key (:mod:`crmsim.cli.run_dictionary`) and quoting the command that
reproduces the folder. The files are written to a temporary folder beside the target and moved into
place at the end, so an interrupted run leaves no half-written set; missing
parent folders are created. Files of other names in an existing folder stay.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crmsim.cli.paths import check_output_folder

if TYPE_CHECKING:
    from crmsim.sim import SimulationResult

#: The files of a result folder, in the order they are written.
RUN_FILES = ("contacts.csv", "intervals.csv", "agent_states.csv", "kpis.json", "README.md")
#: Options repeated in the quoted command when they were given (quick run, then both).
_QUICK = ("agents", "calls_per_hour", "aht_min", "patience_min", "hours", "warmup_min")
_SHARED = ("sl_threshold_s", "days", "seed", "replications")


def command_line(args: argparse.Namespace, folder: Path, scenario: str | None = None) -> str:
    """The command that makes ``folder`` again: one scenario file (or the quick run)."""
    words = ["crmsim", "callcenter"]
    names = _SHARED if scenario is not None else (*_QUICK, *_SHARED)
    if scenario is not None:
        words.append(scenario)
    for name in names:
        value = getattr(args, name, None)
        if value is not None:
            text = f"{value:g}" if isinstance(value, float) else str(value)
            words += [f"--{name.replace('_', '-')}", text]
    return shlex.join([*words, "--out", str(folder)])


def write_run_folder(
    result: SimulationResult, report: dict[str, Any], folder: Path, command: str
) -> None:
    """Write the run's tables (CSV), ``report`` (``kpis.json``) and README.md into ``folder``.

    Parameters
    ----------
    result
        The run whose contact, interval and agent-state tables are written.
    report
        The JSON object ``crmsim callcenter --json`` prints for the run.
    folder
        The target folder; it and its missing parents are created.
    command
        The command line that made the folder (:func:`command_line`), quoted in README.md.
    """
    from crmsim.cli.run_dictionary import run_readme

    check_output_folder(folder)
    parent = folder.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=parent))
    try:
        result.contacts.to_csv(staging / "contacts.csv", index=False)
        result.intervals().to_csv(staging / "intervals.csv", index=False)
        result.agent_states().to_csv(staging / "agent_states.csv", index=False)
        (staging / "kpis.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        (staging / "README.md").write_text(run_readme(report, command), encoding="utf-8")
        folder.mkdir(exist_ok=True)
        for file in staging.iterdir():
            os.replace(file, folder / file.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
