"""Unicode and tone-mark normalisation applied once, at ingest.

Policy (documented in the README):

* Unicode NFC;
* NBSP, zero-width characters, BOMs and other Unicode spaces become a plain space,
  control characters (but newlines and tabs) are dropped, CRLF/CR become LF;
* ``ð`` → ``đ`` (a common mis-encoding), as underthesea does;
* tone-mark placement follows underthesea's own token map (the "new style" used by
  its models): ``hoà`` → ``hòa``, ``thuỷ`` → ``thủy``, ``khoẻ`` → ``khỏe``. The map is the
  one ``underthesea.word_tokenize`` applies to every token, so segmenting the
  normalised text never changes a character.

Lines and paragraphs are kept; runs of spaces inside a line are folded to one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE_CHARS = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\t\x0b\x0c"
)
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACE_TABLE: dict[int, str | None] = {ord(c): " " for c in _SPACE_CHARS + _ZERO_WIDTH}
_SPACE_TABLE.update({ord("\u2028"): "\n", ord("\u2029"): "\n", ord("\x85"): "\n"})
# C0/C1 control characters other than \n (tab handled above) are dropped.
_SPACE_TABLE.update({c: None for c in range(0x20) if c not in (0x0A,)} | {0x7F: None})
_SPACE_TABLE.update({c: None for c in range(0x80, 0xA0) if c != 0x85})
_SPACE_TABLE[ord("\t")] = " "
_SPACE_TABLE[ord("\r")] = None  # CRLF handled before translation
_MULTI_SPACE = re.compile(r" {2,}")
_SPACE_RUN = re.compile(r" {2,}|^ | $| \n|\n ", re.M)
_ODD_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _SPACE_TABLE) + "]")
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _maps() -> tuple[dict[str, str], dict[str, str]]:
    """underthesea's character and token maps (loaded lazily; tiny, no model).

    underthesea's ``token_normalize`` leaves tokens longer than 6 characters alone, so
    longer keys can never apply and are dropped here.
    """
    character_map, token_map = _load_rules()
    return dict(character_map), {k: v for k, v in token_map.items() if len(k) <= 6}


def _load_rules() -> tuple[dict[str, str], dict[str, str]]:
    """Read underthesea's rule file directly: importing the ``underthesea`` package costs
    ~0.3 s, which every command that only normalises a few words would pay."""
    import importlib.util
    import pickle
    from pathlib import Path

    spec = importlib.util.find_spec("underthesea")
    if spec is not None and spec.origin:
        path = Path(spec.origin).parent / "pipeline" / "text_normalize" / _RULES
        try:
            with path.open("rb") as fh:
                data = pickle.load(fh)  # a plain dict written by joblib.dump
            return data["character"], data["token"]
        except (OSError, pickle.UnpicklingError, KeyError, EOFError):
            pass
    from underthesea.pipeline.text_normalize.text_normalizer import character_map, token_map

    return character_map, token_map


_RULES = "tn_rules_2023_07_14.bin"  # the file underthesea 9.5's text_normalizer loads


def _fix_tokens(text: str) -> str:
    """Apply the token map to whole words only.

    Most articles hold no old-style word at all: find candidates with C-level set
    operations first, and run a substitution only for the few words that need it.
    """
    token_map = _maps()[1]
    bad = set(_WORD.findall(text)).intersection(token_map)
    if not bad:
        return text
    pattern = re.compile(
        r"\b(?:" + "|".join(map(re.escape, sorted(bad, key=len, reverse=True))) + r")\b"
    )
    return pattern.sub(lambda m: token_map[m.group(0)], text)


def normalize_text(text: str) -> str:
    """Return ``text`` in the one normal form every analysis reads.

    Idempotent: ``normalize_text(normalize_text(s)) == normalize_text(s)``.

    Example:
        >>> normalize_text("Ho\\u00e0 b\\u00ecnh\\u00a0th\\u1ee7y")  # doctest: +SKIP
        'Hòa bình thủy'
    """
    if not text:
        return ""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _ODD_CHARS.search(text):  # most articles have none: skip the per-character pass
        text = text.translate(_SPACE_TABLE)
        # translating a control character away can join a base letter and a mark
        text = unicodedata.normalize("NFC", text)
    chars, _ = _maps()
    for bad, good in chars.items():
        if bad in text:
            text = text.replace(bad, good)
    text = _fix_tokens(text)
    if _SPACE_RUN.search(text):
        text = "\n".join(_MULTI_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return text


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


def fold_diacritics(text: str) -> str:
    """Strip Vietnamese diacritics and lower-case: ``Chuyển đổi số`` → ``chuyen doi so``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
