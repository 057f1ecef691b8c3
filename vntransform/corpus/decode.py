"""Decode input bytes to Unicode: UTF-8 (BOM or not), UTF-16 (BOM, or clearly UTF-16),
Windows-1258, and the legacy 8-bit Vietnamese encodings TCVN3 (ABC) and VNI-Windows, which
still fill government documents. A legacy text is recognised whether its bytes arrive raw or
already mis-decoded into UTF-8 ("ChuyÓn ®æi sè", "Chuyeån ñoåi soá"), and converted line by
line, so a file mixing Unicode and legacy lines comes out whole.

Nothing undecodable is ever returned as mojibake: such input raises ``InputError``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from vntransform.errors import InputError


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the encoding it was found in."""

    text: str
    encoding: str


# -- TCVN3 (ABC): one byte per precomposed lower-case letter; a few upper-case vowels. --------
_TCVN3 = {
    0xB5: "à",
    0xB6: "ả",
    0xB7: "ã",
    0xB8: "á",
    0xB9: "ạ",
    0xA8: "ă",
    0xBB: "ằ",
    0xBC: "ẳ",
    0xBD: "ẵ",
    0xBE: "ắ",
    0xC6: "ặ",
    0xA9: "â",
    0xC7: "ầ",
    0xC8: "ẩ",
    0xC9: "ẫ",
    0xCA: "ấ",
    0xCB: "ậ",
    0xAE: "đ",
    0xCC: "è",
    0xCE: "ẻ",
    0xCF: "ẽ",
    0xD0: "é",
    0xD1: "ẹ",
    0xAA: "ê",
    0xD2: "ề",
    0xD3: "ể",
    0xD4: "ễ",
    0xD5: "ế",
    0xD6: "ệ",
    0xD7: "ì",
    0xD8: "ỉ",
    0xDC: "ĩ",
    0xDD: "í",
    0xDE: "ị",
    0xDF: "ò",
    0xE1: "ỏ",
    0xE2: "õ",
    0xE3: "ó",
    0xE4: "ọ",
    0xAB: "ô",
    0xE5: "ồ",
    0xE6: "ổ",
    0xE7: "ỗ",
    0xE8: "ố",
    0xE9: "ộ",
    0xAC: "ơ",
    0xEA: "ờ",
    0xEB: "ở",
    0xEC: "ỡ",
    0xED: "ớ",
    0xEE: "ợ",
    0xEF: "ù",
    0xF1: "ủ",
    0xF2: "ũ",
    0xF3: "ú",
    0xF4: "ụ",
    0xAD: "ư",
    0xF5: "ừ",
    0xF6: "ử",
    0xF7: "ữ",
    0xF8: "ứ",
    0xF9: "ự",
    0xFA: "ỳ",
    0xFB: "ỷ",
    0xFC: "ỹ",
    0xFD: "ý",
    0xFE: "ỵ",
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
}
TCVN3_TO_UNICODE = {bytes([b]).decode("cp1252"): u for b, u in _TCVN3.items()}
UNICODE_TO_TCVN3 = {u: c for c, u in TCVN3_TO_UNICODE.items()}

