"""The text of a PDF this package wrote, page by page and line by line, in pure Python (no
poppler): lets tests, the bench and a notebook check what a client will read.

It reads what fpdf2 writes: objects with their stream lengths, Flate or plain content streams,
Type0 (Unicode TrueType) fonts with a ToUnicode map, and text shown with Tj and TJ at positions
set by Td or Tm. Pieces of text on one baseline are joined left to right, a space between
pieces that stand apart. It is not a general PDF reader.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

_OBJECT = re.compile(rb"(\d+) 0 obj\b")
_REF = rb"(\d+) 0 R"
_TOKEN = re.compile(
    rb"\s*(?:(?P<string>\()|(?P<hex><[0-9A-Fa-f\s]*>)|(?P<open>\[)|(?P<close>\])"
    rb"|(?P<name>/[^\s/\[\]()<>]+)|(?P<number>[+-]?(?:\d+\.?\d*|\.\d+))|(?P<op>[A-Za-z'\"*]+)"
    rb"|(?P<dict><<|>>))"
)
_ESCAPES = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}


@dataclass(frozen=True, slots=True)
class _Run:
    x: float
    y: float
    width: float  # rough: characters × font size × 0.5
    text: str


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, lines top to bottom."""
    objects, streams = _objects(data)
    fonts = {
        number: _cmap(streams.get(int(ref)))
        for number, body in objects.items()
        for ref in re.findall(rb"/ToUnicode " + _REF, body)
    }
    pages = []
    for page in _page_order(objects):
        body = objects[page]
        resources = _resolved(objects, body, b"/Resources")
        font_map = {}
        font_dict = re.search(rb"/Font\s*<<(.*?)>>", resources or b"", re.S)
        if font_dict:
            for name, ref in re.findall(rb"/(\w+)\s+" + _REF, font_dict.group(1)):
                font_map[name.decode()] = fonts.get(int(ref), {})
        contents = b"".join(
            streams.get(int(ref), b"")
            for ref in re.findall(_REF, _value(body, b"/Contents") or b"")
        )
        pages.append(_lines(_runs(contents, font_map)))
    return pages


def pdf_text(data: bytes) -> str:
    """All pages' text, pages separated by a form feed."""
    return "\f".join(pdf_pages(data))


def _objects(data: bytes) -> tuple[dict[int, bytes], dict[int, bytes]]:
    objects: dict[int, bytes] = {}
    streams: dict[int, bytes] = {}
    position = 0
    while match := _OBJECT.search(data, position):
        number, start = int(match.group(1)), match.end()
        end = data.find(b"endobj", start)
        stream_at = data.find(b"stream", start)
        if stream_at != -1 and (end == -1 or stream_at < end):
            head = data[start:stream_at]
            length = int(re.search(rb"/Length (\d+)", head).group(1))
            begin = stream_at + len(b"stream")
            begin += 2 if data[begin : begin + 2] == b"\r\n" else 1
            raw = data[begin : begin + length]
            streams[number] = zlib.decompress(raw) if b"/FlateDecode" in head else raw
            objects[number] = head
            position = data.find(b"endobj", begin + length) + len(b"endobj")
        else:
            objects[number] = data[start:end]
            position = end + len(b"endobj")
    return objects, streams


def _value(body: bytes, key: bytes) -> bytes | None:
    match = re.search(re.escape(key) + rb"\s*(\[[^\]]*\]|" + _REF + rb")", body)
    return match.group(1) if match else None


def _resolved(objects: dict[int, bytes], body: bytes, key: bytes) -> bytes | None:
    ref = re.search(re.escape(key) + rb"\s*" + _REF, body)
    if ref:
        return objects.get(int(ref.group(1)))
    inline = re.search(re.escape(key) + rb"\s*<<(.*)>>", body, re.S)
    return inline.group(1) if inline else None


