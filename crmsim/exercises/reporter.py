"""A pytest plugin that writes each nbval cell's outcome as a JSON line, as it happens.

``crmsim check`` loads it into the pytest process it starts (``-p
crmsim.exercises.reporter``) and reads the file named by the environment
variable ``CRMSIM_CHECK_REPORT`` while the notebook runs, so it can print a line
per task before the whole notebook is done. Each line holds the notebook's file
name (one run may grade several), the cell number, whether it passed, the text the
cell printed (so the student's feedback line is read as it was produced, not out of
an abbreviated diff) and nbval's failure report.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Generator
from typing import Any

import pytest

# nbval reads notebooks with nbformat, whose schema library compiles an IRI grammar at
# import when the optional rfc3987_syntax package is installed (about 3 s of CPU per
# graded notebook). Notebook schemas check no IRI formats, so the grading process goes
# without it; this plugin is loaded (``-p``) before nbval.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

REPORT_VARIABLE = "CRMSIM_CHECK_REPORT"
CELL = re.compile(r"::Cell (\d+)$")
NOT_CHECKED = "not checked: an earlier cell ran out of time"


def _plain_text(outputs: list[Any]) -> str:
    parts = []
    for output in outputs:
        data = output.get("data", {}) if hasattr(output, "get") else {}
        text = data.get("text/plain") or output.get("text", "")
        parts.append("".join(text) if isinstance(text, list) else str(text))
    return "".join(parts)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Generator[None, Any, None]:
    """Attach what the cell printed to its report."""
    outcome = yield
    report = outcome.get_result()
    report.crmsim_output = _plain_text(getattr(item, "test_outputs", None) or [])


def pytest_runtest_logreport(report: Any) -> None:
    """Append ``{"cell", "passed", "output", "text"}`` per failed phase or finished call.

    ``notebook`` is the file name of the notebook the cell belongs to (one run may grade
    several).
    """
    target = os.environ.get(REPORT_VARIABLE)
    match = CELL.search(report.nodeid)
    if not target or match is None:
        return
    if report.when != "call" and report.passed:
        return
    # nbval marks every cell after a timed-out one as expected to fail; such a cell
    # was not checked, so it must not count as passed.
    not_checked = hasattr(report, "wasxfail")
    record = {
        "notebook": os.path.basename(report.nodeid.split("::")[0]),
        "cell": int(match.group(1)),
        "passed": bool(report.passed or (report.skipped and not not_checked)),
        "output": getattr(report, "crmsim_output", ""),
        "text": NOT_CHECKED if not_checked else "" if report.passed else str(report.longreprtext),
    }
    with open(target, "a", encoding="utf-8") as stream:
        stream.write(json.dumps(record) + "\n")
