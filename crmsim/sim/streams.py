"""Independent random streams, all spawned from one seed.

Every source of randomness in a run has its own ``numpy.random.Generator``:
arrivals and contact attributes per channel, and one stream for follow-up
decisions (repeat contacts, escalations, call-back outcomes). The streams are
spawned in a fixed order from one :class:`numpy.random.SeedSequence`, so
two scenarios run with the same seed see the same customers (common random
numbers): changing the staffing changes the waits, not the arrivals.
"""

from __future__ import annotations

import numpy as np

from crmsim.random_draws import DrawBuffer
from crmsim.scenario.model import CHANNELS

#: Uniform numbers drawn per refill of the follow-up stream.
FOLLOW_UP_BLOCK = 4096


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
        Buffered draws (:class:`~crmsim.random_draws.DrawBuffer`, handed out in
        numpy's order) for decisions taken during the run.
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
        self.follow_ups = DrawBuffer(
            np.random.default_rng(children[-1]), FOLLOW_UP_BLOCK, last_first=False
        )
