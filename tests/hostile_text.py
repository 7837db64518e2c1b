"""One corpus of hostile text for every test that checks user and dataset text is stored and
shown literally: markup Streamlit, HTML or plotly could interpret, SQL and spreadsheet
metacharacters, emoji and bidirectional marks, and one very long string."""

from __future__ import annotations

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "[click](javascript:alert(1))"
MD_IMAGE = "![pixel](http://example.invalid/p.png)"
SQL_DROP = "'; DROP TABLE clients; --"
SQL_BOBBY = "Robert'); DELETE FROM menus;--"
LATEX = "$x^2$"
MARKDOWN = "**bold** _it_ # heading"
DIRECTIVE = ":red[alarm]"
TEMPLATE = "{{7*7}}"
EMOJI = "👩🏽‍⚕️🍌"  # a ZWJ sequence with a skin tone, then a banana
RTL = "\u200fabc\u202edef"  # right-to-left mark, then right-to-left override
COMBINING = "e\u0301 n\u0303 Z\u0336\u0335"  # é, ñ and a struck-through Z, all combining
FORMULA = "=cmd|' /C calc'!A0"

# Everything that, shown unescaped, would become an element, a link or formatting.
MARKUP = (SCRIPT, IMG, JS_LINK, MD_IMAGE, LATEX, MARKDOWN, DIRECTIVE)
CORPUS = (
    SCRIPT,
    IMG,
    JS_LINK,
    MD_IMAGE,
    SQL_DROP,
    SQL_BOBBY,
    LATEX,
    MARKDOWN,
    DIRECTIVE,
    TEMPLATE,
    EMOJI,
    RTL,
    COMBINING,
    FORMULA,
)

# 102,400 one-byte characters (100 KB) of nine-letter words on one line: no whitespace to tidy.
LONG = ("abcdefghi " * 10_240)[:-1] + "j"
assert len(LONG) == 102_400


def short_names() -> list[str]:
    """Each corpus entry as a name: numbered, so that names stay distinct after whitespace is
    tidied, and each within a name's length limit."""
    return [f"{index} {text}" for index, text in enumerate(CORPUS)]


def notes() -> str:
    """The whole corpus, one entry per line, then the 100 KB string."""
    return "\n".join(CORPUS) + "\n" + LONG
