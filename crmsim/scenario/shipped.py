"""The scenarios shipped with crmsim, and finding one by name."""

from __future__ import annotations

from pathlib import Path

from crmsim._data import shipped_folder
from crmsim.errors import InputError

#: The shipped scenario files (``scenarios/`` in the repository, installed as package data).
SCENARIO_FOLDER = shipped_folder("scenarios")


def shipped_scenarios() -> list[str]:
    """Names of the shipped scenarios (file names without ``.yaml``), sorted.

    Examples
    --------
    >>> "adac-telematics" in shipped_scenarios()
    True
    """
    return sorted(path.stem for path in SCENARIO_FOLDER.glob("*.yaml"))


def scenario_file(scenario: str | Path) -> Path:
    """The file of ``scenario``: a path as given, or the shipped scenario of that name.

    A bare name without a folder and without ``.yaml`` (``"adac-telematics"``) that is not an
    existing file names a shipped scenario.

    Raises
    ------
    crmsim.errors.InputError
        If ``scenario`` is a bare name that is neither a file nor a shipped scenario.

    Examples
    --------
    >>> scenario_file("mmc-textbook").name
    'mmc-textbook.yaml'
    >>> str(scenario_file("my-center.yaml"))
    'my-center.yaml'
    """
    path = Path(scenario)
    if len(path.parts) != 1 or path.suffix in (".yaml", ".yml") or path.is_file():
        return path
    shipped = SCENARIO_FOLDER / f"{path.name}.yaml"
    if not shipped.is_file():
        raise InputError(
            f"scenario {str(scenario)!r}: no such file and no shipped scenario of that name; "
            f"shipped: {', '.join(shipped_scenarios())}"
        )
    return shipped
