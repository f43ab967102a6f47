"""Faster ways of drawing give exactly the numbers of the slower ones they replace.

The click-stream switched from ``rng.uniform()``, ``rng.uniform(low, high)`` and
``rng.integers(n)`` to :class:`crmsim.random_draws.ScalarDraws`, the population from
``faker.postcode()`` to :func:`crmsim.lifecycle.population.draw_postcodes` and from
``faker.name()``/``faker.company()`` to :func:`~crmsim.lifecycle.population.draw_names`; the
dataset stays the same only if every number and the generator's state after it are
the same.
"""

from __future__ import annotations

import numpy as np
from faker import Faker

from crmsim.lifecycle.population import draw_names, draw_postcodes
from crmsim.random_draws import ScalarDraws


def test_interleaved_draws_match_the_generator_methods_number_for_number():
    fast, reference = ScalarDraws(np.random.default_rng(11)), np.random.default_rng(11)
    pick = np.random.default_rng(0)  # which method comes next
    for step in range(20_000):
        kind = int(pick.integers(5))
        if kind == 0:
            assert fast.random() == reference.uniform(), step
        elif kind == 1:
            low = float(pick.normal(0, 500))
            high = low + float(pick.exponential(300))
            assert fast.uniform(low, high) == reference.uniform(low, high), step
        elif kind == 2:
            high = int(pick.integers(1, 40))  # includes 1: nothing drawn
            assert fast.integers(high) == int(reference.integers(high)), step
        elif kind == 3:  # numpy methods called on the shared generator in between
            assert fast.rng.exponential(0.9, 3).tolist() == reference.exponential(0.9, 3).tolist()
        else:
            assert fast.integers(2**31) == int(reference.integers(2**31)), step
    assert fast.rng.bit_generator.state == reference.bit_generator.state


def test_postcodes_are_fakers_own_from_the_same_draws():
    fast, reference = Faker("de_DE"), Faker("de_DE")
    for seed in (1, 2024):
        fast.seed_instance(seed)
        reference.seed_instance(seed)
        names = [reference.name() for _ in range(30)]
        assert [fast.name() for _ in range(30)] == names
        assert draw_postcodes(fast, 3_000) == [reference.postcode() for _ in range(3_000)]
        # The generator is left where Faker would leave it.
        assert [fast.company() for _ in range(10)] == [reference.company() for _ in range(10)]


def test_postcodes_fall_back_to_faker_for_formats_with_letters():
    fast, reference = Faker("en_GB"), Faker("en_GB")
    fast.seed_instance(3)
    reference.seed_instance(3)
    assert draw_postcodes(fast, 200) == [reference.postcode() for _ in range(200)]


def test_names_are_fakers_own_from_the_same_draws():
    fast, reference = Faker("de_DE"), Faker("de_DE")
    business = (np.random.default_rng(4).random(3_000) < 0.15).tolist()
    for seed in (1, 2024):
        fast.seed_instance(seed)
        reference.seed_instance(seed)
        expected = [reference.company() if firm else reference.name() for firm in business]
        assert draw_names(fast, business) == expected
        assert fast.postcode() == reference.postcode()  # the generator is where Faker leaves it


def test_names_with_argument_groups_are_left_to_faker():
    fast, reference = Faker("de_DE"), Faker("de_DE")
    for faker in (fast, reference):
        faker.seed_instance(7)
        person = faker.name.__self__
        person.formats = ("{{last_name}} {{pyint:small}}", "{{first_name}} {{last_name}}")
        faker.set_arguments("small", "max_value", 9)
    names = draw_names(fast, [False] * 200)
    assert names == [reference.name() for _ in range(200)]
    assert any(name[-1].isdigit() for name in names)
