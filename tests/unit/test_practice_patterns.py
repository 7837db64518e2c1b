"""A practice's own meal patterns: the 'Made of' text read back as describe() writes it, the
rows of the Generate page's editor checked with a sentence naming the row, stored as JSON."""

from __future__ import annotations

import dataclasses

import pytest

from menuplanner.domain.errors import ValidationFailed
from menuplanner.planning.categories import ROLES
from menuplanner.planning.meals import MealKind
from menuplanner.planning.patterns import (
    PracticePattern,
    bundled_patterns,
    load_patterns,
    made_of,
    parse_made_of,
    parse_pattern,
    patterns_from_json,
    patterns_to_json,
    plan_with,
)
from menuplanner.services import meal_patterns
from menuplanner.store.memory.foods import MemoryFoodCatalog
from menuplanner.store.memory.planning import MemoryPlanningStore

B, M, S = MealKind.BREAKFAST, MealKind.MAIN, MealKind.SNACK
ALL_ROLES = ", ".join(ROLES)


def _needed_first(pattern):
    """describe() names the roles a meal must have before the optional ones."""
    roles = sorted(pattern.roles, key=lambda r: r[1] == 0)
    return dataclasses.replace(pattern, roles=tuple(roles))


@pytest.mark.parametrize("pattern", load_patterns().patterns, ids=lambda p: p.name[:30])
def test_every_bundled_pattern_reads_back_from_its_description(pattern) -> None:
    parsed = parse_pattern(pattern.meal, pattern.name, pattern.describe(), 1)
    assert parsed == _needed_first(pattern)
    assert parsed.describe() == pattern.describe()


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (
            "main, starch, 1–2 vegetable (+ fat, fruit)",
            (("main", 1, 1), ("starch", 1, 1), ("vegetable", 1, 2), ("fat", 0, 1), ("fruit", 0, 1)),
        ),
        ("1-2 main", (("main", 1, 2),)),
        ("1–2 main", (("main", 1, 2),)),
        ("fruit (+ 2 snack)", (("fruit", 1, 1), ("snack", 0, 2))),
        ("any (+ snack, fruit)", (("snack", 0, 1), ("fruit", 0, 1))),
        ("  Main ,2 vegetables (+ FAT", (("main", 1, 1), ("vegetable", 2, 2), ("fat", 0, 1))),
        ("cereal, 0-1 milk", (("cereal", 1, 1), ("milk", 0, 1))),
    ],
)
def test_made_of_text_gives_its_roles_and_counts(text, roles) -> None:
    assert parse_made_of(text, 1) == roles


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            "main, starch, vegtable",
            f"Row 3: 'vegtable' is not a role; the roles are: {ALL_ROLES}.",
        ),
        ("main (+ sauce)", f"Row 3: 'sauce' is not a role; the roles are: {ALL_ROLES}."),
        (
            "2-1 vegetable",
            "Row 3: '2-1 vegetable' has the larger count first; write the fewest first, as in "
            "'1–2 vegetable'.",
        ),
        (
            "main, 0 vegetable",
            "Row 3: '0 vegetable' puts no vegetable in the meal; leave the role out instead.",
        ),
        (
            "main, 9 vegetable",
            "Row 3: '9 vegetable' is more than one meal holds; at most 4 of one role.",
        ),
        (
            "main (+ 1-2 fat)",
            "Row 3: '1-2 fat' after '+' is optional; a role the meal must have goes before the "
            "'(+ …)'.",
        ),
        ("main, main", "Row 3: 'main' is named twice."),
        (
            "",
            "Row 3: 'Made of' is empty; name the roles, as in "
            "'main, starch, 1–2 vegetable (+ fat)'.",
        ),
        ("any", "Row 3: a pattern needs at least one role."),
        (
            "main, 2",
            "Row 3: cannot read '2'; write a role with its count before it, as in '1–2 vegetable'.",
        ),
    ],
)
def test_made_of_text_that_does_not_read_is_refused_naming_row_and_word(text, sentence) -> None:
    with pytest.raises(ValidationFailed) as refused:
        parse_made_of(text, 3)
    assert str(refused.value) == sentence


def test_a_second_main_needs_room_for_two_mains_and_comes_from_a_main_category() -> None:
    pattern = parse_pattern(M, "Side", "1–2 main, starch", 2, "Beans and lentils, tofu", 25)
    assert pattern.second_main == {"legumes", "tofu"} and pattern.from_protein_pct == 25
    with pytest.raises(ValidationFailed) as refused:
        parse_pattern(M, "Side", "main, starch", 2, "tofu")
    assert str(refused.value) == (
        "Row 2: a second main needs room for two mains in 'Made of', as in '1–2 main'."
    )
    with pytest.raises(ValidationFailed) as refused:
        parse_pattern(M, "Side", "1–2 main, starch", 2, "rice")
    assert str(refused.value).startswith(
        "Row 2: 'rice' is not a category a main comes from; a second main comes from: "
        "bacon, beans and lentils, eggs,"
    )
    with pytest.raises(ValidationFailed) as refused:
        parse_pattern(M, "Side", "main, starch", 2, "", 120)
    assert str(refused.value) == (
        "Row 2: 'From protein %' is a share of the day's energy, from 0 to 100, not 120."
    )


