"""Charts: well-formed, self-contained, accessible SVG whose picture and text match the numbers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorer.html.charts import discrepancy_svg, profile_svg

NS = {"s": "http://www.w3.org/2000/svg"}


def _result(goal, task, bond, total, lo=1, hi=7, form="wai"):
    def sub(mean):
        return {"sum": None if mean is None else mean * 12, "mean": mean, "answered": 12, "items": 12,
                "prorated": False}
    return {"form": form, "scale": {"min": lo, "max": hi},
            "subscales": {"goal": sub(goal), "task": sub(task), "bond": sub(bond)},
            "total": sub(total), "reversed": [], "missing": [], "steps": []}


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _self_contained(svg: str) -> None:
    assert "href" not in svg
    assert "url(" not in svg
    assert "style=" not in svg  # a strict CSP blocks inline style attributes
    assert "<script" not in svg
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_profile_is_accessible_and_states_the_numbers():
    svg = profile_svg(_result(4.25, 5.0, 6.0833, 5.111))
    root = _parse(svg)
    assert root.get("role") == "img"
    title = root.find("s:title", NS)
    desc = root.find("s:desc", NS)
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "Goal 4.25" in desc.text and "Task 5.00" in desc.text
    assert "Bond 6.08" in desc.text and "Total 5.11" in desc.text
    assert "1 to 7" in desc.text
    _self_contained(svg)


def _bar_widths(svg: str) -> list[float]:
    root = _parse(svg)
    return [float(r.get("width")) for r in root.iter("{http://www.w3.org/2000/svg}rect")
            if "wai-chart-bar" in (r.get("class") or "")]


def test_profile_bar_lengths_are_proportional_to_the_means():
    widths = _bar_widths(profile_svg(_result(1.0, 4.0, 7.0, 4.0)))
    full = widths[2]
    assert widths[0] <= 1.0  # the scale minimum draws (almost) nothing
    assert widths[1] == pytest.approx(full / 2, abs=0.2)
    assert widths[3] == pytest.approx(full / 2, abs=0.2)


def test_profile_uses_the_forms_own_scale():
    svg = profile_svg(_result(3.0, 3.0, 3.0, 3.0, lo=1, hi=5, form="wai-sr"))
    widths = _bar_widths(svg)
    full_scale = _bar_widths(profile_svg(_result(5.0, 5.0, 5.0, 5.0, lo=1, hi=5)))[0]
    assert widths[0] == pytest.approx(full_scale / 2, abs=0.2)
    ticks = re.findall(r'class="wai-chart-tick"[^>]*>(\d+)<', svg)
    assert ticks == ["1", "2", "3", "4", "5"]
    assert "WAI-SR" in _parse(svg).find("s:title", NS).text


def test_profile_says_when_a_subscale_is_not_scorable():
    svg = profile_svg(_result(None, 5.0, 6.0, None))
    desc = _parse(svg).find("s:desc", NS).text
    assert "Goal not scorable" in desc and "Total not scorable" in desc
    assert len(_bar_widths(svg)) == 2


def test_uid_keeps_ids_unique_and_is_escaped():
    svg = profile_svg(_result(4, 4, 4, 4), uid='a"b')
    _parse(svg)  # still well-formed
    assert 'id="a&quot;b-title"' in svg


@given(st.lists(st.one_of(st.none(), st.floats(1, 7)), min_size=4, max_size=4))
def test_profile_is_always_well_formed(means):
    svg = profile_svg(_result(*means))
    root = _parse(svg)
    assert root.get("role") == "img"
    for width in _bar_widths(svg):
        assert 0 < width <= 560


def _comparison(flag_goal=True):
    return {"patient_form": "wai", "therapist_form": "wai-t", "threshold": 1.0,
            "scale": {"min": 1, "max": 7}, "rescaled": False,
            "subscales": {"goal": _part(6.0, 4.5, 1.5, flag_goal), "task": _part(5.0, 5.25, -0.25, False),
                          "bond": _part(6.5, 6.0, 0.5, False)},
            "total": _part(5.83, 5.25, 0.58, False)}


def _part(patient, therapist, difference, flagged):
    """One part as ``Comparison.to_dict()`` gives it."""
    return {"patient_mean": patient, "therapist_mean": therapist, "difference": difference,
            "flagged": flagged}


def test_discrepancy_states_both_means_and_flags_without_colour():
    svg = discrepancy_svg(_comparison())
    root = _parse(svg)
    assert root.get("role") == "img"
    desc = root.find("s:desc", NS).text
    assert "Goal: patient 6.00, therapist 4.50, difference +1.50 (flagged)" in desc
    assert "Task: patient 5.00, therapist 5.25, difference -0.25;" in desc
    assert "1 point or more are flagged" in desc
    assert "+1.50 flagged" in svg  # the visible mark is a word, not only a colour
    assert svg.count("wai-chart-flagged") == 1
    _self_contained(svg)


def test_discrepancy_marker_positions_follow_the_means():
    root = _parse(discrepancy_svg(_comparison()))
    circles = [float(c.get("cx")) for c in root.iter("{http://www.w3.org/2000/svg}circle")][1:]
    # patient means 6.0, 5.0, 6.5, 5.83: order of x must match
    assert circles[1] < circles[3] < circles[0] < circles[2]


def test_charts_accept_objects_with_to_dict():
    class Obj:
        def to_dict(self):
            return _result(4, 4, 4, 4)

    assert profile_svg(Obj()) == profile_svg(_result(4, 4, 4, 4))
    with pytest.raises(TypeError):
        profile_svg(42)


def test_discrepancy_reads_the_real_comparison_dict():
    from scorer import compare, score

    comparison = compare(score("wai", [6] * 36), score("wai-t", [3] * 36)).to_dict()
    svg = discrepancy_svg(comparison)
    desc = _parse(svg).find("s:desc", NS).text
    for name in ("goal", "task", "bond"):
        part = comparison["subscales"][name]
        text = (f"{name.title()}: patient {part['patient_mean']:.2f}, "
                f"therapist {part['therapist_mean']:.2f}, difference {part['difference']:+.2f}")
        assert text in desc
    total = comparison["total"]
    assert f"Total: patient {total['patient_mean']:.2f}" in desc
    assert svg.count("wai-chart-flagged") == len(comparison["flagged"])
