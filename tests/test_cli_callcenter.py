"""``crmsim callcenter``: scenario runs, the quick M/M/c run, output files and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from crmsim.cli import main

ROOT = Path(__file__).resolve().parents[1]
ADAC = str(ROOT / "scenarios" / "adac-telematics.yaml")
QUICK = ["callcenter", "--agents", "14", "--calls-per-hour", "200", "--aht-min", "3"]


def test_quick_run_prints_the_keys_shared_with_erlang(capsys) -> None:
    assert main([*QUICK, "--hours", "50", "--seed", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    for key in ("offered", "answered", "abandoned", "p_wait", "asa_s", "service_level",
                "abandon_rate", "occupancy"):  # fmt: skip
        assert key in report
    assert report["model"] == "erlang_c"
    assert report["abandoned"] == 0
    assert 9000 < report["offered"] < 11000  # 200 an hour for the 50 hours after warm-up
    assert 0.6 < report["occupancy"] < 0.8


def test_quick_run_with_patience_abandons_some_calls(capsys) -> None:
    assert main([*QUICK, "--patience-min", "5", "--hours", "50", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["model"] == "erlang_a"
    assert 0 < report["abandon_rate"] < 0.05


def test_quick_run_agrees_with_erlang_within_noise(capsys) -> None:
    assert main([*QUICK, "--hours", "200", "--json"]) == 0
    simulated = json.loads(capsys.readouterr().out)
    assert (
        main(["erlang", "--agents", "14", "--calls-per-hour", "200", "--aht-min", "3", "--json"])
        == 0
    )
    analytic = json.loads(capsys.readouterr().out)
    assert simulated["occupancy"] == pytest.approx(analytic["occupancy"], abs=0.02)
    assert simulated["service_level"] == pytest.approx(analytic["service_level"], abs=0.03)


def test_scenario_run_prints_a_kpi_table(capsys) -> None:
    assert main(["callcenter", ADAC, "--days", "1", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "ADAC telematics call center: 1 days, seed 2" in out
    assert "Service level (Servicegrad)" in out and "phone" in out


def test_scenario_run_as_json(capsys) -> None:
    assert main(["callcenter", ADAC, "--days", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["scenario"] == "ADAC telematics call center" and report["file"] == ADAC
    assert (report["days"], report["hours"], report["seed"]) == (1, 24, 1)
    assert report["inputs"]["phone"]["aht_min"] > 0
    kpis = report["kpis"]
    assert set(kpis) == {"phone"}
    assert kpis["phone"]["offered"] == kpis["phone"]["answered"] + kpis["phone"]["abandoned"] + (
        kpis["phone"]["blocked"] + kpis["phone"]["open"]
    )


def test_out_writes_the_tables(tmp_path: Path, capsys) -> None:
    out = tmp_path / "run"
    assert main(["callcenter", ADAC, "--days", "1", "--out", str(out)]) == 0
    assert {"agent_states.csv", "contacts.csv", "intervals.csv", "kpis.json"} <= {
        p.name for p in out.iterdir()
    }
    contacts = pd.read_csv(out / "contacts.csv")
    assert {"contact_id", "arrival_min", "outcome"} <= set(contacts.columns)
    kpis = json.loads((out / "kpis.json").read_text())["kpis"]
    assert kpis["phone"]["offered"] == len(contacts)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".run-")]


def test_out_keeps_other_files_in_an_existing_folder(tmp_path: Path, capsys) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["callcenter", ADAC, "--days", "1", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["callcenter", "missing.yaml"], "scenario file not found: missing.yaml"),
        (
            [*QUICK[:2], "0", *QUICK[3:]],
            "argument --agents: must be a whole number from 1 to 10,000, got 0",
        ),
        ([*QUICK[:6], "0"], "argument --aht-min: must be a number > 0"),
        (["callcenter", "--agents", "3"], "--calls-per-hour, --aht-min must be given"),
        ([*QUICK[:2], "10", *QUICK[3:]], "offered load 10 Erlang is not below 10 agents"),
        (["callcenter", ADAC, "--agents", "3"], "--agents belong to a quick run"),
        (["callcenter", ADAC, "--hours", "3"], "--hours belong to a quick run"),
        (["callcenter", ADAC, "--compare"], "--compare needs two or more scenario files"),
        ([*QUICK, "--compare"], "--compare needs two or more scenario files"),
        ([*QUICK, "--days", "2"], "--days applies to a scenario file"),
        ([*QUICK, "--replications", "0"], "argument --replications: must be a whole number"),
        ([*QUICK, "--replications", "2.5"], "argument --replications: must be a whole number"),
        ([*QUICK, "--replications", "5000"], "1,000 (the limit of crmsim)"),
        (
            [*QUICK, "--hours", "80000", "--replications", "900"],
            "lower --hours or --replications",
        ),
        (["callcenter", ADAC, "missing.yaml"], "scenario file not found: missing.yaml"),
        (
            ["callcenter", ADAC, "--days", "0"],
            "argument --days: must be a whole number from 1 to 731, got 0",
        ),
        ([*QUICK, "--hours", "-1"], "argument --hours: must be a number > 0"),
    ],
)
def test_bad_input_exits_2_with_one_line(argv: list[str], message: str, capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_misspelt_scenario_key_exits_2_naming_it(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        Path(ADAC).read_text(encoding="utf-8").replace("aht_min:", "aht_mn:"), encoding="utf-8"
    )
    assert main(["callcenter", str(bad)]) == 2
    assert 'did you mean "aht_min"' in capsys.readouterr().err


def test_non_numeric_option_exits_2(capsys) -> None:
    assert main(["callcenter", "--agents", "many"]) == 2
    assert "argument --agents: must be a number, got 'many'" in capsys.readouterr().err


def test_real_process_quick_run() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "crmsim", *QUICK, "--hours", "10", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["agents"] == 14


def test_real_process_bad_scenario_has_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "crmsim", "callcenter", str(tmp_path / "none.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "scenario file not found" in done.stderr