def _rows() -> list[dict]:
    return meal_patterns.pattern_rows(MemoryPlanningStore(MemoryFoodCatalog({})))


def test_the_editor_rows_of_the_bundled_patterns_read_back_as_those_patterns() -> None:
    rows = _rows()
    assert rows[6] == {
        "Meal": "Lunch or dinner",
        "Pattern": "Protein, starch and vegetables",
        "Made of": "main, starch, 1–2 vegetable (+ fat)",
        "Second main from": "",
        "From protein %": "",
        "In use": True,
    }
    assert rows[7]["Second main from"] == (
        "beans and lentils, eggs, hard-boiled eggs, tempeh and meat alternatives, tofu"
    )
    assert rows[7]["From protein %"] == "25"
    patterns = meal_patterns.patterns_of_rows(rows)
    assert [p.pattern for p in patterns] == [_needed_first(p) for p in load_patterns().patterns]
    assert [made_of(p.pattern) for p in patterns] == [r["Made of"] for r in rows]


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        ({"Meal": None}, "Row 2: choose its meal (Breakfast, Lunch or dinner, Snack)."),
        ({"Pattern": "  "}, "Row 2 has no name; give the pattern one."),
        (
            {"Pattern": "Cereal or oatmeal with milk"},
            "Row 2: row 1 is a breakfast pattern of that name already.",
        ),
        ({"From protein %": "lots"}, "Row 2: 'From protein %' is a number, not 'lots'."),
        (
            {"From protein %": "120 %"},
            "Row 2: 'From protein %' is a share of the day's energy, from 0 to 100, not 120.",
        ),
        (
            {"Made of": "cereal, yoghurt"},
            f"Row 2: 'yoghurt' is not a role; the roles are: {ALL_ROLES}.",
        ),
    ],
)
def test_a_row_that_does_not_read_is_refused_with_its_number(change, sentence) -> None:
    rows = _rows()
    rows[1] = {**rows[1], **change}
    with pytest.raises(ValidationFailed) as refused:
        meal_patterns.patterns_of_rows(rows)
    assert str(refused.value) == sentence


def test_every_kind_of_meal_needs_a_pattern_in_use_on_every_day() -> None:
    rows = [{**r, "In use": r["Meal"] != "Snack"} for r in _rows()]
    with pytest.raises(ValidationFailed) as refused:
        meal_patterns.patterns_of_rows(rows)
    assert str(refused.value) == (
        "Every kind of meal needs at least one pattern in use: snack has none."
    )
    rows = [r for r in _rows() if r["Meal"] == "Lunch or dinner"]
    with pytest.raises(ValidationFailed) as refused:
        meal_patterns.patterns_of_rows(rows)
    assert str(refused.value) == (
        "Every kind of meal needs at least one pattern in use: breakfast and snack have none."
    )
    only_high_protein = [
        r for r in _rows() if r["Meal"] != "Lunch or dinner" or r["From protein %"]
    ]
    with pytest.raises(ValidationFailed) as refused:
        meal_patterns.patterns_of_rows(only_high_protein)
    assert str(refused.value) == (
        "Lunch or dinner needs a pattern in use on every day: each of its patterns in use "
        "applies only from a share of protein."
    )


def test_empty_rows_added_in_the_editor_are_skipped_and_a_new_row_is_in_use() -> None:
    rows = _rows()
    blank = {"Meal": None, "Pattern": None, "Made of": None, "In use": None}
    added = {"Meal": "Snack", "Pattern": "Nuts", "Made of": "snack", "In use": None}
    patterns = meal_patterns.patterns_of_rows([*rows, blank, added])
    assert len(patterns) == len(rows) + 1
    assert patterns[-1] == PracticePattern(parse_pattern(S, "Nuts", "snack", 1), True)


def test_patterns_go_to_json_and_back_and_a_bad_store_reads_as_a_sentence() -> None:
    patterns = (*bundled_patterns()[:3], PracticePattern(bundled_patterns()[7].pattern, False))
    assert patterns_from_json(patterns_to_json(patterns)) == patterns
    with pytest.raises(ValidationFailed) as refused:
        patterns_from_json('[{"meal": "main", "name": "X", "roles": [["gravy", 1, 1]]}]')
    assert str(refused.value) == (
        f"The practice's meal patterns cannot be read ('gravy' is not a role; the roles are: "
        f"{ALL_ROLES}.); go back to the standard patterns and edit them again."
    )


def test_the_plan_follows_the_patterns_in_use_and_keeps_the_file_meal_sizes() -> None:
    patterns = bundled_patterns()
    mine = [PracticePattern(p.pattern, p.pattern.name != "Fruit with nut butter") for p in patterns]
    plan = plan_with(mine)
    assert [p.name for p in plan.of(S)] == [
        "Fruit, dairy, cheese, a hard-boiled egg or a snack food",
        "A glass of milk with crackers, a bar, nuts or fruit",
        "Raw vegetables, with a dip or crackers",
    ]
    assert plan.weekly == load_patterns().weekly  # the file's weekly limits hold too
    assert plan.most_grams == load_patterns().most_grams == {B: 600, M: 700, S: 350}
    assert plan.main_per_starch == 0.33
    assert plan_with(None) is load_patterns()
