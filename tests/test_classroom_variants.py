"""Personal exercise variants: the student id gives the numbers, the checks follow them."""

from __future__ import annotations

from collections.abc import Iterator

import nbformat
import pytest

import crmsim
from crmsim.analytics import visit_table
from crmsim.errors import InputError
from crmsim.exercises import contact_center as checks
from crmsim.exercises import start
from crmsim.exercises.contact_center_variants import CLASS_PARAMETERS, parameters_of
from crmsim.exercises.submissions import student_in, with_student
from crmsim.exercises.variants import (
    STUDENT_VARIABLE,
    active_variant,
    use_variant,
    variant_of,
)
from crmsim.scenario import SCENARIO_FOLDER, classroom_scenario, load_scenario
from crmsim.warehouse import read_table
from crmsim.widgets import panel_kpis, self_service_break_even

FIRST, SECOND = "s1234567", "s7654321"


@pytest.fixture(autouse=True)
def class_variant_afterwards() -> Iterator[None]:
    previous = active_variant()
    yield
    use_variant(previous)


def answers() -> dict[str, float]:
    """Tasks 1–3 answered the way the solution notebook does, with the active numbers."""
    my = checks.parameters()
    load = my.calls_per_hour * my.aht_min / 60
    return {
        "load": load,
        "p_wait": crmsim.erlang_c(my.agents, load),
        "agents": crmsim.agents_for_service_level(my.calls_per_hour, my.aht_min, 0.8),
    }


def test_the_seed_is_a_stable_hash_of_the_id_the_same_on_any_machine() -> None:
    assert variant_of(FIRST).seed == 630989133178949395
    assert variant_of(" S1234567 ") == variant_of(FIRST)
    assert parameters_of(variant_of(FIRST)) == parameters_of(variant_of(FIRST))
    first = parameters_of(variant_of(FIRST))
    assert (first.calls_per_hour, first.aht_min, first.agents) == (500, 5.5, 46)


def test_two_ids_get_different_numbers_and_both_pass_their_own_checks() -> None:
    start(FIRST)
    mine = answers()
    assert checks.task_1_offered_load(mine["load"]).passed
    assert checks.task_2_p_wait(mine["p_wait"]).passed
    assert checks.task_3_agents_for_80_20(mine["agents"]).passed
    start(SECOND)
    theirs = answers()
    assert parameters_of(variant_of(FIRST)) != parameters_of(variant_of(SECOND))
    assert all(mine[name] != theirs[name] for name in mine)
    lines = [
        repr(checks.task_1_offered_load(theirs["load"])),
        repr(checks.task_2_p_wait(theirs["p_wait"])),
        repr(checks.task_3_agents_for_80_20(theirs["agents"])),
    ]
    assert lines == [
        "Task 1 · Offered load: correct ✔",
        "Task 2 · Erlang C waiting probability: correct ✔",
        "Task 3 · Agents for 80/20: correct ✔",
    ]


def test_a_copied_answer_of_another_student_fails() -> None:
    start(SECOND)
    theirs = answers()
    start(FIRST)
    assert not checks.task_1_offered_load(theirs["load"]).passed
    assert not checks.task_2_p_wait(theirs["p_wait"]).passed
    assert not checks.task_3_agents_for_80_20(theirs["agents"]).passed


def test_simulation_tasks_follow_the_students_seeds() -> None:
    start(FIRST)
    my = checks.parameters()
    assert my.classroom_seed != CLASS_PARAMETERS.classroom_seed
    understaffed = classroom_scenario(agents=my.callback_agents)
    with_offer = classroom_scenario(agents=my.callback_agents, callback=True)
    without = panel_kpis(crmsim.simulate(understaffed, seed=my.classroom_seed))
    with_callback = panel_kpis(crmsim.simulate(with_offer, seed=my.classroom_seed))
    effect = (without["abandon_rate"] - with_callback["abandon_rate"]) * 100
    assert checks.task_5_callback_effect(effect).passed
    adac = load_scenario(SCENARIO_FOLDER / "adac-telematics.yaml")
    week = crmsim.simulate(adac, seed=my.adac_seed, days=7)
    abandon_rate = week.kpis().loc["phone", "abandon_rate"]
    assert checks.task_4_abandon_rate(abandon_rate).passed
    start(None)
    assert not checks.task_4_abandon_rate(abandon_rate).passed


def test_without_an_id_the_class_variant_keeps_the_printed_numbers(monkeypatch) -> None:
    monkeypatch.delenv(STUDENT_VARIABLE, raising=False)
    variant = start()
    assert variant.is_class_variant
    assert checks.parameters() == CLASS_PARAMETERS
    assert checks.task_1_offered_load(240 * 4.5 / 60).passed
    assert "class variant" in repr(variant)


def test_the_id_can_come_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv(STUDENT_VARIABLE, SECOND)
    assert start() == variant_of(SECOND)
    assert start(FIRST) == variant_of(FIRST)  # an id in the notebook wins


@pytest.mark.parametrize("bad", ["", "   ", "s 123", "../s1", "x" * 41])
def test_a_bad_id_is_refused_with_one_line(bad: str) -> None:
    if not bad.strip():
        assert start(bad).is_class_variant
        return
    with pytest.raises(InputError, match="student id .* is not allowed"):
        start(bad)


