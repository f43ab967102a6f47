"""Faster ways of drawing give exactly the numbers of the slower ones they replace.

The population switched from ``faker.postcode()`` to
:func:`crmsim.lifecycle.population.draw_postcodes` and from
``faker.name()``/``faker.company()`` to :func:`~crmsim.lifecycle.population.draw_names`;
the dataset stays the same only if every string and the generator's state after it
are the same.
"""

from __future__ import annotations

import numpy as np
from faker import Faker

from crmsim.lifecycle.population import draw_names, draw_postcodes


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
