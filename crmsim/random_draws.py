"""Fast scalar random draws for SimPy processes, handed out from buffered numpy blocks.

Calling a numpy :class:`~numpy.random.Generator` for one number at a time costs
about a microsecond; the simulators need millions of such numbers. A
:class:`DrawBuffer` draws a block at once and hands the numbers out one by one,
so the sequence stays fully determined by the generator's seed.

Both simulators use this one class. They differ in two settings that fix their
sequences (and therefore the committed dataset and every seeded result):

* ``block``: numbers drawn per refill (the contact center 4,096, the lifecycle
  model 8,192);
* ``last_first``: whether a block is handed out from its end (the lifecycle
  model) or from its start (the contact center).

Uniform, standard exponential and standard normal numbers come from separate
blocks of the same generator. :meth:`DrawBuffer.exponential_from_uniform`
instead turns the next *uniform* number into an exponential one by inversion.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence

import numpy as np

#: Numbers per block unless a caller says otherwise.
BLOCK = 8192


class DrawBuffer:
    """Uniform, exponential and normal numbers from one generator, drawn in blocks.

    Parameters
    ----------
    rng
        The generator the blocks are drawn from; nothing else should use it.
    block
        Numbers drawn per refill.
    last_first
        Hand out each block from its last number to its first (``True``) or in
        the order numpy drew it (``False``).

    Examples
    --------
    >>> draws = DrawBuffer(np.random.default_rng(1))
    >>> 0.0 <= draws.uniform() < 1.0
    True
    >>> forward = DrawBuffer(np.random.default_rng(1), block=4, last_first=False)
    >>> [forward.uniform() for _ in range(4)] == np.random.default_rng(1).random(4).tolist()
    True
    """

    __slots__ = ("_block", "_exponential", "_last_first", "_normal", "_rng", "_uniform")

    def __init__(
        self, rng: np.random.Generator, block: int = BLOCK, last_first: bool = True
    ) -> None:
        self._rng = rng
        self._block = block
        self._last_first = last_first
        self._uniform: list[float] = []
        self._exponential: list[float] = []
        self._normal: list[float] = []

    def _handed_out(self, values: np.ndarray) -> list[float]:
        """A fresh block as a list whose ``pop()`` gives the numbers in hand-out order."""
        handed_out: list[float] = (values if self._last_first else values[::-1]).tolist()
        return handed_out

    def uniform(self) -> float:
        """One number uniform on [0, 1)."""
        values = self._uniform
        if not values:
            values = self._uniform = self._handed_out(self._rng.random(self._block))
        return values.pop()

    def standard_exponential(self) -> float:
        """One exponential number with mean 1, from its own block."""
        values = self._exponential
        if not values:
            values = self._exponential = self._handed_out(
                self._rng.standard_exponential(self._block)
            )
        return values.pop()

    def exponential_from_uniform(self, mean: float) -> float:
        """An exponential number with the given mean (same unit), from the next uniform number."""
        return -mean * math.log(1.0 - self.uniform())

    def normal(self) -> float:
        """One standard normal number, from its own block."""
        values = self._normal
        if not values:
            values = self._normal = self._handed_out(self._rng.standard_normal(self._block))
        return values.pop()

    def choice(self, cumulative: Sequence[float]) -> int:
        """Index drawn with probabilities given as a cumulative list ending at 1.

        The first index whose bound exceeds the next uniform number (the last index
        if none does); the list must not decrease.
        """
        index = bisect_right(cumulative, self.uniform())
        return index if index < len(cumulative) else len(cumulative) - 1
