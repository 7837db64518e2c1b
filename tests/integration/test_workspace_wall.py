"""The wall between workspaces, on a real database file: the practice's dietitian "north" has a
client, a recipe, a menu, an imported dataset (a tiny CSV through the import service), a tag
correction, a food rule and a price. From "south", through the services and through the command
line, every attempt to read, change, delete, export or generate north's rows, to find north's
imported food, or to use north's food or recipe in south's menus fails; north's rows are as they
were; and the refusal does not say that the row exists: it reads exactly as the refusal of an id
(or name) that exists nowhere. South's lists hold nothing of north's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from menuplanner import cli
from menuplanner.cli.common import WORKSPACE_ENV
from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.errors import MenuplannerError
from menuplanner.domain.menus import ItemKind
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.domain.tags import Tag
from menuplanner.planning.meals import MealKind
from menuplanner.planning.settings import GenerateSettings
from menuplanner.services import clients as client_service
from menuplanner.services import dashboard, imports, planning_rules
from menuplanner.services import export as export_service
from menuplanner.services import foods as food_service
from menuplanner.services import generate as generate_service
from menuplanner.services import menus as menu_service
from menuplanner.services import recipes as recipe_service
from menuplanner.store.duckdb import database
from menuplanner.store.duckdb.datasets import DuckDBDatasetStore
from menuplanner.store.duckdb.menu_exchange import DuckDBExchangeUnitOfWork
from menuplanner.store.duckdb.planning import DuckDBPlanningStore
from menuplanner.store.duckdb.store import DuckDBStore
from menuplanner.store.duckdb.uow import DuckDBUnitOfWork
from menuplanner.workbench import Workbench

NORTH, SOUTH = "north", "south"
BUTTER = 1001
NOWHERE_ID = 987_654_321
NOWHERE_NAME = "Zed Nowhere"
MONDAY = dt.date(2025, 3, 3)
NORA = Client("Nora North", Sex.FEMALE, birth_year=1985, height_cm=165.0, weight_kg=60.0)
SAM = Client("Sam South", Sex.MALE, birth_year=1980, height_cm=180.0, weight_kg=80.0)
DATASET = "North pantry"
CSV = (
    "Food code,Food name,Food group,Energy (kcal),Protein (g),Total fat (g),Carbohydrate (g),"
    "Dietary fibre (g),Sodium (mg)\n"
    'N001,"Ruiskorppu, rye crispbread",Cereals,350,10.0,2.5,68.0,15.0,400\n'
    'N002,"Puolukkasurvos, lingonberry crush",Fruit,60,0.5,0.5,13.0,3.0,2\n'
)


@dataclasses.dataclass(frozen=True)
class World:
    path: Path
    client: int  # north's
    menu: int
    recipe: int
    dataset: int
    food: int  # north's imported crispbread
    south_client: int
    south_menu: int
    menu_file: bytes  # north's menu, exported by north

    @property
    def db(self) -> database.Database:
        return database.Database(self.path)

    def uow(self, workspace: str) -> DuckDBUnitOfWork:
        return self.db.unit_of_work(workspace)

    def of(self, kind: str) -> int:
        return getattr(self, kind)


def in_session(path: Path, work: Callable[..., object]) -> object:
    """`work(conn)` on the file, opened for it alone."""
    with database.Database(path).session() as conn:
        return work(conn)


def planning(path: Path, workspace: str, work: Callable[..., object]) -> object:
    """`work(unit of work, planning store)` of one workspace, on one opening of the file."""
    return in_session(
        path,
        lambda conn: work(
            DuckDBUnitOfWork(conn, workspace), DuckDBPlanningStore(conn.cursor(), workspace)
        ),
    )


@pytest.fixture(scope="module")
def north_and_south(built_database: Path, tmp_path_factory: pytest.TempPathFactory) -> World:
    folder = tmp_path_factory.mktemp("wall")
    path = folder / "menuplanner.duckdb"
    shutil.copy(built_database, path)
    db = database.Database(path)
    client = client_service.save_client(db.unit_of_work(NORTH), NORA)
    csv = folder / "north-pantry.csv"
    csv.write_text(CSV, encoding="utf-8")
    prepared = imports.prepare(imports.open_file(csv), dataset_name=DATASET)
    in_session(
        path,
        lambda conn: imports.commit(DuckDBDatasetStore(conn, NORTH), prepared, skip_invalid=False),
    )
    dataset = next(
        d.dataset_id
        for d in in_session(path, lambda conn: DuckDBDatasetStore(conn, NORTH).list())
        if d.name == DATASET
    )
    food = db.catalog(NORTH).search("ruiskorppu").hits[0].food_id
    recipe = recipe_service.save(
        db.unit_of_work(NORTH),
        Recipe(
            "North porridge", 1.0, [recipe_service.ingredient(db.catalog(NORTH), food, 40, "g")]
        ),
    )
    menu = menu_service.create_menu(db.unit_of_work(NORTH), client, "North week", MONDAY, days=2)
    menu_service.add_food(db.unit_of_work(NORTH), menu, 0, "Breakfast", food, 40, "g")
    menu_service.add_recipe(db.unit_of_work(NORTH), menu, 0, "Lunch", recipe, 1.0)
    food_service.correct_tags(db.unit_of_work(NORTH), food, frozenset({Tag.GLUTEN}))
    planning(
        path,
        NORTH,
        lambda uow, store: (
            planning_rules.set_price(uow, store, food, 4.5),
            planning_rules.set_food_rule(
                uow, store, ItemKind.FOOD, food, frozenset({MealKind.BREAKFAST}), 20.0, 60.0
            ),
        ),
    )
    menu_file = export_service.menu_json(db.unit_of_work(NORTH), menu)
    south_client = client_service.save_client(db.unit_of_work(SOUTH), SAM)
    south_menu = menu_service.create_menu(
        db.unit_of_work(SOUTH), south_client, "South week", MONDAY, days=2
    )
    return World(path, client, menu, recipe, dataset, food, south_client, south_menu, menu_file)


@pytest.fixture
def world(north_and_south: World, tmp_path: Path) -> World:
    """A copy of the two workspaces' file for one test."""
    path = tmp_path / "menuplanner.duckdb"
    shutil.copy(north_and_south.path, path)
    return dataclasses.replace(north_and_south, path=path)


