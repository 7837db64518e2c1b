"""Number parsing as food tables write numbers: formatted numbers round-trip in every supported
locale style, every text gets one of the four statuses, and no value is ever NaN or infinite."""

from __future__ import annotations

import math
from decimal import Decimal

import polars as pl
from hypothesis import example, given
from hypothesis import strategies as st

from menuplanner.imports import numbers
from menuplanner.imports.numbers import parse_series

# (decimal mark, thousands separators written with it, the style that reads it)
LOCALES = {
    "English": (".", ["", ","], "dot"),
    "Swiss": (".", ["'"], "dot"),
    "German": (",", ["", ".", " ", "\u00a0"], "comma"),
    "French": (",", ["\u202f", "\u2009", " "], "comma"),
}
STATUSES = {
    numbers.STATUS_NUMBER,
    numbers.STATUS_MISSING,
    numbers.STATUS_BELOW,
    numbers.STATUS_INVALID,
}

values = st.decimals(min_value=0, max_value=Decimal("999999999.9999"), places=4).map(
    lambda d: d.normalize()
)


def written(value: Decimal, mark: str, thousands: str) -> str:
    """`value` as a person in that locale types it: grouped digits, the locale's decimal mark."""
    whole, _, fraction = f"{value:f}".partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    text = thousands.join([whole, *groups])
    return f"{text}{mark}{fraction}" if fraction else text


@given(
    value=values,
    locale=st.sampled_from(sorted(LOCALES)),
    data=st.data(),
)
@example(value=Decimal("1.234"), locale="German", data=None)  # "1,234": one point two three four
@example(value=Decimal("1234"), locale="English", data=None)  # "1,234": one thousand ...
def test_a_number_written_in_a_locale_reads_back_in_that_locale_style(value, locale, data):
    mark, separators, style = LOCALES[locale]
    thousands = separators[-1] if data is None else data.draw(st.sampled_from(separators))
    text = written(value, mark, thousands)
    [(parsed, status)] = parse_series([text], style)
    assert status == numbers.STATUS_NUMBER, text
    assert parsed == float(value), text


@given(
    cells=st.lists(values.filter(lambda d: d != d.to_integral_value()), min_size=1, max_size=8),
    locale=st.sampled_from(sorted(LOCALES)),
)
def test_a_column_with_decimals_tells_its_locale_style(cells, locale):
    """decimal_style reads the table's style from the cells that are unambiguous: a fraction of
    one or two digits, or of four and more (three digits could be a thousands group)."""
    mark, separators, style = LOCALES[locale]
    texts = [written(value, mark, separators[-1]) for value in cells]
    unambiguous = [t for t in texts if len(t.rpartition(mark)[2]) != 3 or t.startswith("0")]
    frame = pl.DataFrame({"v": texts})
    if unambiguous:
        assert numbers.decimal_style(frame, ["v"], separator="\t") == style
    parsed = numbers.parse_frame(frame, "v", style).get_column("_value").to_list()
    assert parsed == [float(v) for v in cells]


@given(text=st.text(max_size=30))
@example(text="1e400")
@example(text="-inf")
@example(text="NaN")
@example(text="(12)")
@example(text="1.2.3")
@example(text="\x00")
def test_any_text_gets_one_status_and_a_finite_value_only_when_it_is_a_number(text):
    for style in ("dot", "comma"):
        [(value, status)] = parse_series([text], style)
        assert status in STATUSES
        if status in (numbers.STATUS_NUMBER, numbers.STATUS_BELOW):
            assert value is not None and math.isfinite(value)
        else:
            assert value is None
        if status == numbers.STATUS_BELOW:
            assert value == 0.0


@given(
    word=st.sampled_from(numbers.MISSING_WORDS),
    upper=st.booleans(),
    padding=st.sampled_from(["", " ", "\t", "\u00a0"]),
)
def test_missing_words_are_missing_never_zero(word, upper, padding):
    text = padding + (word.upper() if upper else word) + padding
    assert parse_series([text]) == [(None, numbers.STATUS_MISSING)]


@given(
    word=st.sampled_from(numbers.BELOW_WORDS),
    limit=st.one_of(st.none(), values.map(lambda d: written(d, ".", ""))),
)
def test_below_detection_is_stored_as_zero(word, limit):
    text = word if limit is None else f"< {limit}"
    assert parse_series([text]) == [(0.0, numbers.STATUS_BELOW)]