def _page_order(objects: dict[int, bytes]) -> list[int]:
    root = next(
        n
        for n, body in objects.items()
        if re.search(rb"/Type\s*/Pages\b", body) and b"/Parent" not in body
    )

    def walk(number: int) -> list[int]:
        body = objects[number]
        if re.search(rb"/Type\s*/Page\b", body):
            return [number]
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
        return [p for ref in re.findall(_REF, kids.group(1)) for p in walk(int(ref))]

    return walk(root)


def _cmap(stream: bytes | None) -> dict[int, str]:
    mapping: dict[int, str] = {}
    if not stream:
        return mapping
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
        for low, high, dst in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            start = int(dst, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


def _literal(data: bytes, start: int) -> tuple[bytes, int]:
    """The bytes of a (literal string) opening at `start`; returns them and the end index."""
    out, depth, i = bytearray(), 1, start + 1
    while i < len(data):
        char = data[i]
        if char == 0x5C:  # backslash
            nxt = data[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
            elif 0x30 <= nxt <= 0x37:
                digits = re.match(rb"[0-7]{1,3}", data[i + 1 : i + 4]).group(0)
                out.append(int(digits, 8) & 0xFF)
                i += 1 + len(digits)
            elif nxt in (0x0A, 0x0D):
                i += 2
            else:
                out.append(nxt)
                i += 2
            continue
        if char == 0x28:
            depth += 1
        elif char == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out.append(char)
        i += 1
    return bytes(out), i


def _decode(raw: bytes, cmap: dict[int, str]) -> str:
    if not cmap:
        return raw.decode("latin-1")
    return "".join(
        cmap.get(int.from_bytes(raw[i : i + 2], "big"), "") for i in range(0, len(raw) - 1, 2)
    )


def _runs(content: bytes, fonts: dict[str, dict[int, str]]) -> list[_Run]:
    runs: list[_Run] = []
    stack: list = []
    cmap: dict[int, str] = {}
    size = 10.0
    x = y = 0.0
    array: list | None = None
    position = 0
    while position < len(content):
        match = _TOKEN.match(content, position)
        if not match:
            position += 1
            continue
        position = match.end()
        kind = match.lastgroup
        if kind == "string":
            raw, position = _literal(content, match.start("string"))
            (array if array is not None else stack).append(raw)
        elif kind == "hex":
            raw = bytes.fromhex(re.sub(rb"\s", b"", match.group("hex")[1:-1]).decode())
            (array if array is not None else stack).append(raw)
        elif kind == "open":
            array = []
        elif kind == "close":
            stack.append(array or [])
            array = None
        elif kind in ("name", "number"):
            value = match.group(kind)
            (array if array is not None else stack).append(
                value.decode() if kind == "name" else float(value)
            )
        elif kind == "op":
            op = match.group("op").decode()
            if op == "Tf" and len(stack) >= 2:
                cmap, size = fonts.get(str(stack[-2]).lstrip("/"), {}), float(stack[-1])
            elif op == "Td" and len(stack) >= 2:
                x, y = x + stack[-2], y + stack[-1]
            elif op == "Tm" and len(stack) >= 6:
                x, y = stack[-2], stack[-1]
            elif op == "BT":
                x = y = 0.0
            elif op in ("Tj", "'", '"') and stack and isinstance(stack[-1], bytes):
                text = _decode(stack[-1], cmap)
                runs.append(_Run(x, y, len(text) * size * 0.5, text))
            elif op == "TJ" and stack and isinstance(stack[-1], list):
                text = "".join(_decode(part, cmap) for part in stack[-1] if isinstance(part, bytes))
                runs.append(_Run(x, y, len(text) * size * 0.5, text))
            stack = []
    return runs


def _lines(runs: list[_Run]) -> str:
    rows: dict[float, list[_Run]] = {}
    for run in runs:
        if run.text.strip():
            key = next((k for k in rows if abs(k - run.y) < 1.5), run.y)
            rows.setdefault(key, []).append(run)
    lines = []
    for key in sorted(rows, reverse=True):
        line = ""
        for run in sorted(rows[key], key=lambda r: r.x):
            line = f"{line} {run.text.strip()}" if line else run.text.strip()
        lines.append(" ".join(line.split()))
    return "\n".join(lines)