def north_view(world: World) -> dict:
    """Everything north sees of its own rows."""
    db = world.db
    with db.unit_of_work(NORTH) as uow:
        seen = {
            "clients": uow.clients.list(),
            "recipes": uow.recipes.list(),
            "menus": uow.menus.list(),
            "food": uow.foods.get(world.food),
            "tags": uow.foods.tag_overrides(),
        }
    seen["datasets"] = [
        dataclasses.replace(d, imported_at=None)
        for d in in_session(world.path, lambda conn: DuckDBDatasetStore(conn, NORTH).list())
    ]
    seen["rules"], seen["prices"] = planning(
        world.path, NORTH, lambda uow, store: (store.rules(), store.prices())
    )
    return seen


def whole_file(world: World) -> database.Fingerprint:
    return in_session(world.path, database.fingerprint)


def test_north_sees_its_own_rows(world: World):
    seen = north_view(world)
    assert [c.name for c in seen["clients"]] == ["Nora North"]
    assert [r.name for r in seen["recipes"]] == ["North porridge"]
    assert [(i.kind, i.ref_id) for i in seen["menus"][0].items] == [
        (ItemKind.FOOD, world.food),
        (ItemKind.RECIPE, world.recipe),
    ]
    assert seen["food"].dataset == DATASET
    assert seen["tags"] == {world.food: frozenset({Tag.GLUTEN})}
    assert [d.name for d in seen["datasets"]] == ["USDA SR26", DATASET]
    assert seen["prices"] == {world.food: 4.5}
    assert list(seen["rules"]) == [(ItemKind.FOOD, world.food)]


