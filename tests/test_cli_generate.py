"""``crmsim generate`` in-process and as a real subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from crmsim.cli import main

REPOSITORY = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--customers", "0"], "--customers: must be a whole number from 1 to 1,000,000, got 0"),
        (["--customers", "-5"], "--customers: must be a whole number from 1 to 1,000,000, got -5"),
        (["--customers", "10", "--years", "0"], "--years: must be a whole number from 1 to 20"),
        (["--customers", "10", "--format", "xls"], "--format must be one of csv, parquet"),
        (
            ["--customers", "10", "--jobs", "0"],
            "--jobs: must be a whole number from 1 to 64, got 0",
        ),
        (["--customers", "10", "--seed", "-1"], "--seed: must be a whole number ≥ 0, got -1"),
        (["--customers", "10", "--start", "2024-01-15"], "--start must be the first day"),
        (["--customers", "10", "--start", "soon"], "--start must be a date like"),
    ],
)
def test_bad_input_gives_status_2_and_one_line(tmp_path, capsys, options, message):
    status = main(["generate", "--out", str(tmp_path / "out"), *options])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.err.count("\n") == 1 and message in captured.err
    assert not (tmp_path / "out").exists()


def test_an_existing_folder_is_refused_without_force(tmp_path, capsys):
    (tmp_path / "out").mkdir()
    assert main(["generate", "--customers", "10", "--out", str(tmp_path / "out")]) == 2
    assert "exists" in capsys.readouterr().err


def test_a_small_run_writes_the_tables_and_a_summary(tmp_path, capsys):
    out = tmp_path / "out"
    args = ["generate", "--customers", "120", "--years", "1", "--seed", "3", "--out", str(out)]
    assert main([*args, "--format", "csv"]) == 0
    summary = capsys.readouterr().out
    assert summary.startswith(f"wrote 17 files to {out}: 120 people")
    assert "EUR; churn" in summary and "keeping one for a year" in summary
    orders = pd.read_csv(out / "fact_order.csv")
    assert orders["customer_id"].between(1, 120).all()
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert f"crmsim generate --customers 120 --years 1 --seed 3 --format csv --out {out}" in readme
    assert "120 people (customers and prospects) over one year from 2024-01-01, one CSV" in readme
    assert "3,000" not in readme and "two years" not in readme
    assert main([*args, "--format", "parquet", "--force", "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert sorted(p.suffix for p in out.iterdir()) == [".json", ".md"] + [".parquet"] * 15


def test_the_installed_command_runs_in_a_subprocess(tmp_path):
    out = tmp_path / "warehouse"
    command = [sys.executable, "-m", "crmsim", "generate", "--customers", "80", "--years", "1"]
    command += ["--out", str(out), "--format", "duckdb", "--jobs", "2"]
    finished = subprocess.run(command, capture_output=True, text=True, cwd=REPOSITORY, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert finished.stderr == ""  # stderr is no terminal here: no progress bar
    assert "80 people" in finished.stdout
    assert (out / "crm.duckdb").exists()
    again = subprocess.run(command, capture_output=True, text=True, cwd=REPOSITORY, timeout=300)
    assert again.returncode == 2 and again.stderr.count("\n") == 1