def test_the_first_cell_of_the_exercise_names_the_student() -> None:
    solution = nbformat.read("exercises/solutions/03-contact-center.ipynb", as_version=4)
    assert student_in(solution) is None
    personal = with_student(solution, FIRST)
    assert student_in(personal) == FIRST
    assert 'crmsim.exercises.start("s1234567")' in personal.cells[1].source
    table = parameters_of(variant_of(FIRST))._repr_markdown_()
    assert "| Tasks 1–3: calls in the busiest hour | 500 |" in table


def test_chapter_02_gives_each_student_a_warehouse_and_customers_of_their_own(
    tmp_path, monkeypatch
) -> None:
    from crmsim import analytics
    from crmsim.exercises import customer_database as warehouse_checks
    from crmsim.exercises.customer_database_variants import CLASS_PARAMETERS as CLASS_02

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gaps, shares = {}, {}
    for student in (FIRST, SECOND):
        start(student)
        assert warehouse_checks.DATA.is_relative_to(tmp_path)  # their own warehouse
        my = warehouse_checks.parameters()
        assert my != CLASS_02
        orders = read_table("fact_order", warehouse_checks.DATA)
        abc = analytics.abc_classes(analytics.customer_value(orders))
        assert warehouse_checks.task_4_abc_class(abc.loc[my.abc_customer, "abc_class"]).passed
        shares[student] = analytics.top_share(analytics.customer_value(orders), 0.2)
        assert warehouse_checks.task_3_top20_share(shares[student]).passed
        params = analytics.CDNOW_PARAMETERS
        a = analytics.probability_alive(params, my.frequency, my.recency_a, my.age_t)
        b = analytics.probability_alive(params, my.frequency, my.recency_b, my.age_t)
        assert warehouse_checks.task_8_p_alive(a - b).passed
        gaps[student] = a - b
    assert not warehouse_checks.task_8_p_alive(gaps[FIRST]).passed  # copied from FIRST
    assert not warehouse_checks.task_3_top20_share(shares[FIRST]).passed
    assert shares[FIRST] != shares[SECOND]  # other data (a Pareto share is similar anyway)
    start(None)
    assert warehouse_checks.parameters() == CLASS_02
    assert not warehouse_checks.DATA.is_relative_to(tmp_path)  # the committed data/


def test_chapter_04_gives_each_student_own_baskets_and_customer() -> None:
    from crmsim.exercises import collaborative as shop_checks
    from crmsim.exercises.collaborative_variants import parameters_of

    for number in range(200):  # task 3's comparison holds in every variant
        my = parameters_of(variant_of(f"s{number:07d}"))
        confidence = my.laptop_and_mouse / my.laptop
        assert my.laptop_and_cable / my.laptop == my.cable / my.baskets == 0.75
        assert confidence < 0.75 and 1.8 <= confidence / (my.mouse / my.baskets) <= 2.3
        assert 0.3 <= self_service_break_even(my.self_service_case).break_even_solve <= 0.9
    shares, lifts = {}, {}
    for student in (FIRST, SECOND):
        start(student)
        my = shop_checks.parameters()
        confidence = my.laptop_and_mouse / my.laptop
        assert shop_checks.task_1_confidence(confidence).passed
        assert "support" in repr(shop_checks.task_1_confidence(my.laptop_and_mouse / my.baskets))
        lifts[student] = confidence / (my.mouse / my.baskets)
        assert shop_checks.task_2_lift(lifts[student]).passed
        shares[student] = my.revenue_eur / (my.wallet_eur_per_year * 2)
        assert shop_checks.task_12_share_of_wallet(shares[student]).passed
    assert not shop_checks.task_12_share_of_wallet(shares[FIRST]).passed  # copied
    assert not shop_checks.task_2_lift(lifts[FIRST]).passed
    start(None)
    assert shop_checks.task_12_share_of_wallet(1200 / (1500 * 2)).passed
    assert shop_checks.task_2_lift((5 / 8) / (6 / 20)).passed


def test_chapter_04_log_and_self_service_tasks_follow_the_students_numbers() -> None:
    from crmsim.exercises import collaborative as shop_checks

    tables = shop_checks.warehouse()
    visits = visit_table(tables["fact_web_visit"])
    day = visits["start_ts"].dt.date
    found = {}
    for student in (FIRST, SECOND):
        start(student)
        my = shop_checks.parameters()
        mine = visits[(day >= my.visits_from) & (day <= my.visits_until)]
        found[student] = mine["referrer"].isin(["newsletter", "campaign"]).mean()
        assert shop_checks.task_8_campaign_visits(found[student]).passed
        views = tables["fact_web_visit"]
        view_day = views["view_ts"].dt.date
        views = views[(view_day >= my.visits_from) & (view_day <= my.visits_until)]
        slip = views["referrer"].isin(["newsletter", "campaign"]).mean()
        assert "share of page views" in repr(shop_checks.task_8_campaign_visits(slip))
        case = my.self_service_case
        sessions = case.requests * case.tried
        fixed = case.upkeep_eur + case.licence_eur
        solve = (fixed / sessions + case.session_cost_eur) / case.assisted_cost_eur
        assert shop_checks.task_7_break_even(solve).passed
        no_session = fixed / sessions / case.assisted_cost_eur
        assert "sessions cost money" in repr(shop_checks.task_7_break_even(no_session))
    assert not shop_checks.task_8_campaign_visits(found[FIRST]).passed  # copied
    start(None)
    assert shop_checks.task_8_campaign_visits(shop_checks.campaign_visit_share()).passed
    assert abs(shop_checks.campaign_visit_share() - 0.0168141) < 1e-6  # the whole log


