"""The self-assessment's browser functions: recording, the stored history, import, export, trend chart."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer import score, web
from scorer.core.compare import compare
from scorer.core.errors import ScorerError
from scorer.core.history import gaps as entry_gaps
from scorer.html.trend import trend_svg
from scorer.web import selfassessment as sa

HOSTILE = '<img src=x onerror=alert(1)>"\'&'
KEY_RE = re.compile(r"^wai-training:v1:[a-z-]+:[a-z-]+$")


def record(history=None, *, therapist=None, date="2026-03-02", now="2026-03-02T10:00:00.000Z", **kw):
    reply = sa.sa_record(history, therapist or [5] * 36, date, now, **kw)
    return reply


def two_sessions() -> dict:
    first = record(patient_label="P-07", patient_form="wai-sr", patient_responses=[4] * 12,
                   ratings={"empathy": 5, "use-name": "na"}, reflections={"empathy": "she was scared"})
    second = record(first["history"], therapist=[3] * 36, date="2026-03-09", now="2026-03-09T10:00:00Z")
    return second["history"]


# --- recording a session --------------------------------------------------------------------------


def test_record_stores_the_means_of_the_scorer_and_the_audit_summary() -> None:
    therapist = [((i * 5) % 7) + 1 for i in range(36)]
    patient = [((i * 3) % 5) + 1 for i in range(12)]
    reply = record(therapist=therapist, patient_label="  P-07  ", patient_form="wai-sr",
                   patient_responses=patient, ratings={"empathy": "4"}, reflections={"empathy": " ok "})
    entry = reply["entry"]
    t_result, p_result = score("wai-t", therapist), score("wai-sr", patient)
    for part in ("goal", "task", "bond"):
        assert entry["therapist_means"][part] == t_result.subscales[part].mean
        assert entry["patient_means"][part] == p_result.subscales[part].mean
    assert entry["therapist_means"]["total"] == t_result.total.mean
    assert entry["patient_label"] == "P-07"
    assert entry["patient_form"] == "wai-sr"
    assert entry["audit"]["ratings"] == {"empathy": 4}
    assert entry["audit"]["reflections"] == {"empathy": "ok"}
    assert reply["history"] == {"v": 1, "entries": [entry]}
    # the gap in the export is the one scorer.compare computes (rescaled to 1-7 for the WAI-SR)
    gaps = entry_gaps(entry)
    expected = compare(p_result, t_result).to_dict()
    assert gaps["goal"] == pytest.approx(expected["subscales"]["goal"]["difference"])
    assert gaps["total"] == pytest.approx(expected["total"]["difference"])


def test_record_without_a_patient_form_has_no_patient_means() -> None:
    entry = record(patient_form="wai-s", patient_responses=[None] * 12)["entry"]
    assert entry["patient_form"] is None and entry["patient_means"] is None


def test_record_refuses_an_unscorable_wai_t_and_keeps_the_history() -> None:
    history = record()["history"]
    with pytest.raises(ScorerError, match="cannot be saved"):
        record(history, therapist=[5] * 10 + [None] * 26)
    with pytest.raises(ScorerError, match="no answers yet"):
        record(history, therapist=[None] * 36)


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"date": "2026-02-30"}, "not a real calendar date"),
        ({"date": "next week"}, "YYYY-MM-DD"),
        ({"now": "<script>"}, "time of saving"),
        ({"patient_label": "x" * 61}, "a code, not a name"),
        ({"patient_form": "wai-t", "patient_responses": [1] * 36}, "patient's form must be one of"),
        ({"ratings": {"empathy": 9}}, "outside 1-5"),
    ],
)
def test_record_refuses_bad_input_with_a_message(kw, message) -> None:
    with pytest.raises(ScorerError, match=re.escape(message)):
        record(**kw)


def test_two_saves_in_the_same_millisecond_get_different_ids() -> None:
    first = record()
    second = record(first["history"])
    ids = [e["id"] for e in second["history"]["entries"]]
    assert len(set(ids)) == 2


def test_entries_are_kept_in_date_order_whatever_the_saving_order() -> None:
    later = record(date="2026-05-01", now="2026-05-01T08:00:00Z")
    both = record(later["history"], date="2026-04-01", now="2026-05-02T08:00:00Z")
    assert [e["date"] for e in both["history"]["entries"]] == ["2026-04-01", "2026-05-01"]


def test_evaluate_shows_the_contract_table_the_discrepancy_chart_and_the_audit() -> None:
    reply = sa.sa_evaluate([5] * 36, "wai-s", [2] * 12, {"warmth": 1}, {"warmth": HOSTILE}, "../../rapport/")
    html = reply["html"]
    for head in ("Goal", "Task", "Bond", "Total"):
        assert f'<th scope="row">{head}</th>' in html
    assert '<th scope="col">Sum</th>' in html and '<th scope="col">Mean</th>' in html
    assert "wai-chart-discrepancy" in html
    assert 'href="../../rapport/#warmth"' in html
    assert "<img" not in html


# --- the stored history ---------------------------------------------------------------------------


def test_history_round_trips_through_json() -> None:
    history = two_sessions()
    again = sa.sa_history(json.dumps(history))
    assert again["history"] == history
    assert again["count"] == 2 and again["dropped"] == []


def test_nothing_stored_is_an_empty_history() -> None:
    reply = sa.sa_history(None)
    assert reply["history"] == {"v": 1, "entries": []}
    assert "No sessions are saved" in reply["html"]


@pytest.mark.parametrize(
    ("stored", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"v": 2, "entries": []}', "version 2"),
        ('{"entries": []}', "has no version number; this site reads version 1"),
        ('{"v": 1}', "no list of entries"),
        ('{"v": 1, "kind": "wai-training-results", "entries": []}', "not a self-assessment history"),
    ],
)
def test_a_corrupt_store_is_refused_so_the_page_can_reset_it(stored, message) -> None:
    with pytest.raises(ScorerError, match=re.escape(message)):
        sa.sa_history(stored)
    reply = json.loads(web.dispatch("sa_history", json.dumps({"history": stored})))
    assert reply["ok"] is False and message in reply["error"]


def test_damaged_entries_in_the_store_are_dropped_and_reported_the_rest_kept() -> None:
    history = two_sessions()
    broken = copy.deepcopy(history)
    broken["entries"][0]["therapist_means"]["goal"] = 99
    reply = sa.sa_history(json.dumps(broken))
    assert reply["count"] == 1
    assert reply["history"]["entries"] == [history["entries"][1]]
    assert len(reply["dropped"]) == 1 and "outside" in reply["dropped"][0]


def test_derived_values_in_the_store_are_recomputed_not_trusted() -> None:
    history = two_sessions()
    tampered = copy.deepcopy(history)
    tampered["entries"][0]["audit"]["mean"] = 1.0
    tampered["entries"][0]["audit"]["strengths"] = ["<b>"]
    assert sa.sa_history(tampered)["history"] == history


def test_delete_one_entry_and_an_unknown_id() -> None:
    history = two_sessions()
    first, second = history["entries"]
    reply = sa.sa_delete(json.dumps(history), first["id"])
    assert reply["history"]["entries"] == [second]
    with pytest.raises(ScorerError, match="no longer in the history"):
        sa.sa_delete(json.dumps(reply["history"]), first["id"])


# --- import ---------------------------------------------------------------------------------------


def exported() -> str:
    return sa.sa_export_json(two_sessions(), "2026-03-10")["text"]


def test_export_then_import_into_an_empty_browser_gives_the_same_history() -> None:
    reply = sa.sa_import(exported(), None)
    assert reply["history"] == two_sessions()
    assert reply["added"] == 2 and reply["skipped"] == 0


def test_import_merges_and_skips_sessions_already_there() -> None:
    own = record(date="2026-01-05", now="2026-01-05T09:00:00Z")["history"]
    once = sa.sa_import(exported(), json.dumps(own))
    assert once["count"] == 3 and once["added"] == 2
    twice = sa.sa_import(exported(), json.dumps(once["history"]))
    assert twice["history"] == once["history"]
    assert twice["added"] == 0 and twice["skipped"] == 2


def _bad_files() -> list[tuple[str, str]]:
    good = json.loads(exported())

    def changed(change) -> str:
        data = copy.deepcopy(good)
        change(data)
        return json.dumps(data)

    return [
        ("", "empty"),
        ("\x89PNG\r\n\x1a\n", "not valid JSON"),
        ('{"v": 1, "entries": "all of them"}', "no list of entries"),
        (changed(lambda d: d.update(v=3)), "version 3"),
        (changed(lambda d: d.update(kind="wai-training-results")), "not a self-assessment history"),
        (changed(lambda d: d["entries"][1].update(date="2026-13-01")), "entry 2: date"),
        (changed(lambda d: d["entries"][0]["therapist_means"].update(task="4")), "entry 1: therapist_means"),
        (changed(lambda d: d["entries"][0]["patient_means"].update(total=6.5)),
         "outside the WAI-SR scale 1-5"),
        (changed(lambda d: d["entries"][0].update(patient_form="wai-t")), "patient_form must be one of"),
        (changed(lambda d: d["entries"][0].update(patient_means=None)), "given together"),
        (changed(lambda d: d["entries"][0].update(extra=1)), "unknown field(s) extra"),
        (changed(lambda d: d["entries"][0].update(id="<img>")), "'id' must be"),
        (changed(lambda d: d["entries"][1].update(id=d["entries"][0]["id"])), "used twice"),
        (changed(lambda d: d["entries"][0]["audit"]["ratings"].update(empathy=7)), "outside 1-5"),
        (changed(lambda d: d["entries"][0].update(patient_label=HOSTILE * 3)), "a code, not a name"),
        (changed(lambda d: d.update(entries=d["entries"] * 501)), "at most 1000"),
    ]


@pytest.mark.parametrize(("text", "message"), _bad_files())
def test_a_bad_import_is_refused_whole_with_its_reason_and_nothing_lost(text, message) -> None:
    own = json.dumps(record(date="2026-01-05", now="2026-01-05T09:00:00Z")["history"])
    reply = json.loads(web.dispatch("sa_import", json.dumps({"text": text, "history": own})))
    assert reply["ok"] is False
    assert message in reply["error"]
    assert "Traceback" not in reply["error"]
    # the page keeps what it had: the stored history is still valid and unchanged
    assert sa.sa_history(own)["history"] == json.loads(own)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=200), st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
                 st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                              lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c,
                                                                                   max_size=4),
                              max_leaves=20).map(json.dumps)))
def test_import_of_anything_ends_in_a_clean_answer(text) -> None:
    reply = json.loads(web.dispatch("sa_import", json.dumps({"text": text, "history": None})))
    if not reply["ok"]:
        assert not reply["error"].startswith("Unexpected error"), reply["error"]


# --- escaping -------------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_hostile_text_is_escaped_in_the_history_and_the_session() -> None:
    label = "<img src=x onerror=alert(1)>"
    reply = record(patient_label=label, reflections={"empathy": HOSTILE}, ratings={"empathy": 5},
                   patient_form="wai", patient_responses=[4] * 36)
    for html in (reply["html"], reply["session_html"]):
        parser = _Tags()
        parser.feed(html)
        assert "img" not in parser.tags and "script" not in parser.tags
        assert not any(name.startswith("on") for name, _ in parser.attrs)
        assert "style" not in {name for name, _ in parser.attrs}
    assert "&lt;img src=x onerror=alert(1)&gt;" in reply["html"]


def test_csv_export_neutralises_formulas_and_keeps_one_row_per_session() -> None:
    first = record(patient_label="=HYPERLINK(\"http://x\")", reflections={"warmth": "+1 joke"})
    text = sa.sa_export_csv(first["history"], "2026-03-10")
    rows = list(csv.DictReader(io.StringIO(text["text"])))
    assert text["filename"] == "wai-self-assessment-2026-03-10.csv"
    assert len(rows) == 1
    assert rows[0]["patient_label"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["reflection_warmth"] == "'+1 joke"
    expected = score("wai-t", [5] * 36).total.mean
    assert float(rows[0]["therapist_total_mean"]) == pytest.approx(expected, abs=1e-4)


# --- the trend chart ------------------------------------------------------------------------------


def _points(svg: str, series: str) -> list[str]:
    return re.findall(rf'<g class="wai-trend-point wai-trend-{series}" data-series="{series}" '
                      r'data-entry="([^"]*)">', svg)


@pytest.mark.parametrize("n", [0, 1, 2, 9, 40])
def test_trend_has_one_point_per_entry(n) -> None:
    history = None
    for i in range(n):
        day = f"2026-{1 + i // 28:02d}-{1 + i % 28:02d}"
        history = record(history, therapist=[(i % 7) + 1] * 36, date=day,
                         now=f"2026-06-01T10:{i // 60:02d}:{i % 60:02d}Z")["history"]
    entries = (history or {"entries": []})["entries"]
    svg = trend_svg(history or {"v": 1, "entries": []})
    assert _points(svg, "total") == [e["id"] for e in entries]
    for part in ("goal", "task", "bond"):
        assert len(_points(svg, part)) == n
    assert _points(svg, "patient") == []
    assert f'data-points="{n}"' in svg
    assert "style=" not in svg and "<script" not in svg


def test_trend_plots_the_patient_total_on_the_1_to_7_metric_only_where_entered() -> None:
    history = two_sessions()  # the first has a WAI-SR, the second none
    svg = trend_svg(history)
    assert _points(svg, "patient") == [history["entries"][0]["id"]]
    assert "rescaled to 1 to 7" in svg
    # a WAI-SR total of 4 (1-5) is 5.5 on 1-7
    assert "Patient total 5.50" in svg


def test_trend_desc_states_the_latest_numbers() -> None:
    svg = trend_svg(two_sessions())
    assert "over 2 saved sessions, from 2026-03-02 to 2026-03-09" in svg
    latest = score("wai-t", [3] * 36).total.mean
    assert f"Latest session (2026-03-09): Your total {latest:.2f}" in svg


# --- the draft of the form ------------------------------------------------------------------------


def test_draft_is_validated_before_it_is_restored() -> None:
    draft = {"v": 1, "therapist": ["5"] + [""] * 35, "patient_form": "wai-sr", "patient": [None] * 12,
             "ratings": {"empathy": "3"}, "reflections": {"empathy": "x"}, "patient_label": "A", "date": ""}
    clean = sa.sa_validate_draft(json.dumps(draft))
    assert clean["therapist"][0] == 5 and clean["ratings"] == {"empathy": 3}
    draft["therapist"] = ["9"] + [""] * 35
    with pytest.raises(ScorerError, match="item 1"):
        sa.sa_validate_draft(draft)


def test_every_function_is_reachable_through_the_worker_table() -> None:
    names = [name for name, module in web.TABLE.items() if module == "selfassessment"]
    assert names == sorted(sa.__all__, key=names.index)
    for name in names:
        assert web.functions()[name] is getattr(sa, name)
    assert KEY_RE.match("wai-training:v1:self-assessment:history")
