"""Strict reading of YAML mappings: typed fields, ranges, and misspelt keys.

:class:`FieldReader` wraps one mapping of a scenario file. Each ``number``,
``integer`` … call takes one key out, checks its type and range and returns the
value; :meth:`FieldReader.finish` then rejects whatever keys are left, with a
"did you mean" hint. Every message names the field by its path (for example
``channels.phone.aht_min``) and, when the mapping came from a file, the line.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping
from typing import Any

import yaml

from crmsim import safe_yaml
from crmsim.errors import InputError, shorten
from crmsim.safe_yaml import NumberLoader


class LineMap(dict):
    """A dict that remembers the source line (1-based) of each key."""

    lines: dict[str, int]


class _LineLoader(NumberLoader):
    """A safe YAML loader whose mappings are :class:`LineMap` objects (``5e3`` is a number)."""


def _construct_line_map(loader: _LineLoader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap()
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool):
            raise InputError(f"line {key_node.start_mark.line + 1}: keys must be plain names")
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[str(key)] = key_node.start_mark.line + 1
    return result


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_line_map,
)


def load_yaml_with_lines(text: str, source: str) -> Any:
    """Parse YAML text with the limits of :mod:`crmsim.safe_yaml`; problems name the line."""
    return safe_yaml.load(text, source, _LineLoader)


class FieldReader:
    """Take typed, range-checked fields out of one mapping of a scenario."""

    def __init__(self, mapping: Any, path: str, source: str = "") -> None:
        if not isinstance(mapping, Mapping):
            place = f"{source}: " if source else ""
            raise InputError(f"{place}{self._at(path)} must be a mapping of names to values")
        self._data = dict(mapping)
        self._lines: dict[str, int] = getattr(mapping, "lines", {})
        self.path = path
        self.source = source
        self._asked: set[str] = set()

    @staticmethod
    def _at(path: str) -> str:
        return f'"{path}"' if path else "the scenario"

    def where(self, key: str) -> str:
        """The field's path, with file and line when known."""
        full = f"{self.path}.{key}" if self.path else key
        line = self._lines.get(key)
        place = f"{self.source} line {line}: " if line and self.source else ""
        place = place or (f"{self.source}: " if self.source else "")
        return f'{place}"{full}"'

    def child(self, key: str, value: Any) -> FieldReader:
        """A reader for a nested mapping stored under ``key``."""
        return FieldReader(value, f"{self.path}.{key}" if self.path else key, self.source)

    def has(self, key: str) -> bool:
        self._asked.add(key)
        return key in self._data

    def raw(self, key: str, default: Any = None) -> Any:
        """The value without checks (for nested structures read by the caller)."""
        self._asked.add(key)
        return self._data.pop(key, default)

    def fail(self, key: str, message: str) -> InputError:
        return InputError(f"{self.where(key)} {message}")

    def number(
        self,
        key: str,
        default: float | None = None,
        *,
        low: float | None = None,
        high: float | None = None,
        low_open: bool = False,
        high_open: bool = False,
        optional: bool = False,
    ) -> Any:
        """A real number within [low, high] (open ends when asked)."""
        self._asked.add(key)
        if key not in self._data:
            if default is None and not optional:
                raise InputError(f"{self.where(key)} is required")
            return default
        value = self._data.pop(key)
        if value is None and optional:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise self.fail(key, f"must be a number, got {shorten(repr(value))}")
        too_low = low is not None and (value <= low if low_open else value < low)
        too_high = high is not None and (value >= high if high_open else value > high)
        if too_low or too_high:
            left = "(" if low_open else "["
            right = ")" if high_open else "]"
            span = f"{left}{'-∞' if low is None else low}, {'∞' if high is None else high}{right}"
            raise self.fail(key, f"must be in {span}, got {value}")
        return float(value)

    def integer(self, key: str, default: int | None = None, *, low: int = 0) -> Any:
        """A whole number ≥ ``low``."""
        self._asked.add(key)
        if key not in self._data:
            if default is None:
                raise InputError(f"{self.where(key)} is required")
            return default
        value = self._data.pop(key)
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            value = int(value)  # 5e3 is read as the float 5000.0
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"must be a whole number ≥ {low}, got {shorten(repr(value))}")
        if value < low:
            raise self.fail(key, f"must be a whole number ≥ {low}, got {value}")
        return value

    def text(self, key: str, default: str | None = None) -> str:
        self._asked.add(key)
        if key not in self._data:
            if default is None:
                raise InputError(f"{self.where(key)} is required")
            return default
        value = self._data.pop(key)
        if not isinstance(value, str):
            raise self.fail(key, f"must be text, got {shorten(repr(value))}")
        return value

    def flag(self, key: str, default: bool) -> bool:
        self._asked.add(key)
        value = self._data.pop(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, got {shorten(repr(value))}")
        return value

    def choice(self, key: str, allowed: Iterable[str], default: str | None = None) -> str:
        allowed = list(allowed)
        value = self.text(key, default)
        if value not in allowed:
            raise self.fail(key, f"must be one of {', '.join(allowed)}, got {shorten(repr(value))}")
        return value

    def finish(self) -> None:
        """Reject keys nobody asked for, suggesting the closest allowed name."""
        allowed = sorted(self._asked)
        for key in self._data:
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            suggestion = f' (did you mean "{hint[0]}"?)' if hint else ""
            raise InputError(
                f"{self.where(str(key))} is not a known setting{suggestion}; "
                f"allowed here: {', '.join(allowed)}"
            )
