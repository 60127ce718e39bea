"""Fast row scorer for CSV streams: what ``wai-score score`` runs on every input row.

``RowScorer`` reads a header once and precomputes, for its form and column layout, everything a
row needs, so that scoring a complete row costs a handful of C-level operations:

* the item cells are joined with commas and encoded (``"4,7,1,..."``), or, for a physical line
  without quotes whose columns are ``[id,] item...``, the line text after the id is used as it
  is (no CSV parsing at all); one ``bytes.translate`` plus one comparison checks in a single step
  that every cell is exactly one allowed digit;
* the bytes become one big integer (``int.from_bytes``), one byte per cell; masks and a constant
  apply reverse keying to all cells at once (``min + max − raw`` per byte, without borrows because
  every byte was checked), and a subscale's sum is its masked bytes added up, which is the masked
  integer modulo 255 (256 ≡ 1 mod 255; a subscale sum stays below 255);
* sums index precomputed output strings (no float formatting per row).

Any other row (a missing answer, spaces, ``+3``, a bad value, a scale with two-digit answers) takes
the general path: convert each cell, then ``scorer.score``, so missing answers follow exactly the
same rule as everywhere else and bad values get the same messages. Tests check that both paths
give the numbers of ``scorer.score``.

Output numbers: sums are written as integers when whole (pro-rated sums can be fractional: four
decimals), means always with four decimals; a value that cannot be scored is an empty CSV cell or
JSON ``null``. A row without an ``id`` column is identified by its input line number.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from typing import Any

from .answers import PARTS
from .csv_rows import (
    OUTPUT_COLUMNS,
    SCORE_COLUMNS,
    CsvRecords,
    Scores,
    format_csv_row,
    format_json_row,
    format_mean,
    format_sum,
)
from .csvsafe import safe_text
from .errors import ScorerError
from .forms import SUBSCALES, Form, get_form
from .scoring import DEFAULT_MAX_MISSING, score

__all__ = [
    "OUTPUT_COLUMNS",
    "SCORE_COLUMNS",
    "CsvRecords",
    "RowScorer",
    "format_csv_row",
    "format_json_row",
    "format_mean",
    "format_sum",
    "score_text",
]


_ITEM_COLUMN = re.compile(r"item(\d+)")
_WHOLE = re.compile(r"[+-]?[0-9]+")
_MAX_DIGITS = 9  # longer numbers are out of any range; int() of thousands of digits would refuse


def _show(text: str, limit: int = 40) -> str:
    """A cell or column name for a message: quoted, escaped, and cut short when long."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"... ({len(text)} characters)"

_BYTE_SUM_LIMIT = 255  # a subscale's keyed-minus-min sum must stay below this (see module doc)


