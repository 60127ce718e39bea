"""Every citation on the built site leads to its entry on the references page, and back.

A *citation* is a footnote (Python-Markdown renders each as ``<li id="fn:...">`` inside
``div.footnote``). An *entry* is a paragraph with an id on the references page. The checks:

- every footnote on every page links to at least one entry of the references page;
- every link into the references page that names a fragment lands on an existing entry;
- every entry is linked from some page, unless it stands in a section headed "Further reading"
  whose opening paragraph says that its entries are not cited on the site.

Also: no built page shows a repository path or an unfinished-citation marker, and statements that
something has no published results carry the date on which that was checked.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

import pytest

REFERENCES = "references/index.html"
BASE = "http://site.invalid/"
# Paths inside this repository (or its shared folder) that mean nothing to a reader of the site.
REPO_PATH = re.compile(
    r"(?<![\w.])(?:\.\./)?(?:shared|docs|scorer|hooks|tests|benchmarks|node_modules|\.venv)/[\w.*-]"
)
# Left-overs of a citation that was never finished.
UNFINISHED = re.compile(
    r"\[\^[\w-]+\]|not recorded in our sources|\bTODO\b|\bFIXME\b|\bTBD\b|\bXXX\b|\[citation needed\]"
    r"|\?\?\?|\[(?:ref|cite)\]",
    re.I,
)
# A path that follows another repository's name ("owner/repo, tests/x.py") cites that repository.
OTHER_REPO = re.compile(r"[\w.-]+/[\w.-]+,?\s*`?$")
# The educators page teaches people who build this site from a checkout: their exercise files go in
# docs/, and the build reports a bad exercise by that path, so the page must show it.
ALLOWED_PATHS = {"educators/index.html": ("docs/",)}
NO_RESULTS = re.compile(r"no published results", re.I)
CHECK_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b|\b\d{1,2} \w+ 20\d\d\b")


class Page(HTMLParser):
    """Footnotes with their links, all links, entry ids, headings and the visible text of one page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.footnotes: dict[str, list[str]] = {}
        self.links: list[str] = []
        self.entries: set[str] = set()
        self.blocks: list[tuple[str, str, str]] = []  # (tag, id, text) of headings and paragraphs
        self.text: list[str] = []
        self._stack: list[tuple[str, str | None]] = []  # open tags with the footnote they belong to
        self._skip = 0
        self._block: list | None = None
        self.feed(html)
        self.close()

    @property
    def _footnote(self) -> str | None:
        return self._stack[-1][1] if self._stack else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        note = self._footnote
        if tag == "li" and values.get("id", "").startswith("fn:"):
            note = values["id"][3:]
            self.footnotes[note] = []
        if tag not in {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col"}:
            self._stack.append((tag, note))
        if tag in {"script", "style", "svg"}:
            self._skip += 1
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
            if note is not None and "footnote-backref" not in values.get("class", ""):
                self.footnotes[note].append(values["href"])
        if tag == "p" and values.get("id"):
            self.entries.add(values["id"])
        if tag in {"p", "li", "h1", "h2", "h3"} and self._block is None:
            self._block = [tag, values.get("id", ""), ""]

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break
        if tag in {"script", "style", "svg"} and self._skip:
            self._skip -= 1
        if self._block is not None and tag == self._block[0]:
            self.blocks.append((self._block[0], self._block[1], self._block[2].strip()))
            self._block = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._block is not None:
            self._block[2] += data


@pytest.fixture(scope="module")
def pages(html_pages: dict[str, str]) -> dict[str, Page]:
    return {name: Page(html) for name, html in html_pages.items()}


def _target(page: str, href: str) -> tuple[str, str]:
    """(site-relative HTML file, fragment) that ``href`` on ``page`` points to."""
    parts = urlsplit(urljoin(BASE + page, href))
    path = unquote(parts.path).lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path, unquote(parts.fragment)


def _reference_links(pages: dict[str, Page]) -> list[tuple[str, str, str]]:
    """(page, href, fragment) of every link into the references page from another page."""
    found = []
    for name, page in pages.items():
        if name == REFERENCES:
            continue
        for href in page.links:
            if urlsplit(href).scheme:
                continue
            path, fragment = _target(name, href)
            if path == REFERENCES:
                found.append((name, href, fragment))
    return found


def test_parser_finds_footnotes_and_entries() -> None:
    html = (
        '<p id="a1">Entry</p><p>Text<sup><a href="#fn:x">1</a></sup></p><div class="footnote"><ol>'
        '<li id="fn:x"><p>Src. <a href="../references/#a1">Reference list</a>'
        '<a class="footnote-backref" href="#fnref:x">&#8617;</a></p></li></ol></div>'
    )
    page = Page(html)
    assert page.entries == {"a1"}
    assert page.footnotes == {"x": ["../references/#a1"]}
    assert _target("evidence/index.html", "../references/#a1") == (REFERENCES, "a1")


def test_every_footnote_cites_an_entry_of_the_references_page(pages: dict[str, Page]) -> None:
    entries = pages[REFERENCES].entries
    assert len(entries) > 40, "too few entries found: is the references page parsed?"
    counted, missing = 0, []
    for name, page in pages.items():
        for note, hrefs in page.footnotes.items():
            counted += 1
            targets = [_target(name, h) for h in hrefs]
            if not any(path == REFERENCES and frag in entries for path, frag in targets):
                missing.append(f"{name}: footnote [^{note}] links to no entry of the references page")
    assert counted > 50, "too few footnotes found: is the parser reading the pages?"
    assert not missing, f"{len(missing)} footnote(s) without a reference-list link:\n" + "\n".join(missing)


def test_every_link_to_the_references_page_lands_on_an_entry(pages: dict[str, Page]) -> None:
    entries = pages[REFERENCES].entries
    links = _reference_links(pages)
    assert len(links) > 50
    broken = [f"{page}: {href}" for page, href, frag in links if frag and frag not in entries]
    assert not broken, "links to references entries that do not exist:\n" + "\n".join(broken)


def _further_reading(page: Page) -> set[str]:
    """Entry ids in sections headed "Further reading" whose first paragraph says they are not cited."""
    exempt: set[str] = set()
    section_ok = None
    for tag, ident, text in page.blocks:
        if tag in {"h1", "h2"}:
            section_ok = False if text.lower().startswith("further reading") else None
            continue
        if section_ok is False and tag == "p" and not ident:
            section_ok = "not cited" in text.lower()
            continue
        if section_ok and ident:
            exempt.add(ident)
    return exempt


def test_every_entry_is_cited_somewhere_or_marked_further_reading(pages: dict[str, Page]) -> None:
    references = pages[REFERENCES]
    cited = {frag for _, _, frag in _reference_links(pages) if frag}
    exempt = _further_reading(references)
    uncited = sorted(references.entries - cited - exempt)
    assert not uncited, (
        "entries on the references page that no page cites (cite them, or move them to a "
        "'Further reading' section that says they are not cited): " + ", ".join(uncited)
    )
    assert not (exempt & cited), f"cited entries filed under Further reading: {sorted(exempt & cited)}"


def test_further_reading_rule_needs_the_statement() -> None:
    page = Page(
        '<h2>Further reading</h2><p>Read more.</p><p id="x">X</p>'
        '<h2>Further reading</h2><p>These sources are not cited on this site.</p><p id="y">Y</p>'
        '<h2>Other</h2><p id="z">Z</p>'
    )
    assert _further_reading(page) == {"y"}


def test_no_page_shows_a_repository_path_or_an_unfinished_citation(pages: dict[str, Page]) -> None:
    bad = []
    for name, page in pages.items():
        text = " ".join(page.text)
        for match in REPO_PATH.finditer(text):
            start = max(0, match.start() - 40)
            if OTHER_REPO.search(text[start : match.start()]) or text[match.start() :].startswith(
                ALLOWED_PATHS.get(name, ())
            ):
                continue
            bad.append(f"{name}: repository path {match.group(0)!r} in …{text[start:match.end() + 40]}…")
        for match in UNFINISHED.finditer(text):
            start = max(0, match.start() - 40)
            bad.append(f"{name}: unfinished citation {match.group(0)!r} in …{text[start:match.end() + 40]}…")
        for href in page.links:
            if REPO_PATH.match(href) and not urlsplit(href).scheme:
                bad.append(f"{name}: link into the repository {href!r}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(
    ("text", "hit"),
    [("see shared/reference/evidence.md", True), ("in scorer/instruments/wai.json", True),
     ("docs/evidence.md", True), ("docs.getrivet.ca/clinical-templates", False),
     ("open.library.ubc.ca/cIRcle/x", False), ("full title not recorded in our sources", True),
     ("text [^hall2010] more", True), ("a 12-item score", False)],
)
def test_the_patterns_catch_what_they_should(text: str, hit: bool) -> None:
    assert bool(REPO_PATH.search(text) or UNFINISHED.search(text)) is hit


def test_a_path_inside_another_named_repository_is_a_citation() -> None:
    text = "S2: IanSteenstra/ai-psychotherapy-eval, tests/test_scoring.py @ 37dc212"
    match = REPO_PATH.search(text)
    assert match and OTHER_REPO.search(text[: match.start()])
    assert not OTHER_REPO.search("see the file ")


def test_no_published_results_statements_carry_a_date(pages: dict[str, Page]) -> None:
    undated, found = [], 0
    for name, page in pages.items():
        for tag, _, text in page.blocks:
            for sentence in re.split(r"(?<=[.;])\s+", text):
                if NO_RESULTS.search(sentence):
                    found += 1
                    if not CHECK_DATE.search(sentence):
                        undated.append(f"{name}: {sentence}")
    assert found, "expected at least one 'no published results' statement (the TalkBack trial)"
    assert not undated, "undated 'no published results':\n" + "\n".join(undated)

