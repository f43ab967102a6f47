"""``crmsim erlang --lines K``: the M/M/c/K formula (busy signal with limited lines)."""

from __future__ import annotations

import json

import pytest

from crmsim.cli import main
from crmsim.queueing import erlang_b, erlang_c_metrics, mmck_metrics

BASE = ["erlang", "--calls-per-hour", "120", "--aht-min", "3"]


def run_json(capsys, *extra: str) -> dict:
    assert main([*BASE, *extra, "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return json.loads(captured.out)


def test_lines_report_matches_the_formula_and_counts_busy_signals(capsys) -> None:
    report = run_json(capsys, "--agents", "8", "--lines", "12", "--hours", "8")
    expected = mmck_metrics(8, 12, 120, 3)
    assert (report["model"], report["agents"], report["lines"]) == ("mmck", 8, 12)
    assert report["p_blocked"] == pytest.approx(expected.blocked, rel=1e-12)
    assert report["p_blocked"] == pytest.approx(0.0309, abs=1e-4)
    for key in ("p_wait", "asa_s", "service_level", "occupancy", "offered_load_erl"):
        assert report[key] == pytest.approx(getattr(expected, key), rel=1e-12)
    assert report["offered"] == pytest.approx(960.0)
    assert report["blocked"] == pytest.approx(960.0 * expected.blocked)
    assert report["answered"] + report["blocked"] == pytest.approx(960.0)
    assert report["abandoned"] == 0.0 and report["patience_min"] is None


def test_as_many_lines_as_agents_is_erlang_b(capsys) -> None:
    report = run_json(capsys, "--agents", "8", "--lines", "8")
    assert report["p_blocked"] == pytest.approx(erlang_b(8, 6.0), rel=1e-12)
    assert report["p_wait"] == 0.0 and report["asa_s"] == 0.0


def test_many_lines_give_the_erlang_c_figures_quickly(capsys) -> None:
    """100,000 lines (the largest allowed) compute in linear time and tend to Erlang C."""
    report = run_json(capsys, "--agents", "7", "--lines", "100000")
    patient = erlang_c_metrics(7, 120, 3)
    assert report["p_blocked"] < 1e-12
    assert report["service_level"] == pytest.approx(patient.service_level, rel=1e-9)
    assert report["asa_s"] == pytest.approx(patient.asa_s, rel=1e-9)


def test_an_overloaded_center_blocks_the_excess_instead_of_refusing(capsys) -> None:
    """Erlang C has no answer at a load above the agents; with lines the queue is capped."""
    report = run_json(capsys, "--agents", "5", "--lines", "10", "--calls-per-hour", "1000")
    assert report["p_blocked"] == pytest.approx(0.9, abs=1e-3)
    assert report["occupancy"] == pytest.approx(1.0, abs=1e-3)


def test_text_table_names_lines_and_busy_signal_in_both_languages(capsys) -> None:
    assert main([*BASE, "--agents", "8", "--lines", "12"]) == 0
    out = capsys.readouterr().out
    assert "M/M/c/K" in out
    assert "Telephone lines (Leitungen)" in out and "12" in out
    assert "Blockierwahrscheinlichkeit" in out and "3.09%" in out
    assert "120.0 / 116.3 / 3.7" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--agents", "14", "--lines", "10"], "--lines must be ≥ --agents (14), got 10"),
        (["--agents", "4", "--lines", "0"], "argument --lines: must be a whole number from 1"),
        (["--agents", "4", "--lines", "2.5"], "argument --lines: must be a whole number"),
        (["--agents", "4", "--lines", "1e6"], "100,000 (the limit of crmsim)"),
        (["--agents", "4", "--lines", "many"], "argument --lines: must be a number, got 'many'"),
        (["--target-sl", "0.8", "--lines", "20"], "--lines needs --agents"),
        (
            ["--agents", "8", "--lines", "12", "--patience-min", "3"],
            "--lines cannot be combined with --patience-min",
        ),
        (
            ["--agents", "8", "--lines", "12", "--shrinkage", "0.1"],
            "--shrinkage only applies together with --target-sl",
        ),
    ],
)
def test_bad_lines_exit_2_with_one_line(capsys, extra: list[str], message: str) -> None:
    assert main([*BASE, *extra]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("crmsim erlang: error: ")
    assert message in lines[0]
