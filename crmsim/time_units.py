"""Time constants shared by every model: the simulators count time in minutes.

Every simulated time in crmsim is a float number of minutes since the start of
the run (contact center) or of the start date (customer lifecycle). These are
the factors between minutes and the other units; no module writes them out again.
"""

from __future__ import annotations

#: Seconds in a minute.
SECONDS_PER_MINUTE = 60.0
#: Minutes in an hour.
MINUTES_PER_HOUR = 60.0
#: Hours in a day.
HOURS_PER_DAY = 24.0
#: Minutes in a day.
MINUTES_PER_DAY = 1440.0
#: Days in a week.
DAYS_PER_WEEK = 7
#: Mean length of a calendar year in days (leap years included).
DAYS_PER_YEAR = 365.25
#: Minutes in a mean calendar year.
MINUTES_PER_YEAR = MINUTES_PER_DAY * DAYS_PER_YEAR

__all__ = [
    "DAYS_PER_WEEK",
    "DAYS_PER_YEAR",
    "HOURS_PER_DAY",
    "MINUTES_PER_DAY",
    "MINUTES_PER_HOUR",
    "MINUTES_PER_YEAR",
    "SECONDS_PER_MINUTE",
]
