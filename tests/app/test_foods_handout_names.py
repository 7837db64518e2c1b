"""The Foods page shows the name a food has on the client's handouts beside USDA's name, and lets
the practice give it a name of its own or take it back to the automatic one (issue 16)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.shown import as_read

BANANA = 9040  # Bananas, raw
KEY = f"foods_handout_{BANANA}"
LINE = "**Name on the client's handouts:**"


def _bananas(page: AppTest) -> AppTest:
    page.run()
    page.text_input(key="foods_query").input("bananas raw").run()
    page.selectbox(key="foods_selected").set_value(BANANA).run()
    assert not page.exception
    assert page.subheader[0].value == "Bananas, raw"  # USDA's name stays the page's title
    return page


def _handout_line(page: AppTest) -> str:
    return next(m.value for m in page.markdown if m.value.startswith(LINE))


def test_a_name_is_saved_and_taken_back_to_the_automatic_one(foods_page: AppTest) -> None:
    _bananas(foods_page)
    assert _handout_line(foods_page) == (
        f"{LINE} Banana (the automatic name, made from USDA's description)"
    )
    assert foods_page.text_input(key=KEY).value == "Banana"
    assert not any(b.key == f"{KEY}_reset" for b in foods_page.button)

    foods_page.text_input(key=KEY).input("  Ripe   banana ")
    foods_page.button(key=f"{KEY}_save").click().run()
    assert not foods_page.exception and not foods_page.error
    assert _handout_line(foods_page) == (
        f"{LINE} Ripe banana (your workspace's name; the automatic one is “Banana”)"
    )
    assert as_read(foods_page.toast[0].value) == "Saved: handouts now print “Ripe banana”."

    # Another food and back: the name is stored, not only the box's text.
    foods_page.text_input(key="foods_query").input("butter salted").run()
    _bananas(foods_page)
    assert "Ripe banana (your workspace's name" in _handout_line(foods_page)

    foods_page.button(key=f"{KEY}_reset").click().run()
    assert not foods_page.exception
    assert _handout_line(foods_page) == (
        f"{LINE} Banana (the automatic name, made from USDA's description)"
    )
    assert foods_page.text_input(key=KEY).value == "Banana"


def test_an_empty_name_is_refused_with_a_sentence_and_nothing_changes(foods_page) -> None:
    _bananas(foods_page)
    foods_page.text_input(key=KEY).input("   ")
    foods_page.button(key=f"{KEY}_save").click().run()
    assert not foods_page.exception
    assert [e.value for e in foods_page.error] == ["Handout name is empty\\."]
    assert _handout_line(foods_page).startswith(f"{LINE} Banana (the automatic name")


def test_a_hostile_name_is_shown_literally(foods_page: AppTest) -> None:
    hostile = "**Bold** <b>banana</b> [click](javascript:alert(1)) :red[x]"
    _bananas(foods_page)
    foods_page.text_input(key=KEY).input(hostile)
    foods_page.button(key=f"{KEY}_save").click().run()
    assert not foods_page.exception
    line = _handout_line(foods_page)
    assert as_read(line) == (
        f"**Name on the client's handouts:** {hostile} "
        "(your workspace's name; the automatic one is “Banana”)"
    )
    assert "\\*\\*Bold\\*\\* \\<b\\>banana\\</b\\> \\[click\\]\\(javascript\\:alert" in line
    assert foods_page.text_input(key=KEY).value == hostile  # a text box: plain text
