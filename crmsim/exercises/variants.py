"""Personal exercise variants: a student id becomes a seed, the seed the task's numbers.

An exercise notebook calls ``crmsim.exercises.start("s1234567")`` in its first cell
(or ``start()`` with the id in the environment variable ``CRMSIM_STUDENT``, which
``make lab STUDENT=s1234567`` sets). From the id a seed is derived with SHA-256, so
the same id gives the same seed on any machine and in any Python version. Each
chapter's checks module turns the seed into its parameters (calls per hour, AHT,
agents, a simulation seed, a customer sample) and computes the expected answers
from the same parameters, so the check cell prints the same feedback line for every
variant. Without an id the notebook uses the fixed class variant, whose numbers are
the ones printed in the exercise text.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass

import numpy as np

from crmsim.errors import InputError

#: Environment variable that holds the student id when ``start()`` is called without one.
STUDENT_VARIABLE = "CRMSIM_STUDENT"
#: What a student id may look like: letters, digits, ``.``, ``_`` and ``-``, 1 to 40 characters.
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


@dataclass(frozen=True)
class Variant:
    """Whose numbers a notebook uses.

    Attributes
    ----------
    student : str or None
        The student id (normalised to lower case), ``None`` for the class variant.
    seed : int or None
        The seed derived from the id (0 ≤ seed < 2**63), ``None`` for the class variant.
    """

    student: str | None
    seed: int | None

    @property
    def is_class_variant(self) -> bool:
        """True for the fixed variant without a student id (the numbers in the text)."""
        return self.student is None

    def rng(self, stream: str) -> np.random.Generator:
        """A random generator for one named use (``"contact_center"``), independent of others.

        Raises
        ------
        ValueError
            For the class variant, which has fixed numbers and draws nothing.
        """
        if self.seed is None:
            raise ValueError("the class variant has fixed numbers and no random stream")
        return np.random.default_rng([self.seed, _digest(stream) % 2**32])

    def __repr__(self) -> str:
        if self.student is None:
            return "class variant (no student id): the numbers printed in the tasks"
        return f"personal variant of student {self.student} (seed {self.seed})"


CLASS_VARIANT = Variant(None, None)
_active: Variant = CLASS_VARIANT


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def normalise_student(student: str) -> str:
    """The id as used for the seed: stripped and lower case.

    Raises
    ------
    InputError
        When the id is empty or holds other characters than letters, digits, ``. _ -``.
    """
    if not isinstance(student, str):
        raise InputError(f"a student id is a string such as 's1234567', got {student!r}")
    cleaned = student.strip().lower()
    if not STUDENT_ID.match(cleaned):
        raise InputError(
            f"student id {student!r} is not allowed: use 1 to 40 letters, digits, '.', '_' "
            "or '-', starting with a letter or digit (e.g. 's1234567')"
        )
    return cleaned


def variant_of(student: str | None) -> Variant:
    """The variant of ``student`` (``None`` or ``""``: the class variant).

    Examples
    --------
    >>> variant_of("S1234567") == variant_of(" s1234567 ")
    True
    >>> variant_of(None).is_class_variant
    True
    """
    if student is None or (isinstance(student, str) and not student.strip()):
        return CLASS_VARIANT
    cleaned = normalise_student(student)
    return Variant(cleaned, _digest("crmsim-student:" + cleaned) % 2**63)


def start(student: str | None = None) -> Variant:
    """Choose the variant for the exercise notebook that is running; call it in the first cell.

    Parameters
    ----------
    student : str, optional
        Your student id (``"s1234567"``). Without it, the environment variable
        ``CRMSIM_STUDENT`` is used; without that, the class variant.

    Returns
    -------
    Variant
        The variant the checks now use (shown as one line).
    """
    global _active
    if student is None:
        student = os.environ.get(STUDENT_VARIABLE)
    _active = variant_of(student)
    return _active


def active_variant() -> Variant:
    """The variant chosen by the last :func:`start` (the class variant before any)."""
    return _active


def use_variant(variant: Variant) -> Variant:
    """Make ``variant`` the active one and return the previous one (for keys and tests)."""
    global _active
    previous, _active = _active, variant
    return previous