# ------------------------------------------------------------------- through the services


def _generate(world: World, menu_id: int) -> list:
    return planning(
        world.path,
        SOUTH,
        lambda uow, store: list(
            generate_service.generate(
                uow, store, menu_id, settings=GenerateSettings(time_limit_s=5)
            )
        ),
    )


def _in_store(world: World, work: Callable) -> object:
    return in_session(world.path, lambda conn: work(DuckDBDatasetStore(conn, SOUTH)))


def _south_store(world: World, work: Callable) -> object:
    return planning(world.path, SOUTH, lambda uow, store: work(uow, store))


# (what south tries, whose id it uses, how)
ATTEMPTS: list[tuple[str, str, Callable[[World, int], object]]] = [
    ("read the client", "client", lambda w, x: client_service.get_client(w.uow(SOUTH), x)),
    ("count the client's menus", "client", lambda w, x: client_service.menu_count(w.uow(SOUTH), x)),
    (
        "update the client",
        "client",
        lambda w, x: client_service.save_client(
            w.uow(SOUTH), dataclasses.replace(NORA, name="Taken over", client_id=x)
        ),
    ),
    ("delete the client", "client", lambda w, x: client_service.delete_client(w.uow(SOUTH), x)),
    (
        "plan a menu for the client",
        "client",
        lambda w, x: menu_service.create_menu(w.uow(SOUTH), x, "Mine now", MONDAY),
    ),
    (
        "import a menu file for the client",
        "client",
        lambda w, x: in_session(
            w.path,
            lambda conn: export_service.import_menu(
                DuckDBExchangeUnitOfWork(conn, SOUTH), w.menu_file, client_id=x
            ),
        ),
    ),
    ("read the menu", "menu", lambda w, x: menu_service.report(w.uow(SOUTH), x)),
    (
        "add a food to the menu",
        "menu",
        lambda w, x: menu_service.add_food(w.uow(SOUTH), x, 0, "Breakfast", BUTTER, 10, "g"),
    ),
    ("move the menu's items", "menu", lambda w, x: menu_service.copy_day(w.uow(SOUTH), x, 0, 1)),
    ("delete the menu", "menu", lambda w, x: menu_service.delete_menu(w.uow(SOUTH), x)),
    ("export the menu as PDF", "menu", lambda w, x: export_service.menu_pdf(w.uow(SOUTH), x)),
    ("export the menu as CSV", "menu", lambda w, x: export_service.items_csv(w.uow(SOUTH), x)),
    ("export the shopping list", "menu", lambda w, x: export_service.shopping_csv(w.uow(SOUTH), x)),
    ("export the menu file", "menu", lambda w, x: export_service.menu_json(w.uow(SOUTH), x)),
    ("generate the menu", "menu", _generate),
    (
        "lock an item of the menu",
        "menu",
        lambda w, x: generate_service.set_locked(w.uow(SOUTH), x, 1, True),
    ),
    ("duplicate the recipe", "recipe", lambda w, x: recipe_service.duplicate(w.uow(SOUTH), x)),
    ("delete the recipe", "recipe", lambda w, x: recipe_service.delete(w.uow(SOUTH), x)),
    (
        "update the recipe",
        "recipe",
        lambda w, x: recipe_service.save(
            w.uow(SOUTH), Recipe("Taken over", 1.0, [Ingredient(BUTTER, 5, "g", 5)], recipe_id=x)
        ),
    ),
    (
        "serve the recipe in south's menu",
        "recipe",
        lambda w, x: menu_service.add_recipe(w.uow(SOUTH), w.south_menu, 0, "Lunch", x, 1.0),
    ),
    (
        "give the recipe a meal rule",
        "recipe",
        lambda w, x: _south_store(
            w,
            lambda uow, store: planning_rules.set_food_rule(
                uow, store, ItemKind.RECIPE, x, frozenset({MealKind.SNACK})
            ),
        ),
    ),
    (
        "look the food up",
        "food",
        lambda w, x: food_service.food_panel(w.db.catalog(SOUTH), x, 100, "g"),
    ),
    ("read the food's tags", "food", lambda w, x: food_service.food_tags(w.db.catalog(SOUTH), x)),
    (
        "add the food to south's menu",
        "food",
        lambda w, x: menu_service.add_food(w.uow(SOUTH), w.south_menu, 0, "Breakfast", x, 40, "g"),
    ),
    (
        "make an ingredient of the food",
        "food",
        lambda w, x: recipe_service.ingredient(w.db.catalog(SOUTH), x, 40, "g"),
    ),
    (
        "save a recipe with the food",
        "food",
        lambda w, x: recipe_service.save(
            w.uow(SOUTH), Recipe("Sneaky toast", 1.0, [Ingredient(x, 40, "g", 40)])
        ),
    ),
    (
        "correct the food's tags",
        "food",
        lambda w, x: food_service.correct_tags(w.uow(SOUTH), x, frozenset()),
    ),
    (
        "price the food",
        "food",
        lambda w, x: _south_store(
            w, lambda uow, store: planning_rules.set_price(uow, store, x, 1.0)
        ),
    ),
    (
        "price the food in the store itself",
        "food",
        lambda w, x: _south_store(w, lambda uow, store: store.set_price(x, 1.0)),
    ),
    (
        "give the food a meal rule",
        "food",
        lambda w, x: _south_store(
            w,
            lambda uow, store: planning_rules.set_food_rule(
                uow, store, ItemKind.FOOD, x, frozenset({MealKind.SNACK})
            ),
        ),
    ),
    (
        "see how the generator treats the food",
        "food",
        lambda w, x: _south_store(
            w, lambda uow, store: planning_rules.food_planning(uow, store, x)
        ),
    ),
    ("remove the dataset", "dataset", lambda w, x: _in_store(w, lambda s: imports.remove(s, x))),
    (
        "remove the dataset in the store itself",
        "dataset",
        lambda w, x: _in_store(w, lambda s: s.remove(x)),
    ),
]


