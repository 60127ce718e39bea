"""Sample statistics as a small fixed-width table for people (``wai-score score --summary``)."""

from __future__ import annotations

from ..core.answers import PARTS
from ..core.numbers import mean
from ..core.stats import SampleStats

__all__ = ["format_stats"]


def format_stats(stats: SampleStats) -> str:
    """A small fixed-width table for people (the CLI writes it to stderr)."""

    def num(x: float | None, digits: int = 4) -> str:
        return mean(x, digits=digits, none="-")

    data = stats.to_dict()
    lines = [
        f"summary for {stats.form.short_name} ({stats.form.id}): {stats.rows} scored row(s); "
        f"mean and SD on the item-mean metric ({stats.form.scale.min}-{stats.form.scale.max})",
        f"{'scale':<6} {'n':>8} {'mean':>8} {'sd':>8} {'sum_mean':>9} {'sum_sd':>8} "
        f"{'alpha':>7} {'alpha_n':>8}",
    ]
    for name in PARTS:
        d = data[name]
        lines.append(
            f"{name:<6} {d['n']:>8} {num(d['mean']):>8} {num(d['sd']):>8} {num(d['sum_mean'], 2):>9} "
            f"{num(d['sum_sd'], 2):>8} {num(d['alpha'], 3):>7} {d['alpha_n']:>8}"
        )
    return "\n".join(lines)
