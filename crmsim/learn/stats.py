"""Learning statistics: reviews, retention and the weakest topics of one learner.

Retention here is the share of *repeat* reviews (not a card's first answer)
that were not rated Again: how often a card that had been studied before was
still remembered.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.learn.deck import TOPICS, Deck
from crmsim.learn.store import ProgressStore

REVIEW_COLUMNS = ["card_id", "topic", "rating", "reviewed_at", "first_review", "recalled"]
TOPIC_COLUMNS = ["topic", "cards", "seen", "reviews", "repeat_reviews", "retention"]


def review_frame(store: ProgressStore, learner: str, deck: Deck) -> pd.DataFrame:
    """All answers of ``learner`` on cards of ``deck``.

    Returns
    -------
    pandas.DataFrame
        Columns ``card_id``, ``topic``, ``rating`` (1 Again … 4 Easy),
        ``reviewed_at`` (UTC timestamp), ``first_review`` (bool) and
        ``recalled`` (bool: rating above Again).
    """
    rows = [
        (r.card_id, deck.card(r.card_id).topic, r.rating, r.reviewed_at, r.first_review)
        for r in store.reviews(learner)
        if r.card_id in deck
    ]
    frame = pd.DataFrame(rows, columns=REVIEW_COLUMNS[:-1])
    frame["rating"] = frame["rating"].astype("int64")
    frame["reviewed_at"] = pd.to_datetime(frame["reviewed_at"], utc=True)
    frame["first_review"] = frame["first_review"].astype(bool)
    frame["recalled"] = frame["rating"] > 1
    return frame


def topic_report(store: ProgressStore, learner: str, deck: Deck) -> pd.DataFrame:
    """Per topic: cards, cards seen, answers, repeat answers and retention (0-1, NaN if none).

    Topics without cards in ``deck`` are left out; rows follow the teaching order.
    """
    reviews = review_frame(store, learner, deck)
    counts = deck.topic_counts()
    rows = []
    for topic in TOPICS:
        if counts[topic] == 0:
            continue
        of_topic = reviews[reviews["topic"] == topic]
        repeats = of_topic[~of_topic["first_review"]]
        retention = float(repeats["recalled"].mean()) if len(repeats) else np.nan
        seen = of_topic["card_id"].nunique()
        rows.append((topic, int(counts[topic]), seen, len(of_topic), len(repeats), retention))
    return pd.DataFrame(rows, columns=TOPIC_COLUMNS)


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``"1 answer"``, ``"2 answers"``: the count with the noun in the right number."""
    word = noun if count == 1 else (plural_form or f"{noun}s")
    return f"{count} {word}"


def weakest_topics(report: pd.DataFrame, n: int = 3) -> list[str]:
    """Up to ``n`` topics with the lowest retention.

    Topics without repeat answers, and topics at 100 % retention, are left out: a topic
    with nothing forgotten is not weak.
    """
    rated = report.dropna(subset=["retention"])
    rated = rated[rated["retention"] < 1.0]
    return list(rated.sort_values(["retention", "topic"], kind="stable")["topic"].head(n))


def overall_retention(report: pd.DataFrame) -> float:
    """Retention over all topics, weighted by repeat answers (NaN if there are none)."""
    repeats = report["repeat_reviews"].sum()
    if repeats == 0:
        return float("nan")
    recalled = (report["retention"].fillna(0) * report["repeat_reviews"]).sum()
    return float(recalled / repeats)


def stats_text(store: ProgressStore, learner: str, deck: Deck, lang: str = "en") -> str:
    """A short multi-line report for the terminal and the notebook widget."""
    report = topic_report(store, learner, deck)
    retention = overall_retention(report)
    retention_text = "n/a (no repeat answers yet)" if np.isnan(retention) else f"{retention:.0%}"
    lines = [
        f"learner {learner}: {plural(int(report['reviews'].sum()), 'answer')} on "
        f"{int(report['seen'].sum())} of {plural(int(report['cards'].sum()), 'card')}; "
        f"retention {retention_text}",
    ]
    for row in report.itertuples(index=False):
        shown = "n/a" if np.isnan(row.retention) else f"{row.retention:.0%}"
        lines.append(
            f"  {TOPICS[row.topic][lang]:<32} seen {row.seen:>3}/{row.cards:<3} "
            f"answers {row.reviews:>4}  retention {shown}"
        )
    weakest = weakest_topics(report)
    names = ", ".join(TOPICS[t][lang] for t in weakest) if weakest else "none yet"
    lines.append(f"weakest topics: {names}")
    return "\n".join(lines)
