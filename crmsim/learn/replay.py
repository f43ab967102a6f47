"""Replay days of study with a clock under our control: a demonstration, not real progress.

Notebook 07 shows how ratings turn into due dates and retention by replaying a
learner's week in a few seconds. The clock is a :class:`~crmsim.learn.scheduler.ManualClock`
moved forward a day at a time, and every card that comes up is answered by a rule
instead of a person. Use a separate learner (or a temporary progress file) for it,
never the learner whose real progress is kept.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from crmsim.errors import InputError
from crmsim.learn.deck import Flashcard
from crmsim.learn.scheduler import ManualClock, StudySession

REPLAY_COLUMNS = ["day", "answers", "again"]


def replay_study_days(
    session: StudySession,
    clock: ManualClock,
    days: int,
    rating: Callable[[Flashcard, int], str],
) -> pd.DataFrame:
    """Study for ``days`` days: each day, answer every due card and the day's new cards.

    Parameters
    ----------
    session : StudySession
        The learner's session; its clock must be ``clock``.
    clock : ManualClock
        Moved forward by one day before each day of study.
    days : int
        Number of days to replay (≥ 1).
    rating : callable
        ``rating(card, day) -> "again" | "hard" | "good" | "easy"``, the answer given to
        ``card`` on day ``day`` (0-based).

    Returns
    -------
    pandas.DataFrame
        One row per day: ``day`` (0-based), ``answers`` (cards answered that day) and
        ``again`` (of them rated Again).

    Raises
    ------
    InputError
        When ``days`` is below 1 or the session does not run on ``clock``.
    """
    if days < 1:
        raise InputError(f'"days" must be an integer ≥ 1, got {days}')
    if session.clock is not clock:
        raise InputError("the session must run on the clock that the replay moves forward")
    rows = []
    for day in range(days):
        clock.advance(days=1)
        answers = forgotten = 0
        while (card := session.next_card()) is not None:
            answer = rating(card, day)
            session.rate(card.card_id, answer)
            answers += 1
            forgotten += answer == "again"
        rows.append((day, answers, forgotten))
    return pd.DataFrame(rows, columns=REPLAY_COLUMNS)
