"""Exercise notebooks: checks with instant feedback, student versions, scoreboards.

One module of checks per chapter (``contact_center`` for chapter 03). Exercise
notebooks import it as ``checks`` and end every task with a check cell.
"""

from __future__ import annotations

from crmsim.exercises.feedback import CORRECT, NOT_ANSWERED, Verdict
from crmsim.exercises.scoreboard import Scoreboard, run_checks
from crmsim.exercises.student import build_student_version, expected_student_text

__all__ = [
    "CORRECT",
    "NOT_ANSWERED",
    "Scoreboard",
    "Verdict",
    "build_student_version",
    "expected_student_text",
    "run_checks",
]