# -- VNI-Windows: base letter + modifier byte(s); a few letters are one byte. ---------------
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_CIRC_TONE = {"á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE_TONE = {"é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_SINGLE = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
}


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(VNI sequence -> letter, letter -> VNI sequence), upper and lower case."""
    to_uni: dict[str, str] = {}

    def add(seq: str, letter: str) -> None:
        letter = unicodedata.normalize("NFC", letter)
        to_uni[seq] = letter
        to_uni[seq.upper()] = letter.upper()

    for base in "aeouy":
        for mod, mark in _VNI_TONES.items():
            if base == "y" and mod == "ï":
                continue  # ỵ has a one-byte form
            add(base + mod, base + mark)
    for base in "aeo":
        add(base + "â", base + "\u0302")
        for mod, mark in _VNI_CIRC_TONE.items():
            add(base + mod, base + "\u0302" + mark)
    add("aê", "ă")
    for mod, mark in _VNI_BREVE_TONE.items():
        add("a" + mod, "a\u0306" + mark)
    for one, letter in _VNI_SINGLE.items():
        add(one, letter)
    for one, base in (("ô", "ơ"), ("ö", "ư")):
        for mod, mark in _VNI_TONES.items():
            add(one + mod, base + mark)
    from_uni: dict[str, str] = {}
    for seq, letter in sorted(to_uni.items(), key=lambda kv: (len(kv[0]), kv[0])):
        from_uni.setdefault(letter, seq)  # prefer the shortest spelling
    return to_uni, from_uni


VNI_TO_UNICODE, UNICODE_TO_VNI = _vni_tables()
_VNI_PATTERN = re.compile("|".join(map(re.escape, sorted(VNI_TO_UNICODE, key=len, reverse=True))))
_TCVN3_PATTERN = re.compile("[" + "".join(map(re.escape, TCVN3_TO_UNICODE)) + "]")

# Letters only Vietnamese text has (never produced by reading legacy bytes as Latin-1):
# ă đ ĩ ũ ơ ư and the Latin Extended Additional block of toned vowels.
_VIET = re.compile("[ăđĩũơưĂĐĨŨƠƯ\u1ea0-\u1ef9]")
_LEGACY_HINT = re.compile(
    "[\u00a1-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)
_WORD = re.compile(r"[^\W\d_]+")
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,3}"
    r"(?:ng|nh|ch|[cmnpt])?$"
)
_SIGNATURES = {
    b"\x89PNG": "PNG",
    b"PK\x03\x04": "ZIP",
    b"%PDF": "PDF",
    b"GIF8": "GIF",
    b"\xff\xd8\xff": "JPEG",
    b"\x1f\x8b": "gzip",
    b"\xd0\xcf\x11\xe0": "MS Office",
    b"7z\xbc\xaf": "7z",
    b"Rar!": "RAR",
    b"\x7fELF": "ELF",
    b"SQLite format 3": "SQLite",
}
SAMPLE = 1 << 16
_GENERIC_HINT = "vnt reads .txt, .md, .html, .csv, .jsonl, .docx and .pdf (with a text layer)"
_BINARY_HINTS = {
    "ZIP": "unpack the archive and ingest the folder (Word .docx and .pdf are read directly)",
    "MS Office": "an old binary Office file (.doc/.xls): save it as .docx or .txt",
    "PNG": "an image: run OCR first and ingest the text",
    "JPEG": "an image: run OCR first and ingest the text",
    "GIF": "an image: run OCR first and ingest the text",
    "gzip": "decompress it first (gunzip)",
    "7z": "unpack the archive and ingest the folder",
    "RAR": "unpack the archive and ingest the folder",
    "SQLite": "a database, not an article (a vnt corpus is read with --db)",
}


def vietnamese_score(text: str) -> float:
    """Share of words that are well-formed Vietnamese syllables (0..1)."""
    words = _WORD.findall(text[:SAMPLE].lower())
    if not words:
        return 0.0
    return sum(1 for w in words if _SYLLABLE.match(w)) / len(words)


def _viet_share(text: str) -> float:
    sample = text[:SAMPLE]
    letters = sum(1 for c in sample if c.isalpha())
    return len(_VIET.findall(sample)) / letters if letters else 0.0


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 (ABC) text, read as Windows-1252 characters, to Unicode."""
    return _TCVN3_PATTERN.sub(lambda m: TCVN3_TO_UNICODE[m.group(0)], text)


def vni_to_unicode(text: str) -> str:
    """Convert VNI-Windows text, read as Windows-1252 characters, to Unicode."""
    return _VNI_PATTERN.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text)