def _normalise(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().lower()


class RowScorer:
    """Scores CSV rows for one form, given the file's header row.

    A bad header raises ``ScorerError``. ``score_row`` scores one row (list of cell strings) and
    raises ``ScorerError`` for a bad row; ``stream_csv`` is the tight loop the CLI uses.
    """

    def __init__(self, form: Form | str, header: Sequence[str], *, max_missing: float = DEFAULT_MAX_MISSING):
        self.form = form if isinstance(form, Form) else get_form(form)
        self.max_missing = max_missing
        self.n_columns = len(header)
        form = self.form
        n = form.n_items
        label = f"{form.short_name} ({form.id})"

        positions: dict[int, int] = {}
        self.id_index: int | None = None
        for col, raw_name in enumerate(header):
            name = _normalise(raw_name)
            if name == "id":
                if self.id_index is not None:
                    raise ScorerError("the header has more than one 'id' column")
                self.id_index = col
                continue
            match = _ITEM_COLUMN.fullmatch(name)
            if not match:
                continue  # other columns are ignored
            digits = match.group(1)
            number = int(digits) if len(digits) <= _MAX_DIGITS else n + 1
            if not 1 <= number <= n:
                raise ScorerError(
                    f"column {_show(raw_name)}: the {label} has items 1-{n} only (is --form right?)"
                )
            if number in positions:
                raise ScorerError(f"the header names item{number} twice")
            positions[number] = col
        if not positions:
            raise ScorerError(
                f"the header has no item columns: the first line must name the columns item1..item{n} "
                f"(and optionally id)"
            )
        absent = [i for i in range(1, n + 1) if i not in positions]
        if absent:
            names = ", ".join(f"item{i}" for i in absent[:8]) + (", ..." if len(absent) > 8 else "")
            raise ScorerError(f"the header lacks {names}: the {label} needs item1..item{n}")

        self.item_columns: tuple[int, ...] = tuple(positions[i] for i in range(1, n + 1))
        cols = sorted(self.item_columns)  # cells are picked in file order
        self._items_in_file_order = [self.item_columns.index(c) + 1 for c in cols]
        if cols == list(range(cols[0], cols[0] + n)):
            self._pick: Callable[[Sequence[str]], Sequence[str]] = itemgetter(slice(cols[0], cols[0] + n))
        else:
            self._pick = itemgetter(*cols) if n > 1 else (lambda row: (row[cols[0]],))
        # Line layout: the columns are the items (any order), optionally preceded by id.
        first_item = 0 if self.id_index is None else 1
        self._line_layout = self.id_index in (None, 0) and cols == list(range(first_item, first_item + n)) \
            and self.n_columns == first_item + n
        self._fast = self._fast_tables()

    # -- precomputation ----------------------------------------------------------------------

    def _fast_tables(self) -> dict[str, Any] | None:
        """Masks and strings for the fast path, or ``None`` when it does not apply."""
        form = self.form
        lo, hi = form.scale.min, form.scale.max
        widths = [len(items) * (hi - lo) for items in form.subscales.values()]
        if lo < 0 or hi > 9 or max(widths) >= _BYTE_SUM_LIMIT or form.n_items < 2:
            return None
        n = form.n_items
        zero = ord("0")

        def at(j: int) -> int:
            return 16 * j  # cell j's digit is byte 2j (little-endian); the comma is byte 2j + 1

        shape = bytearray(256)
        for v in range(lo, hi + 1):
            shape[zero + v] = 1
        shape[ord(",")] = 2
        shape[ord("\n")] = 3
        shape[ord("\r")] = 4
        pattern = bytes([1, 2] * (n - 1) + [1])
        straight = rev = plus = rev_const = 0
        masks = dict.fromkeys(SUBSCALES, 0)
        for j, item in enumerate(self._items_in_file_order):
            if item in form.reverse:
                rev |= 0xFF << at(j)
                rev_const += (zero + hi) << at(j)
            else:
                straight |= 0xFF << at(j)
                plus += (zero + lo) << at(j)
            masks[form.subscale_of(item)] |= 0xFF << at(j)
        tables: dict[str, Any] = {
            "shape": bytes(shape), "pattern": pattern, "pattern_lf": pattern + b"\x03",
            "pattern_crlf": pattern + b"\x04\x03", "straight": straight, "rev": rev,
            "offset": rev_const - plus, "masks": tuple(masks[name] for name in SUBSCALES),
            "base": tuple(len(form.subscales[name]) * lo for name in SUBSCALES),
            "plus_min": bytes((b + lo) & 0xFF for b in range(256)),  # keyed − min -> keyed
            "keyed_order": itemgetter(*(2 * self._items_in_file_order.index(i) for i in range(1, n + 1))),
        }
        # Output strings indexed by (sum − minimum possible sum).
        for name in PARTS:
            k = n if name == "total" else len(form.subscales[name])
            sums = range(k * lo, k * hi + 1)
            tables[name + "_sum"] = [str(s) for s in sums]
            tables[name + "_mean"] = [format_mean(s / k) for s in sums]
        return tables

    # -- one row -----------------------------------------------------------------------------

    def _check_width(self, row: Sequence[str]) -> None:
        if len(row) != self.n_columns:
            raise ScorerError(f"expected {self.n_columns} columns as in the header, found {len(row)}")

    def row_id(self, row: Sequence[str], line: int) -> str:
        """The ``id`` cell, or the input line number when the file has no id column."""
        if self.id_index is None:
            return str(line)
        ident = row[self.id_index]
        if not ident.isascii():
            try:
                ident.encode("utf-8")
            except UnicodeEncodeError:
                raise ScorerError("the id cell is not valid UTF-8 text") from None
        return ident

    def convert(self, row: Sequence[str]) -> tuple[int | None, ...]:
        """The raw answers in item order (``None`` for an empty cell); range is checked by ``score``."""
        self._check_width(row)
        form = self.form
        values: list[int | None] = []
        for item, col in enumerate(self.item_columns, start=1):
            cell = row[col].strip()
            if not cell:
                values.append(None)
            elif cell.isascii() and _WHOLE.fullmatch(cell):
                if len(cell.lstrip("+-")) > _MAX_DIGITS:
                    raise ScorerError(
                        f"{form.short_name} ({form.id}) item {item}: answer {_show(cell)} is outside the "
                        f"allowed range {form.scale.describe()}"
                    )
                values.append(int(cell))
            else:
                raise ScorerError(
                    f"{form.short_name} ({form.id}) item {item}: answer {_show(cell)} is not a whole number; "
                    f"allowed answers are {form.scale.describe()}"
                )
        return tuple(values)

    def _fast_offsets(self, row: Sequence[str]) -> int | None:
        """The fast path's packed keyed values (one byte per cell), or ``None`` for the general path."""
        t = self._fast
        if t is None or len(row) != self.n_columns:
            return None
        text = ",".join(self._pick(row))
        if not text.isascii():
            return None
        data = text.encode()
        if data.translate(t["shape"]) != t["pattern"]:
            return None
        x = int.from_bytes(data, "little")
        return (x & t["straight"]) - (x & t["rev"]) + t["offset"]

    def score_row(self, row: Sequence[str]) -> tuple[Scores, tuple[int | None, ...]]:
        """The eight numbers (``SCORE_COLUMNS`` order) and the keyed answers in item order."""
        packed = self._fast_offsets(row)
        if packed is not None:
            t = self._fast
            assert t is not None
            sums = [(packed & m) % 255 + b for m, b in zip(t["masks"], t["base"], strict=True)]
            total = sum(sums)
            form = self.form
            means = [s / len(form.subscales[name]) for s, name in zip(sums, SUBSCALES, strict=True)]
            keyed = t["keyed_order"](packed.to_bytes(2 * form.n_items, "little").translate(t["plus_min"]))
            scores: Scores = (*sums, total, *means, total / form.n_items)
            return scores, keyed
        result = score(self.form, self.convert(row), max_missing=self.max_missing)
        parts = [result.subscales[name] for name in SUBSCALES] + [result.total]
        scores = (*(p.sum for p in parts), *(p.mean for p in parts))  # type: ignore[assignment]
        return scores, result.keyed

    def scores(self, row: Sequence[str]) -> Scores:
        return self.score_row(row)[0]

    # -- streams -----------------------------------------------------------------------------

    def iter_rows(
        self, records: CsvRecords, on_error: Callable[[int, str], None]
    ) -> Iterator[tuple[str, Scores, tuple[int | None, ...]]]:
        """``(id, scores, keyed)`` per good row; bad rows go to ``on_error(line, reason)``."""
        for row in records:
            if not row:
                continue  # a blank line is not a row
            line = records.line_num
            try:
                self._check_width(row)
                ident = self.row_id(row, line)
                scores, keyed = self.score_row(row)
            except ScorerError as exc:
                on_error(line, str(exc))
                continue
            yield ident, scores, keyed

    def stream_csv(
        self,
        records: CsvRecords,
        write: Callable[[str], object],
        on_error: Callable[[int, str], None],
        *,
        chunk: int = 512,
    ) -> None:
        """Score every remaining record and ``write`` CSV output lines (no header) in chunks.

        This loop is the hot spot of ``wai-score score``. A physical line without a quote
        character is one CSV record whose cells are exactly its comma-separated parts (what
        ``csv.reader`` makes of it), so such a line is scored from its text: when the columns
        are ``[id,] item...`` (any item order) straight from the line, otherwise from its
        ``split(",")``. Every other record goes through ``csv`` and ``score_row``. A
        ``csv.Error`` propagates after the rows before it were written; calling again goes on
        with the next record.
        """
        t = self._fast
        if t is None:
            for row_ident, scores, _ in self.iter_rows(records, on_error):
                write(format_csv_row(row_ident, scores))
            return
        shape, pattern = t["shape"], t["pattern"]
        patterns = (t["pattern_lf"], t["pattern_crlf"], pattern)  # line ends: \n, \r\n, none
        straight, rev, offset = t["straight"], t["rev"], t["offset"]
        mg, mt, mb = t["masks"]
        gs, ts, bs, tots = t["goal_sum"], t["task_sum"], t["bond_sum"], t["total_sum"]
        gm, tm, bm, totm = t["goal_mean"], t["task_mean"], t["bond_mean"], t["total_mean"]
        line_layout, id_index, width, pick = self._line_layout, self.id_index, self.n_columns, self._pick
        id_first = id_index == 0
        join, from_bytes = ",".join, int.from_bytes
        general = self._general_csv_line
        buf: list[str] = []
        add = buf.append
        pending = 0
        ident: str | None = None
        line_no = records.line_num
        lines = records.lines
        try:
            for line in lines:
                line_no += 1
                if '"' not in line:
                    row = None
                    if line.isascii():
                        if line_layout:
                            if id_first:
                                ident, _, rest = line.partition(",")
                            else:
                                ident, rest = None, line
                            data = rest.encode()
                            ok = data.translate(shape) in patterns
                        else:
                            row = line.rstrip("\r\n").split(",")
                            ok = False
                            if len(row) == width:
                                data = join(pick(row)).encode()
                                ok = data.translate(shape) == pattern
                                ident = None if id_index is None else row[id_index]
                        if ok:
                            x = from_bytes(data, "little")
                            k = (x & straight) - (x & rev) + offset
                            g = (k & mg) % 255
                            s = (k & mt) % 255
                            b = (k & mb) % 255
                            a = g + s + b
                            ident = str(line_no) if ident is None else safe_text(ident)
                            add(f"{ident},{gs[g]},{ts[s]},{bs[b]},{tots[a]},{gm[g]},{tm[s]},{bm[b]},{totm[a]}\n")
                            pending += 1
                            if pending >= chunk:
                                write("".join(buf))
                                buf.clear()
                                pending = 0
                            continue
                    if row is None:
                        row = line.rstrip("\r\n").split(",")
                    if row == [""]:
                        continue  # a blank line is not a row
                else:
                    records.line_num = line_no
                    row = records.quoted_record(line)
                    line_no = records.line_num
                    if not row:
                        continue
                # Everything else (missing answers, bad cells, quoted fields...): the general path.
                text = general(row, line_no, on_error)
                if text:
                    add(text)
                    pending += 1
                    if pending >= chunk:
                        write("".join(buf))
                        buf.clear()
                        pending = 0
        finally:  # also on a CSV syntax error, which the caller reports before going on
            records.line_num = line_no
            if buf:
                write("".join(buf))

    def _general_csv_line(self, row: list[str], line: int, on_error: Callable[[int, str], None]) -> str:
        try:
            self._check_width(row)
            ident = self.row_id(row, line)
            scores, _ = self.score_row(row)
        except ScorerError as exc:
            on_error(line, str(exc))
            return ""
        return format_csv_row(ident, scores)


def score_text(form_id: str, text: str) -> tuple[str, list[tuple[int, str]]]:
    """Score a whole CSV text in memory (for small inputs and tests): output CSV and errors."""
    records = CsvRecords(io.StringIO(text, newline=""))
    header = next(records)
    rows = RowScorer(form_id, header)
    out: list[str] = [",".join(OUTPUT_COLUMNS) + "\n"]
    errors: list[tuple[int, str]] = []
    rows.stream_csv(records, out.append, lambda line, reason: errors.append((line, reason)))
    return "".join(out), errors
