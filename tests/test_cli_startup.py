"""The command line as a real process: fast start, version, pipes closed early, bad bytes.

``crmsim --help`` and ``crmsim erlang`` must not import the heavy libraries
(pandas, SciPy, Faker, pyarrow, ipywidgets, fsrs, genanki): only the module of
the command being run is imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import crmsim

HEAVY = ("pandas", "scipy", "faker", "pyarrow", "ipywidgets", "fsrs", "genanki")
REPO = Path(__file__).resolve().parents[1]

LIST_MODULES = """
import json, sys
from crmsim.cli import main
try:
    status = main(sys.argv[1:])
except SystemExit as stop:
    status = stop.code
sys.stdout.flush()
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def imported_by(*argv: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", LIST_MODULES, *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    modules = json.loads(done.stderr.strip().splitlines()[-1])
    return {name.split(".")[0] for name in modules}


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--version"],
        ["erlang", "--agents", "14", "--calls-per-hour", "200", "--aht-min", "3"],
        ["erlang", "--target-sl", "0.8", "--calls-per-hour", "200", "--aht-min", "3", "--json"],
        ["erlang", "--help"],
        ["callcenter", "--help"],
        ["bogus"],
    ],
    ids=lambda argv: " ".join(argv),
)
def test_help_and_erlang_c_import_no_heavy_library(argv: list[str]) -> None:
    loaded = imported_by(*argv)
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_erlang_a_imports_scipy_only_because_it_needs_it() -> None:
    argv = ["erlang", "--agents", "14", "--calls-per-hour", "200", "--aht-min", "3"]
    loaded = imported_by(*argv, "--patience-min", "5")
    assert "scipy" in loaded and "pandas" not in loaded


def test_version_matches_the_package(capsys) -> None:
    from crmsim.cli import main

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"crmsim {crmsim.__version__}"


def test_the_package_still_offers_its_names_lazily() -> None:
    assert callable(crmsim.simulate) and callable(crmsim.erlang_c)
    assert "load_scenario" in dir(crmsim)
    with pytest.raises(AttributeError):
        crmsim.no_such_name  # noqa: B018


def test_output_closed_early_ends_without_a_traceback(tmp_path: Path) -> None:
    command = (
        f"{sys.executable} -m crmsim erlang --agents 14 --calls-per-hour 200 --aht-min 3 | true;"
        f"{sys.executable} -m crmsim flashcards validate | true"
    )
    done = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, timeout=120, check=False
    )
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_stats_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    import fsrs

    from crmsim.learn.store import ProgressStore

    store = tmp_path / "progress.sqlite"
    now = datetime(2026, 3, 2, tzinfo=UTC)
    with ProgressStore(store) as progress:
        progress.record_review("ana", "crm-definition", 3, fsrs.Card(card_id=0, due=now), now)
    command = f"{sys.executable} -m crmsim flashcards stats --learner ana --store {store} | head -1"
    done = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_invalid_bytes_on_stdin_give_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "crmsim", "quiz", "--lang", "en", "--store", "p.sqlite"],
        input=b"\xff\xfe\x00garbage\n",
        capture_output=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )
    err = done.stderr.decode()
    assert done.returncode == 2
    assert err.count("\n") == 1 and "not UTF-8 text" in err and "Traceback" not in err


def test_a_nul_byte_in_a_scenario_gives_one_line(tmp_path: Path) -> None:
    scenario = tmp_path / "nul.yaml"
    scenario.write_bytes((REPO / "scenarios" / "mmc-textbook.yaml").read_bytes() + b"x: \x00\n")
    done = subprocess.run(
        [sys.executable, "-m", "crmsim", "callcenter", str(scenario)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "NUL byte" in done.stderr


def test_the_startup_benchmark_reports_help_beside_bare_python() -> None:
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from benchmarks import bench_startup

    timings = [
        bench_startup.measure(label, command, repeats=1)
        for label, command in list(bench_startup.COMMANDS.items())[:2]
    ]
    report = bench_startup.format_report(timings)
    assert report.splitlines()[1].startswith("python -c pass")
    assert "crmsim --help" in report and "target: crmsim --help within 0.3 s" in report
    assert timings[1].median_s > 0
