"""The workbench: menuplanner's public API for notebooks and scripts.

    from menuplanner import workbench
    wb = workbench.open()                 # $MENUPLANNER_DB or data/menuplanner.duckdb
    wb.tables()                           # what the database holds
    wb.sql("SELECT count(*) AS n FROM foods")          # read-only SQL, as a Polars frame
    wb.foods(group="0500")                # foods with nutrients per 100 g, as Polars
    wb.clients(); wb.menus(client="Maya Jensen (demo)")
    wb.adherence("Demo week")             # each day against the client's targets
    wb.compare_clients()

Everything is computed by the same services the dashboard uses (menuplanner.services,
menuplanner.nutrition); nothing here re-implements a calculation, it only loads, calls and
shapes the results as Polars frames.

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
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import polars as pl

from menuplanner import setup
from menuplanner.domain import units
from menuplanner.domain.clients import Client
from menuplanner.domain.errors import MenuplannerError, NotFound, ValidationFailed
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.nutrients import NUTRIENTS
from menuplanner.nutrition import adherence as adherence_rules
from menuplanner.ports import LOCAL_WORKSPACE, FoodCatalog, UnitOfWork
from menuplanner.services import clients as client_service
from menuplanner.services import dashboard
from menuplanner.services import menus as menu_service
from menuplanner.services.menus import MenuReport
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.database import WAIT_SECONDS, Database
from menuplanner.store.duckdb.foods import SEEN_BY, VISIBLE_FOODS, DuckDBFoodCatalog
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork

if TYPE_CHECKING:
    from menuplanner.imports.prepared import PreparedImport
    from menuplanner.services.imports import ImportOutcome

__all__ = ["RecalcReport", "Workbench", "open", "recalculate"]

MenuRef = int | str
ClientRef = int | str
# Statements `sql` runs: queries only (SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN).
_READ_ONLY = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


def open(
    path: Path | str | None = None,
    *,
    workspace: str = LOCAL_WORKSPACE,
    wait: float = WAIT_SECONDS,
) -> Workbench:
    """The workbench on the database at `path` (default: $MENUPLANNER_DB, else
    data/menuplanner.duckdb), built from the bundled data first if there is none yet.
    Raises DatabaseError (one sentence) when the file cannot be used."""
    path = Path(path).expanduser() if path is not None else database.default_path()
    if not path.exists():
        setup.build_database(path, progress=print)
    bench = Workbench(Database(path, wait), workspace)
    with bench.connection():  # fails now, with its reason, rather than at the first call
        pass
    return bench


class Workbench:
    """Opens the database for each call; see the module's docstring."""

    def __init__(self, database: Database, workspace: str = LOCAL_WORKSPACE) -> None:
        self.database = database
        self.workspace = workspace
        self._held: duckdb.DuckDBPyConnection | None = None

    def __repr__(self) -> str:
        return f"Workbench({str(self.path)!r}, workspace={self.workspace!r})"

    @property
    def path(self) -> Path:
        return self.database.path

    # ------------------------------------------------------------------------------ access

    @contextlib.contextmanager
    def session(self) -> Iterator[Workbench]:
        """Keep the database open for the calls inside the block (the dashboard waits)."""
        if self._held is not None:
            yield self
            return
        with self.database.session() as conn:
            self._held = conn
            try:
                yield self
            finally:
                self._held = None

    @contextlib.contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A raw DuckDB connection for the block (read-write; closed after it). For queries,
        `sql` is simpler and safe."""
        if self._held is not None:
            yield self._held
            return
        with self.database.session() as conn:
            yield conn

    def unit_of_work(self) -> UnitOfWork:
        """A unit of work for the services (menuplanner.services.*): open only inside its
        `with` block, rolled back unless committed."""
        if self._held is not None:
            return DuckDBUnitOfWork(self._held, self.workspace)
        return self.database.unit_of_work(self.workspace)

    def catalog(self) -> FoodCatalog:
        """The food catalog the services use (search, get, nutrients_per_100g, ...)."""
        if self._held is not None:
            return DuckDBFoodCatalog(self._held, self.workspace)
        return self.database.catalog(self.workspace)

    # ------------------------------------------------------------------- the nutrition data

    def sql(self, query: str, params: Sequence | dict | None = None) -> pl.DataFrame:
        """Run a read-only query (SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN) and return
        its result as a Polars frame; `?` or `$name` placeholders take `params`. Statements that
        change anything are refused with ValidationFailed: change data through the services."""
        with self.connection() as conn:
            try:
                statements = conn.extract_statements(query)
            except duckdb.Error as error:
                reason = _first_line(error)
                raise ValidationFailed(f"This query cannot be read: {reason}.") from None
            if len(statements) != 1:
                raise ValidationFailed(f"Give one query at a time, not {len(statements)}.")
            if statements[0].type not in _READ_ONLY:
                kind = statements[0].type.name
                raise ValidationFailed(
                    f"sql() only runs queries, not {kind} statements; change data through the "
                    "services (or wb.connection() if you really must)."
                )
            cursor = conn.cursor()
            try:
                cursor.execute("BEGIN TRANSACTION")
                return cursor.sql(query, params=params).pl()
            finally:
                cursor.execute("ROLLBACK")
                cursor.close()

    def tables(self) -> pl.DataFrame:
        """Every table and view: name, kind, rows (tables), columns, and what it holds."""
        with self.connection() as conn:
            listed = conn.sql(
                "SELECT table_name AS name, 'table' AS kind, estimated_size AS rows, "
                "column_count AS columns FROM duckdb_tables() "
                "WHERE database_name = current_database() UNION ALL "
                "SELECT view_name, 'view', NULL, column_count FROM duckdb_views() "
                "WHERE database_name = current_database() AND NOT internal"
            ).pl()
            # Table names come from DuckDB's own catalogue, quoted as identifiers.
            counts = {
                name: conn.execute("SELECT count(*) FROM " + _identifier(name)).fetchone()[0]
                for name in listed.filter(pl.col("kind") == "table")["name"]
            }
        return listed.with_columns(
            pl.col("name")
            .replace_strict(counts, default=None, return_dtype=pl.Int64)
            .alias("rows"),
            pl.col("name").replace_strict(TABLE_NOTES, default="").alias("holds"),
        ).sort("kind", "name")

    def nutrients(self) -> pl.DataFrame:
        """The nutrient catalogue: key (the column name in every frame), name, unit, group."""
        return pl.DataFrame(
            [(n.key, n.name, n.unit, n.group.value, n.usda_number) for n in NUTRIENTS],
            schema=["nutrient", "name", "unit", "group", "usda_number"],
            orient="row",
        )

    def food_groups(self) -> pl.DataFrame:
        """Food groups with how many of the foods this workspace sees are in each."""
        groups = pl.DataFrame(
            [(g.code, g.name) for g in self.catalog().groups()],
            schema=["group_code", "group_name"],
            orient="row",
        )
        counts = self.sql(
            "SELECT group_code, count(*) AS foods FROM foods WHERE food_id IN ("
            + VISIBLE_FOODS
            + ") GROUP BY group_code",
            [self.workspace],
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
        where, params = [SEEN_BY], [self.workspace]
        if group is not None:
            where.append("f.group_code = ?")
            params.append(group)
        if dataset is not None:
            where.append("lower(d.name) = lower(?)")
            params.append(dataset)
        query = (
            "SELECT f.food_id, f.name, f.group_code, g.group_name, d.name AS dataset, "
            "f.is_common, f.is_branded FROM foods f "
            "JOIN food_groups g USING (group_code) JOIN datasets d USING (dataset_id)"
            + " WHERE "
            + " AND ".join(where)
            + " ORDER BY f.food_id"
        )
        with self.connection() as conn:
            names = conn.sql(query, params=params).pl()
            values = DuckDBFoodCatalog(conn, self.workspace).nutrients_per_100g(names["food_id"])
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
        today = dt.date.today()
        rows = client_service.overview(self.unit_of_work(), today)
        return pl.DataFrame([_client_row(row) for row in rows], schema=_CLIENT_SCHEMA, orient="row")

    def client(self, client: ClientRef) -> Client:
        """The client with this id or name (NotFound lists the names)."""
        with self.unit_of_work() as uow:
            return _find_client(uow, client)

    def menus(self, client: ClientRef | None = None) -> pl.DataFrame:
        """One row per menu (of one client, or all): dates, items, and how its planned days
        sit against the client's targets (null when the client has no targets yet)."""
        with self.session():
            with self.unit_of_work() as uow:
                clients = {c.client_id: c for c in uow.clients.list()}
                only = _find_client(uow, client).client_id if client is not None else None
                menus = uow.menus.list(only)
            summaries = {s.menu_id: s for s in dashboard.overview(self.unit_of_work()).menus}
        rows = [_menu_row(m, clients[m.client_id].name, summaries.get(m.menu_id)) for m in menus]
        frame = pl.DataFrame(rows, schema=_MENU_SCHEMA, orient="row")
        return frame.sort("client", "first_day", "menu_id")

    def menu_report(self, menu: MenuRef, client: ClientRef | None = None) -> MenuReport:
        """Everything the menu builder shows, as frames: `.items` (one row per item),
        `.days` (day totals), `.adherence` (day × measure against targets), `.average` (the
        average planned day), `.violations` (by item id), `.targets`. Raises ValidationFailed
        when the client has no targets yet."""
        with self.session(), self.unit_of_work() as uow:
            menu_id = _find_menu(uow, menu, client).menu_id
            return menu_service.report_in(uow, menu_id)

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
        frames = []
        with self.session(), self.unit_of_work() as uow:
            found = _find_client(uow, client)
            for menu in uow.menus.list(found.client_id):
                report = menu_service.report_in(uow, menu.menu_id)
                energy = {d: t.energy_kcal for d, t in report.day_targets.items()}
                frames.append(
                    report.days.with_columns(
                        pl.lit(menu.name).alias("menu"),
                        pl.col("day")
                        .replace_strict(energy, return_dtype=pl.Float64)
                        .alias("energy_target"),
                    )
                )
        if not frames:
            raise NotFound(f"{found.name} has no menu yet.")
        return pl.concat(frames).sort("date", "menu")

    def compare_clients(self, clients: Sequence[ClientRef] | None = None) -> pl.DataFrame:
        """Per client × measure, over every planned day of their menus: days counted, mean
        actual and target, `pct_of_target`, and days ok / near / off. Clients without targets
        or without planned days are left out."""
        frames = []
        with self.session(), self.unit_of_work() as uow:
            chosen = (
                [_find_client(uow, c) for c in clients]
                if clients is not None
                else uow.clients.list()
            )
            for found in chosen:
                days = []
                for menu in uow.menus.list(found.client_id):
                    try:
                        days.append(menu_service.report_in(uow, menu.menu_id).adherence)
                    except ValidationFailed:  # no targets: nothing to compare against
                        break
                if days:
                    summary = adherence_rules.weekly_adherence(pl.concat(days))
                    frames.append(summary.with_columns(pl.lit(found.name).alias("client")))
        if not frames:
            return pl.DataFrame()
        return (
            pl.concat(frames)
            .filter(pl.col("days_counted") > 0)
            .with_columns(
                (100.0 * pl.col("mean_actual") / pl.col("mean_target")).alias("pct_of_target")
            )
            .select("client", pl.exclude("client"))
        )

    # -------------------------------------------------------------------------- changes

    def save_client(self, client: Client) -> int:
        """Add a client (client_id None) or update one, checked as the Clients page checks
        it; returns its id."""
        return client_service.save_client(self.unit_of_work(), client)

    def delete_client(self, client: ClientRef) -> None:
        """Delete the client and every menu planned for them."""
        with self.unit_of_work() as uow:
            client_id = _find_client(uow, client).client_id
        client_service.delete_client(self.unit_of_work(), client_id)

    def create_menu(self, client: ClientRef, name: str, start: dt.date, days: int = 7) -> int:
        """A new empty menu for the client (the default meals); returns its id."""
        with self.unit_of_work() as uow:
            client_id = _find_client(uow, client).client_id
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
            menu_id = _find_menu(uow, menu, client).menu_id
        return menu_service.add_food(
            self.unit_of_work(), menu_id, day, meal, food_id, quantity, unit
        )

    def recalc(self, *, dry_run: bool = False) -> RecalcReport:
        """See `recalculate`."""
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

        source = imports.open_file(Path(path))
        if source.kind != "table":
            return imports.prepare(
                source, dataset_name=dataset_name, version=version, licence=licence
            )
        raw = imports.read_table(source)
        return imports.prepare(
            source,
            raw=raw,
            mapping=imports.suggest_mapping(raw),
            dataset_name=dataset_name,
            version=version,
            licence=licence,
        )

    def commit_import(
        self, prepared: PreparedImport, *, skip_invalid: bool = False
    ) -> ImportOutcome:
        """Write a prepared import as one dataset, in one transaction. With problems in its
        report this is refused unless `skip_invalid=True` (import the valid foods only)."""
        from menuplanner.services import imports
        from menuplanner.store.duckdb.datasets import DuckDBDatasetStore

        with self.connection() as conn:
            return imports.commit(
                DuckDBDatasetStore(conn, self.workspace), prepared, skip_invalid=skip_invalid
            )

    def datasets(self) -> pl.DataFrame:
        """The food-composition datasets: the bundled USDA SR26 and every import."""
        from menuplanner.store.duckdb.datasets import DuckDBDatasetStore

        with self.connection() as conn:
            records = DuckDBDatasetStore(conn, self.workspace).list()
        return pl.DataFrame(
            [
                (
                    r.dataset_id,
                    r.name,
                    r.version,
                    r.food_count,
                    r.nutrient_value_count,
                    r.portion_count,
                    r.imported_at,
                    r.is_bundled,
                )
                for r in records
            ],
            schema=[
                "dataset_id",
                "name",
                "version",
                "foods",
                "nutrient_values",
                "portions",
                "imported_at",
                "bundled",
            ],
            orient="row",
        )


