"""A pytest plugin that writes each nbval cell's outcome as a JSON line, as it happens.

``crmsim check`` loads it into the pytest process it starts (``-p
crmsim.exercises.reporter``) and reads the file named by the environment
variable ``CRMSIM_CHECK_REPORT`` while the notebook runs, so it can print a line
per task before the whole notebook is done.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

REPORT_VARIABLE = "CRMSIM_CHECK_REPORT"
CELL = re.compile(r"::Cell (\d+)$")


def pytest_runtest_logreport(report: Any) -> None:
    """Append one line ``{"cell", "passed", "text"}`` per failed phase or finished call."""
    target = os.environ.get(REPORT_VARIABLE)
    match = CELL.search(report.nodeid)
    if not target or match is None:
        return
    if report.when != "call" and report.passed:
        return
    record = {
        "cell": int(match.group(1)),
        "passed": bool(report.passed or report.skipped),
        "text": "" if report.passed else str(report.longreprtext),
    }
    with open(target, "a", encoding="utf-8") as stream:
        stream.write(json.dumps(record) + "\n")
