"""The site works when served under a sub-path (e.g. GitHub Pages' /<repo>/): URLs derive from the
scripts' own location, never from the server root."""

from __future__ import annotations

from urllib.parse import urlsplit

from expect import assert_table_matches, expected_rows, random_responses
from pages import WidgetPage


def test_scorer_works_under_a_sub_path(page, subpath_url: str, recorder) -> None:
    prefix = urlsplit(subpath_url).path
    widget_page = WidgetPage(page, subpath_url)
    widget_page.open("practice/score/?form=wai-s")
    responses = random_responses("wai-s", seed=12)
    widget_page.fill(responses)
    assert_table_matches(widget_page.score(), expected_rows("wai-s", responses))
    outside = [url for url in recorder.requests
               if urlsplit(url).scheme.startswith("http") and not urlsplit(url).path.startswith(prefix)]
    assert not outside, f"requests outside {prefix}: {outside}"
    recorder.assert_clean()
