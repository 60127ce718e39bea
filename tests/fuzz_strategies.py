"""Shared pieces of the fuzz tests: junk-value strategies, an independent scoring oracle, run counts.

The oracle scores from the reference key sheet (``tests/data/wai-keys.json``), not from
``scorer.forms``, and is written from the rules in ARCHITECTURE.md, so a fuzz test that compares
the scorer with it checks the scorer's numbers rather than repeating its code.

Budget: ``FUZZ_EXAMPLES`` (environment) sets hypothesis' ``max_examples`` for every fuzz test
(default: a few hundred, so ``make test`` stays quick); ``FUZZ_SUBPROCESS`` sets the number of CLI
subprocesses. Every test counts the cases it ran in ``COUNTS``; the test modules report the totals.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

DATA = Path(__file__).parent / "data"
FORM_IDS = ("wai", "wai-t", "wai-s", "wai-sr")
PARTS = ("goal", "task", "bond")
ANSWER_KEYS = tuple(f"{p}_{k}" for k in ("sum", "mean") for p in (*PARTS, "total"))
PROFILES = ("strong", "weak-bond", "goal-disagreement", "acquiescent", "random")
REFERENCE = {"wai": "wai_c36", "wai-t": "wai_t36", "wai-s": "wai_s_c", "wai-sr": "wai_sr_c"}
FLOAT_MAX = sys.float_info.max
SEED_MAX = 2**64 - 1

#: Cases run per test in this session (hypothesis replays and shrinks count too: they ran).
COUNTS: Counter[str] = Counter()


def examples(default: int) -> int:
    """``max_examples`` for one fuzz test: ``FUZZ_EXAMPLES`` when set, else ``default``."""
    return int(os.environ.get("FUZZ_EXAMPLES") or default)


def fuzz_settings(default: int) -> settings:
    return settings(
        max_examples=examples(default),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


def report_counts(request: Any, module: str, counts: Counter[str]) -> None:
    """Print the cases each test ran and keep them in pytest's cache (``wai/fuzz/<module>``)."""
    total = sum(counts.values())
    detail = ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))
    line = f"fuzz cases run in {module}: {total} ({detail})"
    cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider
    if cache is not None:
        cache.set(f"wai/fuzz/{module}", {"total": total, "tests": dict(counts)})
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and total:
        # Teardown output is captured; the summary belongs on the terminal.
        with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
            reporter.write_line("")
            reporter.write_line(line)


# ---------------------------------------------------------------------------------------------
# The reference key and an independent scorer


@dataclass(frozen=True)
class Key:
    form_id: str
    n: int
    lo: int
    hi: int
    subscales: dict[str, tuple[int, ...]]
    reverse: frozenset[int]


def _load_keys() -> dict[str, Key]:
    sheet = json.loads((DATA / "wai-keys.json").read_text(encoding="utf-8"))
    keys = {}
    for form_id, name in REFERENCE.items():
        entry = sheet[name]
        keys[form_id] = Key(
            form_id,
            entry["items"],
            entry["scale"]["min"],
            entry["scale"]["max"],
            {p: tuple(entry["subscales"][p]) for p in PARTS},
            frozenset(entry["reverse"]),
        )
    return keys


KEYS: dict[str, Key] = _load_keys()
RESPONDENT = {"wai": "patient", "wai-s": "patient", "wai-sr": "patient", "wai-t": "therapist"}


class Invalid(Exception):
    """The oracle's verdict: this input must be refused with a ``ScorerError``."""


