"""The files shipped inside crmsim: scenarios, flashcard decks and the curriculum index.

In the repository these files live in the top-level folders ``scenarios/`` and
``flashcards/``, where they are read and edited. ``pyproject.toml`` maps the two folders
onto the subpackages ``crmsim._data.scenarios`` and ``crmsim._data.flashcards``
(``[tool.setuptools.package-dir]``), so a wheel carries the very same files and an
editable install reads the folders themselves. Code finds them with
:func:`importlib.resources.files`, never by a path relative to a module file.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Literal

#: The shipped folders: scenario files (``*.yaml``); flashcard decks (``*.yaml``) and the
#: curriculum index (``curriculum.csv``).
ShippedFolder = Literal["scenarios", "flashcards"]


def shipped_folder(name: ShippedFolder) -> Path:
    """The installed folder ``name`` as a file-system path.

    Raises
    ------
    RuntimeError
        If crmsim is imported from a zip archive, where package data has no path.
    """
    folder = files(f"{__name__}.{name}")
    if not isinstance(folder, Path):
        raise RuntimeError(
            f"crmsim's {name} folder is inside an archive ({folder}); install crmsim "
            "as a wheel or from the source folder instead"
        )
    return folder