def test_chapter_01_gives_each_student_own_cost_figures() -> None:
    from crmsim.exercises import foundations as basics

    ratios = {}
    for student in (FIRST, SECOND):
        start(student)
        my = basics.parameters()
        won = my.acquisition_spend_eur / my.customers_won
        kept = my.retention_spend_eur / my.customer_years_kept
        ratios[student] = won / kept
        assert basics.task_4_cost_ratio(ratios[student]).passed
        assert "upside down" in repr(basics.task_4_cost_ratio(kept / won))
    assert abs(ratios[FIRST] - ratios[SECOND]) > 0.01
    assert not basics.task_4_cost_ratio(ratios[FIRST]).passed  # copied from FIRST
    start(None)
    assert basics.task_4_cost_ratio(10.0).passed  # 300 EUR per customer ÷ 30 EUR per year


def test_a_students_warehouse_is_the_same_byte_for_byte_and_differs_between_students(
    tmp_path,
) -> None:
    from crmsim.exercises.student_data import student_dataset

    first = student_dataset(variant_of(FIRST), tmp_path / "a", customers=120, years=1)
    again = student_dataset(variant_of(FIRST), tmp_path / "b", customers=120, years=1)
    other = student_dataset(variant_of(SECOND), tmp_path / "a", customers=120, years=1)
    names = sorted(path.name for path in first.iterdir())
    assert "fact_order.csv" in names and "truth_customer.csv" in names
    assert names == sorted(path.name for path in again.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (again / name).read_bytes(), name
    assert (first / "fact_order.csv").read_bytes() != (other / "fact_order.csv").read_bytes()
    assert student_dataset(variant_of(FIRST), tmp_path / "a", customers=120, years=1) == first
    assert (student_dataset(variant_of(None)) / "crmsim-dataset.json").is_file()  # data/


def test_chapter_06_gives_each_student_own_survey_answers() -> None:
    from crmsim.exercises import satisfaction as survey_checks

    def nps(answers: tuple[int, ...]) -> float:
        return 100 * (sum(a >= 9 for a in answers) - sum(a <= 6 for a in answers)) / len(answers)

    scores = {}
    for student in (FIRST, SECOND):
        start(student)
        my = survey_checks.parameters()
        assert 40 <= len(my.nps_answers) <= 99 and 30 <= len(my.csat_answers) <= 149
        assert {0 <= a <= 10 for a in my.nps_answers} == {True}
        assert {1 <= a <= 5 for a in my.csat_answers} == {True}
        assert survey_checks.task_3_nps(nps(my.nps_answers)).passed
        top2 = sum(a >= 4 for a in my.csat_answers) / len(my.csat_answers)
        assert survey_checks.task_4_top2(top2).passed
        assert "3 is neutral" in repr(
            survey_checks.task_4_top2(sum(a >= 3 for a in my.csat_answers) / len(my.csat_answers))
        )
        kept = (my.standardised_churn - my.personal_churn) * my.customer_value_eur
        assert survey_checks.task_9_break_even_cost(my.standardised_cost_eur + kept).passed
        assert "add the standardised cost" in repr(survey_checks.task_9_break_even_cost(kept))
        scores[student] = nps(my.nps_answers)
    assert scores[FIRST] != scores[SECOND]
    assert not survey_checks.task_3_nps(scores[FIRST]).passed  # copied from FIRST
    start(None)
    assert survey_checks.task_3_nps(20.0).passed
    assert survey_checks.task_9_break_even_cost(25 + 0.11 * 800).passed


def test_chapter_05_gives_each_student_own_campaign_figures() -> None:
    from crmsim.exercises import campaigns as campaign_checks

    uplifts = {}
    for student in (FIRST, SECOND):
        start(student)
        my = campaign_checks.parameters()
        uplift = my.treated_buyers / my.treated - my.control_buyers / my.control
        assert uplift > 0
        assert campaign_checks.task_1_uplift(uplift).passed
        gain = my.treated * (my.mean_treated_eur - my.mean_control_eur)
        cost = my.treated * my.cost_per_letter_eur
        assert campaign_checks.task_3_roi((gain - cost) / cost).passed
        assert "subtract the cost" in repr(campaign_checks.task_3_roi(gain / cost))
        uplifts[student] = uplift
    assert not campaign_checks.task_1_uplift(uplifts[FIRST]).passed  # copied from FIRST
    start(None)
    assert campaign_checks.task_1_uplift(0.03).passed
