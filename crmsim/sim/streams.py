"""Independent random streams, all spawned from one seed.

Every source of randomness in a run has its own ``numpy.random.Generator``:
arrivals and contact attributes per channel, and one stream for follow-up
decisions (repeat contacts, escalations, call-back outcomes). The streams are
spawned in a fixed order from one :class:`numpy.random.SeedSequence`, so
two scenarios run with the same seed see the same customers (common random
numbers): changing the staffing changes the waits, not the arrivals.
"""

from __future__ import annotations

import math

import numpy as np

from crmsim.scenario.model import CHANNELS

_BLOCK = 4096


class UniformBuffer:
    """Hands out uniform random numbers on [0, 1) drawn from a generator in blocks.

    Drawing one number at a time from numpy is slow; drawing blocks and handing
    them out one by one keeps the simulator's inner loop in plain Python floats.
    """

    __slots__ = ("_next", "_rng", "_values")

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._values: list[float] = []
        self._next = 0

    def uniform(self) -> float:
        """The next uniform number."""
        if self._next >= len(self._values):
            self._values = self._rng.random(_BLOCK).tolist()
            self._next = 0
        value = self._values[self._next]
        self._next += 1
        return value

    def exponential(self, mean: float) -> float:
        """An exponential variate with the given mean (same unit as ``mean``)."""
        return -mean * math.log(1.0 - self.uniform())


class RandomStreams:
    """The named random streams of one simulation run.

    Parameters
    ----------
    seed:
        An integer or a :class:`numpy.random.SeedSequence`.

    Attributes
    ----------
    arrivals, attributes:
        One generator per channel name (all of :data:`~crmsim.scenario.CHANNELS`,
        used or not, so adding a channel leaves the others' streams untouched).
    follow_ups:
        Uniform numbers for decisions taken during the run.
    """

    def __init__(self, seed: int | np.random.SeedSequence) -> None:
        root = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
        children = root.spawn(2 * len(CHANNELS) + 1)
        self.arrivals = {
            name: np.random.default_rng(children[i]) for i, name in enumerate(CHANNELS)
        }
        offset = len(CHANNELS)
        self.attributes = {
            name: np.random.default_rng(children[offset + i]) for i, name in enumerate(CHANNELS)
        }
        self.follow_ups = UniformBuffer(np.random.default_rng(children[-1]))
