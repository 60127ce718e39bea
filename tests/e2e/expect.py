"""What the page should show, computed by the scorer in the test process (never hard-coded)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

import scorer

ROWS = ("goal", "task", "bond", "total")


def random_responses(form_id: str, seed: int) -> list[int]:
    """Answers that make reverse-keying matter: some reversed item is not at the scale's midpoint."""
    form = scorer.get_form(form_id)
    rng = random.Random(seed)
    while True:
        values = [rng.randint(form.scale.min, form.scale.max) for _ in form.items]
        if not form.reverse or any(form.keyed(n, values[n - 1]) != values[n - 1] for n in form.reverse):
            return values


def expected_rows(form_id: str, responses: Sequence[int | None]) -> dict[str, dict[str, Any]]:
    data = scorer.score(form_id, list(responses)).to_dict()
    rows = dict(data["subscales"])
    rows["total"] = data["total"]
    return rows


def unreversed_sums(form_id: str, responses: Sequence[int]) -> dict[str, int]:
    """The sums a student gets who forgets to reverse-key: raw answers added up per subscale."""
    form = scorer.get_form(form_id)
    sums = {name: sum(responses[n - 1] for n in items) for name, items in form.subscales.items()}
    sums["total"] = sum(sums.values())
    return sums


def assert_table_matches(shown: Mapping[str, Mapping[str, float | None]],
                         expected: Mapping[str, Mapping[str, Any]]) -> None:
    """Sums exactly (pro-rated ones to the two decimals shown), means to the two decimals shown."""
    assert set(ROWS) <= set(shown), f"results table rows: {sorted(shown)}"
    for row in ROWS:
        want, got = expected[row], shown[row]
        assert {"sum", "mean"} <= set(got), f"{row}: columns {sorted(got)}"
        if want["sum"] is None:
            assert got["sum"] is None and got["mean"] is None, (row, got)
            continue
        assert got["sum"] is not None and got["mean"] is not None, (row, got)
        assert round(got["sum"], 2) == round(float(want["sum"]), 2), (row, "sum", got, want)
        assert round(got["mean"], 2) == round(float(want["mean"]), 2), (row, "mean", got, want)