def refusal(attempt: Callable[[], object]) -> str:
    with pytest.raises(MenuplannerError) as refused:
        attempt()
    return str(refused.value)


@pytest.mark.parametrize(
    ("kind", "attempt"), [(k, a) for _, k, a in ATTEMPTS], ids=[name for name, _, _ in ATTEMPTS]
)
def test_south_cannot_touch_norths_rows_and_learns_nothing(world: World, kind, attempt):
    before_north, before_file = north_view(world), whole_file(world)
    real = refusal(lambda: attempt(world, world.of(kind)))
    unknown = refusal(lambda: attempt(world, NOWHERE_ID))
    assert str(world.of(kind)) in real  # the message is about this id…
    assert real.replace(str(world.of(kind)), "#") == unknown.replace(str(NOWHERE_ID), "#")
    assert north_view(world) == before_north  # …and nothing changed, for north or anyone
    assert whole_file(world) == before_file


def test_souths_lists_hold_nothing_of_norths(world: World):
    db = world.db
    assert [c.name for c in client_service.list_clients(db.unit_of_work(SOUTH))] == ["Sam South"]
    with db.unit_of_work(SOUTH) as uow:
        assert [m.name for m in uow.menus.list()] == ["South week"]
        assert uow.recipes.list() == []
        assert uow.foods.tag_overrides() == {}
        assert uow.foods.search("ruiskorppu").total == 0
        assert uow.foods.search("puolukkasurvos").total == 0
    overview = dashboard.overview(db.unit_of_work(SOUTH), MONDAY)
    assert overview.clients_without_menu == [] and [m.menu_name for m in overview.menus] == [
        "South week"
    ]
    store_view = in_session(
        world.path,
        lambda conn: (
            [d.name for d in DuckDBDatasetStore(conn, SOUTH).list()],
            DuckDBDatasetStore(conn, SOUTH).where_used(world.dataset),
            DuckDBDatasetStore(conn, SOUTH).find(DATASET),
            DuckDBDatasetStore(conn, SOUTH).notes(world.food),
        ),
    )
    assert store_view == (["USDA SR26"], [], None, {})
    assert planning(world.path, SOUTH, lambda uow, store: (store.rules(), store.prices())) == (
        {},
        {},
    )
    bench = Workbench(DuckDBStore(db), SOUTH)
    assert bench.clients()["name"].to_list() == ["Sam South"]
    assert bench.menus()["menu"].to_list() == ["South week"]
    assert bench.datasets()["name"].to_list() == ["USDA SR26"]
    assert bench.foods(dataset=DATASET).height == 0
    assert world.food not in bench.foods()["food_id"].to_list()


