"""Shipped scenarios: installed with the package and loaded by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmsim.errors import InputError
from crmsim.scenario import SCENARIO_FOLDER, load_scenario, scenario_file, shipped_scenarios

REPO = Path(__file__).resolve().parents[1]


def test_the_shipped_folder_is_the_repository_folder() -> None:
    assert SCENARIO_FOLDER.samefile(REPO / "scenarios")
    assert shipped_scenarios() == sorted(p.stem for p in (REPO / "scenarios").glob("*.yaml"))
    assert {"adac-telematics", "mmc-textbook", "multichannel-cic"} <= set(shipped_scenarios())


def test_a_shipped_scenario_loads_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    by_name = load_scenario("adac-telematics")
    assert by_name == load_scenario(REPO / "scenarios" / "adac-telematics.yaml")
    assert by_name.name == "ADAC telematics call center"


def test_files_win_over_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mmc-textbook").write_text("name: mine\n", encoding="utf-8")
    assert scenario_file("mmc-textbook") == Path("mmc-textbook")
    (tmp_path / "adac-telematics").mkdir()  # a folder of that name does not hide the scenario
    assert scenario_file("adac-telematics") == SCENARIO_FOLDER / "adac-telematics.yaml"
    assert scenario_file("other.yaml") == Path("other.yaml")
    assert scenario_file(Path("sub") / "adac-telematics") == Path("sub", "adac-telematics")


def test_an_unknown_name_lists_the_shipped_scenarios(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match=r"^scenario 'adac': no such file and no shipped .*: ad"):
        load_scenario("adac")
    with pytest.raises(InputError, match="scenario file not found: missing.yaml"):
        load_scenario("missing.yaml")
