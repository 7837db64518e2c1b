"""The Generate page's meal patterns (AppTest): edit a pattern's 'Made of', save, see it after a
rerun; a word that is not a role is refused with its sentence and nothing changes; "Back to the
standard patterns" restores the bundled ones."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from menuplanner.planning.categories import ROLES
from tests.app.conftest import APP
from tests.app.shown import as_read

EDITOR = "gen_patterns_editor"
LUNCH = 6  # the row of "Protein, starch and vegetables"
STANDARD = "main, starch, 1–2 vegetable (+ fat)"


def _generate(app: AppTest) -> AppTest:
    app.switch_page("pages/generate.py")
    app.run()
    assert not app.exception, app.exception
    return app


def _made_of(app: AppTest) -> list[str]:
    return list(app.data_editor(key=EDITOR).value["Made of"])


def _edit(app: AppTest, row: int, column: str, value: str) -> None:
    app.session_state[EDITOR] = {
        "edited_rows": {row: {column: value}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    app.button(key="gen_patterns_save").click().run()
    assert not app.exception, app.exception


def test_an_edited_pattern_is_saved_and_shown_after_a_rerun(app: AppTest) -> None:
    _generate(app)
    assert _made_of(app)[LUNCH] == STANDARD
    assert app.button(key="gen_patterns_standard").disabled
    _edit(app, LUNCH, "Made of", "main, 1-2 starch, 2 vegetables (+ fat)")
    assert [s.value for s in app.success] == ["Saved: 13 patterns in use."]
    app.run()
    assert _made_of(app)[LUNCH] == "main, 1–2 starch, 2–2 vegetable (+ fat)"
    assert any("Your practice's own patterns" in c.value for c in app.caption)
    assert not app.button(key="gen_patterns_standard").disabled


def test_a_word_that_is_not_a_role_is_refused_and_nothing_changes(app: AppTest) -> None:
    _generate(app)
    _edit(app, LUNCH, "Made of", "main, starch, vegtable")
    assert [as_read(e.value) for e in app.error] == [
        f"Row 7: 'vegtable' is not a role; the roles are: {', '.join(ROLES)}. Nothing was saved."
    ]
    fresh = _generate(AppTest.from_file(APP, default_timeout=60))  # another session
    assert _made_of(fresh)[LUNCH] == STANDARD


def test_back_to_the_standard_patterns_restores_them(app: AppTest) -> None:
    _generate(app)
    _edit(app, LUNCH, "In use", False)
    _edit(app, 2, "Made of", "starch (+ milk)")
    assert _made_of(app)[2] == "starch (+ milk)"
    assert app.data_editor(key=EDITOR).value["In use"][LUNCH] == False  # noqa: E712
    app.button(key="gen_patterns_standard").click().run()
    assert [s.value for s in app.success] == ["Back to the standard patterns."]
    assert _made_of(app)[2] == "starch (+ milk, dairy, cheese, fruit, drink, fat)"
    assert all(app.data_editor(key=EDITOR).value["In use"])
