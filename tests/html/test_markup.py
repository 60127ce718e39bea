"""The local escaper is ``html.escape`` exactly (the worker no longer imports ``html`` to get it)."""

from __future__ import annotations

import html

from hypothesis import example, given
from hypothesis import strategies as st

from scorer.html.markup import esc, escape

# Markup characters, entity-looking runs and any other text.
TEXT = st.text(alphabet=st.sampled_from("&<>\"';#x27amp lt") | st.characters(), max_size=60)


@given(TEXT, st.booleans())
@example("&amp;", True)
@example("&lt;script&gt;\"'", False)
@example("", True)
def test_escape_is_html_escape(text: str, quote: bool) -> None:
    assert escape(text, quote=quote) == html.escape(text, quote=quote)


@given(TEXT)
def test_escape_quotes_by_default_like_html_escape(text: str) -> None:
    assert escape(text) == html.escape(text)


def test_esc_escapes_every_markup_character_once() -> None:
    assert esc("<a href=\"x\">'&amp;'</a>") == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;amp;&#x27;&lt;/a&gt;"
    assert esc(3.5) == "3.5"
