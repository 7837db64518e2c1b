"""FoodData Central CSV downloads in their exact shapes: SR Legacy, Foundation (energy only as
2047/2048), Branded per serving; zips and folders; and damaged downloads."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import polars as pl
import pytest

from menuplanner.imports.errors import ImportRefused
from menuplanner.services import imports

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def read(path: Path, **options):
    return imports.prepare(imports.open_file(path), **options)


def values(result, source_id: str) -> dict[str, float]:
    rows = result.nutrients.filter(pl.col("source_id") == source_id)
    return dict(zip(rows["nutrient"], rows["amount"], strict=True))


def energy_note(result, source_id: str) -> str:
    return result.notes.filter(
        (pl.col("source_id") == source_id) & (pl.col("nutrient") == "energy_kcal")
    )["note"].item()


def errors(result) -> list[tuple]:
    bad = result.problems.filter(pl.col("severity") == "error").sort("file", "line")
    return [
        (r["file"], r["line"], r["column"], r["value"], r["reason"])
        for r in bad.iter_rows(named=True)
    ]


def copy_of(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    return target


def test_sr_legacy_foods_map_fdc_nutrients_onto_ours_by_nutrient_number():
    result = read(FIXTURES / "fdc_sr_legacy")
    assert result.meta.name == "USDA FoodData Central SR Legacy"
    assert result.report.errors == 0
    assert values(result, "173430") == pytest.approx(
        {
            "water_g": 16.17,
            "protein_g": 0.85,
            "fat_g": 81.11,
            "carbohydrate_g": 0.06,
            "energy_kcal": 717.0,
            "sodium_mg": 643.0,
            "calcium_mg": 24.0,
            "cholesterol_mg": 215.0,
            "saturated_fat_g": 51.368,
        }
    )  # (vitamin A in IU and energy in kJ are not used: 1008 wins)
    assert values(result, "171287")["vitamin_d_ug"] == 2.0
    assert energy_note(result, "173430") == "FoodData Central nutrient 1008, Energy (kcal)"


def test_sr_legacy_portions_become_household_measures_and_categories_match_sr26_groups():
    result = read(FIXTURES / "fdc_sr_legacy").valid_only()
    butter = result.portions.filter(pl.col("source_id") == "173430")
    assert butter.select("seq", "amount", "description", "gram_weight").rows() == [
        (1, 1.0, 'pat (1" sq, 1/3" high)', 5.0),
        (2, 1.0, "tbsp", 14.2),
        (3, 1.0, "cup", 227.0),
    ]
    chicken = result.portions.filter(pl.col("source_id") == "171477")
    assert chicken.select("amount", "description").rows()[1] == (
        0.5,
        "breast, bone and skin removed",
    )
    assert sorted(result.groups.rows()) == [
        ("fdc:1", "Dairy and Egg Products", "0100"),
        ("fdc:5", "Poultry Products", "0500"),
        ("fdc:9", "Fruits and Fruit Juices", "0900"),
    ]


def test_foundation_energy_is_2048_else_2047_else_computed_and_says_which():
    result = read(FIXTURES / "fdc_foundation")
    assert values(result, "321358")["energy_kcal"] == 229.0
    assert values(result, "321360")["energy_kcal"] == 27.1  # 2048 preferred over 2047
    assert values(result, "169961")["energy_kcal"] == 40.0
    assert values(result, "323505")["energy_kcal"] == pytest.approx(4 * 2.92 + 9 * 1.49 + 4 * 4.42)
    assert (
        energy_note(result, "321360")
        == "FoodData Central nutrient 2048, Energy (Atwater specific factors)"
    )
    assert (
        energy_note(result, "169961")
        == "FoodData Central nutrient 2047, Energy (Atwater general factors)"
    )
    assert (
        energy_note(result, "323505")
        == "computed from protein, fat and carbohydrate (4/9/4 kcal per g)"
    )


def test_foundation_samples_and_acquisitions_are_not_foods():
    result = read(FIXTURES / "fdc_foundation")
    assert sorted(result.foods["source_id"]) == ["169961", "321358", "321360", "323505"]
    assert "2 sample and acquisition rows of food.csv are not foods" in result.described
    assert result.report.errors == 0


def test_foundation_portions_name_their_measure_unit():
    result = read(FIXTURES / "fdc_foundation").valid_only()
    assert result.portions.filter(pl.col("source_id") == "321358").select(
        "description", "gram_weight"
    ).rows() == [("tablespoon", 14.7), ("cup", 246.0)]
    assert (
        result.portions.filter(pl.col("source_id") == "169961")["description"].item()
        == "cup, chopped"
    )


def test_branded_values_per_serving_become_per_100g_and_a_serving_in_oz_is_refused():
    result = read(FIXTURES / "fdc_branded", branded_per_serving=True)
    assert values(result, "2000001")["energy_kcal"] == pytest.approx(100 / 170 * 100)
    assert values(result, "2000002")["protein_g"] == pytest.approx(2 / 240 * 100)  # ml taken as g
    assert errors(result) == [
        (
            "branded_food.csv",
            4,
            "serving_size_unit",
            "oz",
            "serving size 1 oz is not in g or ml, so values per serving cannot be "
            "converted to per 100 g",
        )
    ]
    valid = result.valid_only()
    assert valid.foods.select("source_id", "manufacturer", "is_branded").rows() == [
        ("2000001", "Hillside Dairy Co.", True),
        ("2000002", "Sunny Groves Inc.", True),
    ]
    assert valid.portions.select("source_id", "amount", "description", "gram_weight").rows() == [
        ("2000001", 1.0, "container", 170.0),
        ("2000002", 1.0, "cup", 240.0),
    ]
    assert dict(valid.groups.select("group_key", "group_name").rows())["branded:yogurt"] == "Yogurt"


def test_branded_values_are_per_100g_unless_told_otherwise():
    result = read(FIXTURES / "fdc_branded")
    assert values(result, "2000001")["energy_kcal"] == 100.0
    assert result.report.errors == 0  # the oz serving only means no household measure
    assert result.valid_only().portions.height == 2


def test_a_zip_download_with_its_folder_inside_reads_like_the_folder(tmp_path):
    path = tmp_path / "FoodData_Central_sr_legacy_food_csv_2018-04.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in (FIXTURES / "fdc_sr_legacy").iterdir():
            archive.write(file, f"FoodData_Central_sr_legacy_food_csv_2018-04/{file.name}")
    result = read(path)
    assert result.meta.version == "2018-04"
    assert result.foods.height == 4 and result.report.errors == 0


def test_a_truncated_zip_is_refused(tmp_path):
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in (FIXTURES / "fdc_sr_legacy").iterdir():
            archive.write(file, file.name)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(ImportRefused, match="cut.zip is damaged or incomplete"):
        read(cut)


def test_a_missing_required_file_is_named(tmp_path):
    folder = copy_of("fdc_sr_legacy", tmp_path)
    (folder / "nutrient.csv").unlink()
    with pytest.raises(
        ImportRefused, match="not a complete FoodData Central download: nutrient.csv is missing"
    ):
        read(folder)


def test_a_missing_required_column_is_named(tmp_path):
    folder = copy_of("fdc_sr_legacy", tmp_path)
    text = (folder / "food_nutrient.csv").read_text().replace('"amount"', '"value"', 1)
    (folder / "food_nutrient.csv").write_text(text)
    with pytest.raises(ImportRefused, match="food_nutrient.csv has no column amount"):
        read(folder)


def test_header_only_and_binary_fdc_files_are_refused(tmp_path):
    folder = copy_of("fdc_sr_legacy", tmp_path)
    (folder / "food_nutrient.csv").write_text('"id","fdc_id","nutrient_id","amount"\n')
    with pytest.raises(ImportRefused, match="food_nutrient.csv has a header line but no rows"):
        read(folder)
    (folder / "food_nutrient.csv").write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ImportRefused, match="food_nutrient.csv is not a CSV file"):
        read(folder)


def test_bad_rows_are_reported_by_file_and_line(tmp_path):
    folder = copy_of("fdc_sr_legacy", tmp_path)
    with (folder / "food.csv").open("a") as food:
        food.write('"173430","sr_legacy_food","Butter, salted, again","1","2019-04-01"\n')
    with (folder / "food_nutrient.csv").open("a") as nutrients:
        nutrients.write(
            '"90","999999","1003","5","","1","","","","",""\n'  # unknown food: line 38
            '"91","171688","1004","-1","","1","","","","",""\n'.replace("171688", "171287").replace(
                '"1004","-1"', '"1087","-1"'
            )
        )  # negative calcium: line 39
    text = (
        (folder / "food_nutrient.csv")
        .read_text()
        .replace('"171477","1004","3.57"', '"171477","1004","250"')
    )
    text = text.replace('"171688","1003","0.26"', '"171688","1003","n/a"')
    (folder / "food_nutrient.csv").write_text(text)
    result = read(folder)
    assert errors(result) == [
        ("food.csv", 2, "fdc_id", "173430", "appears on more than one line"),
        ("food.csv", 6, "fdc_id", "173430", "appears on more than one line"),
        ("food_nutrient.csv", 14, "amount (Protein, nutrient 1003)", "n/a", "is not a number"),
        (
            "food_nutrient.csv",
            25,
            "amount (Total lipid (fat), nutrient 1004)",
            "250",
            "is more than 100 g per 100 g",
        ),
        ("food_nutrient.csv", 38, "fdc_id", "999999", "points to a food that is not in food.csv"),
        (
            "food_nutrient.csv",
            39,
            "amount (Calcium, Ca, nutrient 1087)",
            "-1",
            "must not be negative",
        ),
    ]
    assert result.report.foods_skipped == 5  # both butter rows, apple, chicken, egg
    assert result.valid_only().foods.height == 0
