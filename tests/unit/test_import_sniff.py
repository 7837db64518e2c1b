"""How a text table is written: encoding, separator, header line."""

from __future__ import annotations

import codecs

from menuplanner.imports import sniff


def test_utf8_with_and_without_bom():
    assert sniff.decode("Eiweiß".encode()) == ("Eiweiß", "UTF-8")
    assert sniff.decode(codecs.BOM_UTF8 + "Eiweiß".encode()) == ("Eiweiß", "UTF-8 with BOM")


def test_windows_1252_is_recognised_by_its_own_characters():
    assert sniff.decode("Œuf – 5 €".encode("cp1252")) == ("Œuf – 5 €", "Windows-1252")


def test_latin1_decodes_accents():
    assert sniff.decode("Energía, Piña".encode("latin-1")) == (
        "Energía, Piña",
        "Latin-1 (ISO-8859-1)",
    )


def test_binary_data_is_not_a_table():
    assert sniff.looks_binary(bytes(range(256)) * 4)
    assert not sniff.looks_binary(b"Name;Energie\nApfel;52\n")
    assert not sniff.looks_binary("Name\tEnergy".encode("utf-16"))


def test_the_separator_is_the_one_found_equally_often_on_every_line():
    assert sniff.separator(["a;b;c", "1,5;2,5;x", "3;4;5"]) == ";"
    assert sniff.separator(["a\tb\tc", "1,5\t2\t3"]) == "\t"
    assert sniff.separator(['a,b,"c;d"', "1,2,3"]) == ","


def test_title_lines_above_the_header_are_skipped():
    rows = [
        ["Food table 2024", "", ""],
        ["", "", ""],
        ["Name", "kcal", "Protein"],
        ["Apple", "52", "0.3"],
    ]
    assert sniff.header_index(rows) == 2
    assert sniff.header_index([["Name", "kcal"], ["Apple", "52"]]) == 0
