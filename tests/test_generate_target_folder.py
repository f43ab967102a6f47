"""``crmsim generate --force`` replaces only datasets it wrote, and cleans up after killed runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crmsim.cli import main
from crmsim.errors import InputError
from crmsim.warehouse.target_folder import (
    MANIFEST_NAME,
    OWNER_FILE,
    check_target,
    clean_stale_staging,
    is_generated_dataset,
    write_manifest,
)

REPOSITORY = Path(__file__).resolve().parents[1]


def _dataset(folder: Path) -> Path:
    folder.mkdir(parents=True)
    write_manifest(folder, "crmsim generate --customers 5 --out x", {"dim_customer": 5}, [])
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_folder_without_a_manifest_is_never_replaced(tmp_path, capsys):
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "thesis.docx").write_bytes(b"years of work")
    before = _snapshot(documents)
    status = main(["generate", "--customers", "5", "--out", str(documents), "--force"])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1
    assert "replaces only folders written by crmsim generate" in err
    assert _snapshot(documents) == before


def test_force_never_replaces_the_current_folder_or_a_parent(tmp_path, monkeypatch, capsys):
    inner = _dataset(tmp_path / "outer" / "inner")
    write_manifest(tmp_path / "outer", "crmsim generate", {}, [])
    monkeypatch.chdir(inner)
    for target in (".", "..", str(inner)):
        assert main(["generate", "--customers", "5", "--out", target, "--force"]) == 2
        assert "current folder, a parent of it or the home folder" in capsys.readouterr().err
    assert is_generated_dataset(inner) and is_generated_dataset(tmp_path / "outer")


def test_force_never_replaces_the_home_folder(tmp_path, monkeypatch):
    home = _dataset(tmp_path / "home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="home folder"):
        check_target(home, force=True)


def test_a_file_or_a_forged_manifest_is_refused(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("text")
    with pytest.raises(InputError, match="is not a folder"):
        check_target(target, force=True)
    forged = tmp_path / "forged"
    forged.mkdir()
    (forged / MANIFEST_NAME).write_text(json.dumps({"kind": "something else"}))
    with pytest.raises(InputError, match="is not one"):
        check_target(forged, force=True)
    (forged / MANIFEST_NAME).write_text("{ not json")
    with pytest.raises(InputError, match="is not one"):
        check_target(forged, force=True)


def test_dot_force_inside_a_git_clone_deletes_nothing(tmp_path):
    clone = tmp_path / "clone"
    clone.mkdir()
    subprocess.run(["git", "init", "-q", str(clone)], check=True)
    (clone / "notes.md").write_text("mine")
    before = _snapshot(clone)
    command = [sys.executable, "-m", "crmsim", "generate", "--customers", "5", "--out", "."]
    finished = subprocess.run(
        [*command, "--force", "--quiet"], cwd=clone, capture_output=True, text=True, timeout=120
    )
    assert finished.returncode == 2 and finished.stderr.count("\n") == 1
    assert "Traceback" not in finished.stderr
    assert _snapshot(clone) == before


def test_staging_folders_of_killed_runs_are_removed_and_live_ones_kept(tmp_path):
    out = tmp_path / "data"
    dead = tmp_path / ".data.abc123.partial"
    dead.mkdir()
    (dead / "fact_order.csv").write_text("half")
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    (dead / OWNER_FILE).write_text(finished.stdout.strip())  # that process has ended
    orphan = tmp_path / ".data.def456.partial"
    orphan.mkdir()  # no owner recorded: an older run's leftover
    live = tmp_path / ".data.ghi789.partial"
    live.mkdir()
    (live / OWNER_FILE).write_text(str(os.getppid()))  # a process that certainly runs
    unrelated = tmp_path / ".other.xyz.partial"
    unrelated.mkdir()
    assert sorted(clean_stale_staging(out)) == sorted([dead, orphan])
    assert live.exists() and unrelated.exists()


def test_a_generate_run_cleans_leftovers_and_writes_a_manifest(tmp_path):
    out = tmp_path / "set"
    leftover = tmp_path / ".set.old.partial"
    leftover.mkdir()
    assert (
        main(
            [
                "generate",
                "--customers",
                "20",
                "--years",
                "1",
                "--format",
                "csv",
                "--out",
                str(out),
                "--quiet",
            ]
        )
        == 0
    )
    assert not leftover.exists()
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["command"].startswith("crmsim generate --customers 20 --years 1")
    assert manifest["tables"]["dim_customer"] == 20
    assert "fact_order.csv" in manifest["files"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["set"]
