"""The result folder of ``crmsim callcenter --out``: the run's tables and its KPIs.

The files are written to a temporary folder beside the target and moved into
place at the end, so an interrupted run leaves no half-written set; missing
parent folders are created. Files of other names in an existing folder stay.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crmsim.cli.paths import check_output_folder

if TYPE_CHECKING:
    from crmsim.sim import SimulationResult

#: The files of a result folder, in the order they are written.
RUN_FILES = ("contacts.csv", "intervals.csv", "agent_states.csv", "kpis.json")


def write_run_folder(result: SimulationResult, report: dict[str, Any], folder: Path) -> None:
    """Write the run's tables (CSV) and ``report`` (``kpis.json``) into ``folder``.

    Parameters
    ----------
    result
        The run whose contact, interval and agent-state tables are written.
    report
        The JSON object ``crmsim callcenter --json`` prints for the run.
    folder
        The target folder; it and its missing parents are created.
    """
    check_output_folder(folder)
    parent = folder.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=parent))
    try:
        result.contacts.to_csv(staging / "contacts.csv", index=False)
        result.intervals().to_csv(staging / "intervals.csv", index=False)
        result.agent_states().to_csv(staging / "agent_states.csv", index=False)
        (staging / "kpis.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        folder.mkdir(exist_ok=True)
        for file in staging.iterdir():
            os.replace(file, folder / file.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