def adherence_by_week(day_adherence: pl.DataFrame) -> pl.DataFrame:
    """nutrition.adherence.weekly_adherence for each calendar week (Monday first) of a
    day × measure adherence frame; `week` is the Monday."""
    weeks = day_adherence.with_columns(pl.col("date").dt.truncate("1w").alias("week"))
    frames = [
        adherence_rules.weekly_adherence(part).with_columns(pl.lit(week).alias("week"))
        for (week,), part in weeks.partition_by("week", as_dict=True).items()
    ]
    return pl.concat(frames).select("week", pl.exclude("week")).sort("week", maintain_order=True)


# ----------------------------------------------------------------------------------- recalc


@dataclass
class RecalcReport:
    """What `recalculate` found: items and ingredients checked and changed, and the ones whose
    household measure the food no longer has (left as they were, each as a sentence)."""

    menu_items: int = 0
    menu_items_changed: int = 0
    ingredients: int = 0
    ingredients_changed: int = 0
    problems: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed(self) -> int:
        return self.menu_items_changed + self.ingredients_changed


def recalculate(uow: UnitOfWork, *, dry_run: bool = False) -> RecalcReport:
    """Recompute the grams stored for every food amount in recipes and menus from the foods'
    current household measures, after an import updated them (nutrition totals are computed
    from these grams). One transaction; with `dry_run`, report without saving."""
    report = RecalcReport(dry_run=dry_run)
    with uow:
        for recipe in uow.recipes.list():
            foods = uow.foods.get_many([i.food_id for i in recipe.ingredients])
            fresh = []
            for ingredient in recipe.ingredients:
                report.ingredients += 1
                where = f"Recipe {recipe.name!r}"
                grams = _grams(
                    foods,
                    ingredient.food_id,
                    ingredient.quantity,
                    ingredient.unit,
                    ingredient.grams,
                    where,
                    report,
                )
                fresh.append(replace(ingredient, grams=grams))
                report.ingredients_changed += grams != ingredient.grams
            if fresh != recipe.ingredients:
                recipe.ingredients = fresh
                uow.recipes.update(recipe)
        for menu in uow.menus.list():
            if _recalc_menu(uow, menu, report):
                uow.menus.update(menu)
        if not dry_run:
            uow.commit()
    return report


