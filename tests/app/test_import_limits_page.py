"""The Import page states the limits it enforces: the uploader's own size limit and the one the
upload is checked against are the same figure, and tables over the row or column limit are
refused with a sentence naming the file's figure."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest


@pytest.fixture
def page(app: AppTest) -> AppTest:
    app.switch_page("pages/imports.py")
    return app


def file_uploader(page: AppTest):
    return next(u for u in page.file_uploader if u.label.startswith("A FoodData Central CSV"))


def test_the_uploader_allows_and_states_the_import_limit(page, monkeypatch):
    monkeypatch.setenv("MENUPLANNER_IMPORT_MAX_MB", "1")
    page.run()
    uploader = file_uploader(page)
    assert uploader.proto.max_upload_size_mb == 1
    assert uploader.help == (
        "Files up to 1 MB; tables up to 500,000 rows and 500 columns. For larger files use the "
        "last tab."
    )
    page.file_uploader[0].upload(
        "big.csv", b"name,kcal\n" + b"apple,52\n" * 150_000, "text/csv"
    ).run()
    assert page.error[0].value.replace("\\", "") == (
        "big.csv is 1.3 MB; files over 1 MB are refused (set MENUPLANNER_IMPORT_MAX_MB or "
        "--max-size-mb to allow more)."
    )


def test_the_uploader_never_promises_more_than_the_server_accepts(page, monkeypatch):
    monkeypatch.setenv("MENUPLANNER_IMPORT_MAX_MB", "100000")
    page.run()
    server_limit = st.get_option("server.maxUploadSize")
    assert file_uploader(page).proto.max_upload_size_mb == server_limit
    assert file_uploader(page).help.startswith(f"Files up to {server_limit:,} MB;")


def test_a_table_with_612_columns_is_refused_with_a_sentence(page):
    page.run()
    header = ",".join(["name", *(f"extra {i}" for i in range(611))])
    data = (header + "\n" + ",".join(["apple"] + ["1"] * 611) + "\n").encode()
    page.file_uploader[0].upload("wide.csv", data, "text/csv").run()
    assert not page.exception
    assert page.error[0].value.replace("\\", "") == (
        "wide.csv has 612 columns; at most 500 can be imported (set "
        "MENUPLANNER_IMPORT_MAX_COLUMNS to allow more)."
    )
    assert not [s for s in page.subheader if s.value == "3. Match the columns, then check the file"]
