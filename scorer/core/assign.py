"""Assignments: one reproducible practice case per student, with its link and answer key.

Seeds are derived, not drawn: ``seed = FNV-1a-64("wai-assign|<key>|<form>|<profile>|<student>") mod
1,000,000``. The same roster, form, profile and key give the same seeds on every run and in the browser
(plain integer arithmetic, no ``random``, no ``hashlib``), so an educator can regenerate the answer key
from the roster at any time. The key (a salt such as ``pt101-week3``) keeps two assignments on the
same form from reusing the same cases; without one the seeds depend only on the student id.
If two students of one roster get the same seed (about one chance in 200 for a class of 100), the
later one in the roster is re-derived with ``#1``, ``#2``, ... appended to the text hashed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .answers import ANSWER_KEYS
from .cases import PROFILES, generate
from .csvsafe import safe_row
from .errors import ScorerError
from .forms import get_form

__all__ = [
    "CSV_COLUMNS",
    "SEED_RANGE",
    "Assignment",
    "assign",
    "assignments_csv",
    "case_link",
    "parse_roster",
    "roster_from_count",
    "seed_for",
]

SEED_RANGE = 1_000_000
CSV_COLUMNS: tuple[str, ...] = ("student", "form", "profile", "seed", "link", *ANSWER_KEYS)
_FNV_OFFSET = 0xCBF29CE484222325
_FNV_PRIME = 0x100000001B3
_MASK64 = (1 << 64) - 1
_HEADER_NAMES = frozenset({"student", "student_id", "student id", "id", "name"})
MAX_STUDENTS = 2000


def _fnv1a(text: str) -> int:
    value = _FNV_OFFSET
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * _FNV_PRIME) & _MASK64
    return value


def seed_for(student: str, *, form_id: str, profile: str = "random", key: str = "", attempt: int = 0) -> int:
    """The case seed for one student (see the module docstring for the formula)."""
    text = f"wai-assign|{key}|{form_id}|{profile}|{student}"
    if attempt:
        text += f"#{attempt}"
    return _fnv1a(text) % SEED_RANGE


def case_link(form_id: str, seed: int, profile: str) -> str:
    """The practice page's link path, relative to the site root."""
    return f"practice/cases/?form={form_id}&seed={seed}&profile={profile}"


@dataclass(frozen=True)
class Assignment:
    student: str
    form_id: str
    profile: str
    seed: int
    key: dict[str, float | int | None]

    @property
    def link(self) -> str:
        return case_link(self.form_id, self.seed, self.profile)

    def row(self, base_url: str = "") -> dict[str, Any]:
        """A CSV/JSON row: answer-key means rounded to two decimals, ``None`` for not scorable."""
        out: dict[str, Any] = {
            "student": self.student, "form": self.form_id, "profile": self.profile, "seed": self.seed,
            "link": _join(base_url, self.link),
        }
        for name in ANSWER_KEYS:
            value = self.key[name]
            out[name] = value if value is None or isinstance(value, int) else round(value, 2)
        return out


def _join(base_url: str, path: str) -> str:
    if not base_url:
        return path
    return base_url.rstrip("/") + "/" + path


def _csv_rows(reader: Any, where: str) -> Iterator[list[str]]:
    """The reader's rows; a CSV syntax error (e.g. a field past csv's size limit) is a ``ScorerError``."""
    try:
        yield from reader
    except csv.Error as exc:
        raise ScorerError(f"{where}:{reader.line_num}: not valid CSV ({exc})") from None


def parse_roster(text: str, *, where: str = "roster") -> list[str]:
    """Student ids from a CSV/text roster: the first column of each row; blank rows are skipped.

    A first row whose first cell is ``student``, ``student_id``, ``id`` or ``name`` is a header.
    Duplicate ids are an error (two students would share one case and one row of the key).
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    students: list[str] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(_csv_rows(reader, where), start=1):
        cells = [c.strip() for c in row]
        if not cells or not cells[0]:
            if any(cells):
                raise ScorerError(f"{where}:{line}: the first column (the student id) is empty")
            continue
        student = cells[0]
        if not students and not seen and student.lower() in _HEADER_NAMES:
            seen[student] = -line  # a header, not a student
            continue
        if student in seen and seen[student] > 0:
            raise ScorerError(
                f"{where}:{line}: student {student!r} is listed twice (first on line {seen[student]})"
            )
        seen[student] = line
        students.append(student)
    if not students:
        raise ScorerError(f"{where}: no student ids found (one id per line, in the first column)")
    if len(students) > MAX_STUDENTS:
        raise ScorerError(f"{where}: {len(students)} students; at most {MAX_STUDENTS} per assignment")
    return students


def roster_from_count(count: Any) -> list[str]:
    """Anonymous ids ``student-01`` ... for a class given only as a number."""
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_STUDENTS:
        raise ScorerError(
            f"the number of students must be a whole number from 1 to {MAX_STUDENTS}, not {count!r}"
        )
    width = max(2, len(str(count)))
    return [f"student-{n:0{width}d}" for n in range(1, count + 1)]


def assign(
    students: Sequence[str], form_id: str, *, profile: str = "random", key: str = ""
) -> list[Assignment]:
    """One case per student, in roster order, with distinct seeds."""
    form = get_form(form_id)
    if profile not in PROFILES:
        raise ScorerError(f"unknown profile {profile!r}; known profiles: {', '.join(PROFILES)}")
    if not isinstance(key, str):
        raise ScorerError("the assignment key must be text")
    used: set[int] = set()
    out: list[Assignment] = []
    for student in students:
        if not isinstance(student, str) or not student.strip():
            raise ScorerError(f"student ids must be non-empty text, not {student!r}")
        attempt = 0
        seed = seed_for(student, form_id=form.id, profile=profile, key=key)
        while seed in used:
            attempt += 1
            seed = seed_for(student, form_id=form.id, profile=profile, key=key, attempt=attempt)
        used.add(seed)
        result = generate(form.id, seed, profile).result
        parts = {**result.subscales, "total": result.total}
        answer_key: dict[str, float | int | None] = {}
        for name in ANSWER_KEYS:
            part, kind = name.split("_")
            answer_key[name] = getattr(parts[part], kind)
        out.append(Assignment(student, form.id, profile, seed, answer_key))
    return out


def assignments_csv(assignments: Iterable[Assignment], *, base_url: str = "") -> str:
    """CSV with ``CSV_COLUMNS``; blank answer-key cells mean not scorable."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for assignment in assignments:
        writer.writerow(safe_row({k: ("" if v is None else v) for k, v in assignment.row(base_url).items()}))
    return buffer.getvalue()
