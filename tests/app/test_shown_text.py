"""The helper that finds unescaped user text (tests/app/shown.py) finds it wherever Streamlit
renders Markdown, and leaves alone what Streamlit draws as plain text."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.shown import as_read, live_markup
from tests.hostile_text import IMG, MARKUP


def _every_kind_of_text() -> None:
    import streamlit as st

    from pages.ui.text import literal

    hostile = "<img src=x onerror=alert(1)>"
    st.markdown(hostile)
    st.caption(literal(hostile))
    st.selectbox("pick", [hostile])
    with st.expander(hostile):
        st.text(hostile)
    st.metric(literal(hostile), hostile)
    st.tabs([hostile])
    with st.popover(hostile):
        st.write("inside")
    st.segmented_control("segment", [hostile])
    st.select_slider("slide", [hostile, "other"])
    st.toast(hostile)
    st.button("press", help=hostile)
    st.dataframe({"cell": [hostile]})


def test_every_unescaped_markdown_place_is_found_and_plain_text_is_not():
    app = AppTest.from_function(_every_kind_of_text, default_timeout=60).run()
    assert not app.exception
    assert sorted(where for where, _ in live_markup(app, MARKUP)) == [
        "button.help",
        "button_group.options.content",
        "expander.label",
        "markdown.body",
        "metric.body",
        "popover.popover.label",
        "select_slider.options",
        "tab.label",
        "toast.body",
    ]


def test_escaped_text_reads_as_typed():
    from pages.ui.text import literal

    assert all(as_read(literal(text)) == text for text in (*MARKUP, IMG + "\\"))
