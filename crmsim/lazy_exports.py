"""Package attributes imported on first use (PEP 562), for packages with heavy members.

A package lists which module holds each exported name; :func:`lazy_exports` gives it
the module-level ``__getattr__`` and ``__dir__`` that import the module when the name
is first read and keep the value, so later reads cost nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any, NamedTuple


class LazyExports(NamedTuple):
    """The two module-level hooks of a lazily exporting package."""

    getattr: Callable[[str], Any]
    dir: Callable[[], list[str]]


def lazy_exports(
    package: str, module_of: dict[str, str], namespace: dict[str, Any], submodules: bool = True
) -> LazyExports:
    """Hooks that import ``module_of[name]`` when ``package.name`` is first read.

    Parameters
    ----------
    package
        The package's ``__name__``.
    module_of
        Exported name → module that defines it.
    namespace
        The package's ``globals()``; a loaded value is stored there.
    submodules
        Also give ``package.module`` for a submodule not imported yet.

    Examples
    --------
    >>> hooks = lazy_exports("demo", {"sqrt": "math"}, {})
    >>> hooks.getattr("sqrt")(9.0), hooks.dir()
    (3.0, ['sqrt'])
    """

    def get(name: str) -> Any:
        if name in module_of:
            value = getattr(import_module(module_of[name]), name)
            namespace[name] = value
            return value
        if submodules:
            try:
                return import_module(f"{package}.{name}")
            except ModuleNotFoundError as error:
                if error.name != f"{package}.{name}":
                    raise  # the submodule exists but needs something missing
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def listing() -> list[str]:
        return sorted(set(namespace) | set(module_of))

    return LazyExports(get, listing)
