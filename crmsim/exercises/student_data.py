"""A small warehouse of one's own: drawn from the generator with the student's seed.

``student_dataset()`` gives the folder of the active variant's dataset. For a
student it is a small warehouse (800 people over two years by default) simulated
with the seed of the student id, written once into a cache folder and read from
there afterwards; the same id gives the same files, byte for byte, on any machine.
For the class variant it is the committed warehouse ``data/``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from crmsim.exercises.variants import Variant, active_variant
from crmsim.limits import MAX_SEED

#: People and years of a student's warehouse (small: generated in a few seconds, large
#: enough for the churn model and the open task of chapter 02).
STUDENT_CUSTOMERS = 800
STUDENT_YEARS = 2
#: The file every generated warehouse holds (its manifest).
MANIFEST = "crmsim-dataset.json"


def cache_folder() -> Path:
    """Where students' warehouses are kept: ``$XDG_CACHE_HOME/crmsim/student-data`` (or
    ``~/.cache/crmsim/student-data``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crmsim" / "student-data"


def student_dataset(
    variant: Variant | None = None,
    folder: Path | None = None,
    customers: int = STUDENT_CUSTOMERS,
    years: int = STUDENT_YEARS,
) -> Path:
    """The warehouse folder of ``variant`` (default: the active one), generated if missing.

    Parameters
    ----------
    variant : Variant, optional
        Whose data; the class variant's is the committed ``data/`` folder.
    folder : Path, optional
        Parent folder for students' warehouses (default :func:`cache_folder`).
    customers : int
        People in a student's warehouse.
    years : int
        Years a student's warehouse covers.

    Returns
    -------
    Path
        A folder with the warehouse tables (CSV) and its manifest, readable with
        :func:`crmsim.warehouse.read_table`.
    """
    variant = active_variant() if variant is None else variant
    if variant.is_class_variant or variant.seed is None:
        from crmsim.exercises.collaborative import data_folder

        return data_folder()
    target = (folder or cache_folder()) / f"{variant.student}-{customers}x{years}"
    if (target / MANIFEST).is_file():
        return target
    from crmsim.warehouse import generate

    # Written beside the target and renamed into place, so that two notebooks of the same
    # student starting at once never read a half-written folder.
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.{os.getpid()}")
    generate(customers, years, variant.seed % MAX_SEED, staging, formats="csv", force=True)
    try:
        staging.rename(target)
    except OSError:  # another process finished first: keep its copy
        shutil.rmtree(staging, ignore_errors=True)
    return target
