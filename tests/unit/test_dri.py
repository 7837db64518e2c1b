"""The Dietary Reference Intakes: which life stage a client is in, the values the issue names
(read twice: from NASEM's tables and the ODS fact sheets), and the file's checks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

import polars as pl
import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.dri import LIFE_STAGES, Condition, life_stage
from menuplanner.domain.errors import MenuplannerError, ValidationFailed
from menuplanner.domain.nutrient_goals import NutrientGoal, check_goals, resolve
from menuplanner.dri import files, schema

F, M = Sex.FEMALE, Sex.MALE
TODAY = dt.date(2026, 6, 1)


def value(stage_key: str, nutrient: str):
    return files.bundled_table().values[(stage_key, nutrient)]


@pytest.mark.parametrize(
    ("sex", "age", "condition", "expected"),
    [
        (F, 1, Condition.NONE, "child_1_3"),
        (M, 3, Condition.NONE, "child_1_3"),
        (F, 4, Condition.NONE, "child_4_8"),
        (M, 8, Condition.NONE, "child_4_8"),
        (M, 9, Condition.NONE, "male_9_13"),
        (F, 13, Condition.NONE, "female_9_13"),
        (F, 14, Condition.NONE, "female_14_18"),
        (M, 19, Condition.NONE, "male_19_30"),
        (F, 30, Condition.NONE, "female_19_30"),
        (F, 31, Condition.NONE, "female_31_50"),
        (M, 50, Condition.NONE, "male_31_50"),
        (F, 51, Condition.NONE, "female_51_70"),
        (M, 70, Condition.NONE, "male_51_70"),
        (F, 71, Condition.NONE, "female_over_70"),
        (M, 104, Condition.NONE, "male_over_70"),
        (F, 16, Condition.PREGNANT, "pregnancy_14_18"),
        (F, 18, Condition.LACTATING, "lactation_14_18"),
        (F, 25, Condition.PREGNANT, "pregnancy_19_30"),
        (F, 44, Condition.LACTATING, "lactation_31_50"),
    ],
)
def test_the_life_stage_follows_age_sex_and_pregnancy(sex, age, condition, expected):
    assert life_stage(sex, age, condition).key == expected


def test_there_are_twenty_life_stages_from_one_year():
    assert len(LIFE_STAGES) == 20
    assert [s.label for s in LIFE_STAGES[:3]] == [
        "Children 1–3 y",
        "Children 4–8 y",
        "Males 9–13 y",
    ]
    assert life_stage(F, 17, Condition.PREGNANT).label == "Pregnancy ≤ 18 y"


def test_pregnancy_is_refused_for_a_man_and_after_fifty_with_a_sentence():
    with pytest.raises(ValidationFailed, match=r"^Pregnant applies to women only\.$"):
        life_stage(M, 30, Condition.PREGNANT)
    with pytest.raises(ValidationFailed, match="go up to 50 years; the age given is 52"):
        life_stage(F, 52, Condition.LACTATING)
    with pytest.raises(ValidationFailed, match="start at 1 year"):
        life_stage(F, 0)


def test_iron_rda_is_18_mg_for_women_8_for_men_and_27_in_pregnancy():
    for age in (19, 30, 31, 50):
        stage = life_stage(F, age).key
        assert value(stage, "iron_mg").goal == 18.0
        assert value(life_stage(M, age).key, "iron_mg").goal == 8.0
    for stage in ("pregnancy_14_18", "pregnancy_19_30", "pregnancy_31_50"):
        assert value(stage, "iron_mg").goal == 27.0
    assert value("female_19_30", "iron_mg").kind == "RDA"


def test_calcium_is_1000_mg_for_a_woman_of_31_to_50_and_1200_from_51():
    assert value("female_31_50", "calcium_mg").goal == 1000.0
    assert value("female_51_70", "calcium_mg").goal == 1200.0
    assert value("male_51_70", "calcium_mg").goal == 1000.0  # men: 1,200 only after 70


def test_vitamin_d_is_15_ug_from_1_to_70_and_20_above():
    for stage in LIFE_STAGES:
        expected = 20.0 if stage.key.endswith("over_70") else 15.0
        assert value(stage.key, "vitamin_d_ug").goal == expected, stage.key


def test_b12_is_2_4_ug_for_adults():
    for sex in (F, M):
        for age in (19, 35, 60, 80):
            assert value(life_stage(sex, age).key, "vitamin_b12_ug").goal == 2.4


def test_iron_ul_is_45_mg_from_14_years_and_40_before():
    for stage in LIFE_STAGES:
        expected = 40.0 if stage.high_age is not None and stage.high_age <= 13 else 45.0
        assert value(stage.key, "iron_mg").upper == expected, stage.key
        assert value(stage.key, "iron_mg").upper_kind == "UL"


def test_potassium_uses_the_2019_ai_and_sodium_its_cdrr():
    assert value("male_31_50", "potassium_mg").goal == 3400.0
    assert value("female_31_50", "potassium_mg").goal == 2600.0
    assert value("female_31_50", "potassium_mg").kind == "AI"
    sodium = value("male_19_30", "sodium_mg")
    assert (sodium.kind, sodium.goal, sodium.upper_kind, sodium.upper) == (
        "AI",
        1500.0,
        "CDRR",
        2300.0,
    )


def test_the_file_gives_its_source_and_date():
    table = files.bundled_table()
    assert table.source.startswith("National Academies of Sciences, Engineering, and Medicine")
    assert "Office of Dietary Supplements" in table.source
    assert table.date.startswith("2019")


def test_the_bundled_file_passes_its_schema():
    frames = schema.check(files.read())
    assert frames.values.height == 20 * 23
    assert set(frames.values["unit"]) == {"mg", "µg"}


def _copy(tmp_path):
    folder = tmp_path / "dri"
    shutil.copytree(files.DRI_DIR, folder)
    return folder


def test_a_missing_life_stage_is_named(tmp_path):
    frames = files.read(_copy(tmp_path))
    gone = frames.values.filter(pl.col("life_stage") != "lactation_31_50")
    with pytest.raises(MenuplannerError, match="no value for calcium_mg in lactation_31_50"):
        schema.check(dataclasses.replace(frames, values=gone))


def test_a_unit_other_than_the_catalogues_is_refused():
    frames = files.read()
    wrong = frames.values.with_columns(
        unit=pl.when(pl.col("nutrient") == "copper_mg").then(pl.lit("µg")).otherwise("unit")
    )
    with pytest.raises(MenuplannerError, match="unit differs from the nutrient catalogue"):
        schema.check(dataclasses.replace(frames, values=wrong))


def test_a_ul_below_the_rda_is_refused_unless_it_covers_supplements_only():
    frames = files.read()
    low_iron = frames.values.with_columns(
        upper=pl.when(pl.col("nutrient") == "iron_mg").then(5.0).otherwise("upper")
    )
    with pytest.raises(MenuplannerError, match=r"iron_mg in child_1_3 has its UL \(5\) below"):
        schema.check(dataclasses.replace(frames, values=low_iron))
    # Magnesium's UL (supplements only) is below the RDA for children 1–3: that is allowed.
    assert value("child_1_3", "magnesium_mg").upper < value("child_1_3", "magnesium_mg").goal


def test_a_damaged_file_is_one_sentence(tmp_path):
    folder = _copy(tmp_path)
    (folder / "nutrients.csv").write_text("nutrient,upper_applies_to\ncalcium_mg,all,x,y,z\n")
    with pytest.raises(
        MenuplannerError, match=r"nutrients.csv cannot be read .*`git checkout -- data/dri`"
    ):
        files.read(folder)


def anna(**changes) -> Client:
    return dataclasses.replace(Client("Anna", F, birth_year=1990), **changes)


def test_a_client_is_judged_by_her_life_stage():
    goals = {g.nutrient: g for g in resolve(anna(), files.bundled_table(), TODAY)}
    assert goals["iron_mg"].goal == 18.0
    assert goals["iron_mg"].working == "RDA 18 mg (Females 31–50 y); UL 45 mg"
    pregnant = {
        g.nutrient: g
        for g in resolve(anna(condition=Condition.PREGNANT), files.bundled_table(), TODAY)
    }
    assert pregnant["iron_mg"].goal == 27.0
    assert pregnant["folate_dfe_ug"].goal == 600.0


def test_supplement_only_uls_are_not_checked_and_vitamin_a_is_checked_on_retinol():
    goals = {g.nutrient: g for g in resolve(anna(), files.bundled_table(), TODAY)}
    for nutrient in ("magnesium_mg", "niacin_mg", "folate_dfe_ug", "vitamin_e_mg"):
        assert goals[nutrient].upper_checked is False, nutrient
        assert "not checked" in goals[nutrient].working
    assert goals["vitamin_a_rae_ug"].upper_measure == "retinol_ug"
    assert goals["vitamin_a_rae_ug"].upper_checked is True
    assert "niacin equivalents" in goals["niacin_mg"].measure_note
    assert "dietary folate equivalents" in goals["folate_dfe_ug"].measure_note


def test_a_dietitians_goal_replaces_the_reference_and_says_so():
    client = anna(
        nutrient_goals=(
            NutrientGoal("iron_mg", minimum=25.0, reason="ferritin 12 µg/L in March"),
            NutrientGoal("vitamin_k_ug", maximum=120.0, reason="on warfarin"),
            NutrientGoal("saturated_fat_g", maximum=20.0),
        )
    )
    goals = {g.nutrient: g for g in resolve(client, files.bundled_table(), TODAY)}
    iron = goals["iron_mg"]
    assert (iron.goal, iron.kind, iron.upper, iron.upper_kind) == (25.0, "own", 45.0, "UL")
    assert iron.working == (
        "Your goal 25 mg: ferritin 12 µg/L in March "
        "(instead of the reference: RDA 18 mg (Females 31–50 y); UL 45 mg)"
    )
    vitamin_k = goals["vitamin_k_ug"]
    assert (vitamin_k.goal, vitamin_k.upper, vitamin_k.upper_checked) == (90.0, 120.0, True)
    fat = goals["saturated_fat_g"]
    assert (fat.goal, fat.upper, fat.working) == (None, 20.0, "Your limit 20 g")
    assert list(goals)[-1] == "saturated_fat_g"  # added after the reference nutrients


def test_without_a_birth_year_only_the_dietitians_goals_count():
    client = anna(birth_year=None, nutrient_goals=(NutrientGoal("iron_mg", 20.0),))
    assert [g.nutrient for g in resolve(client, files.bundled_table(), TODAY)] == ["iron_mg"]


def test_goals_that_make_no_sense_are_refused_naming_each():
    with pytest.raises(ValidationFailed) as refused:
        check_goals(
            (
                NutrientGoal("iron_mg", 30.0, 20.0),
                NutrientGoal("energy_kcal", 2000.0),
                NutrientGoal("zinc_mg"),
                NutrientGoal("calcium_mg", -5.0),
            )
        )
    assert str(refused.value) == (
        "Iron: the goal (30 mg) is above the limit (20 mg). 'energy_kcal' cannot have a goal "
        "here. Zinc: give a goal, a limit or both. Calcium: the goal must be more than 0 mg."
    )


def test_energy_in_kilojoules_is_kcal_times_4_184_rounded_as_shown():
    from menuplanner.domain.energy_units import EnergyUnit, energy_text

    assert energy_text(717.0, EnergyUnit.KJ) == "3,000 kJ"  # 2,999.9
    assert energy_text(717.0) == "717 kcal"
    assert energy_text(None, EnergyUnit.KJ) == "–"
    assert EnergyUnit.KJ.column == "energy_kj"