def unicode_to_tcvn3(text: str) -> bytes:
    """Encode Unicode Vietnamese as TCVN3 bytes (an upper-case toned vowel becomes lower
    case, as in the single-byte ABC font, which draws capitals with another font)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in UNICODE_TO_TCVN3:
            out.append(UNICODE_TO_TCVN3[ch])
        elif ch.lower() in UNICODE_TO_TCVN3:
            out.append(UNICODE_TO_TCVN3[ch.lower()])
        else:
            out.append(ch)
    return "".join(out).encode("cp1252")


def unicode_to_vni(text: str) -> bytes:
    """Encode Unicode Vietnamese as VNI-Windows bytes."""
    return "".join(UNICODE_TO_VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text)).encode(
        "cp1252"
    )


def _legacy(text: str) -> tuple[str, str] | None:
    """(converted text, "tcvn3" | "vni") when ``text`` reads as a legacy encoding."""
    if not _LEGACY_HINT.search(text[:SAMPLE]):
        return None
    if len(_WORD.findall(text[:SAMPLE])) < 2:
        return None  # one word ("AAÕÒ") reads as either encoding: leave it as it is
    base = vietnamese_score(text)
    best = None
    for name, convert in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
        converted = convert(text)
        score = vietnamese_score(converted)
        gain = _viet_share(converted) - _viet_share(text)
        if (
            score >= 0.8
            and score > base + 0.05
            and gain > 0.05
            and (best is None or score > best[0])
        ):
            best = (score, converted, name)
    return (best[1], best[2]) if best else None


def _fix_lines(text: str) -> tuple[str, str]:
    """Convert the legacy lines inside a Unicode text; name the mix ("utf-8+tcvn3")."""
    found: set[str] = set()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not _VIET.search(line) and _LEGACY_HINT.search(line):
            converted = _legacy(line)
            if converted:
                lines[i] = converted[0]
                found.add(converted[1])
    if not found:
        return text, "utf-8"
    return "\n".join(lines), "+".join(["utf-8", *sorted(found)])


def _binary_kind(data: bytes) -> str:
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            return kind
    head = data[:SAMPLE]
    if b"\x00" in head:
        return "NUL bytes"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and controls / len(head) > 0.05:
        return "control bytes"
    return ""


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark: NULs (or 0x1E/0x01 high bytes for Vietnamese
    letters) in every other byte."""
    head = data[:4096]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    first, second = head[0 : pairs * 2 : 2], head[1 : pairs * 2 : 2]
    for codec, high in (("utf-16-le", second), ("utf-16-be", first)):
        if sum(b in (0x00, 0x01, 0x1E, 0x20) for b in high) / pairs > 0.9 and 0 in high:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(data: bytes, *, source: str) -> Decoded:
    """Decode an input file's bytes.

    Returns:
        The text (NFC) and the encoding found: utf-8, utf-8-sig, utf-16, utf-16-le,
        utf-16-be, cp1258, tcvn3, vni, or utf-8+tcvn3 / utf-8+vni for mixed files.

    Raises:
        InputError: empty, whitespace-only, binary, or not decodable as any of those.
    """
    if not data:
        raise InputError(f"{source}: file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(
                f"{source}: broken UTF-16 (odd length or bad surrogates); save it again as UTF-8"
            ) from None
        return _finish(text, "utf-16", source)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return _finish(data[3:].decode("utf-8"), "utf-8-sig", source)
        except UnicodeDecodeError:
            raise InputError(
                f"{source}: starts with a UTF-8 mark but is not UTF-8; save it again as UTF-8"
            ) from None
    signed = next((k for sig, k in _SIGNATURES.items() if data.startswith(sig)), "")
    if signed:  # a file signature is definitive: an old .doc is mostly NULs, not UTF-16
        raise InputError(
            f"{source}: not a text file (looks like binary data: {signed}); "
            + _BINARY_HINTS.get(signed, _GENERIC_HINT)
        )
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return _finish(utf16[0], utf16[1], source)
    kind = _binary_kind(data)
    if kind:
        raise InputError(
            f"{source}: not a text file (looks like binary data: {kind}); "
            + _BINARY_HINTS.get(kind, _GENERIC_HINT)
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_8bit(data, source)
    return _finish(text, "utf-8", source)


def _decode_8bit(data: bytes, source: str) -> Decoded:
    """Bytes that are not UTF-8: Windows-1258, or TCVN3/VNI read through Windows-1252."""
    candidates = []
    try:
        cp1258 = unicodedata.normalize("NFC", data.decode("cp1258"))
        candidates.append((vietnamese_score(cp1258) + _viet_share(cp1258), cp1258, "cp1258"))
    except UnicodeDecodeError:
        pass
    try:
        legacy = _legacy(data.decode("cp1252"))
    except UnicodeDecodeError:
        legacy = None
    if legacy:
        candidates.append((vietnamese_score(legacy[0]) + _viet_share(legacy[0]), *legacy))
    candidates = [c for c in candidates if vietnamese_score(c[1]) >= 0.75 and _viet_share(c[1])]
    if not candidates:
        raise InputError(
            f"{source}: cannot decode as UTF-8, UTF-16, Windows-1258, TCVN3 or "
            "VNI; save it as UTF-8"
        )
    _, text, name = max(candidates, key=lambda c: c[0])
    return _finish(text, name, source, legacy_checked=True)


def _finish(text: str, encoding: str, source: str, *, legacy_checked: bool = False) -> Decoded:
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise InputError(f"{source}: no text (only whitespace)")
    if not legacy_checked and _LEGACY_HINT.search(text[:SAMPLE]):
        if _viet_share(text) < 0.02:
            whole = _legacy(text)
            if whole is not None:
                return Decoded(whole[0], whole[1])
        fixed, mix = _fix_lines(text)
        if mix != "utf-8":
            return Decoded(
                fixed,
                mix if encoding.startswith("utf-8") else f"{encoding}+{mix.removeprefix('utf-8+')}",
            )
    return Decoded(text, encoding)
