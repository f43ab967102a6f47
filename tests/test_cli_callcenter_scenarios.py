"""``crmsim callcenter`` with several scenario files: a table each, or ``--compare``."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from crmsim.cli import main

ROOT = Path(__file__).resolve().parents[1]
ADAC = ROOT / "scenarios" / "adac-telematics.yaml"


@pytest.fixture(scope="module")
def more_agents(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The ADAC center with two more agents in the early shift (6 instead of 4)."""
    path = tmp_path_factory.mktemp("scenarios") / "adac-more.yaml"
    text = ADAC.read_text(encoding="utf-8")
    assert text.count("count: 4") == 1
    path.write_text(text.replace("count: 4", "count: 6"), encoding="utf-8")
    return str(path)


def test_one_table_per_scenario(capsys, more_agents: str) -> None:
    assert main(["callcenter", str(ADAC), more_agents, "--days", "1"]) == 0
    out = capsys.readouterr().out
    assert out.count("ADAC telematics call center: 1 days, seed 1") == 2
    assert out.count("Service level (Servicegrad)") == 2


def test_compare_puts_the_runs_side_by_side_with_the_difference(capsys, more_agents) -> None:
    assert main(["callcenter", str(ADAC), more_agents, "--days", "1", "--json"]) == 0
    first, second = json.loads(capsys.readouterr().out)
    assert first["kpis"]["phone"]["offered"] == second["kpis"]["phone"]["offered"]  # same seed
    assert main(["callcenter", str(ADAC), more_agents, "--days", "1", "--compare"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "adac-telematics = ADAC telematics call center: 1 days, seed 1"
    assert lines[1] == "adac-more = ADAC telematics call center: 1 days, seed 1"
    header = next(line for line in lines if "adac-more − adac-telematics" in line)
    assert header.split() == ["adac-telematics", "adac-more", "adac-more", "−", "adac-telematics"]
    sl_row = next(line for line in lines if line.startswith("Service level (Servicegrad)"))
    sl_first, sl_second = (
        first["kpis"]["phone"]["service_level"],
        second["kpis"]["phone"]["service_level"],
    )
    change = (sl_second - sl_first) * 100
    assert sl_row.split()[-2:] == [f"{'+' if change >= 0 else '−'}{abs(change):.1f}", "pp"]
    offered_row = next(line for line in lines if line.startswith("Offered"))
    assert offered_row.split()[-1] == "0"  # the same customers arrive in both


def test_compare_with_replications_pairs_the_runs_seed_by_seed(capsys, more_agents) -> None:
    """The difference column is the mean [95 % t-interval] of the per-seed differences."""
    from scipy import stats

    changes = []
    for seed in ("4", "5", "6"):
        argv = ["callcenter", str(ADAC), more_agents, "--days", "1", "--seed", seed, "--json"]
        assert main(argv) == 0
        first, second = json.loads(capsys.readouterr().out)
        changes.append(
            second["kpis"]["phone"]["service_level"] - first["kpis"]["phone"]["service_level"]
        )
    argv = ["callcenter", str(ADAC), more_agents, "--days", "1", "--seed", "4"]
    assert main([*argv, "--replications", "3", "--compare"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("seeds 4-6 (means over 3 runs)")
    mean = sum(changes) / 3
    half = stats.t.ppf(0.975, 2) * pd.Series(changes).std() / 3**0.5

    def points(share: float) -> str:
        return f"{'+' if share > 0 else '−'}{abs(share) * 100:.1f} pp"

    expected = f"{points(mean)} [{points(mean - half)}, {points(mean + half)}]"
    sl_row = next(line for line in lines if line.startswith("Service level (Servicegrad)"))
    assert sl_row.endswith(expected)


def test_compare_shows_a_channel_one_scenario_lacks_as_dashes(capsys) -> None:
    argv = ["callcenter", str(ADAC), "multichannel-cic", "--days", "1", "--compare"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    chat = out[out.index("\nchat") :]
    offered = next(line for line in chat.splitlines() if line.startswith("Offered"))
    assert offered.split()[-3] == "–" and offered.split()[-1] == "–"


def test_the_same_file_twice_gets_two_names_and_two_folders(tmp_path: Path, capsys) -> None:
    out = tmp_path / "runs"
    argv = ["callcenter", str(ADAC), str(ADAC), "--days", "1", "--out", str(out), "--json"]
    assert main(argv) == 0
    assert sorted(p.name for p in out.iterdir()) == ["adac-telematics", "adac-telematics-2"]
    assert (out / "adac-telematics-2" / "contacts.csv").is_file()


def test_a_bad_second_file_stops_before_the_first_runs(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(ADAC.read_text(encoding="utf-8").replace("aht_min:", "aht_mn:"), "utf-8")
    out = tmp_path / "never"
    assert main(["callcenter", str(ADAC), str(bad), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and not out.exists()
    assert captured.err.count("\n") == 1 and 'did you mean "aht_min"' in captured.err


def test_a_blocked_sub_folder_stops_before_the_first_run(tmp_path: Path, capsys) -> None:
    out = tmp_path / "runs"
    out.mkdir()
    (out / "multichannel-cic").write_text("a file where a folder should go")
    argv = ["callcenter", str(ADAC), "multichannel-cic", "--days", "1", "--out", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "multichannel-cic exists and is not a folder" in err
    assert sorted(p.name for p in out.iterdir()) == ["multichannel-cic"]
