"""How each day of a menu compares with the client's targets, and the week in summary."""

from __future__ import annotations

import polars as pl

from menuplanner.domain.menus import Menu
from menuplanner.domain.nutrients import CARBOHYDRATE, ENERGY, FAT, FIBRE, PROTEIN, SODIUM
from menuplanner.domain.targets import Targets

# measure (a day_totals column), the Targets field that bounds it, and how it bounds it.
MEASURES: tuple[tuple[str, str, str], ...] = (
    (ENERGY, "energy_kcal", "target"),
    (PROTEIN, "protein_g", "target"),
    (CARBOHYDRATE, "carbohydrate_g", "target"),
    (FAT, "fat_g", "target"),
    (FIBRE, "fibre_min_g", "minimum"),
    (SODIUM, "sodium_max_mg", "maximum"),
)
# kind → (ok, near) limits in % of the target: a target within ±10 % is ok, ±20 % near; a
# minimum is ok when reached and near down to 80 %; a maximum ok up to it, near up to 120 %.
BANDS = {"target": (10.0, 20.0), "minimum": (0.0, 20.0), "maximum": (0.0, 20.0)}
_TOLERANCE_PCT = 1e-6  # float noise from summing grams must not flip a status at a boundary
# One mark per status, as the dashboard, the week grid and the generate results show them.
STATUS_MARKS = {"ok": "✓", "near": "~", "off": "✗", "empty": "·"}
STATUS_LEGEND = "✓ within 10 % of the target · ~ within 20 % · ✗ further off"

_TARGET_SCHEMA = {"day": pl.Int32, "measure": pl.String, "kind": pl.String, "target": pl.Float64}


def targets_by_day(menu: Menu, default: Targets) -> dict[int, Targets]:
    """The client's targets for every day of the menu, with the menu's own per-day overrides."""
    return {day: menu.day_targets.get(day, default) for day in range(menu.days)}


def day_vs_targets(day_totals: pl.DataFrame, targets_for_day: dict[int, Targets]) -> pl.DataFrame:
    """Long format, one row per day × measure: day, [date], measure, kind, actual, target,
    diff, diff_pct, status ("ok" | "near" | "off", "empty" on days without energy).

    Only days present in both `day_totals` and `targets_for_day` are compared.
    """
    measures = [measure for measure, _, _ in MEASURES]
    index = [c for c in ("day", "date") if c in day_totals.columns]
    # day_energy rides along on every measure's row: it decides whether the day is empty.
    actual = day_totals.select(*index, pl.col(ENERGY).alias("day_energy"), *measures).unpivot(
        on=measures, index=[*index, "day_energy"], variable_name="measure", value_name="actual"
    )
    compared = _targets_long(targets_for_day).join(
        actual.with_columns(pl.col("day").cast(pl.Int32)),
        on=["day", "measure"],
        how="inner",
        maintain_order="left",
    )
    diff = pl.col("actual") - pl.col("target")
    return (
        compared.with_columns(
            diff=diff,
            diff_pct=pl.when(pl.col("target") != 0).then(100.0 * diff / pl.col("target")),
        )
        .with_columns(status=_status())
        .select(*index, "measure", "kind", "actual", "target", "diff", "diff_pct", "status")
    )


def weekly_adherence(adherence: pl.DataFrame) -> pl.DataFrame:
    """Per measure (MEASURES order): kind, days_counted, mean_actual, mean_target, days_ok,
    days_near, days_off. Empty days are left out, as in the menu average; means are null when
    no day has food."""
    planned = pl.col("status") != "empty"
    summary = adherence.group_by("measure", "kind").agg(
        planned.sum().cast(pl.Int64).alias("days_counted"),
        pl.col("actual").filter(planned).mean().alias("mean_actual"),
        pl.col("target").filter(planned).mean().alias("mean_target"),
        *(
            (pl.col("status") == status).sum().cast(pl.Int64).alias(f"days_{status}")
            for status in ("ok", "near", "off")
        ),
    )
    order = pl.DataFrame({"measure": [measure for measure, _, _ in MEASURES]})
    return order.join(summary, on="measure", how="inner", maintain_order="left")


def adherence_by_week(day_adherence: pl.DataFrame) -> pl.DataFrame:
    """nutrition.adherence.weekly_adherence for each calendar week (Monday first) of a
    day × measure adherence frame; `week` is the Monday."""
    weeks = day_adherence.with_columns(pl.col("date").dt.truncate("1w").alias("week"))
    frames = [
        weekly_adherence(part).with_columns(pl.lit(week).alias("week"))
        for (week,), part in weeks.partition_by("week", as_dict=True).items()
    ]
    return pl.concat(frames).select("week", pl.exclude("week")).sort("week", maintain_order=True)


def within_tolerance(kind: str, diff_pct: float | None, tolerance_pct: float) -> bool:
    """A measure of a generated day meets its target at `tolerance_pct`: a target within ± it,
    a minimum reached, a maximum kept (float noise aside)."""
    pct = diff_pct or 0.0
    if kind == "target":
        return abs(pct) <= tolerance_pct + 1e-9
    return pct >= -1e-9 if kind == "minimum" else pct <= 1e-9


def _targets_long(targets_for_day: dict[int, Targets]) -> pl.DataFrame:
    rows = [
        (day, measure, kind, float(getattr(targets_for_day[day], field)))
        for day in sorted(targets_for_day)
        for measure, field, kind in MEASURES
    ]
    return pl.DataFrame(rows, schema=_TARGET_SCHEMA, orient="row")


def _status() -> pl.Expr:
    # With a target of 0 there is no percentage: 0 eaten is on target, anything else far off.
    rel = (
        pl.when(pl.col("target") != 0)
        .then(pl.col("diff_pct"))
        .when(pl.col("actual") == 0)
        .then(0.0)
        .otherwise(float("inf"))
    )
    kind = pl.col("kind")
    ok = pl.any_horizontal((kind == k) & _within(k, rel, lim) for k, (lim, _) in BANDS.items())
    near = pl.any_horizontal((kind == k) & _within(k, rel, lim) for k, (_, lim) in BANDS.items())
    return (
        pl.when(pl.col("day_energy") == 0)
        .then(pl.lit("empty"))
        .when(ok)
        .then(pl.lit("ok"))
        .when(near)
        .then(pl.lit("near"))
        .otherwise(pl.lit("off"))
    )


def _within(kind: str, rel_pct: pl.Expr, limit_pct: float) -> pl.Expr:
    limit = limit_pct + _TOLERANCE_PCT
    if kind == "target":
        return rel_pct.abs() <= limit
    if kind == "minimum":
        return rel_pct >= -limit
    return rel_pct <= limit  # maximum


_SEVERITY = {"empty": 0, "ok": 1, "near": 2, "off": 3}


def worst_status_by_day(compared: pl.DataFrame) -> list[str]:
    """Each day's worst status over its measures, in day order, from `day_vs_targets`: a day
    is on target ("ok") only when every measure is."""
    by_day = (
        compared.group_by("day")
        .agg(pl.col("status").replace_strict(_SEVERITY, return_dtype=pl.Int8).max().alias("worst"))
        .sort("day")
    )
    names = {v: k for k, v in _SEVERITY.items()}
    return [names[w] for w in by_day["worst"]]