def oracle_answer(key: Key, value: Any) -> int | None:
    """An answer as the contract allows it: ``None``, an int in range, or a whole float in range."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise Invalid("bool")
    if isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            raise Invalid("float")
        value = int(value)
    if type(value) is not int or not key.lo <= value <= key.hi:
        raise Invalid("value")
    return value


def oracle_responses(key: Key, responses: Any) -> tuple[int | None, ...]:
    if isinstance(responses, dict):
        values: list[int | None] = [None] * key.n
        for k, v in responses.items():
            if type(k) is not int or not 1 <= k <= key.n:
                raise Invalid("item number")
            values[k - 1] = oracle_answer(key, v)
        return tuple(values)
    if isinstance(responses, list | tuple):
        if len(responses) != key.n:
            raise Invalid("length")
        return tuple(oracle_answer(key, v) for v in responses)
    raise Invalid("type")


def oracle_max_missing(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise Invalid("max_missing")
    return float(value)


@dataclass(frozen=True)
class Part:
    sum: float | int | None
    mean: float | None
    answered: int
    items: int
    prorated: bool


def oracle_score(key: Key, values: tuple[int | None, ...], max_missing: float = 0.25) -> dict[str, Part]:
    """Goal, task, bond and total by the contract's rules, from the reference key."""
    keyed = [
        None if v is None else (key.lo + key.hi - v if i in key.reverse else v)
        for i, v in enumerate(values, start=1)
    ]
    out: dict[str, Part] = {}
    for name in PARTS:
        items = key.subscales[name]
        answered = [keyed[i - 1] for i in items if keyed[i - 1] is not None]
        missing = len(items) - len(answered)
        # "at most max_missing (a fraction) of its items are missing"; a float tolerance, as 0.3 of
        # 10 items means 3 even though 0.3 is a hair below 3/10 in binary.
        if answered and missing <= max_missing * len(items) + 1e-9:
            mean = sum(answered) / len(answered)
            total = sum(answered) if not missing else mean * len(items)
            out[name] = Part(total, mean, len(answered), len(items), missing > 0)
        else:
            out[name] = Part(None, None, len(answered), len(items), False)
    answered_all = sum(v is not None for v in values)
    if all(out[p].sum is not None for p in PARTS):
        total = sum(out[p].sum for p in PARTS)  # type: ignore[misc]
        out["total"] = Part(total, total / key.n, answered_all, key.n, any(out[p].prorated for p in PARTS))
    else:
        out["total"] = Part(None, None, answered_all, key.n, False)
    return out


def close(a: float | int | None, b: float | int | None, tol: float = 1e-9) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


def assert_result_matches(result: Any, key: Key, values: tuple[int | None, ...], max_missing: float) -> None:
    """``scorer.Result`` against the oracle: every number, flag, keyed value and the dict."""
    expected = oracle_score(key, values, max_missing)
    assert result.form_id == key.form_id
    assert tuple(result.responses) == values
    keyed = tuple(
        None if v is None else (key.lo + key.hi - v if i in key.reverse else v)
        for i, v in enumerate(values, start=1)
    )
    assert tuple(result.keyed) == keyed
    assert tuple(result.missing) == tuple(i for i, v in enumerate(values, start=1) if v is None)
    assert [tuple(r) for r in result.reversed] == [
        (i, v, key.lo + key.hi - v)
        for i, v in enumerate(values, start=1)
        if v is not None and i in key.reverse
    ]
    for name in (*PARTS, "total"):
        got = result.total if name == "total" else result.subscales[name]
        want = expected[name]
        assert close(got.sum, want.sum), (name, got, want)
        assert close(got.mean, want.mean), (name, got, want)
        assert (got.answered, got.items, got.prorated) == (want.answered, want.items, want.prorated), (
            name,
            got,
        )
        if want.sum is not None and not want.prorated:
            assert type(got.sum) is int, (name, got)  # a complete sum is exact
    data = result.to_dict()
    json.dumps(data, allow_nan=False)
    assert data["form"] == key.form_id
    assert data["scale"] == {"min": key.lo, "max": key.hi}
    assert data["responses"] == list(values)
    assert data["missing"] == list(result.missing)
    kinds = [s["kind"] for s in data["steps"]]
    assert kinds[:2] == ["reverse", "assign"]
    assert ("missing" in kinds) == any(v is None for v in values)


# ---------------------------------------------------------------------------------------------
# Strategies

# Past ~4300 digits even repr() fails (hypothesis could not show the example); the explicit
# regression tests cover those.
HUGE_INTS = st.sampled_from(
    [2**31, 2**53 + 1, 2**63, SEED_MAX, SEED_MAX + 1, -(2**64), 10**400, -(10**400), 10**4000, -(10**4000)]
)
ODD_FLOATS = st.sampled_from([math.nan, math.inf, -math.inf, -0.0, 0.5, 1e-320, 1e308, 4.0000000001, 7.0])


def scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(-3, 12),
        HUGE_INTS,
        st.floats(allow_nan=True, allow_infinity=True),
        ODD_FLOATS,
        st.fractions(),
        st.text(max_size=12),
        st.sampled_from(["", " ", "4", " 4 ", "4.0", "1e3", "NaN", "٤", "４", "\x00", "\ufeff4"]),
        st.binary(max_size=8),
        st.complex_numbers(max_magnitude=10),
    )


ODD_KEYS = st.one_of(
    st.integers(-2, 40),
    st.integers(),
    HUGE_INTS,
    st.text(max_size=6),
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True),
    st.tuples(st.integers(0, 3)),
    st.sampled_from(["1", "01", " 2", "goal_sum", "id"]),
)


def junk() -> st.SearchStrategy[Any]:
    """Anything: scalars of every kind and lists, tuples and dicts (odd keys) of them, nested."""
    return st.recursive(
        scalars(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=6),
            st.tuples(inner, inner),
            st.dictionaries(ODD_KEYS, inner, max_size=5),
        ),
        max_leaves=20,
    )


def json_junk() -> st.SearchStrategy[Any]:
    """Anything JSON can hold (what the browser can send), odd numbers included."""
    scalar = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from([10**300, -(10**300), SEED_MAX + 1]),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=12),
        st.sampled_from(["", "4", " 7 ", "-", "NA", "9" * 400, "1e400", "2026-01-31", "wai-s", "random"]),
    )
    return st.recursive(
        scalar,
        lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
        max_leaves=20,
    )


def answer(key: Key) -> st.SearchStrategy[Any]:
    """A valid answer for the form (a few missing)."""
    return st.one_of(
        st.integers(key.lo, key.hi),
        st.integers(key.lo, key.hi),
        st.integers(key.lo, key.hi).map(float),
        st.none(),
    )


def bad_answer(key: Key) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.integers(key.hi + 1, key.hi + 100),
        st.integers(-100, key.lo - 1),
        HUGE_INTS,
        st.booleans(),
        st.floats().filter(lambda x: not (math.isfinite(x) and x == int(x) and key.lo <= x <= key.hi)),
        st.text(max_size=4),
        st.binary(max_size=3),
        st.fractions(),
        st.lists(st.integers(1, 5), max_size=2),
    )


@st.composite
def responses(draw: st.DrawFn, key: Key) -> Any:
    """Responses for one form: valid lists, tuples and dicts, near misses, and junk."""
    kind = draw(st.sampled_from(["list", "list", "tuple", "dict", "mutated", "length", "odd-dict", "junk"]))
    n = key.n
    if kind in ("list", "tuple"):
        values = draw(st.lists(answer(key), min_size=n, max_size=n))
        return values if kind == "list" else tuple(values)
    if kind == "dict":
        return draw(st.dictionaries(st.integers(1, n), answer(key), max_size=n))
    if kind == "mutated":
        values = draw(st.lists(answer(key), min_size=n, max_size=n))
        values[draw(st.integers(0, n - 1))] = draw(bad_answer(key))
        return values
    if kind == "length":
        return draw(st.lists(answer(key), max_size=n + 3))
    if kind == "odd-dict":
        return draw(st.dictionaries(ODD_KEYS, st.one_of(answer(key), bad_answer(key)), max_size=6))
    return draw(junk())


def valid_values(key: Key) -> st.SearchStrategy[tuple[int | None, ...]]:
    return st.lists(answer(key), min_size=key.n, max_size=key.n).map(
        lambda vs: tuple(None if v is None else int(v) for v in vs)
    )


def complete_values(key: Key) -> st.SearchStrategy[tuple[int, ...]]:
    return st.lists(st.integers(key.lo, key.hi), min_size=key.n, max_size=key.n).map(tuple)


FORMS = st.sampled_from(FORM_IDS)
ODD_FORMS = st.one_of(FORMS, FORMS, st.sampled_from(["WAI", " wai", "wai-x", "", "wai-s\x00"]), junk())
