"""The scripts the exported slides load, copied beside them: no request leaves the machine.

reveal.js comes from the ``sphinx-revealjs`` package, MathJax 2 from
``jupyter-server-mathjax``; both are runtime dependencies of the workbook. An export folder
holds them once, under ``assets/``, for all its chapters.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from crmsim.errors import InputError

#: Folder of the copied scripts inside an export folder, relative to the HTML files.
ASSETS_FOLDER = "assets"
#: Where each library's files sit inside its package, and which parts are copied.
REVEAL_PACKAGE = ("sphinx_revealjs", "_static/revealjs")
REVEAL_PARTS = ("dist", "plugin/notes", "LICENSE")
MATHJAX_PACKAGE = ("jupyter_server_mathjax", "static")
MATHJAX_PARTS = ("MathJax.js", "config", "extensions", "fonts", "jax", "LICENSE")


class SlideAssets(NamedTuple):
    """URLs of the copied libraries, relative to the exported HTML files."""

    reveal_prefix: str
    mathjax_script: str


def _package_folder(package: str, inside: str) -> Path:
    """The folder ``inside`` of the installed ``package``; a clear error when it is missing."""
    try:
        folder = Path(str(resources.files(package).joinpath(inside)))
    except ModuleNotFoundError:
        raise InputError(
            f"the slides need the Python package {package!r}, which is not installed: "
            f"run 'make install-runtime' (or pip install {package.replace('_', '-')})"
        ) from None
    if not folder.is_dir():
        raise InputError(f"the package {package!r} has no folder {inside!r}: reinstall it")
    return folder


def _copy_parts(source: Path, parts: tuple[str, ...], target: Path) -> None:
    for part in parts:
        origin = source / part
        destination = target / part
        if origin.is_dir():
            shutil.copytree(origin, destination, dirs_exist_ok=True)
        elif origin.is_file():
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, destination)


def copy_slide_assets(out_dir: Path) -> SlideAssets:
    """Copy reveal.js and MathJax to ``out_dir/assets`` (once; kept when already there)."""
    assets = out_dir / ASSETS_FOLDER
    reveal = assets / "reveal"
    mathjax = assets / "mathjax"
    if not (reveal / "dist" / "reveal.js").is_file():
        _copy_parts(_package_folder(*REVEAL_PACKAGE), REVEAL_PARTS, reveal)
    if not (mathjax / "MathJax.js").is_file():
        _copy_parts(_package_folder(*MATHJAX_PACKAGE), MATHJAX_PARTS, mathjax)
    return SlideAssets(
        reveal_prefix=f"{ASSETS_FOLDER}/reveal",
        mathjax_script=f"{ASSETS_FOLDER}/mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe",
    )


__all__ = ["ASSETS_FOLDER", "SlideAssets", "copy_slide_assets"]
