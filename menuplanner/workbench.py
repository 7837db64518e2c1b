"""The workbench: menuplanner's public API for notebooks and scripts.

    from menuplanner import workbench
    wb = workbench.open()                 # $MENUPLANNER_DB or data/menuplanner.duckdb
    wb.tables()                           # what the database holds
    wb.sql("SELECT count(*) AS n FROM foods")          # read-only SQL, as a Polars frame
    wb.foods(group="0500")                # foods with nutrients per 100 g, as Polars
    wb.clients(); wb.menus(client="Maya Jensen (demo)")
    wb.adherence("Demo week")             # each day against the client's targets
    wb.adequacy("Vegan week")             # micronutrients against the client's DRIs
    wb.compare_clients()

A thin facade: every method loads through the store's ports and calls the services the
dashboard uses (menuplanner.services, menuplanner.nutrition); nothing here computes, it only
shapes results as Polars frames or domain objects.

Working next to the dashboard: every call opens the database file, works and closes it again
(about 15 ms), so the dashboard keeps working while a notebook runs, and each side sees the
other's saved changes at its next call or page update. When the dashboard is using the file at
that moment, a call waits (up to `wait` seconds, 10 by default) and then goes on. For many
calls in a row, `with wb.session():` keeps the file open across them (faster; the dashboard
waits meanwhile, so keep such blocks short).

Menus and clients are named by id or by name: `wb.adherence(12)` or
`wb.adherence("Week plan", client="Ana")` (the client is needed when two clients have a menu of
that name).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from menuplanner.domain.clients import Client
from menuplanner.domain.errors import ValidationFailed
from menuplanner.domain.menus import MenuItem
from menuplanner.domain.nutrients import NUTRIENTS
from menuplanner.nutrition.adherence import adherence_by_week
from menuplanner.ports import LOCAL_WORKSPACE, FoodCatalog, UnitOfWork
from menuplanner.ports_store import ReadModel, Store, StoreSession
from menuplanner.services import adequacy, analysis, tables
from menuplanner.services import clients as client_service
from menuplanner.services import menus as menu_service
from menuplanner.services.lookup import ClientRef, MenuRef, find_client, find_menu
from menuplanner.services.menus import MenuReport
from menuplanner.services.recalc import RecalcReport, recalculate
from menuplanner.store.duckdb.database import WAIT_SECONDS
from menuplanner.store.factory import open_store

if TYPE_CHECKING:
    import duckdb

    from menuplanner.imports.prepared import PreparedImport
    from menuplanner.services.imports import ImportOutcome

__all__ = ["RecalcReport", "Workbench", "adherence_by_week", "open", "recalculate"]

# What each table holds, for `tables()`.
TABLE_NOTES = {
    "meta": "build facts: layout version, build time",
    "datasets": "food-composition datasets (bundled USDA SR26, imports)",
    "food_groups": "food groups (USDA codes, e.g. 0500 poultry)",
    "nutrients": "the nutrient catalogue: key, name, unit",
    "foods": "foods: name, group, dataset, search text",
    "food_nutrients": "nutrient amount per 100 g of each food (long format)",
    "portions": "household measures of each food and their weight in grams",
    "food_tag_overrides": "your corrections of food tags (allergens, diets)",
    "clients": "clients: profile, allergies, diets, typed targets",
    "recipes": "recipes: name, servings",
    "recipe_ingredients": "ingredients of each recipe, with their grams",
    "menus": "menus: client, start date, days, meals",
    "menu_items": "items of each menu: day, meal, food or recipe, amount, grams",
    "dataset_imports": "how each imported dataset was read",
    "food_nutrient_notes": "notes on single imported values (energy source, below detection)",
    "planning_rules": "your meal rules and portion limits for menu generation",
    "food_prices": "food prices for menu generation",
    "reference_intakes": "Dietary Reference Intakes: RDA/AI and UL per life stage and nutrient",
    "reference_intake_notes": "how each nutrient's reference values are read (UL scope, notes)",
    "workspace_settings": "each workspace's settings (energy unit; patterns, handout names)",
}


def open(
    path: Path | str | None = None,
    *,
    workspace: str = LOCAL_WORKSPACE,
    wait: float = WAIT_SECONDS,
) -> Workbench:
    """The workbench on the database at `path` (default: $MENUPLANNER_DB, else
    data/menuplanner.duckdb), built from the bundled data first if there is none yet.
    Raises DatabaseError (one sentence) when the file cannot be used."""
    bench = Workbench(
        open_store(Path(path) if path else None, progress=print, wait=wait), workspace
    )
    with bench.session():  # fails now, with its reason, rather than at the first call
        pass
    return bench


class Workbench:
    """Opens the database for each call; see the module's docstring."""

    def __init__(self, store: Store, workspace: str = LOCAL_WORKSPACE) -> None:
        self.store = store
        self.workspace = workspace
        self._held: StoreSession | None = None

    def __repr__(self) -> str:
        return f"Workbench({self.store.describe()!r}, workspace={self.workspace!r})"

    # ------------------------------------------------------------------------------ access

    @contextlib.contextmanager
    def session(self) -> Iterator[Workbench]:
        """Keep the database open for the calls inside the block (the dashboard waits)."""
        if self._held is not None:
            yield self
            return
        with self.store.session() as held:
            self._held = held
            try:
                yield self
            finally:
                self._held = None

    @contextlib.contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A raw DuckDB connection for the block (read-write; closed after it). For queries,
        `sql` is simpler and safe."""
        with self._session() as held:
            if not hasattr(held, "connection"):
                raise ValidationFailed(
                    "wb.connection() gives the DuckDB file's own connection; this workbench "
                    f"is on {self.store.describe()}: use wb.sql() for queries."
                )
            yield held.connection

    def unit_of_work(self) -> UnitOfWork:
        """A unit of work for the services (menuplanner.services.*): open only inside its
        `with` block, rolled back unless committed."""
        if self._held is not None:
            return self._held.unit_of_work(self.workspace)
        return self.store.unit_of_work(self.workspace)

    def catalog(self) -> FoodCatalog:
        """The food catalog the services use (search, get, nutrients_per_100g, ...)."""
        if self._held is not None:
            return self._held.catalog(self.workspace)
        return self.store.catalog(self.workspace)

    # ------------------------------------------------------------------- the nutrition data

    def sql(self, query: str, params: Sequence | dict | None = None) -> pl.DataFrame:
        """Run a read-only query (SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN) and return
        its result as a Polars frame; `?` or `$name` placeholders take `params`. Statements that
        change anything are refused with ValidationFailed: change data through the services."""
        with self._read() as read:
            return read.sql(query, params)

    def tables(self) -> pl.DataFrame:
        """Every table and view: name, kind, rows (tables), columns, and what it holds."""
        with self._read() as read:
            listed = read.tables()
        holds = pl.col("name").replace_strict(TABLE_NOTES, default="").alias("holds")
        return listed.with_columns(holds).sort("kind", "name")

    def nutrients(self) -> pl.DataFrame:
        """The nutrient catalogue: key (the column name in every frame), name, unit, group."""
        return pl.DataFrame(
            [(n.key, n.name, n.unit, n.group.value, n.usda_number) for n in NUTRIENTS],
            schema=["nutrient", "name", "unit", "group", "usda_number"],
            orient="row",
        )

    def food_groups(self) -> pl.DataFrame:
        """Food groups with how many of the foods this workspace sees are in each."""
        with self.session(), self._read() as read:
            listed = self.catalog().groups()
            counts = read.food_counts_by_group()
        groups = pl.DataFrame(
            [(g.code, g.name) for g in listed], schema=["group_code", "group_name"], orient="row"
        )
        return (
            groups.join(counts, on="group_code", how="left")
            .with_columns(pl.col("foods").fill_null(0))
            .sort("group_code")
        )

    def foods(
        self,
        group: str | None = None,
        dataset: str | None = None,
        nutrients: Sequence[str] | None = None,
    ) -> pl.DataFrame:
        """One row per food: food_id, name, group_code, group_name, dataset, is_common (in
        USDA's dietary survey: a commonly eaten food), is_branded, then nutrients per 100 g
        (every one, or those keys), null where unknown. Filter by food group code ("0500") or
        dataset name. The shared foods and this workspace's imports only."""
        with self.session(), self._read() as read:
            names = read.foods(group, dataset)
            values = self.catalog().nutrients_per_100g(names["food_id"].to_list())
        if nutrients is not None:
            values = values.select("food_id", *nutrients)
        return names.join(values, on="food_id", how="left", maintain_order="left")

    def search_foods(self, text: str, limit: int = 25, group: str | None = None) -> pl.DataFrame:
        """Foods matching words in any order, best match first (the Foods page's search)."""
        page = self.catalog().search(text, group_code=group, limit=limit)
        return pl.DataFrame(
            [
                (h.food_id, h.name, h.group_code, h.group_name, h.dataset, h.portion_count)
                for h in page.hits
            ],
            schema=["food_id", "name", "group_code", "group_name", "dataset", "portions"],
            orient="row",
        )

    # ---------------------------------------------------------------------- clients, menus

    def clients(self) -> pl.DataFrame:
        """One row per client: profile, daily targets (null when the profile is incomplete:
        see `targets_problem`), and how many menus they have."""
        return tables.clients_frame(self.unit_of_work(), dt.date.today())

    def client(self, client: ClientRef) -> Client:
        """The client with this id or name (NotFound lists the names)."""
        with self.unit_of_work() as uow:
            return find_client(uow, client)

    def menus(self, client: ClientRef | None = None) -> pl.DataFrame:
        """One row per menu (of one client, or all): dates, items, and how its planned days
        sit against the client's targets (null when the client has no targets yet)."""
        with self.session():
            return tables.menus_frame(self.unit_of_work, client)

    def menu_report(self, menu: MenuRef, client: ClientRef | None = None) -> MenuReport:
        """Everything the menu builder shows, as frames: `.items` (one row per item),
        `.days` (day totals), `.adherence` (day × measure against targets), `.average` (the
        average planned day), `.violations` (by item id), `.targets`. Raises ValidationFailed
        when the client has no targets yet."""
        with self.session(), self.unit_of_work() as uow:
            return menu_service.report_in(uow, find_menu(uow, menu, client).menu_id)

    def adequacy(
        self, menu: MenuRef, client: ClientRef | None = None, week: bool = False
    ) -> pl.DataFrame:
        """Micronutrients against the client's Dietary Reference Intakes: per day × nutrient
        (or the week's average per nutrient, `week=True`) the amount, goal, kind (RDA, AI or
        own), pct of the goal, upper limit, status and coverage (missing values)."""
        with self.session(), self.unit_of_work() as uow:
            report = menu_service.report_in(uow, find_menu(uow, menu, client).menu_id)
            return adequacy.adequacy_frame(adequacy.adequacy_in(uow, report), week)

    def meal_check(self, menu: MenuRef, client: ClientRef | None = None) -> pl.DataFrame:
        """The meal check (planning/meal_check.py) of a menu: one row per finding (day, slot,
        rule, sentence): meals following no pattern, portions outside their range, meals too
        big, categories too often in a week, a main two days running. Empty: every meal
        passes."""
        from menuplanner.services import meal_check

        with self._session() as held:
            with (uow := held.unit_of_work(self.workspace)):
                menu_id = find_menu(uow, menu, client).menu_id
            _, findings = meal_check.check_menu(
                held.unit_of_work(self.workspace), held.planning(self.workspace), menu_id
            )
        return pl.DataFrame(
            [(f.day, f.slot, f.rule, f.sentence) for f in findings],
            schema={"day": pl.Int64, "slot": pl.String, "rule": pl.String, "sentence": pl.String},
            orient="row",
        )

    def day_totals(self, menu: MenuRef, client: ClientRef | None = None) -> pl.DataFrame:
        """Per day: date, items, grams, every nutrient, macro % of energy."""
        return self.menu_report(menu, client).days

    def adherence(self, menu: MenuRef, client: ClientRef | None = None) -> pl.DataFrame:
        """Per day × measure (energy, protein, carbohydrate, fat, fibre, sodium): actual,
        target, difference, and status ok / near / off (empty for days without food)."""
        return self.menu_report(menu, client).adherence

    def weekly_adherence(self, menu: MenuRef, client: ClientRef | None = None) -> pl.DataFrame:
        """Per calendar week (starting Monday) × measure: days counted, mean actual and target,
        and how many days were ok, near and off."""
        return adherence_by_week(self.adherence(menu, client))

    def client_days(self, client: ClientRef) -> pl.DataFrame:
        """Day totals of every menu of the client on one calendar (menu, date, nutrients,
        energy_target): for charts of macros over time."""
        with self.session():
            return analysis.client_days(self.unit_of_work(), client)

    def compare_clients(self, clients: Sequence[ClientRef] | None = None) -> pl.DataFrame:
        """Per client × measure, over every planned day of their menus: days counted, mean
        actual and target, `pct_of_target`, and days ok / near / off. Clients without targets
        or without planned days are left out."""
        with self.session():
            return analysis.compare_clients(self.unit_of_work(), clients)

    # -------------------------------------------------------------------------- changes

    def save_client(self, client: Client) -> int:
        """Add a client (client_id None) or update one, checked as the Clients page checks
        it; returns its id."""
        return client_service.save_client(self.unit_of_work(), client)

    def delete_client(self, client: ClientRef) -> None:
        """Delete the client and every menu planned for them."""
        client_service.delete_client(self.unit_of_work(), self.client(client).client_id)

    def create_menu(self, client: ClientRef, name: str, start: dt.date, days: int = 7) -> int:
        """A new empty menu for the client (the default meals); returns its id."""
        client_id = self.client(client).client_id
        return menu_service.create_menu(self.unit_of_work(), client_id, name, start, days)

    def add_food(
        self,
        menu: MenuRef,
        day: int,
        meal: str,
        food_id: int,
        quantity: float,
        unit: str = "g",
        client: ClientRef | None = None,
    ) -> MenuItem:
        """Add `quantity` `unit` of a food to a meal of day `day` (0 = the first day), exactly
        as the menu builder does; returns the item as placed."""
        with self.unit_of_work() as uow:
            menu_id = find_menu(uow, menu, client).menu_id
        return menu_service.add_food(
            self.unit_of_work(), menu_id, day, meal, food_id, quantity, unit
        )

    def recalc(self, *, dry_run: bool = False) -> RecalcReport:
        """See `menuplanner.services.recalc.recalculate`."""
        return recalculate(self.unit_of_work(), dry_run=dry_run)

    # -------------------------------------------------------------------------- imports

    def prepare_import(
        self,
        path: Path | str,
        *,
        dataset_name: str | None = None,
        version: str | None = None,
        licence: str | None = None,
    ) -> PreparedImport:
        """Read and check a nutrition file (a CSV/TSV/XLSX table, one row per food, or a
        FoodData Central download) exactly as the Import page does; nothing is written. The
        result's `.report` holds every problem (`.summary()`, `.table()`) and `.foods` the
        foods read."""
        from menuplanner.services import imports

        return imports.prepare_with_suggestions(
            Path(path), dataset_name=dataset_name, version=version, licence=licence
        )

    def commit_import(
        self, prepared: PreparedImport, *, skip_invalid: bool = False
    ) -> ImportOutcome:
        """Write a prepared import as one dataset, in one transaction. With problems in its
        report this is refused unless `skip_invalid=True` (import the valid foods only)."""
        from menuplanner.services import imports

        with self._session() as held:
            store = held.datasets(self.workspace)
            return imports.commit(store, prepared, skip_invalid=skip_invalid)

    def datasets(self) -> pl.DataFrame:
        """The food-composition datasets: the bundled USDA SR26 and every import."""
        from menuplanner.services import imports

        with self._session() as held:
            return imports.datasets_frame(held.datasets(self.workspace))

    # ---------------------------------------------------------------------------- helpers

    @contextlib.contextmanager
    def _session(self) -> Iterator[StoreSession]:
        if self._held is not None:
            yield self._held
            return
        with self.store.session() as held:
            yield held

    @contextlib.contextmanager
    def _read(self) -> Iterator[ReadModel]:
        with self._session() as held:
            yield held.read_model(self.workspace)
