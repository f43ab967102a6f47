"""Fast scalar random draws for SimPy processes, taken from buffered numpy arrays.

Calling a numpy :class:`~numpy.random.Generator` for one number at a time costs
about a microsecond; a customer process needs millions of such numbers. A
:class:`DrawBuffer` draws them in blocks and hands them out one by one, so the
sequence stays fully determined by the generator's seed.
"""

from __future__ import annotations

import numpy as np

BLOCK = 8192


class DrawBuffer:
    """Uniform, standard exponential and standard normal numbers from one generator.

    Parameters
    ----------
    rng
        The generator the blocks are drawn from; nothing else should use it.

    Examples
    --------
    >>> draws = DrawBuffer(np.random.default_rng(1))
    >>> 0.0 <= draws.uniform() < 1.0
    True
    """

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._uniform: list[float] = []
        self._exponential: list[float] = []
        self._normal: list[float] = []

    def uniform(self) -> float:
        """One number uniform on [0, 1)."""
        if not self._uniform:
            self._uniform = self._rng.random(BLOCK).tolist()
        return self._uniform.pop()

    def exponential(self) -> float:
        """One standard exponential number (mean 1)."""
        if not self._exponential:
            self._exponential = self._rng.standard_exponential(BLOCK).tolist()
        return self._exponential.pop()

    def normal(self) -> float:
        """One standard normal number."""
        if not self._normal:
            self._normal = self._rng.standard_normal(BLOCK).tolist()
        return self._normal.pop()

    def choice(self, cumulative: list[float]) -> int:
        """Index drawn with probabilities given as a cumulative list ending at 1."""
        u = self.uniform()
        for index, bound in enumerate(cumulative):
            if u < bound:
                return index
        return len(cumulative) - 1
