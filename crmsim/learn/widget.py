"""The flashcard trainer as an ipywidgets panel for JupyterLab.

Everything a button does is also a method (:meth:`FlashcardTrainer.flip`,
:meth:`~FlashcardTrainer.rate`, :meth:`~FlashcardTrainer.choose`, …), and the
visible texts are attributes, so the trainer can be driven and checked from
Python without a browser. Its plain-text representation holds only the counts,
which keeps notebooks diff- and nbval-friendly.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from crmsim.errors import InputError
from crmsim.learn.choices import MultipleChoice, build_choice
from crmsim.learn.deck import TOPICS, Deck, Flashcard, require_language
from crmsim.learn.deck_files import load_deck
from crmsim.learn.scheduler import RATING_NAMES, StudySession, utc_now
from crmsim.learn.stats import stats_text
from crmsim.learn.store import ProgressStore

MODES = ("flip", "choice")
#: Multiple-choice buttons wrap long options onto several lines instead of cutting them.
WRAP_CLASS = "crmsim-wrap"
WRAP_CSS = (
    f".{WRAP_CLASS} {{ white-space: normal; text-align: left; line-height: 1.4; "
    "padding: 6px 10px; }"
)
ALL_TOPICS = "all"


class FlashcardTrainer:
    """Study a deck in a notebook: flip or multiple choice, DE/EN, four FSRS ratings.

    Parameters
    ----------
    session
        Scheduler and progress store of one learner.
    lang
        Starting language, ``"de"`` or ``"en"``.
    mode
        ``"flip"`` or ``"choice"``.
    seed
        Seeds the order of multiple-choice options.
    """

    def __init__(
        self, session: StudySession, *, lang: str = "de", mode: str = "flip", seed: int = 0
    ) -> None:
        self.session = session
        self.lang = session.deck.require_language(require_language(lang))
        self.mode = _require_mode(mode)
        self.seed = seed
        self.current_card: Flashcard | None = None
        self.flipped = False
        self.choice: MultipleChoice | None = None
        self.feedback = ""
        self._build_widgets()
        self.next_card()

    def _build_widgets(self) -> None:
        topic_options = [("All topics / Alle Themen", ALL_TOPICS)]
        present = self.session.full_deck.topic_counts()
        topic_options += [(TOPICS[key]["en"], key) for key in TOPICS if present[key] > 0]
        self.card_view = widgets.HTML(layout=widgets.Layout(min_height="8em"))
        self.flip_button = widgets.Button(description="Flip", tooltip="Show the answer")
        self.flip_button.on_click(lambda _: self.flip())
        self.rating_buttons = {}
        for name in RATING_NAMES:
            button = widgets.Button(description=name.capitalize(), tooltip=f"Rate: {name}")
            button.on_click(lambda _, rating=name: self.rate(rating))
            self.rating_buttons[name] = button
        self.language_toggle = widgets.ToggleButtons(
            options=[("DE", "de"), ("EN", "en")], value=self.lang, description="Language"
        )
        self.language_toggle.observe(lambda change: self.set_language(change["new"]), "value")
        self.mode_toggle = widgets.ToggleButtons(
            options=[("Flip", "flip"), ("Multiple choice", "choice")],
            value=self.mode,
            description="Mode",
        )
        self.mode_toggle.observe(lambda change: self.set_mode(change["new"]), "value")
        self.topic_dropdown = widgets.Dropdown(
            options=topic_options, value=ALL_TOPICS, description="Topic"
        )
        self.topic_dropdown.observe(lambda change: self.set_topic(change["new"]), "value")
        self.choice_box = widgets.VBox()
        self.counts_label = widgets.Label()
        self.progress_bar = widgets.IntProgress(min=0, max=1, description="Learned")
        self.feedback_label = widgets.Label()
        self.summary_label = widgets.Label()
        self.notice_label = widgets.Label(value=self.session.store.notice or "")
        self.stats_view = widgets.HTML()
        self.reload_button = widgets.Button(
            description="Reload", tooltip="Look again for due cards (e.g. after a break)"
        )
        self.reload_button.on_click(lambda _: self.next_card())
        self.stats_button = widgets.Button(description="Statistics")
        self.stats_button.on_click(lambda _: self.show_stats())
        self.view = widgets.VBox(
            [
                widgets.HTML(f"<style>{WRAP_CSS}</style>"),
                widgets.HBox([self.language_toggle, self.topic_dropdown]),
                self.mode_toggle,
                self.card_view,
                self.choice_box,
                widgets.HBox([self.flip_button, *self.rating_buttons.values()]),
                self.feedback_label,
                widgets.HBox([self.counts_label, self.progress_bar]),
                self.summary_label,
                self.notice_label,
                widgets.HBox([self.reload_button, self.stats_button]),
                self.stats_view,
            ]
        )

    # --- actions -----------------------------------------------------------------
    def next_card(self) -> Flashcard | None:
        """Move to the next card of the queue (or none) and redraw."""
        self.current_card = self.session.next_card()
        self.flipped = False
        self.choice = None
        if self.current_card is not None and self.mode == "choice":
            self.choice = build_choice(
                self.current_card, self.session.deck, self.lang, seed=self.seed
            )
        self.refresh()
        return self.current_card

    def flip(self) -> None:
        """Show the answer of the current card."""
        if self.current_card is None:
            raise InputError("there is no card to flip: nothing is due right now")
        self.flipped = True
        self.refresh()

    def rate(self, rating: str) -> None:
        """Rate the flipped card (``"again"``, ``"hard"``, ``"good"``, ``"easy"``) and move on."""
        if self.current_card is None:
            raise InputError("there is no card to rate: nothing is due right now")
        if self.mode == "flip" and not self.flipped:
            raise InputError("flip the card before rating it")
        self.session.rate(self.current_card.card_id, rating)
        self.feedback = ""
        self.next_card()

    def choose(self, index: int) -> bool:
        """Answer a multiple-choice card with option ``index`` (0-based); return if it was right.

        A right answer is rated Good, a wrong one Again.
        """
        if self.current_card is None or self.choice is None:
            raise InputError("choose() needs multiple-choice mode and a current card")
        if not 0 <= index < len(self.choice.options):
            raise InputError(
                f"option {index} does not exist; allowed: 0-{len(self.choice.options) - 1}"
            )
        right = self.choice.is_correct(index)
        answer = self.current_card.side(self.lang).back
        self.session.rate(self.current_card.card_id, "good" if right else "again")
        self.next_card()
        self.feedback = "✓ right" if right else f"✗ the answer was: {answer}"
        self.feedback_label.value = self.feedback
        return right

    def set_language(self, lang: str) -> None:
        """Show cards in ``lang`` (``"de"`` or ``"en"``)."""
        self.lang = self.session.deck.require_language(require_language(lang))
        self.language_toggle.value = lang
        if self.current_card is not None and self.mode == "choice":
            self.choice = build_choice(
                self.current_card, self.session.deck, self.lang, seed=self.seed
            )
        self.refresh()

    def set_mode(self, mode: str) -> None:
        """Switch between ``"flip"`` and ``"choice"`` mode."""
        self.mode = _require_mode(mode)
        self.mode_toggle.value = mode
        self.next_card()

    def set_topic(self, topic: str | None) -> None:
        """Study only ``topic`` (a topic key), or every topic with ``None`` or ``"all"``."""
        chosen = None if topic in (None, ALL_TOPICS) else topic
        self.session.set_topics([chosen] if chosen else None)
        self.topic_dropdown.value = chosen or ALL_TOPICS
        self.next_card()

    def show_stats(self) -> str:
        """Fill the statistics panel and return its text."""
        text = stats_text(self.session.store, self.session.learner, self.session.deck, "en")
        self.stats_view.value = f"<pre>{html.escape(text)}</pre>"
        return text

    # --- what is shown -------------------------------------------------------------
    @property
    def front_text(self) -> str:
        """The question of the current card in the current language ('' if none)."""
        return self.current_card.side(self.lang).front if self.current_card else ""

    @property
    def back_text(self) -> str:
        """The answer, once flipped ('' before)."""
        if self.current_card is None or not self.flipped:
            return ""
        return self.current_card.side(self.lang).back

    @property
    def counts_text(self) -> str:
        """E.g. ``"due 12 · new 80 · learned 0"``."""
        return self.session.counts().label

    @property
    def summary_text(self) -> str:
        """The session summary line."""
        return self.session.summary.text()

    def refresh(self) -> None:
        """Redraw every part of the panel from the session state."""
        counts = self.session.counts()
        card = self.current_card
        if card is None:
            body = "<p><b>Nothing due right now.</b> Come back later or pick another topic.</p>"
        else:
            topic = TOPICS[card.topic][self.lang]
            body = f"<p><i>{html.escape(topic)}</i></p><h3>{html.escape(self.front_text)}</h3>"
            if self.flipped:
                body += f"<hr><p>{html.escape(self.back_text)}</p>"
        self.card_view.value = body
        choosing = self.mode == "choice" and self.choice is not None
        self.choice_box.children = self._choice_buttons() if choosing else ()
        self.flip_button.disabled = card is None or self.flipped or self.mode == "choice"
        for button in self.rating_buttons.values():
            button.disabled = card is None or not self.flipped or self.mode == "choice"
        self.counts_label.value = counts.label
        self.progress_bar.max = max(1, counts.total)
        self.progress_bar.value = counts.learned
        self.feedback_label.value = self.feedback
        self.summary_label.value = self.summary_text

    def _choice_buttons(self) -> tuple[widgets.Button, ...]:
        assert self.choice is not None
        buttons = []
        for index, option in enumerate(self.choice.options):
            button = widgets.Button(
                description=f"{index + 1}) {option}",
                tooltip=option,
                layout=widgets.Layout(width="100%", height="auto"),
            )
            button.add_class(WRAP_CLASS)
            button.on_click(lambda _, i=index: self.choose(i))
            buttons.append(button)
        return tuple(buttons)

    def close(self) -> None:
        """Close the widgets and the progress file."""
        self.view.close()
        self.session.store.close()

    def __repr__(self) -> str:
        return f"FlashcardTrainer(learner={self.session.learner!r}, {self.counts_text})"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = dict(self.view._repr_mimebundle_(**kwargs) or {})
        bundle["text/plain"] = repr(self)
        return bundle


def _require_mode(mode: str) -> str:
    if mode not in MODES:
        raise InputError(f"unknown mode {mode!r}; allowed: {', '.join(MODES)}")
    return mode


def open_trainer(
    deck: Deck | None = None,
    *,
    store_path: str | Path | None = None,
    learner: str = "default",
    lang: str = "de",
    mode: str = "flip",
    new_cards_per_day: int = 20,
    clock: Callable[[], datetime] = utc_now,
    seed: int = 0,
) -> FlashcardTrainer:
    """A ready trainer: the workbook deck (default) and the learner's progress file.

    ``store_path`` defaults to ``progress.sqlite`` in the user's data folder
    (or ``$CRMSIM_DATA_DIR``).
    """
    store = ProgressStore(store_path)
    session = StudySession(
        deck if deck is not None else load_deck(),
        store,
        learner,
        new_cards_per_day=new_cards_per_day,
        clock=clock,
    )
    return FlashcardTrainer(session, lang=lang, mode=mode, seed=seed)
