"""tools/choose_python.sh: which interpreter `make` builds .venv with."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "choose_python.sh"


def choose(*candidates: str) -> str:
    """What the script prints for these candidates (none: its own defaults)."""
    done = subprocess.run(
        ["sh", str(SCRIPT), *candidates], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout.strip()


def fake_interpreter(folder: Path, name: str, exit_code: int) -> str:
    """A stand-in that answers every question with ``exit_code`` (1: too old or no venv)."""
    path = folder / name
    path.write_text(f"#!/bin/sh\nexit {exit_code}\n")
    path.chmod(0o755)
    return str(path)


def test_the_first_candidate_that_qualifies_wins(tmp_path: Path) -> None:
    too_old = fake_interpreter(tmp_path, "python3.9", 1)
    assert choose(too_old, sys.executable) == sys.executable
    assert choose(sys.executable, too_old) == sys.executable


def test_missing_and_unfit_candidates_fall_back_to_python3_on_the_path(tmp_path: Path) -> None:
    unfit = fake_interpreter(tmp_path, "python-without-venv", 1)
    assert choose(str(tmp_path / "missing"), unfit) == "python3"


def test_the_default_choice_is_a_cpython_that_can_build_the_environment() -> None:
    chosen = choose()
    checked = subprocess.run(
        [chosen, "-c", "import ensurepip, platform, sys, venv; "
         "print(platform.python_implementation(), *sys.version_info[:2])"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    implementation, major, minor = checked.stdout.split()
    assert implementation == "CPython" and (int(major), int(minor)) >= (3, 11)


def test_the_makefile_builds_the_environment_with_the_chosen_interpreter() -> None:
    makefile = (SCRIPT.parents[1] / "Makefile").read_text()
    assert "PYTHON ?= $(shell sh tools/choose_python.sh)" in makefile
    assert makefile.count("$(PYTHON) -m venv $(VENV)") == 2