def _recalc_menu(uow: UnitOfWork, menu: Menu, report: RecalcReport) -> bool:
    food_items = [i for i in menu.items if i.kind == ItemKind.FOOD]
    foods = uow.foods.get_many([i.ref_id for i in food_items])
    changed = False
    for index, item in enumerate(menu.items):
        if item.kind != ItemKind.FOOD:
            continue
        report.menu_items += 1
        where = f"Menu {menu.name!r}, day {item.day + 1}, {item.slot}"
        grams = _grams(foods, item.ref_id, item.quantity, item.unit, item.grams, where, report)
        if grams != item.grams:
            menu.items[index] = replace(item, grams=grams)
            report.menu_items_changed += 1
            changed = True
    return changed


def _grams(foods, food_id, quantity, unit, stored, where, report) -> float | None:
    food = foods.get(food_id)
    if food is None:
        report.problems.append(f"{where}: food {food_id} is no longer in the database.")
        return stored
    try:
        grams = units.to_grams(quantity, unit, food.portions)
    except MenuplannerError as error:
        report.problems.append(f"{where}: {food.name}: {error}")
        return stored
    # Float noise is no change: only a measure that really weighs differently now counts.
    return stored if stored is not None and math.isclose(grams, stored, rel_tol=1e-9) else grams


