"""The project's own promises: layout, the two commands, environment files in step."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import subprocess
import tomllib
from pathlib import Path

import yaml

import crmsim

ROOT = Path(__file__).resolve().parents[1]
#: conda-forge package names that differ from the PyPI names.
CONDA_TO_PYPI = {"python-duckdb": "duckdb"}


def _requirement(text: str) -> tuple[str, str]:
    """Split 'name>=1.0' into ('name', '>=1.0'), the name normalised."""
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*", text)
    assert match, text
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        lines += extra
    return dict(_requirement(line) for line in lines)


def environment_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found: dict[str, str] = {}
    for item in env["dependencies"]:
        if isinstance(item, dict):
            for line in item["pip"]:
                if not line.startswith("-e"):
                    name, spec = _requirement(line)
                    found[name] = spec
            continue
        name, spec = _requirement(item)
        if name in ("python", "pip"):
            continue
        found[CONDA_TO_PYPI.get(name, name)] = spec
    return found


def test_environment_yml_lists_the_same_packages_and_versions_as_pyproject() -> None:
    assert environment_requirements() == pyproject_requirements()


def test_environment_yml_installs_the_project_from_conda_forge() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    pip = next(item["pip"] for item in env["dependencies"] if isinstance(item, dict))
    assert "-e ." in pip
    assert "python>=3.11" in env["dependencies"]


def test_required_top_level_layout() -> None:
    for name in ("notebooks", "crmsim", "data", "exercises", "flashcards", "tests"):
        assert (ROOT / name).is_dir(), name
    for name in ("environment.yml", "README.md", "Makefile", "pyproject.toml", ".ci/run"):
        assert (ROOT / name).is_file(), name


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", readme, re.S)
    assert first_block, "README needs a code block with the commands"
    assert first_block.group(1).split() == ["make", "lab", "make", "test"]
    assert readme.index("make lab") < readme.index("environment.yml")


def test_ci_runs_make_test() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", script, re.M)
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def dry_run(target: str) -> str:
    done = subprocess.run(
        ["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_make_lab_binds_to_localhost_with_a_token() -> None:
    commands = dry_run("lab")
    assert "jupyter-config/start_lab.py --port=8888" in commands
    assert "token" not in commands.lower()  # the launcher passes it in the environment
    spec = importlib.util.spec_from_file_location("start_lab", ROOT / "jupyter-config/start_lab.py")
    assert spec is not None and spec.loader is not None
    start_lab = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(start_lab)
    lab = " ".join(start_lab.lab_command(8888))
    assert "--ip=127.0.0.1" in lab
    assert ("--allow-root" in lab) == (os.geteuid() == 0)
    assert start_lab.lab_link(8888, "0" * 48).endswith(
        "/lab/tree/notebooks/00-start-here.ipynb?token=" + "0" * 48
    )
    assert start_lab.server_environment("abc")["JUPYTER_TOKEN"] == "abc"
    settings = re.search(r"--LabApp\.app_settings_dir=(\S+)", lab)
    assert settings, lab
    overrides = json.loads((Path(settings.group(1)) / "overrides.json").read_text())
    news = overrides["@jupyterlab/apputils-extension:notification"]
    assert news["fetchNews"] == "false"


def test_make_test_creates_the_environment_lints_and_runs_pytest() -> None:
    commands = dry_run("test")
    assert "-m venv .venv" in commands
    assert "pip install" in commands
    assert "ruff format --check" in commands and "ruff check" in commands
    assert "pytest" in commands


def test_public_api_is_curated() -> None:
    """The names notebooks start from (tests/test_exported_members.py checks every package)."""
    assert {"simulate", "load_scenario", "mmc_scenario", "SimulationResult"} <= set(crmsim.__all__)


def tracked_files() -> list[Path]:
    done = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [ROOT / line for line in done.stdout.splitlines() if line]


def test_no_file_names_an_absolute_path_of_a_machine() -> None:
    pattern = re.compile(r"(?<![\w.])/(?:work|root|home/\w+|Users/\w+)/")
    offenders = []
    for path in tracked_files():
        if not path.is_file() or path.suffix in {".sqlite", ".apkg", ".parquet", ".duckdb", ".png"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if pattern.search(text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_every_package_is_listed_for_the_wheel() -> None:
    """pyproject.toml names the packages one by one (package-dir maps the data folders)."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    code = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "crmsim").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    data = setuptools["package-dir"]
    assert data == {"crmsim._data.flashcards": "flashcards", "crmsim._data.scenarios": "scenarios"}
    missing = (code | set(data)) - set(setuptools["packages"])
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml"
    assert set(setuptools["packages"]) == code | set(data)


def test_shipped_data_is_found_through_the_package() -> None:
    """No module finds files by a path relative to its own file (breaks when installed)."""
    offenders = []
    for path in (ROOT / "crmsim").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "__file__":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == [], "find shipped files with importlib.resources (crmsim._data)"


def test_type_checker_is_strict_on_queueing_and_analytics() -> None:
    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert mypy["files"] == ["crmsim"]
    strict = [o for o in mypy["overrides"] if "crmsim.analytics.*" in o["module"]]
    assert len(strict) == 1
    assert {"crmsim.queueing", "crmsim.queueing.*", "crmsim.analytics"} <= set(strict[0]["module"])
    flags = ("disallow_untyped_defs", "disallow_any_generics", "warn_return_any")
    assert all(strict[0][flag] is True for flag in flags)
    assert "strict" not in strict[0], "per-module strict = true switches --strict on everywhere"
