"""A terminal quiz over the same scheduler and progress store as the notebook widget.

Answers are read line by line, so the quiz also runs with piped input::

    printf 'f\\n3\\n\\n1\\nq\\n' | crmsim quiz --lang en

Flip mode: Enter or ``f`` shows the answer, then ``1``-``4`` or
``again``/``hard``/``good``/``easy`` rates it. Choice mode: type the number of
an option; a right choice counts as Good, a wrong one as Again. ``q`` or the
end of input stops the quiz; a summary is printed at the end.
"""

from __future__ import annotations

import shutil
import textwrap
from typing import TextIO

from crmsim.errors import InputError
from crmsim.learn.choices import build_choice
from crmsim.learn.deck import TOPICS, Flashcard
from crmsim.learn.scheduler import SessionSummary, StudySession, parse_rating

QUIZ_MODES = ("flip", "choice")
_QUIT = object()

PROMPTS = {
    "en": {
        "flip": "[Enter/f] show answer · [q] quit > ",
        "rate": "rate: 1 again · 2 hard · 3 good · 4 easy · [q] quit > ",
        "choose": "your choice (number) · [q] quit > ",
        "right": "Right.",
        "wrong": "Not quite. The answer is: ",
        "answer": "A: ",
        "question": "Q: ",
        "nothing": "Nothing to study right now: no cards are due and today's new cards are done.",
        "again": "Please answer with one of the choices shown.",
    },
    "de": {
        "flip": "[Enter/f] Antwort zeigen · [q] beenden > ",
        "rate": "Bewertung: 1 nochmal · 2 schwer · 3 gut · 4 leicht · [q] beenden > ",
        "choose": "Ihre Wahl (Nummer) · [q] beenden > ",
        "right": "Richtig.",
        "wrong": "Leider falsch. Die Antwort lautet: ",
        "answer": "A: ",
        "question": "F: ",
        "nothing": "Gerade gibt es nichts zu lernen: keine Karte ist fällig und die neuen "
        "Karten für heute sind erledigt.",
        "again": "Bitte antworten Sie mit einer der angezeigten Möglichkeiten.",
    },
}


class _Wrapped:
    """An output stream that wraps each finished line to ``width`` columns (None: no wrap).

    Text after the last line break (a prompt waiting for input) is left as it is.
    """

    def __init__(self, output: TextIO, width: int | None) -> None:
        self.output, self.width = output, width

    def write(self, text: str) -> None:
        if self.width is None:
            self.output.write(text)
            return
        lines = text.split("\n")
        wrapped = [
            textwrap.fill(line, self.width, subsequent_indent="   ", break_on_hyphens=False)
            if len(line) > self.width
            else line
            for line in lines[:-1]
        ]
        wrapped.append(lines[-1])
        self.output.write("\n".join(wrapped))

    def flush(self) -> None:
        self.output.flush()


def terminal_width(output: TextIO) -> int | None:
    """The terminal's width in columns when ``output`` is a terminal, else None (no wrap)."""
    isatty = getattr(output, "isatty", None)
    if isatty is None or not isatty():
        return None
    return max(20, shutil.get_terminal_size(fallback=(80, 24)).columns)


def _ask(prompt: str, input_stream: TextIO, output: TextIO) -> str | object:
    output.write(prompt)
    output.flush()
    line = input_stream.readline()
    if not line:
        output.write("\n")
        return _QUIT
    answer = line.strip()
    if not input_stream.isatty():
        output.write(answer + "\n")
    return _QUIT if answer.lower() in {"q", "quit"} else answer


def _flip_round(card: Flashcard, lang: str, text: dict[str, str], io: tuple[TextIO, TextIO]):
    while True:
        answer = _ask(text["flip"], *io)
        if answer is _QUIT:
            return _QUIT
        if answer in {"", "f"}:
            break
        io[1].write(text["again"] + "\n")
    io[1].write(text["answer"] + card.side(lang).back + "\n")
    while True:
        answer = _ask(text["rate"], *io)
        if answer is _QUIT:
            return _QUIT
        try:
            return parse_rating(str(answer))
        except InputError:
            io[1].write(text["again"] + "\n")


def _choice_round(
    session: StudySession, card: Flashcard, lang: str, seed: int, io: tuple[TextIO, TextIO]
):
    text = PROMPTS[lang]
    choice = build_choice(card, session.deck, lang, seed=seed)
    for number, option in enumerate(choice.options, start=1):
        io[1].write(f"  {number}) {option}\n")
    while True:
        answer = _ask(text["choose"], *io)
        if answer is _QUIT:
            return _QUIT
        if str(answer).isdigit() and 1 <= int(str(answer)) <= len(choice.options):
            break
        io[1].write(text["again"] + "\n")
    if choice.is_correct(int(str(answer)) - 1):
        io[1].write(text["right"] + "\n")
        return "good"
    io[1].write(text["wrong"] + card.side(lang).back + "\n")
    return "again"


def run_quiz(
    session: StudySession,
    input_stream: TextIO,
    output: TextIO,
    *,
    lang: str = "de",
    mode: str = "flip",
    limit: int | None = None,
    seed: int = 0,
    width: int | None = None,
) -> SessionSummary:
    """Quiz the learner until ``limit`` cards are answered, nothing is due, or they quit.

    Parameters
    ----------
    session
        Scheduler and progress store; every answer is saved as soon as it is given.
    input_stream, output
        Where answers come from (one per line) and where cards and prompts go.
    lang
        ``"de"`` or ``"en"``.
    mode
        ``"flip"`` (self-rated) or ``"choice"`` (multiple choice).
    limit
        Maximum number of cards (``None``: no limit).
    seed
        Seeds the order of multiple-choice options.
    width
        Wrap cards and messages to this many columns; by default the terminal's width
        when ``output`` is a terminal, and no wrapping when it is a file or a pipe.
    """
    session.deck.require_language(lang)
    if mode not in QUIZ_MODES:
        raise InputError(f"unknown quiz mode {mode!r}; allowed: {', '.join(QUIZ_MODES)}")
    if limit is not None and limit < 1:
        raise InputError(f"limit must be ≥ 1, got {limit}")
    text = PROMPTS[lang]
    output = _Wrapped(output, width or terminal_width(output))  # type: ignore[assignment]
    io = (input_stream, output)
    answered = 0
    while limit is None or answered < limit:
        card = session.next_card()
        if card is None:
            output.write(text["nothing"] + "\n")
            break
        counts = session.counts()
        output.write(f"\n[{answered + 1}] {TOPICS[card.topic][lang]} · {counts.label}\n")
        output.write(text["question"] + card.side(lang).front + "\n")
        if mode == "flip":
            rating = _flip_round(card, lang, text, io)
        else:
            rating = _choice_round(session, card, lang, seed, io)
        if rating is _QUIT:
            break
        session.rate(card.card_id, rating)
        answered += 1
    output.write(f"\n{session.summary.text()}\n{session.counts().label}\n")
    return session.summary
