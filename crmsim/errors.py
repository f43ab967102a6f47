"""The one exception type for bad input from users.

Everything that reaches ``crmsim`` from outside (scenario files, command-line
options, flashcard decks, exercise notebooks) is validated at the edge. A
problem is reported as :class:`InputError` whose message says what was wrong,
where (field, file and line where known) and what is allowed. The command line
prints that message on one line and exits with status 2.
"""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: the message names the problem, its place and what is allowed."""


def require(condition: bool, message: str) -> None:
    """Raise :class:`InputError` with ``message`` unless ``condition`` holds."""
    if not condition:
        raise InputError(message)


MAX_SHOWN_CHARS = 80
"""Longest piece of user input repeated in an error message (characters)."""


def shorten(value: object, limit: int = MAX_SHOWN_CHARS) -> str:
    """``value`` as text of at most ``limit`` characters, on one line.

    Examples
    --------
    >>> shorten("x" * 100, 10)
    'xxxxxxxxx…'
    >>> shorten("two\\nlines")
    'two lines'
    """
    text = " ".join(str(value).replace("\x00", "\\0").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def one_line(message: object, limit: int = 600) -> str:
    """An error message squeezed onto one line and cut at ``limit`` characters."""
    return shorten(message, limit)
