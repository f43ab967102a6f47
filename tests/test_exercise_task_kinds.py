"""The checked task kinds of crmsim.exercises: right answers pass, wrong ones get their hint."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

from crmsim.exercises import (
    NOT_ANSWERED,
    Matching,
    Mistake,
    MultipleChoice,
    NumericTask,
    Option,
    Ordering,
    PredictThenSimulate,
    choice,
    feedback,
    matching,
    numeric,
    ordering,
    prediction,
)

TITLE = "Task 3 · Agents for 80/20"

NUMERIC = NumericTask(
    TITLE,
    expected=lambda: 23.0,
    tolerance=0.0,
    what="a number of agents",
    hint="try a few staffing levels",
    mistakes=(Mistake(18.0, "18 Erlang is the load, not the staff"),),
    whole=True,
    advise=lambda value: "too few agents for 80 %" if value < 23 else None,
)
CHOICE = MultipleChoice(
    "Task 7 · Why pooling works",
    {
        "a": Option(
            "Agents in a shared hotline handle calls faster", "handle times stay as they are"
        ),
        "b": Option("Random peaks of two lines rarely coincide", "right: peaks even out"),
        "c": Option("A shared hotline gets fewer calls in total", "it gets the sum of both lines"),
    },
    correct="b",
)
ORDER = Ordering(
    "Task 8 · The closed loop",
    {"c": "collect contact data", "a": "analyse it", "b": "act on it in the next contact"},
    {"a": "analysis needs the data first", "b": "acting uses what the analysis found"},
    shown=("a", "b", "c"),
)
MATCH = Matching(
    "Task 9 · German and English",
    {"1": "Verkehrsangebot", "2": "Auslastung"},
    {"a": "occupancy", "b": "offered load", "c": "service level"},
    {"1": "b", "2": "a"},
    {"1": "the average number of calls in progress at once"},
)
PREDICT = PredictThenSimulate(
    "Task 10 · Predict the service level", "the service level as a share", lambda: 0.8, 0.005,
    bounds=(0.0, 1.0),
)  # fmt: skip


@pytest.mark.parametrize("task", [NUMERIC, CHOICE, ORDER, MATCH])
def test_the_placeholder_is_not_answered_yet(task) -> None:
    verdict = task.check(...)
    assert not verdict.passed
    assert verdict.line() == f"{task.title}: {NOT_ANSWERED}"


@pytest.mark.parametrize(
    ("task", "answer"),
    [
        (NUMERIC, 23),
        (NUMERIC, np.int64(23)),
        (CHOICE, "b"),
        (CHOICE, " B) "),
        (ORDER, ["c", "a", "b"]),
        (ORDER, ("C", "a", "b")),
        (MATCH, {"1": "b", "2": "a"}),
        (MATCH, {1: "B", 2: "a"}),
    ],
)
def test_right_answers_pass_with_the_title_in_the_line(task, answer) -> None:
    verdict = task(answer)
    assert verdict.passed
    assert repr(verdict) == f"{task.title}: correct ✔"


@pytest.mark.parametrize(
    ("task", "answer", "hint"),
    [
        (NUMERIC, 18, "18 Erlang is the load"),
        (NUMERIC, 21, "too few agents for 80 %"),
        (NUMERIC, 30, "try a few staffing levels"),
        (NUMERIC, 22.5, "a number of agents is a whole number"),
        (NUMERIC, "23", "expected a number of agents as a number, got '23'"),
        (NUMERIC, float("nan"), "as a finite number"),
        (NUMERIC, True, "as a number, got True"),
        (CHOICE, "a", "(a) is not it: handle times stay as they are"),
        (CHOICE, "c", "(c) is not it: it gets the sum of both lines"),
        (CHOICE, "d", "there is no option 'd'; choose one of 'a', 'b', 'c'"),
        (CHOICE, 2, "give the option as a string"),
        (ORDER, ["a", "c", "b"], "1 of 3 in place; step 1 is not (a) analyse it: analysis needs"),
        (ORDER, ["c", "b", "a"], "step 2 is not (b) act on it in the next contact: acting uses"),
        (ORDER, ["c", "a"], "all 3 steps belong in the list; (b) is missing"),
        (ORDER, ["c", "a", "a"], "(a) appears more than once"),
        (ORDER, "cab", "give a list of the 3 letters in order"),
        (ORDER, ["c", "a", "x"], "there is no step 'x'"),
        (MATCH, {"1": "a", "2": "b"}, "0 of 2 pairs right; Verkehrsangebot is not 'occupancy': it"),
        (
            MATCH,
            {"1": "b", "2": "c"},
            "1 of 2 pairs right; Auslastung is not 'service level': look",
        ),
        (MATCH, {"1": "b"}, "Auslastung (2) has no letter yet"),
        (MATCH, {"1": "b", "2": "b"}, "(b) is used more than once"),
        (MATCH, {"1": "b", "3": "a"}, "there is no term '3'"),
        (MATCH, ["b", "a"], "give a dict from term numbers to letters"),
    ],
)
def test_wrong_answers_get_a_specific_one_line_hint(task, answer, hint: str) -> None:
    verdict = task(answer)
    assert not verdict.passed
    assert verdict.line().startswith(f"{task.title}: not yet: ")
    assert hint in verdict.line()
    assert "\n" not in verdict.line()


def test_predict_then_simulate_records_then_grades_the_gap() -> None:
    assert PREDICT.record(...).message == NOT_ANSWERED
    recorded = PREDICT.record(0.7)
    assert recorded.passed and "prediction recorded (0.7)" in recorded.line()
    assert "lies between 0 and 1" in PREDICT.record(70).line()
    assert PREDICT.check_gap(0.7, 0.1).passed
    assert "sign is reversed" in PREDICT.check_gap(0.7, -0.1).line()
    assert "the simulated value itself" in PREDICT.check_gap(0.7, 0.8).line()
    assert "subtract your prediction (0.7)" in PREDICT.check_gap(0.7, 0.3).line()
    assert PREDICT.check_gap(..., 0.1).message == NOT_ANSWERED
    assert PREDICT.check_gap(0.7, ...).message == NOT_ANSWERED


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: MultipleChoice("T", {"a": Option("x", "y")}, "a"), "at least two options"),
        (lambda: MultipleChoice("T", {"a": Option("x", "y"), "b": Option("z", "w")}, "c"),
         "'c' is not an option"),
        (lambda: MultipleChoice("T", {"a": Option("x", "y"), "b": Option("z", " ")}, "a"),
         "option 'b' has no explanation"),
        (lambda: Ordering("T", {"a": "x"}), "at least two steps"),
        (lambda: Ordering("T", {"a": "x", "b": "y"}, {"c": "?"}), "unknown steps"),
        (lambda: Ordering("T", {"a": "x", "b": "y"}, shown=("a",)), "every step key once"),
        (lambda: Matching("T", {"1": "x"}, {"a": "y"}, {}), "a candidate for every term"),
        (lambda: Matching("T", {"1": "x"}, {"a": "y"}, {"1": "b"}), "does not exist"),
    ],
)  # fmt: skip
def test_badly_written_tasks_are_refused_when_the_module_loads(build, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()


def test_markdown_lists_every_option_in_the_shown_order() -> None:
    assert (
        CHOICE.markdown().splitlines()[1] == "- **(b)** Random peaks of two lines rarely coincide"
    )
    assert ORDER.markdown().splitlines()[0] == "- **(a)** analyse it"
    assert "- **1** Verkehrsangebot" in MATCH.markdown()
    assert "- **(c)** service level" in MATCH.markdown()


@pytest.mark.parametrize("module", [feedback, numeric, choice, ordering, matching, prediction])
def test_docstring_examples(module) -> None:
    failures, _ = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert failures == 0
