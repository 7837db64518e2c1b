"""Guessing how a text table is written: its encoding, its separator and its header line."""

from __future__ import annotations

import codecs
import re
from collections import Counter

SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
_QUOTED = re.compile(r'"[^"]*"')
_C1_BYTES = re.compile(rb"[\x80-\x9f]")


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding as a person would name it). UTF-8 with or without BOM, UTF-16 with a BOM,
    Windows-1252, and Latin-1 (which decodes any byte: binary data is caught by the caller)."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace"), "UTF-16"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if _C1_BYTES.search(raw):
        try:
            return raw.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1"), "Latin-1 (ISO-8859-1)"


def looks_binary(raw: bytes) -> bool:
    """NUL bytes (outside UTF-16) or many control characters: not a text table."""
    sample = raw[:65536]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return bool(sample) and controls / len(sample) > 0.01


def separator(lines: list[str]) -> str:
    """The candidate found the same number of times (more than 0) on most of the first lines."""
    lines = [_QUOTED.sub("", line) for line in lines if line.strip()][:30]
    best, best_score = ",", (0.0, 0)
    for candidate in SEPARATORS:
        counts = [line.count(candidate) for line in lines]
        if not counts:
            continue
        mode, _ = Counter(c for c in counts if c > 0).most_common(1)[0] if any(counts) else (0, 0)
        if mode == 0:
            continue
        share = sum(1 for c in counts if c == mode) / len(counts)
        score = (round(share, 1), mode)
        if score > best_score:
            best, best_score = candidate, score
    return best


def header_index(rows: list[list[str | None]]) -> int:
    """0-based index of the header among the first rows: the first row filled about as fully as
    the fullest one (title lines above a table are skipped)."""
    filled = [sum(1 for cell in row if cell not in (None, "")) for row in rows[:30]]
    if not filled:
        return 0
    widest = max(filled)
    for index, count in enumerate(filled):
        if count >= max(2, 0.6 * widest) or (widest < 2 and count):
            return index
    return 0
