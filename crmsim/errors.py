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
