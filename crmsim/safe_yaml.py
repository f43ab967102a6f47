"""One hardened way to read YAML from users: scenarios, flashcard decks and imports.

PyYAML's safe loader refuses arbitrary Python objects, but not documents that are
merely too big: a kilobyte of nested aliases (a "billion laughs" document) expands
to gigabytes, and a few thousand nested brackets exhaust the recursion limit.
:func:`compose` reads a document in three guarded steps:

1. the event stream (which never recurses) is scanned for nesting depth, the
   number of nodes and the number of aliases;
2. the node graph is composed (aliases stay shared references, nothing is copied);
3. the size the document would have with every alias expanded is counted on that
   graph with memoisation, and duplicate keys in a mapping are refused with the
   lines of both.

Every refusal is an :class:`~crmsim.errors.InputError` naming the source and,
where there is one, the line. The limits are far above any real scenario or deck
(those have a few hundred nodes and a depth below ten).

:class:`NumberLoader` also reads ``5e3`` and ``1E-2`` as numbers (YAML 1.1, which
PyYAML follows, wants a dot in the mantissa: ``5.0e3``).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from crmsim.errors import InputError, shorten

MAX_TEXT_CHARS = 5_000_000
"""Longest YAML text accepted (characters; 5 MB)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted."""
MAX_NODES = 1_000_000
"""Most nodes (scalars, mappings, lists) after every alias is expanded."""
MAX_ALIASES = 10_000
"""Most alias references (``*name``) in one document."""


class YamlProblem(InputError):
    """A refused YAML document; :attr:`line` (1-based, or ``None``) and :attr:`reason`."""

    def __init__(self, source: str, line: int | None, reason: str) -> None:
        place = f"{source} line {line}" if line is not None else source
        super().__init__(f"{place}: {reason}")
        self.line = line
        self.reason = reason


_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; this is not a workbook file"
_SCIENTIFIC = re.compile(r"^[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?[eE][-+]?[0-9]+$")


class NumberLoader(yaml.SafeLoader):
    """The safe loader that also reads ``5e3`` as the float 5000.0."""


NumberLoader.add_implicit_resolver("tag:yaml.org,2002:float", _SCIENTIFIC, list("-+0123456789"))


def _scan_events(text: str, source: str, loader: type[yaml.SafeLoader]) -> None:
    """Refuse deep nesting, too many nodes or aliases, using the flat event stream."""
    depth = nodes = aliases = 0
    # libyaml (when PyYAML has it) scans a long run of brackets in linear time; the pure
    # Python scanner needs quadratic time for it before yielding the first event.
    scanner = getattr(yaml, "CSafeLoader", loader)
    for event in yaml.parse(text, Loader=scanner):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            nodes += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1
                raise YamlProblem(
                    source,
                    line,
                    _TOO_DEEP,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent):
            nodes += 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                line = event.start_mark.line + 1
                raise YamlProblem(
                    source,
                    line,
                    f"more than {MAX_ALIASES:,} aliases (*name); this is not a workbook file",
                )
        if nodes > MAX_NODES:
            raise YamlProblem(source, None, f"more than {MAX_NODES:,} values; too big to read")


def _expanded_size(root: yaml.Node, source: str) -> int:
    """Nodes the document has with aliases expanded; refuses cycles and duplicate keys."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            line = node.start_mark.line + 1
            raise YamlProblem(source, line, "an alias refers to itself (a cycle)")
        active.add(key)
        total = 1
        if isinstance(node, yaml.MappingNode):
            _refuse_duplicate_keys(node, source)
            for key_node, value_node in node.value:
                total += size(key_node) + size(value_node)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                total += size(item)
        active.discard(key)
        sizes[key] = total
        if total > MAX_NODES:
            line = node.start_mark.line + 1
            raise YamlProblem(
                source,
                line,
                f"expands to more than {MAX_NODES:,} values "
                "through aliases (*name); too big to read",
            )
        return total

    return size(root)


def _refuse_duplicate_keys(node: yaml.MappingNode, source: str) -> None:
    seen: dict[str, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        line = key_node.start_mark.line + 1
        name = key_node.value
        if name in seen and key_node.tag != "tag:yaml.org,2002:merge":
            raise YamlProblem(
                source,
                line,
                f"duplicate key {shorten(name)!r} "
                f"(first at line {seen[name]}); each key may appear once",
            )
        seen[name] = line


def compose(
    text: str, source: str, loader: type[yaml.SafeLoader] = yaml.SafeLoader
) -> yaml.Node | None:
    """The checked node graph of ``text`` (``None`` for an empty document).

    Raises
    ------
    crmsim.errors.InputError
        For text that is too long, nested too deep, expands too far, repeats a
        key in one mapping, or is not valid YAML (with the line).
    """
    if len(text) > MAX_TEXT_CHARS:
        raise YamlProblem(
            source, None, f"{len(text):,} characters; YAML files up to {MAX_TEXT_CHARS:,} are read"
        )
    if "\x00" in text:
        nul_line = text.count("\n", 0, text.index("\x00")) + 1
        raise YamlProblem(source, nul_line, "contains a NUL byte; not a text file")
    try:
        _scan_events(text, source, loader)
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(str(error.problem or error.context or "syntax error").split())
        if "nesting depth" in problem:  # libyaml's own, far higher limit
            raise YamlProblem(source, line, _TOO_DEEP) from None
        raise YamlProblem(source, line, f"not valid YAML ({shorten(problem)})") from None
    except yaml.YAMLError as error:
        reason = " ".join(str(error).split())
        raise YamlProblem(source, None, f"not valid YAML ({shorten(reason)})") from None
    if root is not None:
        _expanded_size(root, source)
    return root


def load(text: str, source: str, loader: type[yaml.SafeLoader] = NumberLoader) -> Any:
    """Parse ``text`` into Python objects after the checks of :func:`compose`.

    ``loader`` may be a subclass of :class:`yaml.SafeLoader` with its own
    constructors (the scenario reader records line numbers this way).
    """
    root = compose(text, source, loader)
    if root is None:
        return None
    constructor = loader("")
    try:
        return constructor.construct_document(root)
    except yaml.YAMLError as error:
        reason = " ".join(str(error).split())
        raise YamlProblem(source, None, f"not valid YAML ({shorten(reason)})") from None
    finally:
        constructor.dispose()
