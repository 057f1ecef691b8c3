"""A tiny PDF writer for tests: text lines at given positions in a Type0 font whose
ToUnicode map makes any (Vietnamese) character extractable, or pages with no text at all."""

from __future__ import annotations


def make_pdf(
    pages: list[list[tuple[float, float, str]]],
    *,
    size: float = 12,
    info: dict[str, str] | None = None,
) -> bytes:
    """A PDF whose pages hold ``(x, y, text)`` lines (points from the bottom left); an
    empty page list entry is a page with only a filled rectangle (a "scan")."""
    chars = sorted({c for page in pages for _, _, line in page for c in line})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes) -> bytes:
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    bfchar = []
    for start in range(0, len(chars), 100):
        block = chars[start : start + 100]
        bfchar.append(
            f"{len(block)} beginbfchar\n"
            + "\n".join(f"<{cid[c]:04X}> <{c.encode('utf-16-be').hex().upper()}>" for c in block)
            + "\nendbfchar"
        )
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(bfchar)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\n"
        "end\nend"
    ).encode()
    to_unicode = add(stream(cmap))
    descendant = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /DW 500 >>"
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (descendant, to_unicode)
    )
    pages_id = len(objects) + 1 + 0  # reserved below
    objects.append(b"")  # placeholder for the Pages object
    kids = []
    for page in pages:
        if page:
            ops = [b"BT"]
            for x, y, line in page:
                hexed = "".join(f"{cid[c]:04X}" for c in line)
                ops.append(f"/F1 {size} Tf 1 0 0 1 {x} {y} Tm <{hexed}> Tj".encode())
            ops.append(b"ET")
        else:
            ops = [b"0.5 g 50 50 495 742 re f"]
        content = add(stream(b"\n".join(ops)))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_id, font, content)
            )
        )
    objects[pages_id - 1] = (
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % k for k in kids)
        + b"] /Count %d >>" % len(kids)
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info_id = None
    if info:
        entries = " ".join(
            f"/{k} <FEFF{v.encode('utf-16-be').hex().upper()}>"
            if not v.startswith("D:")
            else f"/{k} ({v})"
            for k, v in info.items()
        )
        info_id = add(f"<< {entries} >>".encode())
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info_id:
        trailer += b" /Info %d 0 R" % info_id
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def wrap(
    paragraphs: list[str],
    *,
    width: int = 70,
    top: float = 780,
    left: float = 72,
    leading: float = 16,
    gap: float = 16,
) -> list[tuple[float, float, str]]:
    """Lay paragraphs out as wrapped lines, as a word processor prints them."""
    lines: list[tuple[float, float, str]] = []
    y = top
    for paragraph in paragraphs:
        current = ""
        for word in paragraph.split():
            if current and len(current) + 1 + len(word) > width:
                lines.append((left, y, current))
                y -= leading
                current = word
            else:
                current = f"{current} {word}" if current else word
        if current:
            lines.append((left, y, current))
            y -= leading
        y -= gap
    return lines
