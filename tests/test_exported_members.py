"""The public surface: each package's ``__all__`` is what it exports, and notebooks use only that.

A package lists its public names in ``__all__``. Every listed name must exist (lazy names
and submodules included), and every public object the package defines must be listed, so a
name cannot become public by accident or stay listed after it is gone. Notebooks and
exercise notebooks import only listed names.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import json
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest

import crmsim

ROOT = Path(__file__).resolve().parents[1]
#: Names a package may hold without exporting them (``from __future__``, typing guards).
NOT_EXPORTS = {"annotations", "TYPE_CHECKING"}
#: Notebook imports still to be changed by the notebooks' authors: notebook → the import as
#: written → where the name is exported now. Tolerated, not required: remove when changed.
PENDING: dict[str, dict[str, str]] = {}


def public_packages() -> list[str]:
    found = ["crmsim"]
    for info in pkgutil.walk_packages(crmsim.__path__, "crmsim."):
        if info.ispkg and not any(part.startswith("_") for part in info.name.split(".")):
            found.append(info.name)
    return sorted(found)


PACKAGES = public_packages()


def defined_here(package: ModuleType, value: object) -> bool:
    """Whether ``value`` is defined by ``package``: a class or function of its modules, or a
    constant (any other object, except the helpers of ``typing`` and ``__future__``)."""
    if isinstance(value, type) or inspect.isroutine(value):
        origin = value.__module__
        return origin == package.__name__ or origin.startswith(package.__name__ + ".")
    return type(value).__module__ not in ("typing", "__future__")


def exported(package: str) -> list[str]:
    return list(importlib.import_module(package).__all__)


def test_every_public_package_is_checked() -> None:
    assert {"crmsim", "crmsim.analytics", "crmsim.learn", "crmsim.queueing"} <= set(PACKAGES)
    assert "crmsim._data" not in PACKAGES


@pytest.mark.parametrize("name", PACKAGES)
def test_every_name_in_all_exists(name: str) -> None:
    package = importlib.import_module(name)
    listed = package.__all__
    assert len(listed) == len(set(listed)), f"{name}.__all__ lists a name twice"
    for member in listed:
        is_submodule = importlib.util.find_spec(f"{name}.{member}") is not None
        assert hasattr(package, member) or is_submodule, f"{name}.__all__ lists {member!r}"


@pytest.mark.parametrize("name", PACKAGES)
def test_every_public_member_is_in_all(name: str) -> None:
    package = importlib.import_module(name)
    public = {
        member
        for member, value in vars(package).items()
        if not member.startswith("_")
        and member not in NOT_EXPORTS
        and not isinstance(value, ModuleType)
        and defined_here(package, value)
    }
    missing = sorted(public - set(package.__all__))
    assert missing == [], f"public in {name} but not in its __all__ (or rename with '_')"


def test_the_check_sees_unlisted_and_stale_names() -> None:
    """The two checks above fail for a package that exports too much or too little."""
    fake = ModuleType("crmsim.fake")
    fake.__all__ = ["gone"]
    fake.extra = lambda: None
    fake.extra.__module__ = "crmsim.fake.things"
    assert defined_here(fake, fake.extra)
    assert defined_here(fake, Path("a-constant"))
    assert not defined_here(fake, re.compile)
    assert not defined_here(fake, Path)
    assert not hasattr(fake, "gone")


def notebooks() -> list[Path]:
    found = [*ROOT.glob("notebooks/**/*.ipynb"), *ROOT.glob("exercises/**/*.ipynb")]
    hidden = (".ipynb_checkpoints",)
    return sorted(p for p in found if not p.name.startswith(".") and not set(hidden) & set(p.parts))


def code_cells(path: Path) -> list[ast.Module]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    trees = []
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        # IPython magics and shell lines are not Python.
        lines = [
            "" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n")
        ]
        trees.append(ast.parse("\n".join(lines)))
    return trees


def crmsim_uses(tree: ast.Module) -> list[tuple[str, str]]:
    """(module, name) for ``from crmsim… import name``, and for ``crmsim.name``."""
    uses = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "crmsim":
            uses += [(node.module or "", alias.name) for alias in node.names]
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "crmsim"
        ):
            uses.append(("crmsim", node.attr))
    return uses


def unexported(module_name: str, member: str) -> str | None:
    """Why ``from module_name import member`` is not an import of an exported name, or None."""
    if f"{module_name}.{member}" in PACKAGES:
        return None  # a public package, with its own __all__
    module = importlib.import_module(module_name)
    is_package = hasattr(module, "__path__")
    package_name = module_name if is_package else module_name.rpartition(".")[0]
    if package_name not in PACKAGES:
        return f"{package_name} is not a public package"
    package = importlib.import_module(package_name)
    if member not in package.__all__:
        return f"{member!r} is not in {package_name}.__all__"
    if not is_package and getattr(module, member) is not getattr(package, member):
        return f"{module_name}.{member} is not the object {package_name} exports"
    return None


NOTEBOOKS = notebooks()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebooks_import_only_exported_names(path: Path) -> None:
    relative = path.relative_to(ROOT).as_posix()
    pending = PENDING.get(relative, {})
    problems = []
    for tree in code_cells(path):
        for module_name, member in crmsim_uses(tree):
            if f"{module_name}.{member}" in pending:
                continue
            why = unexported(module_name, member)
            if why:
                problems.append(f"from {module_name} import {member}: {why}")
    assert not problems, "\n".join(problems)


def test_notebooks_are_found_and_their_imports_read() -> None:
    assert len(NOTEBOOKS) >= 5
    tree = ast.parse(
        "import crmsim\nfrom crmsim.learn import (Deck,\n  load_deck)\ncrmsim.simulate"
    )
    assert crmsim_uses(tree) == [
        ("crmsim.learn", "Deck"),
        ("crmsim.learn", "load_deck"),
        ("crmsim", "simulate"),
    ]
    assert unexported("crmsim.scenario.loading", "FieldReader") == (
        "'FieldReader' is not in crmsim.scenario.__all__"
    )
    assert unexported("crmsim.learn", "curriculum") == "'curriculum' is not in crmsim.learn.__all__"
    assert unexported("crmsim.queueing", "erlang_c") is None
    assert unexported("crmsim", "analytics") is None


@pytest.mark.parametrize("name", PACKAGES)
def test_no_exported_function_shares_its_name_with_a_submodule(name: str) -> None:
    """Importing ``package.x`` (the module) would replace an exported ``package.x`` (a
    function) on the package, so ``from package import x`` would depend on import order."""
    package = importlib.import_module(name)
    submodules = {info.name for info in pkgutil.iter_modules(package.__path__)}
    clashes = []
    for member in package.__all__:
        if member in submodules:
            value = getattr(package, member, None)  # None: a submodule exported by name
            if value is not None and not isinstance(value, ModuleType):
                clashes.append(member)
    assert clashes == [], f"rename the module or the function: {clashes}"


def test_queueing_exports_the_limited_lines_and_priority_formulas() -> None:
    """M/M/c/K and Cobham's formula are public, the same objects as in their modules."""
    import crmsim.queueing as queueing
    from crmsim.queueing import limited_lines, priority

    for name, module in (
        ("mmck_metrics", limited_lines),
        ("LimitedLinesMetrics", limited_lines),
        ("priority_waits", priority),
        ("PriorityClassWait", priority),
    ):
        assert name in queueing.__all__
        assert getattr(queueing, name) is getattr(module, name)