# ---------------------------------------------------------------------------------- helpers

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
}

_CLIENT_SCHEMA = {
    "client_id": pl.Int64,
    "name": pl.String,
    "sex": pl.String,
    "age": pl.Int64,
    "height_cm": pl.Float64,
    "weight_kg": pl.Float64,
    "activity": pl.String,
    "goal": pl.String,
    "allergies": pl.List(pl.String),
    "diets": pl.List(pl.String),
    "energy_kcal": pl.Float64,
    "protein_g": pl.Float64,
    "carbohydrate_g": pl.Float64,
    "fat_g": pl.Float64,
    "fibre_min_g": pl.Float64,
    "sodium_max_mg": pl.Float64,
    "targets": pl.String,
    "targets_problem": pl.String,
    "menus": pl.Int64,
    "is_demo": pl.Boolean,
}

_MENU_SCHEMA = {
    "menu_id": pl.Int64,
    "client_id": pl.Int64,
    "client": pl.String,
    "menu": pl.String,
    "first_day": pl.Date,
    "last_day": pl.Date,
    "days": pl.Int64,
    "items": pl.Int64,
    "days_planned": pl.Int64,
    "days_on_target": pl.Int64,
    "average_kcal": pl.Float64,
    "target_kcal": pl.Float64,
    "violations": pl.Int64,
    "is_demo": pl.Boolean,
}


