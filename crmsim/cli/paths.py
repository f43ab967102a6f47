"""Checks on output paths, made before any work starts.

A simulation that runs for a minute and then fails to write its result wastes
the minute and ends in a traceback. These checks find the nearest folder that
exists above the target and try to create (and at once remove) a file there,
so that a read-only file system, ``/proc`` or a missing permission is reported
in one line before anything is computed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from crmsim.errors import InputError


def _nearest_existing(path: Path) -> Path:
    """``path`` or its closest ancestor that exists."""
    candidate = path.absolute()
    while not candidate.exists() and candidate != candidate.parent:
        candidate = candidate.parent
    return candidate


def _probe(folder: Path, option: str, target: Path) -> None:
    """Create and remove a file in ``folder``; refuse ``target`` if that fails."""
    try:
        handle, name = tempfile.mkstemp(prefix=".crmsim-probe-", dir=folder)
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(f"{option} {target}: cannot write in {folder} ({reason})") from None
    os.close(handle)
    os.unlink(name)


def check_output_folder(path: Path, option: str = "--out") -> None:
    """Refuse a folder that cannot be created or written into.

    Results are written into a temporary folder beside ``path`` first, so the
    probe file goes there (into the nearest folder that exists above ``path``);
    nothing is created inside an existing ``path``.
    """
    if path.exists() and not path.is_dir():
        raise InputError(f"{option} {path} exists and is not a folder")
    if path.exists() and not os.access(path, os.W_OK):
        raise InputError(f"{option} {path}: the folder is not writable")
    existing = _nearest_existing(path.absolute().parent)
    if not existing.is_dir():
        raise InputError(f"{option} {path}: {existing} is a file, not a folder")
    _probe(existing, option, path)


def check_output_file(path: Path, option: str = "--out") -> None:
    """Refuse a file path that is a folder, lies under a file, or cannot be written."""
    if path.is_dir():
        raise InputError(f"{option} {path} is a folder; give a file name")
    existing = _nearest_existing(path.parent if str(path.parent) else Path("."))
    if not existing.is_dir():
        raise InputError(f"{option} {path}: {existing} is a file, not a folder")
    if path.exists() and not os.access(path, os.W_OK):
        raise InputError(f"{option} {path}: the file is not writable")
    _probe(existing, option, path)
