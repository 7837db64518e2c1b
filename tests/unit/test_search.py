"""Search terms: folded, stemmed, matched in any order, ranked plain foods first."""

from __future__ import annotations

from menuplanner.domain.search import (
    MAX_QUERY_LENGTH,
    fold,
    matches,
    query_terms,
    rank_key,
    search_text,
    stem,
    words,
)

CHICKEN_BREAST = "Chicken, broilers or fryers, breast, meat only, cooked, roasted"


def rank(
    name: str,
    terms: list[str],
    *,
    group: str = "0100",
    branded: bool = False,
    common: bool = True,
    portions: int = 3,
) -> tuple:
    return rank_key(name, group, branded, common, portions, terms)


def test_folds_accents_and_case():
    assert fold("Crème BRÛLÉE, Jalapeño") == "creme brulee, jalapeno"


def test_plural_and_singular_meet():
    assert words("BLUEBERRIES, raw") == ["blueberry", "raw"]
    assert words("Blueberry") == ["blueberry"]
    assert stem("tomatoes") == "tomato"
    assert stem("eggs") == "egg"


def test_stemming_leaves_short_words_and_double_s_alone():
    assert stem("glass") == "glass"
    assert stem("gas") == "gas"
    assert stem("ties") == "tie"


def test_query_terms_keep_typed_order_and_drop_repeats():
    assert query_terms("Roasted  chicken, CHICKEN breast") == ["roasted", "chicken", "breast"]


def test_query_terms_ignore_punctuation_and_empty_input():
    assert query_terms("  ,;- ") == []
    assert query_terms("2% milk") == ["2", "milk"]


def test_query_terms_read_at_most_the_first_200_characters():
    assert query_terms("a" * MAX_QUERY_LENGTH + " tail") == ["a" * MAX_QUERY_LENGTH]


def test_search_text_is_words_each_after_a_space():
    assert search_text("Egg, whole, raw, fresh") == " egg whole raw fresh"


def test_words_match_in_any_order_and_any_case():
    text = search_text(CHICKEN_BREAST)
    assert matches(text, query_terms("roasted chicken breast"))
    assert matches(text, query_terms("BREAST Roasted Chicken"))
    assert matches(text, query_terms("chick brea"))  # word prefixes


def test_every_word_must_match_the_start_of_a_word():
    text = search_text(CHICKEN_BREAST)
    assert not matches(text, query_terms("chicken thigh"))
    assert not matches(text, query_terms("icken"))


def test_plain_egg_ranks_before_eggnog_and_egg_substitute():
    terms = query_terms("egg")
    ranked = sorted(
        ["Eggnog", "Egg substitute, powder", "Egg, whole, raw, fresh"],
        key=lambda name: rank(name, terms),
    )
    assert ranked[0] == "Egg, whole, raw, fresh"


def test_branded_and_unusual_group_foods_rank_last():
    terms = query_terms("chicken breast")
    branded = rank(
        "OSCAR MAYER, Chicken Breast (oven roasted, fat free)",
        terms,
        group="0700",
        branded=True,
        common=False,
    )
    fast_food = rank("Fast foods, chicken breast sandwich", terms, group="2100", common=False)
    plain_but_rare = rank(
        "Chicken breast, smoked, unusual cut, with many qualifiers",
        terms,
        group="0500",
        common=False,
        portions=0,
    )
    assert plain_but_rare < branded
    assert plain_but_rare < fast_food


def test_foods_in_the_dietary_survey_rank_before_others():
    terms = query_terms("butter")
    assert rank("Butter, salted", terms, common=True) < rank("Butter, whipped", terms, common=False)


def test_ligatures_fold_to_the_letters_people_type():
    assert words("Bœuf, Smørrebrød, Weißwurst") == ["boeuf", "smorrebrod", "weisswurst"]
