"""YAML that remembers where things are, so an exercise error can name the line of its field.

The body is composed into a node tree (which keeps every key's position) before it is turned into
plain data. Lines here are 0-based inside the YAML text, counted the way the Markdown file counts
them (YAML also breaks lines at a lone CR, NEL, LS and PS; those are mapped back).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml


class LocatedError(Exception):
    """A problem at ``line`` of a YAML text (0-based, counted as the Markdown file counts lines)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


@dataclass
class Located:
    """A loaded YAML document and its node tree, to map a field path back to a line."""

    data: Any
    node: yaml.Node | None


# YAML also breaks lines at a lone CR, NEL, LS and PS; the Markdown source only at LF.
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_YAML_ONLY_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
_SCALAR_ERRORS = (ValueError, TypeError, AttributeError, LookupError, ArithmeticError)


def load_located(text: str) -> Located:
    """Load YAML with the SafeLoader, keeping the node tree; duplicate keys are refused."""
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:  # a control character: it has a position, not a mark
        line = len(_YAML_BREAK.findall(text, 0, exc.position))
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise LocatedError(line, f"invalid YAML: the character U+{ord(char):04X} is not allowed") from None
    node = None
    try:
        node = loader.get_single_node()
        _no_duplicates(node)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise LocatedError(mark.line if mark else 0, f"invalid YAML: {exc.problem or exc}") from None
    except _SCALAR_ERRORS as exc:
        # A scalar that does not fit its tag: !!int abc, a 5000-digit int, an empty !!int, !!bool x.
        detail = f" ({str(exc).split(';')[0][:100]})" if type(exc) is ValueError else ""
        line = _bad_scalar_line(node)
        reason = f"invalid YAML value: a value does not fit its type or tag{detail}"
        raise LocatedError(line, reason) from None
    except RecursionError:  # an alias inside itself (&a [*a]) or thousands of nested brackets
        reason = "invalid YAML: the data nests too deeply (or an alias contains itself)"
        raise LocatedError(0, reason) from None
    finally:
        loader.dispose()
    return Located(data, node)


def _bad_scalar_line(node: yaml.Node | None) -> int:
    """The line of the first scalar that cannot be constructed (0 if none is found)."""
    loader = yaml.SafeLoader("")  # a fresh one: the failed construction left state behind
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.ScalarNode):
            try:
                loader.construct_object(current)
            except (*_SCALAR_ERRORS, yaml.YAMLError):
                return current.start_mark.line
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            stack.extend(part for pair in current.value for part in pair)
    return 0


def _no_duplicates(node: yaml.Node | None) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise LocatedError(key.start_mark.line, f"{key.value}: field given twice")
                seen.add(key.value)
            _no_duplicates(value)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _no_duplicates(child)


def line_of(node: yaml.Node | None, path: tuple[str | int, ...]) -> int:
    """The 0-based line of the deepest node on ``path`` (a key's own line for a mapping field)."""
    if node is None:
        return 0
    line = node.start_mark.line
    current: yaml.Node | None = node
    for part in path:
        if isinstance(part, int) and isinstance(current, yaml.SequenceNode) and part < len(current.value):
            current = current.value[part]
            line = current.start_mark.line
        elif isinstance(part, str) and isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.value == part:
                    line = key.start_mark.line
                    current = value
                    break
            else:
                return line
        else:
            return line
    return line


def physical_line(text: str, yaml_line: int) -> int:
    """The 0-based LF-counted line of the text where YAML's line ``yaml_line`` starts."""
    if yaml_line <= 0 or not _YAML_ONLY_BREAK.search(text):
        return yaml_line
    for number, match in enumerate(_YAML_BREAK.finditer(text), start=1):
        if number == yaml_line:
            return text.count("\n", 0, match.end())
    return text.count("\n")

