"""What people type is tidied or refused with a sentence saying why."""

from __future__ import annotations

import datetime as dt

import pytest

from menuplanner.domain.clients import Client, Sex
from menuplanner.domain.errors import InvalidAmount, ValidationFailed
from menuplanner.domain.targets import Targets
from menuplanner.domain.validation import (
    check_servings,
    clean_name,
    clean_notes,
    validate_client,
)
from tests.hostile_text import CORPUS, EMOJI, LONG, RTL
from tests.hostile_text import notes as hostile_notes

TODAY = dt.date(2025, 6, 1)


def refusal(check, *args, **kwargs) -> str:
    with pytest.raises(ValidationFailed) as error:
        check(*args, **kwargs)
    return str(error.value)


def test_a_name_is_stripped_and_its_inner_whitespace_collapsed():
    assert clean_name("  Chicken   curry \t with\nrice ") == "Chicken curry with rice"


@pytest.mark.parametrize("empty", ["", "   ", "\t\n", None])
def test_an_empty_name_is_refused(empty):
    assert refusal(clean_name, empty) == "Name is empty."


def test_the_field_is_named_in_the_message():
    assert refusal(clean_name, " ", field="Recipe name") == "Recipe name is empty."


def test_an_overlong_name_is_refused_with_its_length_and_the_limit():
    assert refusal(clean_name, "x" * 500) == "Name is too long: 500 characters; at most 200."


def test_a_name_at_the_limit_is_accepted():
    assert clean_name("x" * 200) == "x" * 200


def test_a_control_character_in_a_name_is_refused():
    assert refusal(clean_name, "Tom\x00") == (
        "There is an invisible control character (U+0000) in the name; "
        "retype the text instead of pasting it."
    )


def test_markup_in_a_name_is_kept_as_plain_text():
    assert clean_name("<script>alert(1)</script>") == "<script>alert(1)</script>"


def test_accents_and_other_scripts_are_kept():
    assert clean_name("Crème brûlée – 焼き鳥") == "Crème brûlée – 焼き鳥"


def test_notes_keep_their_lines_with_unix_line_endings():
    assert clean_notes("  Line 1\r\nLine 2\r\n\tindented  \n") == "Line 1\nLine 2\n\tindented"


def test_empty_notes_are_allowed():
    assert clean_notes("") == ""
    assert clean_notes(None) == ""


def test_overlong_notes_are_refused():
    assert refusal(clean_notes, "n" * 200_001) == (
        "Notes are too long: 200,001 characters; at most 200,000."
    )


def test_a_bell_character_in_notes_is_refused():
    assert refusal(clean_notes, "ring\x07") == (
        "There is an invisible control character (U+0007) in the notes; "
        "retype the text instead of pasting it."
    )


@pytest.mark.parametrize("servings", [0, -1, float("nan")])
def test_servings_must_be_more_than_zero(servings):
    with pytest.raises(InvalidAmount) as error:
        check_servings(servings)

    assert str(error.value) == "Servings must be more than 0."


def test_servings_above_100_are_refused():
    with pytest.raises(InvalidAmount) as error:
        check_servings(101)

    assert str(error.value) == "Servings must be at most 100; got 101."


def test_fractional_servings_are_fine():
    assert check_servings(2.5) == 2.5
    assert check_servings(100) == 100.0


def test_a_client_without_measurements_is_valid_and_comes_back_tidied():
    client = Client(
        "  Ann   Lee ",
        Sex.FEMALE,
        notes=" Likes tea. ",
        dislikes=("Mushroom", " mushroom ", "", "kale"),
    )

    valid = validate_client(client, TODAY)

    assert (valid.name, valid.notes) == ("Ann Lee", "Likes tea.")
    assert valid.dislikes == ("Mushroom", "kale")
    assert client.name == "  Ann   Lee "  # the original is left alone


def test_a_client_in_range_is_valid():
    client = Client("Sam", Sex.MALE, birth_year=1995, height_cm=180, weight_kg=80)

    assert validate_client(client, TODAY) == client


def test_every_problem_of_a_client_is_named_at_once():
    client = Client(
        "", Sex.MALE, birth_year=2020, height_cm=300, weight_kg=10, protein_g_per_kg=9, fat_pct=80
    )

    assert refusal(validate_client, client, TODAY) == (
        "Client name is empty. "
        "Age must be between 14 and 110 years; birth year 2020 gives 5 years. "
        "Height must be between 100 and 250 cm; got 300 cm. "
        "Weight must be between 25 and 350 kg; got 10 kg. "
        "Protein must be between 0.5 and 3.5 g/kg; got 9 g/kg. "
        "Fat must be between 15 and 50 % of energy; got 80 % of energy."
    )


def test_an_overlong_dislike_is_refused():
    client = Client("Ann", Sex.FEMALE, dislikes=("x" * 61,))

    assert refusal(validate_client, client, TODAY) == (
        "Dislike is too long: 61 characters; at most 60."
    )


def test_typed_targets_of_a_client_are_checked_too():
    client = Client("Ann", Sex.FEMALE, manual_targets=Targets(20000, 100, 250, 70))

    assert refusal(validate_client, client, TODAY) == (
        "Energy must be between 800 and 6,000 kcal; got 20,000 kcal."
    )


# The hostile corpus (tests/hostile_text.py): kept character for character, or refused whole.


@pytest.mark.parametrize("text", CORPUS)
def test_every_hostile_name_is_kept_exactly(text):
    assert clean_name(text) == text


def test_a_client_name_of_100_kb_is_refused_with_its_length_and_the_limit():
    client = Client(LONG, Sex.FEMALE)
    assert refusal(validate_client, client, TODAY) == (
        "Client name is too long: 102,400 characters; at most 200."
    )


def test_notes_of_100_kb_holding_the_whole_corpus_are_kept_exactly():
    text = hostile_notes()
    assert len(text) > 100_000
    assert clean_notes(text) == text.strip()


def test_a_recipe_method_is_named_when_too_long():
    assert refusal(clean_notes, "m" * 200_001, field="Method") == (
        "Method is too long: 200,001 characters; at most 200,000."
    )


def test_a_nul_character_is_refused_not_stripped():
    assert refusal(clean_notes, "before\x00after") == (
        "There is an invisible control character (U+0000) in the notes; "
        "retype the text instead of pasting it."
    )


def test_right_to_left_marks_and_emoji_joiners_are_kept():
    assert clean_name(RTL + " " + EMOJI) == RTL + " " + EMOJI