def test_the_generator_offers_south_nothing_of_norths(world: World):
    settings = GenerateSettings()

    def pool(workspace: str, client_id: int) -> set:
        def load(uow, store):
            with uow:
                client = uow.clients.get(client_id)
                return set(generate_service.load_context(uow, store, client, settings).pool.index)

        return planning(world.path, workspace, load)

    assert (ItemKind.FOOD, world.food) in pool(NORTH, world.client)  # north's rule puts it in
    south_pool = pool(SOUTH, world.south_client)
    assert (ItemKind.FOOD, world.food) not in south_pool
    assert not any(kind == ItemKind.RECIPE for kind, _ in south_pool)  # south has no recipe
    results = _generate(world, world.south_menu)
    assert [r.day for r in results] == [0, 1]
    with world.db.unit_of_work(SOUTH) as uow:
        refs = {(i.kind, i.ref_id) for i in uow.menus.get(world.south_menu).items}
    assert refs and (ItemKind.FOOD, world.food) not in refs
    assert not any(kind == ItemKind.RECIPE for kind, _ in refs)


def test_norths_menu_file_imported_in_south_brings_its_own_copies(world: World):
    """A menu file names foods and recipes by id: in south they are not north's rows but new
    ones of south's, and north's stay as they were."""
    before = north_view(world)
    result = in_session(
        world.path,
        lambda conn: export_service.import_menu(
            DuckDBExchangeUnitOfWork(conn, SOUTH), world.menu_file
        ),
    )
    assert result.client_created and result.foods_added == ["Ruiskorppu, rye crispbread"]
    with world.db.unit_of_work(SOUTH) as uow:
        items = uow.menus.get(result.menu_id).items
        copied = uow.foods.get(items[0].ref_id)
        assert items[0].ref_id != world.food and copied.name == "Ruiskorppu, rye crispbread"
        assert items[1].ref_id != world.recipe
        assert uow.recipes.get(items[1].ref_id).ingredients[0].food_id == copied.food_id
    assert north_view(world) == before


# ---------------------------------------------------------------------- through the CLI


