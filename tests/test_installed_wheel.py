"""crmsim works when installed from a wheel, away from the repository.

The module builds a wheel from a copy of the sources, installs it into a new virtual
environment outside the checkout and runs the command line from an empty working folder.
The new environment borrows the already installed dependencies of the running one
(a ``.pth`` file), so nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path
from typing import NamedTuple

import pytest

from crmsim.learn.deck_files import load_deck

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
#: What a wheel is built from; the test data folders the package maps onto crmsim._data.
SOURCES = ("pyproject.toml", "README.md", "crmsim", "flashcards", "scenarios")
SHIPPED = {"flashcards": ("*.yaml", "curriculum.csv"), "scenarios": ("*.yaml",)}


class Installed(NamedTuple):
    """A wheel installed into its own environment."""

    source: Path
    wheel: Path
    python: Path
    crmsim: Path
    prefix: Path
    workdir: Path


def run(*argv: str | Path, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return subprocess.run(
        [str(arg) for arg in argv],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=skip)
        else:
            shutil.copy2(REPO / name, source / name)
    wheels = base / "wheels"
    built = run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
        "--quiet", "--wheel-dir", wheels, source, cwd=base,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("crmsim-*.whl")

    prefix = base / "env"
    made = run(sys.executable, "-m", "venv", "--without-pip", prefix, cwd=base)
    assert made.returncode == 0, made.stderr
    scripts = prefix / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=base)
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site.stdout.strip(), "borrowed-dependencies.pth").write_text("\n".join(borrowed) + "\n")
    done = run(
        python, "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed",
        "--quiet", wheel, cwd=base,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    workdir = base / "elsewhere"
    workdir.mkdir()
    return Installed(source, wheel, python, scripts / "crmsim", prefix, workdir)


def test_wheel_carries_every_scenario_deck_and_the_curriculum_index_unchanged(
    installed: Installed,
) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
        for folder, patterns in SHIPPED.items():
            found = (installed.source / folder).glob
            files = sorted(f for pattern in patterns for f in found(pattern))
            assert files, folder
            for file in files:
                member = f"crmsim/_data/{folder}/{file.name}"
                assert member in names, member
                assert wheel.read(member) == file.read_bytes(), member
        assert "crmsim/py.typed" in names
        copied = installed.source
        modules = {p.relative_to(copied).as_posix() for p in (copied / "crmsim").rglob("*.py")}
        assert modules <= names, sorted(modules - names)


def test_installed_package_and_its_data_live_in_the_new_environment(
    installed: Installed,
) -> None:
    code = (
        "import crmsim, crmsim._data as d, crmsim.learn.curriculum as c\n"
        "print(crmsim.__file__, d.shipped_folder('flashcards'), c.CURRICULUM_INDEX, sep='\\n')"
    )
    done = run(installed.python, "-c", code, cwd=installed.workdir)
    assert done.returncode == 0, done.stderr
    for line in done.stdout.splitlines():
        path = Path(line).resolve()
        assert path.is_relative_to(installed.prefix.resolve()), line
        assert not path.is_relative_to(REPO), line


def test_callcenter_runs_a_shipped_scenario_by_name(installed: Installed) -> None:
    done = run(
        installed.crmsim, "callcenter", "adac-telematics", "--days", "1", cwd=installed.workdir
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ADAC telematics call center: 1 days, seed 1\n")
    assert "phone" in done.stdout


def test_unknown_scenario_name_lists_the_shipped_ones(installed: Installed) -> None:
    done = run(installed.crmsim, "callcenter", "adac", cwd=installed.workdir)
    assert done.returncode != 0
    assert "adac-telematics, mmc-textbook, multichannel-cic" in done.stderr
    assert "Traceback" not in done.stderr


def test_quiz_reads_the_shipped_deck_with_piped_answers(installed: Installed) -> None:
    store = installed.workdir / "progress.sqlite"
    done = run(
        installed.crmsim, "quiz", "--lang", "en", "--limit", "2", "--store", store,
        cwd=installed.workdir, stdin="\n3\n\n1\nq\n",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "2 answers (2 new cards): again 1 · hard 0 · good 1 · easy 0" in done.stdout
    assert store.is_file()


def test_flashcards_validate_checks_the_shipped_deck(installed: Installed) -> None:
    done = run(installed.crmsim, "flashcards", "validate", cwd=installed.workdir)
    assert done.returncode == 0, done.stderr
    cards = len(load_deck(REPO / "flashcards"))
    assert done.stdout.startswith(f"ok: {cards} cards, languages de, en")
