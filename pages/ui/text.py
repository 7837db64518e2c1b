"""User and dataset text shown inside Streamlit's markdown (titles, captions, messages) must
read literally: `**x**`, `[link](javascript:...)`, `![img](...)` or `<b>` are shown as typed."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


def literal(text: str) -> str:
    """Escape every character markdown could interpret."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