def run(world: World, *args: object, workspace: str | None = SOUTH) -> tuple[int, str, str]:
    env = {database.ENV_VAR: str(world.path), WORKSPACE_ENV: None}
    chosen = ["--workspace", workspace] if workspace is not None else []
    result = CliRunner().invoke(cli.app, [*chosen, *map(str, args)], env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


# (what south tries, whose name or id it names, the command with {} for it)
CLI_ATTEMPTS = [
    ("list the client's menus", "name", ["menus", "list", "--client", "{}"]),
    (
        "export the client's menu",
        "name",
        ["export", "--client", "{}", "--menu", "North week", "--format", "csv", "--out", "{out}"],
    ),
    (
        "export the menu by a south client",
        "menu name",
        ["export", "--client", "Sam South", "--menu", "{}", "--format", "json", "--out", "{out}"],
    ),
    ("generate the client's menu", "name", ["generate", "--client", "{}", "--menu", "North week"]),
    ("import a menu file for the client", "name", ["import-menu", "{file}", "--client", "{}"]),
    ("remove the dataset by name", "dataset", ["datasets", "remove", "{}"]),
    ("remove the dataset by id", "dataset id", ["datasets", "remove", "{}"]),
]
REAL = {"name": NORA.name, "menu name": "North week", "dataset": DATASET}
FAKE = {"name": NOWHERE_NAME, "menu name": NOWHERE_NAME, "dataset": NOWHERE_NAME}


@pytest.mark.parametrize(
    ("what", "command"),
    [(w, c) for _, w, c in CLI_ATTEMPTS],
    ids=[name for name, _, _ in CLI_ATTEMPTS],
)
def test_south_cannot_reach_norths_rows_from_the_command_line(world, tmp_path, what, command):
    file = tmp_path / "north.menu.json"
    file.write_bytes(world.menu_file)
    before_north, before_file = north_view(world), whole_file(world)
    real = str(world.dataset) if what == "dataset id" else REAL[what]
    fake = str(NOWHERE_ID) if what == "dataset id" else FAKE[what]
    said = []
    for value in (real, fake):
        args = [a.format(value, out=tmp_path / "out.file", file=file) for a in command]
        code, stdout, stderr = run(world, *args)
        assert (code, stdout) == (1, ""), stderr
        said.append(stderr.strip().splitlines()[-1].replace(value, "#"))
    assert said[0].startswith("Error: ") and said[0] == said[1]
    assert not (tmp_path / "out.file").exists()
    assert north_view(world) == before_north and whole_file(world) == before_file


@pytest.mark.parametrize(
    ("command", "norths"),
    [
        (["clients", "list"], NORA.name),
        (["menus", "list"], "North week"),
        (["datasets", "list"], DATASET),
        (["foods", "search", "ruiskorppu"], "Ruiskorppu"),
    ],
)
def test_souths_command_line_lists_hold_nothing_of_norths(world, command, norths):
    code, stdout, stderr = run(world, *command, workspace=NORTH)
    assert code == 0 and norths in stdout, stderr  # north sees its own
    for workspace in (SOUTH, None):  # south, and the local workspace by default
        code, stdout, stderr = run(world, *command, workspace=workspace)
        assert code == 0, stderr
        assert norths not in stdout


def test_the_workspace_can_be_chosen_by_environment_variable(world: World):
    env = {database.ENV_VAR: str(world.path), WORKSPACE_ENV: NORTH}
    result = CliRunner().invoke(cli.app, ["clients", "list"], env=env)
    assert result.exit_code == 0 and NORA.name in result.stdout
    env[WORKSPACE_ENV] = SOUTH
    result = CliRunner().invoke(cli.app, ["clients", "list"], env=env)
    assert result.exit_code == 0 and "Sam South" in result.stdout and NORA.name not in result.stdout


def test_an_empty_workspace_name_is_refused(world: World):
    code, stdout, stderr = run(world, "clients", "list", workspace=" ")
    assert code == 2 and stdout == ""
    assert "give the workspace's name, e.g. --workspace north." in stderr


def test_south_importing_the_same_file_under_norths_name_gets_a_dataset_of_its_own(world, tmp_path):
    csv = tmp_path / "north-pantry.csv"
    csv.write_text(CSV, encoding="utf-8")
    before = north_view(world)
    code, stdout, stderr = run(
        world, "import", csv, "--dataset", DATASET, "--report", tmp_path / "report.csv"
    )
    assert code == 0, stderr
    assert stdout.startswith(f"Imported “{DATASET}”: 2 foods")  # new, not "already holds"
    assert north_view(world) == before
    code, stdout, _ = run(world, "foods", "search", "ruiskorppu", "--json")
    found = json.loads(stdout)
    assert code == 0 and found["total"] == 1
    assert found["foods"][0]["food_id"] != world.food


def test_souths_recalc_leaves_north_alone(world: World):
    before = north_view(world)
    code, stdout, stderr = run(world, "recalc")
    assert code == 0, stderr
    assert stdout.startswith("Checked 0 menu items and 0 recipe ingredients")
    assert north_view(world) == before
