"""English text for people: the case printout, the statistics table, the grading report, the notes."""

from __future__ import annotations

import pytest

from scorer import ScorerError, compare, get_form, score
from scorer.core.cases import generate
from scorer.core.grading import grade
from scorer.core.stats import SampleStats
from scorer.text.cases import format_case
from scorer.text.grading import format_report
from scorer.text.notes import teaching_notes
from scorer.text.stats import format_stats


def test_a_case_printout_holds_the_vignette_the_answers_the_key_and_the_steps() -> None:
    case = generate("wai-s", 7, "weak-bond")
    text = format_case(case)
    assert case.vignette.split()[0] in text and "seed 7, profile weak-bond" in text
    result = case.result
    assert f"Goal   {result.subscales['goal'].sum:>7}" in text
    assert f"{result.total.mean:.2f}" in text
    assert text.count("\n  ") >= len(result.steps)
    assert " 4* " in text  # WAI-S item 4 is reverse-keyed


def test_the_statistics_table_names_every_part() -> None:
    stats = SampleStats(get_form("wai-s"))
    for seed in range(5):
        result = generate("wai-s", seed).result
        stats.add({p: (s.sum, s.mean) for p, s in [*result.subscales.items(), ("total", result.total)]},
                  result.keyed)
    lines = format_stats(stats).splitlines()
    assert lines[0].startswith("summary for WAI-S (wai-s): 5 scored row(s)")
    assert [line.split()[0] for line in lines[2:]] == ["goal", "task", "bond", "total"]


def test_the_grading_report_in_each_format() -> None:
    case = generate("wai-s", 3)
    right = case.result.subscales["goal"].sum
    report = grade([{"student": "ana", "seed": "3", "goal_sum": str(right)},
                    {"student": "ben", "seed": "3", "goal_sum": str(right + 1)}], "wai-s")
    text = format_report(report, "text")
    assert "ana (seed 3, profile random): 1 of 1 correct" in text
    assert "ben (seed 3, profile random): 0 of 1 correct" in text and "WRONG" in text
    csv_text = format_report(report, "csv")
    assert csv_text.splitlines()[0].startswith("student,")
    assert '"students": 2' in format_report(report, "json").replace("\n", " ").replace("  ", " ")
    with pytest.raises(ScorerError, match="unknown format"):
        format_report(report, "xml")


def test_teaching_notes_name_the_flagged_subscale_and_the_rescaling() -> None:
    patient = score("wai-sr", [5] * 12)
    therapist = score("wai-t", [1 if i in get_form("wai-t").reverse else 4 for i in range(1, 37)])
    data = compare(patient, therapist).to_dict()
    notes = teaching_notes(data, patient.form, therapist.form)
    assert "converted to the 1–7 item-mean metric" in notes[0] and "approximate" in notes[0]
    assert "different item sets" in notes[1]
    assert any(note.startswith("Goal: the patient rated it") for note in notes)
    assert notes[-1].startswith("The 1-point flag is this site's teaching convention")
    assert "A gap is a prompt for a conversation" in notes[-1]
