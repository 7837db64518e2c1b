"""Micronutrient adequacy of a menu as a use case: the client's goals (their life stage's
Dietary Reference Intakes with the dietitian's changes), each day and the week's average
against them, coverage, and the items that give most of each nutrient."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from menuplanner.domain.clients import Client
from menuplanner.domain.dri import LifeStage
from menuplanner.domain.menus import ItemKind, Menu
from menuplanner.domain.nutrient_goals import ResolvedGoal, client_stage, resolve, stage_sentence
from menuplanner.nutrition import adequacy
from menuplanner.ports import UnitOfWork
from menuplanner.services.menus import MenuReport, report_in


@dataclass(frozen=True)
class MenuAdequacy:
    menu: Menu
    client: Client
    stage: LifeStage | None
    stage_sentence: str  # "Life stage: Females 31–50 y (…)" or what is missing for one
    goals: list[ResolvedGoal]  # in display order
    days: pl.DataFrame  # adequacy.adequacy_by_day: day × nutrient
    week: pl.DataFrame  # adequacy.week_adequacy: the average planned day, per nutrient
    amounts: pl.DataFrame  # item × nutrient (adequacy.item_amounts), for top contributors

    def of_day(self, day: int) -> pl.DataFrame:
        return self.days.filter(pl.col("day") == day)

    def with_status(self, *statuses: str) -> list[str]:
        """Names of the nutrients whose week average has one of `statuses`, in order."""
        return self.week.filter(pl.col("status").is_in(statuses))["name"].to_list()

    def contributors(self, nutrient: str, day: int | None = None, n: int = 3) -> pl.DataFrame:
        return adequacy.top_contributors(self.amounts, nutrient, day, n)

    @property
    def goal_by_nutrient(self) -> dict[str, ResolvedGoal]:
        return {g.nutrient: g for g in self.goals}


def menu_adequacy(uow: UnitOfWork, menu_id: int, today: dt.date | None = None) -> MenuAdequacy:
    with uow:
        return adequacy_in(uow, report_in(uow, menu_id, today), today)


def adequacy_in(uow: UnitOfWork, report: MenuReport, today: dt.date | None = None) -> MenuAdequacy:
    """The adequacy of a report's menu, through a unit of work that is already open."""
    today = today or dt.date.today()
    menu, client = report.menu, report.client
    goals = resolve(client, uow.intakes.table(), today)
    nutrients = list(dict.fromkeys([g.nutrient for g in goals] + [g.upper_measure for g in goals]))
    recipes = uow.recipes.get_many([i.ref_id for i in menu.items if i.kind == ItemKind.RECIPE])
    food_ids = [i.ref_id for i in menu.items if i.kind == ItemKind.FOOD]
    food_ids += [ing.food_id for r in recipes.values() for ing in r.ingredients]
    per_100g = uow.foods.nutrients_per_100g(list(dict.fromkeys(food_ids)))
    coverage = adequacy.item_coverage(menu, recipes, per_100g, nutrients)
    amounts = adequacy.item_amounts(report.items, coverage, nutrients)
    days = adequacy.adequacy_by_day(amounts, goals, menu.days)
    return MenuAdequacy(
        menu,
        client,
        client_stage(client, today),
        stage_sentence(client, today),
        goals,
        days,
        adequacy.week_adequacy(days),
        amounts,
    )


def adequacy_frame(found: MenuAdequacy, week: bool = False) -> pl.DataFrame:
    """For notebooks: one row per day (from 1) × nutrient, or per nutrient for the week's
    average (`day` null): amount, goal, kind (RDA, AI or own), pct (of the goal), upper,
    upper_kind, status, complete and coverage ("unknown for 2 of 31 items, 24 % of the
    energy", "" when complete)."""
    rows = (
        found.week.with_columns(pl.lit(None, dtype=pl.Int32).alias("day"))
        if week
        else (found.days.with_columns(pl.col("day") + 1))
    )
    dates = {d + 1: found.menu.date_of(d) for d in range(found.menu.days)}
    coverage = (
        pl.when(pl.col("unknown_items") > 0)
        .then(
            pl.format(
                "unknown for {} of {} items, {} % of the energy",
                "unknown_items",
                "items",
                pl.col("unknown_energy_pct").round(0).cast(pl.Int64),
            )
        )
        .otherwise(pl.lit(""))
    )
    return rows.select(
        "day",
        pl.col("day").replace_strict(dates, default=None, return_dtype=pl.Date).alias("date"),
        "nutrient",
        "name",
        "unit",
        "amount",
        "goal",
        "kind",
        "pct",
        "upper",
        "upper_kind",
        "status",
        "complete",
        coverage.alias("coverage"),
    )
