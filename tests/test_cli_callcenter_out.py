"""``crmsim callcenter --out``: missing folders, the tables and their data dictionary."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pandas as pd
import pytest

from crmsim.analytics.glossary import GLOSSARY
from crmsim.cli import main
from crmsim.cli.run_dictionary import REPORT_KEYS, RUN_TABLES
from crmsim.sim.contact_log import ContactRecord

ROOT = Path(__file__).resolve().parents[1]
CIC = str(ROOT / "scenarios" / "multichannel-cic.yaml")
QUICK = ["callcenter", "--agents", "3", "--calls-per-hour", "40", "--aht-min", "3"]


@pytest.fixture(scope="module")
def cic_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One CIC day written into a folder whose parents do not exist yet."""
    folder = tmp_path_factory.mktemp("out") / "not" / "there" / "yet" / "cic"
    assert main(["callcenter", CIC, "--days", "1", "--seed", "3", "--out", str(folder)]) == 0
    return folder


def test_out_creates_missing_parent_folders(cic_folder: Path) -> None:
    assert sorted(p.name for p in cic_folder.iterdir()) == sorted(
        ["README.md", "agent_states.csv", "contacts.csv", "intervals.csv", "kpis.json"]
    )
    assert not [p for p in cic_folder.parent.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("file", sorted(RUN_TABLES))
def test_declared_columns_are_the_columns_written(cic_folder: Path, file: str) -> None:
    table = RUN_TABLES[file]
    frame = pd.read_csv(cic_folder / file)
    assert list(frame.columns) == table.column_names
    for column in table.columns:
        values = frame[column.name]
        if not column.nullable:
            assert not values.isna().any(), f"{file}:{column.name} has empty fields"
        if column.dtype == "int64":
            assert pd.api.types.is_integer_dtype(values), f"{file}:{column.name}"
        if column.dtype == "float64":
            assert pd.api.types.is_numeric_dtype(values), f"{file}:{column.name}"


def test_the_contact_table_holds_every_field_of_the_contact_log() -> None:
    assert set(ContactRecord._fields) <= set(RUN_TABLES["contacts.csv"].column_names)


def test_readme_describes_every_column_and_key(cic_folder: Path) -> None:
    readme = (cic_folder / "README.md").read_text(encoding="utf-8")
    for file, table in RUN_TABLES.items():
        assert f"## {file}" in readme
        for column in table.columns:
            assert f"| `{column.name}` | {column.dtype} |" in readme
    assert "Servicegrad" in readme and "Auslastung" in readme
    report = json.loads((cic_folder / "kpis.json").read_text(encoding="utf-8"))
    for key in report:
        assert key in REPORT_KEYS or key in GLOSSARY, f"kpis.json key {key!r} is undescribed"
        assert f"| `{key}` |" in readme
    for row in report["kpis"].values():
        for key in row:
            assert key in GLOSSARY and f"| `{key}` | {GLOSSARY[key].label} |" in readme


def test_the_quoted_command_makes_the_same_tables(cic_folder: Path, tmp_path: Path) -> None:
    readme = (cic_folder / "README.md").read_text(encoding="utf-8")
    command = readme.split("```\n")[1].strip()
    words = shlex.split(command)
    assert words[:2] == ["crmsim", "callcenter"] and words[-2] == "--out"
    again = tmp_path / "again"
    assert main([*words[1:-1], str(again)]) == 0
    for file in RUN_TABLES:
        assert (again / file).read_bytes() == (cic_folder / file).read_bytes()


def test_quick_run_folder_documents_its_inputs(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "a" / "b"
    argv = [*QUICK, "--hours", "5", "--patience-min", "2", "--out", str(folder), "--json"]
    assert main(argv) == 0
    printed = json.loads(capsys.readouterr().out)
    assert json.loads((folder / "kpis.json").read_text(encoding="utf-8")) == printed
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for key in ("calls_per_hour", "aht_min", "patience_min", "offered_load_erl", "warmup_min"):
        assert f"| `{key}` |" in readme
    assert "--patience-min 2 --hours 5 --warmup-min 60" in readme


def test_out_below_a_file_exits_2_before_simulating(tmp_path: Path, capsys) -> None:
    (tmp_path / "file").write_text("x")
    assert main([*QUICK, "--out", str(tmp_path / "file" / "run")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a file, not a folder" in err
