"""The DatasetStore contract, for the in-memory fake and DuckDB alike: an import is written
whole or not at all, keeps its foods' ids by source id across versions, belongs to the
workspace that wrote it, and is refused removal while recipes or menus use it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.errors import InUse, NotFound
from menuplanner.domain.menus import ItemKind, Menu, MenuItem
from menuplanner.domain.recipes import Ingredient, Recipe
from menuplanner.domain.tags import Tag
from menuplanner.services import imports

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
SR_LEGACY = "USDA FoodData Central SR Legacy"
BUTTER = "173430"  # source id of butter in the SR Legacy fixture


def prepared(path: Path, **options):
    return imports.prepare_with_suggestions(path, **options).valid_only()


def write(store, path: Path = FIXTURES / "fdc_sr_legacy", **options):
    return store.write(prepared(path, **options), rows_skipped=0, foods_skipped=0)


def food_of(make_uow, source_id: str, dataset: str = SR_LEGACY, workspace: str = "local"):
    with make_uow(workspace) as uow:
        hits = uow.foods.search("", limit=100_000).hits
        ids = [h.food_id for h in hits if h.dataset == dataset]
        return next(f for f in uow.foods.get_many(ids).values() if f.source_id == source_id)


def test_a_new_dataset_lists_after_the_bundled_one_with_its_counts(dataset_stores):
    make_store, make_uow = dataset_stores
    result = write(make_store())
    assert (result.created, result.foods_added, result.foods_updated) == (True, 4, 0)
    assert (result.nutrient_values, result.portions) == (34, 9)
    bundled, imported = make_store().list()
    assert bundled.is_bundled and bundled.name == "USDA SR26" and bundled.food_count == 8463
    assert (imported.name, imported.food_count, imported.portion_count) == (SR_LEGACY, 4, 9)
    assert imported.nutrient_value_count == 34 and imported.format == "fdc"
    assert make_store().find(SR_LEGACY.upper()) == imported
    butter = food_of(make_uow, BUTTER)
    assert butter.food_id >= 1_000_000 and butter.name == "Butter, salted"
    assert [p.label for p in butter.portions][:1] == ['1 pat (1" sq, 1/3" high)']


def test_a_new_version_keeps_the_ids_by_source_id(dataset_stores):
    make_store, make_uow = dataset_stores
    write(make_store())
    first = food_of(make_uow, BUTTER).food_id
    again = write(make_store(), version="2")
    assert (again.created, again.foods_added, again.foods_updated) == (False, 0, 4)
    assert food_of(make_uow, BUTTER).food_id == first
    assert make_store().find(SR_LEGACY).version == "2"


def test_another_workspace_does_not_see_or_remove_the_import(dataset_stores):
    make_store, make_uow = dataset_stores
    result = write(make_store())
    assert [d.name for d in make_store("south").list()] == ["USDA SR26"]
    assert make_store("south").find(SR_LEGACY) is None
    assert make_store("south").where_used(result.dataset_id) == []
    with pytest.raises(NotFound) as refused:
        make_store("south").remove(result.dataset_id)
    assert str(refused.value) == f"There is no dataset with id {result.dataset_id}."
    butter = food_of(make_uow, BUTTER).food_id
    assert make_store("south").notes(butter) == {}


def test_removal_is_refused_while_used_naming_where_then_allowed(dataset_stores):
    make_store, make_uow = dataset_stores
    result = write(make_store())
    butter = food_of(make_uow, BUTTER)
    with make_uow() as uow:
        client_id = uow.clients.add(Client("Ana", Sex.FEMALE))
        uow.recipes.add(Recipe("Toast", 1, [Ingredient(butter.food_id, 10, "g", 10.0)]))
        item = MenuItem(0, "Breakfast", ItemKind.FOOD, butter.food_id, 5, "g", 5.0)
        uow.menus.add(Menu(client_id, "Week", dt.date(2026, 1, 5), 7, items=[item]))
        uow.commit()
    users = make_store().where_used(result.dataset_id)
    assert [(u.kind, u.name) for u in users] == [
        ("recipe", "“Toast” (Butter, salted)"),
        ("menu", "“Week (Ana)” (Butter, salted)"),
    ]
    with pytest.raises(InUse) as refused:
        make_store().remove(result.dataset_id)
    assert str(refused.value) == (
        f"“{SR_LEGACY}” cannot be removed: its foods are used in recipe “Toast” (Butter, "
        "salted) and menu “Week (Ana)” (Butter, salted). Remove them from those first."
    )
    with make_uow() as uow:
        for recipe in uow.recipes.list():
            uow.recipes.delete(recipe.recipe_id)
        for menu in uow.menus.list():
            uow.menus.delete(menu.menu_id)
        uow.commit()
    make_store().remove(result.dataset_id)
    assert [d.name for d in make_store().list()] == ["USDA SR26"]


def test_removing_takes_the_foods_and_their_tag_corrections(dataset_stores):
    make_store, make_uow = dataset_stores
    result = write(make_store())
    butter = food_of(make_uow, BUTTER).food_id
    with make_uow() as uow:
        uow.foods.set_tag_override(butter, frozenset({Tag.MILK}))
        uow.commit()
    make_store().remove(result.dataset_id)
    with make_uow() as uow:
        assert uow.foods.get_many([butter]) == {}
        assert uow.foods.tag_overrides([butter]) == {}


def test_the_bundled_data_cannot_be_removed(dataset_stores):
    make_store, _ = dataset_stores
    with pytest.raises(InUse, match="The bundled USDA SR26 data cannot be removed"):
        make_store().remove(1)


def test_a_write_that_fails_half_way_leaves_everything_as_it_was(dataset_stores):
    make_store, make_uow = dataset_stores

    def fail_at_the_measures(fraction: float, message: str) -> None:
        if fraction >= 0.75:
            raise RuntimeError("power cut")

    before = [d.name for d in make_store().list()]
    with make_uow() as uow:
        count = uow.foods.count()
    with pytest.raises(RuntimeError, match="power cut"):
        make_store().write(
            prepared(FIXTURES / "fdc_sr_legacy"),
            rows_skipped=0,
            foods_skipped=0,
            progress=fail_at_the_measures,
        )
    assert [d.name for d in make_store().list()] == before
    with make_uow() as uow:
        assert uow.foods.count() == count


def test_notes_say_where_an_energy_value_came_from(dataset_stores):
    make_store, make_uow = dataset_stores
    write(make_store(), FIXTURES / "fdc_foundation")
    tomato = food_of(make_uow, "321360", "USDA FoodData Central Foundation")
    assert make_store().notes(tomato.food_id) == {
        "energy_kcal": "FoodData Central nutrient 2048, Energy (Atwater specific factors)"
    }
