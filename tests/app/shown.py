"""What an AppTest run shows, read the way Streamlit renders it: which texts go through
Markdown (bodies, labels, tooltips, metric values, expander/tab/popover/status labels,
segmented-control and select-slider options) and which are drawn as plain text (selectbox
options, table cells, text inputs). User text in the first kind must arrive escaped."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

# Proto fields Streamlit renders as Markdown, on any element or block.
MARKDOWN_FIELDS = {"body", "label", "help", "delta", "caption", "content", "tooltip", "value"}
PLAIN_ELEMENTS = {
    "text",
    "code",
    "json",
    "exception",
    "text_input",
    "text_area",
    "number_input",
    "date_input",
    "selectbox",
    "multiselect",
    "radio",
    "checkbox",
    "toggle",
    "file_uploader",
    "dataframe",
    "arrow_data_frame",
    "iframe",
    "download_button",
}
PLAIN_FIELDS = {"value", "default", "options", "placeholder", "raw_value", "raw_values"}


def as_read(text: str) -> str:
    """Markdown text as a reader sees it once Streamlit drops the escaping backslashes."""
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def _strings(message: Message, path: str) -> Iterator[tuple[str, str]]:
    for field, value in message.ListFields():
        values = value if field.is_repeated else [value]
        for item in values:
            if isinstance(item, Message):
                yield from _strings(item, f"{path}.{field.name}")
            elif isinstance(item, str):
                yield f"{path}.{field.name}", item


def markdown_texts(app: AppTest) -> list[tuple[str, str]]:
    """(where, text) for every text of the page that Streamlit renders as Markdown."""
    found = []
    for node in app._tree:
        proto = getattr(node, "proto", None)
        if not isinstance(proto, Message):
            continue
        kind = getattr(node, "type", type(node).__name__)
        for where, text in _strings(proto, kind):
            field = where.rsplit(".", 1)[-1]
            if field not in MARKDOWN_FIELDS:
                continue
            if field in PLAIN_FIELDS and not where.startswith("button_group"):
                continue
            if kind in PLAIN_ELEMENTS and field not in {"label", "help"}:
                continue
            if kind == "html":  # HTML, not Markdown: see html_texts
                continue
            found.append((where, text))
        if kind in ("slider", "select_slider") and proto.options:  # select_slider: Markdown
            found += [(f"{kind}.options", option) for option in proto.options]
    return found


def plotly_texts(app: AppTest) -> list[str]:
    """Every string of every plotly figure (names, titles, hover templates, labels)."""
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for node in app._tree:
        if getattr(node, "type", None) == "plotly_chart":
            walk(json.loads(node.proto.spec))
    return texts


def html_texts(app: AppTest) -> list[str]:
    """The bodies of st.html elements (the menu builder's week grid)."""
    return [node.proto.body for node in app._tree if getattr(node, "type", None) == "html"]


def live_markup(app: AppTest, corpus: tuple[str, ...]) -> list[tuple[str, str]]:
    """(where, corpus entry) for each entry found unescaped where Streamlit renders Markdown,
    each '<' of an entry found raw in a plotly figure (plotly draws some HTML), and each entry
    with a tag found raw in an st.html body (there Markdown means nothing)."""
    found = [
        (where, entry) for where, text in markdown_texts(app) for entry in corpus if entry in text
    ]
    found += [
        ("plotly", entry)
        for text in plotly_texts(app)
        for entry in corpus
        if "<" in entry and entry.split(" ")[0] in text
    ]
    found += [
        ("html", entry)
        for text in html_texts(app)
        for entry in corpus
        if "<" in entry and entry.split(" ")[0] in text
    ]
    return found
