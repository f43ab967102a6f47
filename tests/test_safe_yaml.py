"""The hardened YAML reader shared by scenarios and decks."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from crmsim import safe_yaml
from crmsim.errors import InputError, shorten
from crmsim.learn.deck_files import check_deck_file
from crmsim.scenario import load_scenario


def billion_laughs(levels: int = 10, width: int = 9) -> str:
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_fast_and_small() -> None:
    text = billion_laughs()
    assert len(text) < 2000  # a kilobyte-sized file that expands to 9**10 values
    memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    with pytest.raises(safe_yaml.YamlProblem, match="expands to more than 1,000,000"):
        safe_yaml.load(text, "bomb.yaml")
    assert time.perf_counter() - started < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - memory < 200


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    for text in (
        "[" * 5000 + "]" * 5000,
        "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 300)),
    ):
        started = time.perf_counter()
        with pytest.raises(safe_yaml.YamlProblem, match="nested more than 64 levels"):
            safe_yaml.compose(text, "deep.yaml")
        assert time.perf_counter() - started < 1.0


def test_moderate_sharing_through_aliases_is_still_allowed() -> None:
    text = "base: &base {aht_min: 3, acw_min: 1}\nphone: *base\nchat: *base\n"
    assert safe_yaml.load(text, "ok.yaml")["chat"] == {"aht_min": 3, "acw_min": 1}


def test_a_self_referencing_alias_is_refused() -> None:
    with pytest.raises(InputError, match="refers to itself"):
        safe_yaml.load("a: &a [1, *a]\n", "cycle.yaml")


def test_duplicate_keys_name_both_lines() -> None:
    text = "name: x\nchannels:\n  phone:\n    aht_min: 3\n    aht_min: 12\n"
    with pytest.raises(safe_yaml.YamlProblem) as refused:
        safe_yaml.load(text, "dup.yaml")
    assert str(refused.value) == (
        "dup.yaml line 5: duplicate key 'aht_min' (first at line 4); each key may appear once"
    )
    assert refused.value.line == 5


def test_merge_keys_are_not_duplicates() -> None:
    text = "a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: *a\n  <<: *b\n"
    assert safe_yaml.load(text, "merge.yaml")["c"] == {"x": 1, "y": 2}


@pytest.mark.parametrize(
    ("text", "value"),
    [("5e3", 5000.0), ("1E-2", 0.01), ("-2.5e1", -25.0), ("+7e0", 7.0), ("1_000", 1000)],
)
def test_scientific_numbers_are_numbers(text: str, value: float) -> None:
    assert safe_yaml.load(f"x: {text}\n", "n.yaml")["x"] == value


def test_words_that_look_scientific_stay_text() -> None:
    assert safe_yaml.load("x: e5\ny: 5e\nz: '5e3'\n", "t.yaml") == {
        "x": "e5",
        "y": "5e",
        "z": "5e3",
    }


def test_nul_bytes_and_oversized_text_are_refused_in_one_line() -> None:
    with pytest.raises(InputError, match="line 2: contains a NUL byte") as refused:
        safe_yaml.load("a: 1\nb: \x00\n", "nul.yaml")
    assert "\n" not in str(refused.value)
    with pytest.raises(InputError, match="characters; YAML files up to"):
        safe_yaml.load("#" * (safe_yaml.MAX_TEXT_CHARS + 1), "huge.yaml")


def test_syntax_errors_give_the_line_on_one_line() -> None:
    with pytest.raises(InputError) as refused:
        safe_yaml.load("a: [1, 2\nb: 3\n", "s.yaml")
    assert str(refused.value).startswith("s.yaml line ")
    assert "\n" not in str(refused.value)


def test_shorten_cuts_long_values() -> None:
    assert shorten("y" * 5000) == "y" * 79 + "…"
    assert len(shorten("z" * 5000, 20)) == 20


def test_scenarios_and_decks_use_the_hardened_reader(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(billion_laughs(), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(InputError, match="expands to more than"):
        load_scenario(bomb)
    deck, problems = check_deck_file(bomb)
    assert deck is None and "expands to more than" in problems[0].message
    assert time.perf_counter() - started < 2.0


def test_a_scenario_value_of_five_thousand_characters_is_shortened(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text("name: " + "n" * 5000 + "\ndays: " + "d" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_scenario(path)
    assert len(str(refused.value)) < 250 and "…" in str(refused.value)
