"""The SR26 reader: lines written the SR26 way (`^` between fields, `~` around text) read back
field for field; any other text is read or refused with a DataFileError naming the file."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from menuplanner.sr26.errors import DataFileError
from menuplanner.sr26.reader import LINE, parse_sr_text, to_numbers

COLUMNS = ("NDB_No", "Long_Desc", "Amount")
# What SR26 text fields hold: no field separator, no quote, no line break.
field_text = st.text(
    st.characters(blacklist_characters="^~\r\n", blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
    max_size=20,
)
amounts = st.one_of(st.just(""), st.floats(0, 1e6, allow_nan=False).map(lambda v: f"{v:.3f}"))


@given(
    rows=st.lists(st.tuples(st.integers(1000, 99999), field_text, amounts), min_size=1, max_size=20)
)
def test_sr26_lines_read_back_field_for_field(rows):
    text = "".join(f"~{ndb:05d}~^~{name}~^{amount}\r\n" for ndb, name, amount in rows)
    frame = parse_sr_text(text, COLUMNS, "FOOD_DES.txt")
    assert frame.get_column(LINE).to_list() == list(range(1, len(rows) + 1))
    assert frame.select(COLUMNS).rows() == [
        (f"{ndb:05d}", name.strip() or None, amount or None) for ndb, name, amount in rows
    ]
    numbers, problems = to_numbers(frame, ["Amount"], "FOOD_DES.txt")
    assert problems == []
    assert numbers.get_column("Amount").to_list() == [float(a) if a else None for _, _, a in rows]


@given(text=st.text(alphabet=st.sampled_from("~^a1 .\r\n\t\x85\u2028\x0b\"'"), max_size=60))
@example(text="~a~^b^c\rd^e^f\n")  # a lone CR: Python sees two lines, Polars one
@example(text="~a^b~^c^d\n")  # a separator inside a quoted field
@example(text="a^b^c\x85d^e^f\n")  # NEL ends a line for str.splitlines only
@example(text="~a~^~b~^~c\n")  # a quote never closed
def test_any_text_is_read_with_the_right_width_or_refused_naming_the_file(text):
    try:
        frame = parse_sr_text(text, COLUMNS, "FOOD_DES.txt")
    except DataFileError as error:
        assert str(error).startswith("FOOD_DES.txt")
        assert error.problems
        return
    assert frame.columns == [LINE, *COLUMNS]
    assert frame.height >= 1
