"""Where a generated dataset may be written, and which folders ``--force`` may replace.

A dataset folder written by :func:`crmsim.warehouse.generation.generate` carries a
manifest, :data:`MANIFEST_NAME`. ``--force`` replaces only folders that carry it, and
never the current folder, one of its parents, the home folder or the file-system root,
whatever they contain. Staging folders left behind by a run that was killed are
recognised by the process id recorded in them and removed by the next run.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

from crmsim.errors import InputError

MANIFEST_NAME = "crmsim-dataset.json"
"""File in every generated dataset folder: what wrote it, the command, the tables."""

MANIFEST_KIND = "crmsim generated dataset"
OWNER_FILE = ".owner-pid"
"""File inside a staging folder: the process id of the run that is writing it."""


def is_generated_dataset(folder: Path) -> bool:
    """Whether ``folder`` holds a manifest written by ``crmsim generate``."""
    manifest = folder / MANIFEST_NAME
    if not manifest.is_file() or manifest.stat().st_size > 1_000_000:
        return False
    try:
        content = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(content, dict) and content.get("kind") == MANIFEST_KIND


def _protected_folders() -> list[Path]:
    """The current folder with its parents, and the home folder."""
    here = Path.cwd().resolve()
    protected = [here, *here.parents]
    with contextlib.suppress(RuntimeError):  # no home folder can be determined
        protected.append(Path.home().resolve())
    return protected


def check_target(out: Path, force: bool) -> None:
    """Refuse an output folder that must not be written or replaced.

    Parameters
    ----------
    out
        The folder the dataset is to be written to.
    force
        Whether the user asked to replace an existing folder.

    Raises
    ------
    InputError
        ``out`` exists and ``force`` is not set; or ``out`` is a file; or ``force`` is
        set but ``out`` is not a dataset folder written by ``crmsim generate``, or it
        is the current folder, a parent of it, the home folder or the root.
    """
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir() or out.is_symlink():
        raise InputError(f"--out {out} exists and is not a folder; choose a new folder")
    if not force:
        raise InputError(
            f"output folder {out} exists; choose another --out or pass --force to replace it"
        )
    resolved = out.resolve()
    if resolved in _protected_folders():
        raise InputError(
            f"--force refuses to replace {out}: it is the current folder, a parent of it or "
            "the home folder; choose a new folder for --out"
        )
    if not is_generated_dataset(out):
        raise InputError(
            f"--force replaces only folders written by crmsim generate (with {MANIFEST_NAME}); "
            f"{out} is not one, so it is left alone; choose a new folder for --out"
        )


def _owner_alive(staging: Path) -> bool:
    try:
        pid = int((staging / OWNER_FILE).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    return True


def clean_stale_staging(out: Path) -> list[Path]:
    """Remove staging folders of ``out`` left behind by runs that no longer live.

    Staging folders are named ``.<name>.<random>.partial`` and sit beside ``out``.
    One whose recorded process has ended (or that records none) is removed; one
    whose process still runs belongs to a concurrent run and is kept.

    Returns
    -------
    list of Path
        The folders removed.
    """
    removed: list[Path] = []
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        return removed
    for candidate in parent.glob(f".{out.name}.*.partial"):
        if candidate.is_dir() and not candidate.is_symlink() and not _owner_alive(candidate):
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(candidate)
    return removed


def claim_staging(staging: Path) -> None:
    """Record this process as the owner of a new staging folder."""
    (staging / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")


def write_manifest(
    folder: Path,
    command: str,
    rows: dict[str, int],
    files: list[str],
    layout: dict[str, object] | None = None,
) -> Path:
    """Write the manifest that marks ``folder`` as a generated dataset.

    Parameters
    ----------
    folder
        The (staging) folder of the dataset.
    command
        The ``crmsim generate`` command line that reproduces the dataset.
    rows
        Rows per table.
    files
        Names of the data files in the folder (table folders end in ``/``).
    layout
        Further entries, e.g. ``{"layout": "partitioned", "blocks": 40}`` for Parquet
        partitions (:mod:`crmsim.warehouse.parquet_partitions`).

    Returns
    -------
    Path
        The manifest file. Its content depends only on the arguments, so the same
        run gives the same bytes.
    """
    content = {
        "kind": MANIFEST_KIND,
        "format_version": 1,
        "command": command,
        "tables": dict(sorted(rows.items())),
        "files": sorted(files),
        **(layout or {}),
    }
    path = folder / MANIFEST_NAME
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def replace_folder(staging: Path, out: Path) -> None:
    """Move the finished ``staging`` folder to ``out``, replacing a checked old dataset.

    The old folder is first renamed aside, so that at every moment either the old
    or the new dataset is complete under ``out``; it is deleted only after the new
    one is in place.
    """
    (staging / OWNER_FILE).unlink(missing_ok=True)
    if not out.exists():
        os.replace(staging, out)
        return
    retired = staging.with_name(staging.name.replace(".partial", ".retired.partial"))
    os.replace(out, retired)
    claim_staging(retired)
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(retired, out)
        raise
    shutil.rmtree(retired, ignore_errors=True)
