"""The site's JavaScript modules: no import cycle between them, none over 400 lines (CONTRIBUTING.md).

Static and quick: reads the ``import ... from "./x.js"`` and ``import("./x.js")`` lines of
``docs/js/*.js`` (plus the kind table that widgets.js loads on demand) and walks the graph.
"""

from __future__ import annotations

import re
from pathlib import Path

JS = Path(__file__).resolve().parents[1] / "docs" / "js"
IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\./[\w.-]+\.js)["']""")
ON_DEMAND = re.compile(r"""^\s*["']?[\w-]+["']?\s*:\s*["'](\./[\w.-]+\.js)["']""", re.MULTILINE)
MAX_LINES = 400


def _graph() -> dict[str, set[str]]:
    graph = {}
    for path in sorted(JS.glob("*.js")):
        text = path.read_text(encoding="utf-8")
        targets = IMPORT.findall(text) + ON_DEMAND.findall(text)
        graph[path.name] = {t.removeprefix("./") for t in targets}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in graph:
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_graph_is_read() -> None:
    graph = _graph()
    assert "widget-base.js" in graph["exercise.js"]
    assert {"exercise.js", "self-assessment.js", "case-widget.js"} <= graph["widgets.js"]


def test_every_import_names_an_existing_module() -> None:
    for name, targets in _graph().items():
        missing = [t for t in targets if not (JS / t).is_file()]
        assert not missing, f"{name} imports {missing}"


def test_no_module_imports_in_a_circle() -> None:
    assert _cycle(_graph()) is None, " -> ".join(_cycle(_graph()) or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a.js": {"b.js"}, "b.js": {"c.js"}, "c.js": {"a.js"}}) == ["a.js", "b.js", "c.js", "a.js"]


def test_no_module_is_over_400_lines() -> None:
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in JS.glob("*.js")}
    over = {name: n for name, n in sizes.items() if n > MAX_LINES}
    assert sizes and not over, over


def test_no_module_types_the_answer_keys() -> None:
    """The eight answer keys have one home, scorer.core.answers; the pages carry them as markup."""
    from scorer.core.answers import ANSWER_KEYS

    for path in JS.glob("*.js"):
        text = path.read_text(encoding="utf-8")
        typed = [key for key in ANSWER_KEYS if f'"{key}"' in text or f"'{key}'" in text]
        assert len(typed) < 2, f"{path.name} lists answer keys {typed}: read them from the page"