def _client_row(row: client_service.ClientRow) -> tuple:
    c, targets = row.client, row.targets.targets
    values = (
        (
            targets.energy_kcal,
            targets.protein_g,
            targets.carbohydrate_g,
            targets.fat_g,
            targets.fibre_min_g,
            targets.sodium_max_mg,
        )
        if targets
        else (None,) * 6
    )
    how = None if targets is None else ("typed" if row.targets.typed else "from profile")
    return (
        c.client_id,
        c.name,
        c.sex.value,
        row.age,
        c.height_cm,
        c.weight_kg,
        c.activity.value,
        c.goal.value,
        sorted(a.value for a in c.allergies),
        sorted(d.value for d in c.diets),
        *values,
        how,
        row.targets.problem,
        row.menu_count,
        c.is_demo,
    )


def _menu_row(menu: Menu, client: str, summary: dashboard.MenuSummary | None) -> tuple:
    judged = (
        (
            summary.days_planned,
            summary.days_on_target,
            summary.average_kcal,
            summary.target_kcal,
            summary.violations,
        )
        if summary
        else (None,) * 5
    )
    return (
        menu.menu_id,
        menu.client_id,
        client,
        menu.name,
        menu.date_of(0),
        menu.date_of(menu.days - 1),
        menu.days,
        len(menu.items),
        *judged,
        menu.is_demo,
    )


def _find_client(uow: UnitOfWork, client: ClientRef) -> Client:
    if isinstance(client, int) and not isinstance(client, bool):
        return uow.clients.get(client)
    clients = uow.clients.list()
    wanted = str(client).strip().casefold()
    for found in clients:
        if found.name.casefold() == wanted:
            return found
    names = ", ".join(repr(c.name) for c in clients) or "none yet"
    raise NotFound(f"There is no client named {str(client)!r}; the clients are: {names}.")


def _find_menu(uow: UnitOfWork, menu: MenuRef, client: ClientRef | None = None) -> Menu:
    if isinstance(menu, int) and not isinstance(menu, bool):
        return uow.menus.get(menu)
    only = _find_client(uow, client).client_id if client is not None else None
    menus = uow.menus.list(only)
    wanted = str(menu).strip().casefold()
    matches = [m for m in menus if m.name.casefold() == wanted]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ValidationFailed(
            f"{len(matches)} clients have a menu named {str(menu)!r}; give the client too "
            "(client=...) or the menu's id."
        )
    names = ", ".join(sorted({repr(m.name) for m in menus})) or "none yet"
    raise NotFound(f"There is no menu named {str(menu)!r}; the menus are: {names}.")


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0].rstrip(".")


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
