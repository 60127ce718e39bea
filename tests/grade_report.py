"""Reading a grading report: the lines `wai-score grade` prints and what the grading page shows,
in one comparable shape (student lines, each student's value lines, summary lines)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


def _norm(text: str) -> str:
    return " ".join(text.split())


def cli_parts(text: str) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """Student lines, each student's value lines, and the summary lines of the command's text report."""
    lines = text.rstrip("\n").split("\n")
    end = lines.index("Class summary")
    students: list[str] = []
    values: dict[str, list[str]] = {}
    for line in lines[2 : end - 1]:
        if line.startswith("  "):
            values[students[-1]].append(_norm(line))
        else:
            students.append(line)
            values[line] = []
    return students, values, [_norm(line) for line in lines[end + 1 :]]


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find(self, tag: str, cls: str | None = None) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and (cls is None or cls in child.attrs.get("class", "").split()):
                    found.append(child)
                found.extend(child.find(tag, cls))
        return found

    def kids(self, tag: str) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node) and c.tag == tag]


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack = [Node("root", {})]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        while self.stack[-1].tag != tag:
            self.stack.pop()
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    tree = _Tree()
    tree.feed(html)
    return tree.stack[0]


def page_parts(html: str) -> tuple[list[str], dict[str, list[str]], list[str]]:
    root = parse(html)
    students: list[str] = []
    values: dict[str, list[str]] = {}
    for section in root.find("section", "wai-grade-student"):
        heading = section.find("h4")[0].text()
        students.append(heading)
        values[heading] = []
        for row in section.find("tbody")[0].kids("tr"):
            label = row.kids("th")[0].text()
            given, verdict, mistake = (td.text() for td in row.kids("td"))
            line = f"{label} {given} {verdict}"
            if row.attrs["data-correct"] == "no":
                code, _, message = mistake.partition(" ")
                line += f" [{code}] {message}"
            values[heading].append(_norm(line))
    summary: list[str] = []
    for item in root.find("ul", "wai-grade-summary")[0].kids("li"):
        nested = item.kids("ul")
        own = "".join(c if isinstance(c, str) else c.text() for c in item.children if c not in nested)
        summary.append(_norm(own))
        for inner in nested:
            summary.extend(_norm(li.text()) for li in inner.kids("li"))
    return students, values, summary
