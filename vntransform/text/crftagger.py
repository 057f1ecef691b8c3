"""The batch CRF tagger behind :mod:`vntransform.text.fastseg` (features, weights, Viterbi).

It computes exactly what underthesea_core computes for ``underthesea.word_tokenize``: the
feature templates of ``features.bin`` (raw, ``.lower``, ``.isdigit``, ``.istitle``,
``.is_in_dict`` over 1 to 3 tokens, ``BOS``/``EOS`` past the edges), the state weights of
``models.bin`` summed in template order, and Viterbi decoding with ties going to the lower
label. Each distinct token gets an id and its unigram feature ids once; n-gram features are
looked up as packed ids of their parts in sorted arrays, so a batch needs no per-n-gram
Python work; weights and the Viterbi recursion run in numpy over the whole batch.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from vntransform.text.crfmodel import CrfModel, ModelFormatError, Template, parse_template
from vntransform.text.viterbi import viterbi_batch, viterbi_two_labels

BOS, EOS = 0, 1  # token ids of the padding before and after every sentence
_BITS = 21  # token ids fit in 21 bits, so a triple of them packs into one int64
_MAX_VOCAB = (1 << _BITS) - 1
_KEEP_TOKENS = 400_000  # distinct tokens remembered (~60 MB) before starting afresh
_CHUNK = 8192  # tokens per piece of a batch: arrays stay in the CPU caches
_NUMPY_VITERBI_FROM = 48  # sentences per batch; fewer: a plain loop is faster
_I32 = re.compile(r"[+-]?[0-9]+")
# Blocks whose case mappings are stable across Unicode versions; each character is still
# compared with the Rust featurizer at load time and dropped from the set if they differ.
_CHECKED_RANGES = (
    (0x21, 0x17F),
    (0x300, 0x36F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20BF),
)


class CaseFeaturizer(Protocol):
    """The Rust featurizer's own ``.lower`` and ``.istitle``: of one token, of many."""

    def __call__(self, token: str) -> tuple[str, bool]: ...

    def many(self, tokens: Sequence[str]) -> list[tuple[str, bool]]: ...


class CrfTagger:
    """Tags batches of token lists with underthesea's word-segmentation CRF.

    One per process (:func:`load_tagger`); calls from several threads take turns.
    """

    def __init__(
        self,
        model: CrfModel,
        templates: Sequence[str],
        dictionary: set[str],
        *,
        rust_case: CaseFeaturizer | None = None,
    ) -> None:
        self.model = model
        self.labels = model.labels
        self._templates = [parse_template(t) for t in templates]
        self._dict = dictionary
        self._rust_case = rust_case
        self._attr = model.attributes
        self._missing = model.missing
        self._state = model.state
        self._trans = model.transition
        self._safe = _checked_characters(rust_case)
        self._lock = threading.Lock()  # tag() grows the token tables
        widths = [t.width for t in self._templates]
        # per width: the templates' columns in the 43-wide id matrix and their start offsets
        self._cols = {
            w: np.array([i for i, x in enumerate(widths) if x == w], dtype=np.intp)
            for w in (1, 2, 3)
        }
        self._offs = {
            w: np.array([t.start for t in self._templates if t.width == w], dtype=np.int64)
            for w in (1, 2, 3)
        }
        self._by_width = {w: [t for t in self._templates if t.width == w] for w in (1, 2, 3)}
        # template syntax -> {value: attribute id}
        self._tids: dict[str, dict[str, int]] = {t.syntax: {} for t in self._templates}
        for name, attr_id in self._attr.items():
            syntax, _, value = name.partition("=")
            if syntax in self._tids:
                self._tids[syntax][value] = attr_id
        # Known n-grams are matched as packed ids of their parts: each distinct raw part
        # of a model n-gram and each lowered part of a model n-gram or dictionary entry
        # gets a small id (0: none); a token's parts map to those ids once, when first
        # seen. Equal to matching the space-joined strings for tokens without a space.
        raw_parts: dict[str, int] = {}
        low_parts: dict[str, int] = {}
        # per width and key kind ("raw": raw parts, "low": lowered parts): sorted packed
        # keys and a table [key, template column] of attribute ids (-1: none); the last
        # column of the "low" table is 1 where the lowered n-gram is a dictionary entry
        self._known: dict[tuple[int, str], tuple[np.ndarray, np.ndarray]] = {}
        # (width, kind) -> parallel lists: packed key, table column, attribute id
        found: dict[tuple[int, str], tuple[list[int], list[int], list[int]]] = {
            (w, k): ([], [], []) for w in (2, 3) for k in ("raw", "low")
        }
        for w in (2, 3):
            for col, t in enumerate(self._by_width[w]):
                if t.function not in (None, "lower"):
                    continue
                kind = "raw" if t.function is None else "low"
                part_ids = raw_parts if kind == "raw" else low_parts
                keys, cols, ids = found[(w, kind)]
                for value, attr_id in self._tids[t.syntax].items():
                    parts = value.split(" ")
                    if len(parts) == w and all(parts):
                        keys.append(
                            _pack([part_ids.setdefault(x, len(part_ids) + 1) for x in parts])
                        )
                        cols.append(col)
                        ids.append(attr_id)
        for entry in dictionary:
            parts = entry.split(" ")
            w = len(parts)
            if w in (2, 3) and all(parts):
                keys, cols, ids = found[(w, "low")]
                keys.append(_pack([low_parts.setdefault(x, len(low_parts) + 1) for x in parts]))
                cols.append(len(self._by_width[w]))
                ids.append(1)
        for (w, kind), (keys, cols, ids) in found.items():
            uniq, inverse = np.unique(np.asarray(keys, dtype=np.int64), return_inverse=True)
            table = np.full((len(uniq), len(self._by_width[w]) + 1), -1, dtype=np.int32)
            table[inverse.reshape(-1), np.asarray(cols, dtype=np.intp)] = ids
            self._known[(w, kind)] = (uniq, table)
        if max(len(raw_parts), len(low_parts)) >= _MAX_VOCAB:
            raise ModelFormatError("too many distinct n-gram parts in the model")
        self._raw_parts, self._low_parts = raw_parts, low_parts
        # per width: each column's flag (0 istitle, 1 is_in_dict, 2 never), its ids for
        # True and False, and the columns of raw and lowered n-gram templates
        self._flag_columns = {}
        for w in (2, 3):
            kinds, trues, falses = [], [], []
            for t in self._by_width[w]:
                value_ids = self._tids[t.syntax]
                if t.function in ("istitle", "is_in_dict"):
                    kinds.append(0 if t.function == "istitle" else 1)
                    trues.append(value_ids.get("True", self._missing))
                    falses.append(value_ids.get("False", self._missing))
                else:  # isdigit of a spaced n-gram is False; raw/lower: filled from hits
                    kinds.append(2)
                    never = (
                        value_ids.get("False", self._missing)
                        if t.function == "isdigit"
                        else self._missing
                    )
                    trues.append(never)
                    falses.append(never)
            kind_cols = [
                (
                    k,
                    np.array(
                        [j for j, t in enumerate(self._by_width[w]) if t.function == f],
                        dtype=np.intp,
                    ),
                )
                for k, f in (("raw", None), ("low", "lower"))
            ]
            self._flag_columns[w] = (
                np.array(kinds),
                np.array(trues, dtype=np.int32),
                np.array(falses, dtype=np.int32),
                kind_cols,
            )
        self._reset()

    # ----------------------------------------------------------------------- caches
    def _reset(self) -> None:
        self._vocab: dict[str, int] = {}
        self._raw: list[str] = ["", ""]
        self._low: list[str] = ["", ""]
        self._title: list[bool] = [False, False]
        self._title_arr = np.zeros(1024, dtype=bool)
        self._spaced_arr = np.zeros(1024, dtype=bool)
        self._rid = np.zeros(1024, dtype=np.int64)  # raw part id per token (0: none)
        self._lid = np.zeros(1024, dtype=np.int64)  # lowered part id per token (0: none)
        n1 = len(self._by_width[1])
        self._uni = np.empty((1024, n1), dtype=np.int32)
        self._uni[BOS] = [self._pad_id(t, "BOS") for t in self._by_width[1]]
        self._uni[EOS] = [self._pad_id(t, "EOS") for t in self._by_width[1]]

    def clear_caches(self) -> None:
        """Forget the tokens seen so far (for cold-start measurements; never needed)."""
        with self._lock:
            self._reset()

    def _pad_id(self, template: Template, value: str) -> int:
        return self._attr.get(f"{template.syntax}={value}", self._missing)

    def _add_tokens(self, tokens: list[str]) -> None:
        """Give new distinct tokens an id and their unigram feature ids."""
        if len(self._vocab) + len(tokens) + 2 > _KEEP_TOKENS:
            self._reset()
        start = len(self._raw)
        vocab, raws, lows, titles = self._vocab, self._raw, self._low, self._title
        for tok in tokens:
            vocab[tok] = len(raws)
            low, title = self._case(tok)
            raws.append(tok)
            lows.append(low)
            titles.append(title)
        new_low, new_title = lows[start:], titles[start:]
        dic = self._dict
        values = {  # function -> the value of each new token
            None: tokens,
            "lower": new_low,
            "istitle": ["True" if t else "False" for t in new_title],
            "is_in_dict": ["True" if x in dic else "False" for x in new_low],
            "isdigit": [_value("isdigit", t, "", False, dic) for t in tokens],
        }
        missing = self._missing
        columns = [
            [self._tids[t.syntax].get(x, missing) for x in values[t.function]]
            for t in self._by_width[1]
        ]
        rows = np.asarray(columns, dtype=np.int32).T
        end = start + len(rows)
        self._uni = _ensure(self._uni, end)
        self._uni[start:end] = rows
        self._title_arr = _ensure(self._title_arr, end)
        self._title_arr[start:end] = new_title
        self._spaced_arr = _ensure(self._spaced_arr, end)
        self._spaced_arr[start:end] = [" " in t for t in tokens]
        raw_get, low_get = self._raw_parts.get, self._low_parts.get
        self._rid = _ensure(self._rid, end)
        self._rid[start:end] = [raw_get(t, 0) for t in tokens]
        self._lid = _ensure(self._lid, end)
        self._lid[start:end] = [low_get(x, 0) for x in new_low]

    def _case(self, tok: str) -> tuple[str, bool]:
        """``.lower`` and ``.istitle`` of a token as underthesea_core computes them."""
        if tok.isascii() or all(c in self._safe for c in tok):
            return tok.lower(), all(p[:1].upper() == p[:1] for p in tok.split(" "))
        if self._rust_case is None:  # pragma: no cover - only without underthesea_core
            return tok.lower(), all(p[:1].upper() == p[:1] for p in tok.split(" "))
        return self._rust_case(tok)

    def _ngram_features(self, width: int, v: np.ndarray, per_token: tuple) -> np.ndarray:
        """Attribute ids of the width's templates for the n-gram starting at each index of
        the padded token-id sequence ``v`` (rows: start index; columns: templates).
        ``per_token``: the title, spaced, raw-part and lowered-part arrays of ``v``."""
        templates = self._by_width[width]
        n = len(v) - width + 1
        parts = [v[j : j + n] for j in range(width)]
        bos = parts[0] == BOS
        eos = parts[0] == EOS
        title_v, spaced_v, rid_v, lid_v = per_token
        title = title_v[:n].copy()
        spaced = spaced_v[:n].copy()
        rkey = rid_v[:n]
        lkey = lid_v[:n]
        for j in range(1, width):
            eos |= parts[j] == EOS
            title &= title_v[j : j + n]
            spaced |= spaced_v[j : j + n]
            rkey = (rkey << _BITS) | rid_v[j : j + n]
            lkey = (lkey << _BITS) | lid_v[j : j + n]
        missing = self._missing
        hits = {}
        for kind, key in (("raw", rkey), ("low", lkey)):
            keys, table = self._known[(width, kind)]
            pos = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
            found = keys[pos] == key
            hits[kind] = (np.flatnonzero(found), table[pos[found]])
        in_dict = np.zeros(n, dtype=bool)
        low_rows, low_table = hits["low"]
        in_dict[low_rows] = low_table[:, -1] == 1
        # True/False templates in one pass; raw and lower ones default to "not in model"
        kind_of_col, true_ids, false_ids, kind_cols = self._flag_columns[width]
        flags = np.stack([title, in_dict, np.zeros(n, dtype=bool)])
        out = np.where(flags[kind_of_col].T, true_ids, false_ids).astype(np.int32)
        for kind, cols in kind_cols:
            rows, table = hits[kind]
            if len(rows) and len(cols):
                sub = table[:, cols]
                at = (rows[:, None], cols[None, :])
                out[at] = np.where(sub >= 0, sub, out[at])
        out[eos] = [self._pad_id(t, "EOS") for t in templates]
        out[bos] = [self._pad_id(t, "BOS") for t in templates]
        for i in np.flatnonzero(spaced & ~bos & ~eos).tolist():  # fixed words: strings
            ids_ = [int(p[i]) for p in parts]
            text = " ".join([self._raw[x] for x in ids_])
            lowered = " ".join([self._low[x] for x in ids_])
            is_title = all(self._title[x] for x in ids_)
            out[i] = [
                self._tids[t.syntax].get(
                    _value(t.function, text, lowered, is_title, self._dict), missing
                )
                for t in templates
            ]
        return out

    # ----------------------------------------------------------------------- tagging
    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[int]]:
        """Label ids (index into :attr:`labels`) for each token of each sentence.

        Args:
            sentences: token lists as underthesea's regex tokenizer returns them.
        """
        out: list[list[int]] = []
        start, size = 0, 0
        with self._lock:
            for i, toks in enumerate(sentences):  # pieces of ~_CHUNK tokens stay in cache
                size += len(toks) + 4
                if size >= _CHUNK:
                    out += self._tag(sentences[start : i + 1])
                    start, size = i + 1, 0
            if start < len(sentences):
                out += self._tag(sentences[start:])
        return out

    def _tag(self, sentences: Sequence[Sequence[str]]) -> list[list[int]]:
        vocab = self._vocab
        flat: list[int] = []
        lengths: list[int] = []
        new: dict[str, None] = {}
        for toks in sentences:
            for t in toks:
                if t not in vocab:
                    new[t] = None
        if new:
            self._add_tokens(list(new))
            vocab = self._vocab
        get = vocab.__getitem__
        for toks in sentences:
            flat += (BOS, BOS)
            flat += map(get, toks)
            flat += (EOS, EOS)
            lengths.append(len(toks))
        if not any(lengths):
            return [[] for _ in sentences]
        v = np.asarray(flat, dtype=np.int64)
        idx = np.flatnonzero(v > EOS)
        ids = np.empty((len(self._templates), len(idx)), dtype=np.intp)  # template-major
        per_token = (self._title_arr[v], self._spaced_arr[v], self._rid[v], self._lid[v])
        for w in (1, 2, 3):
            offs = self._offs[w]
            at = idx[None, :] + offs[:, None]
            if w == 1:
                ids[self._cols[w]] = self._uni[v[at], np.arange(len(offs))[:, None]]
            else:
                table = self._ngram_features(w, v, per_token)
                ids[self._cols[w]] = table[at, np.arange(len(offs))[:, None]]
        # summed in template order, one template after another, as the Rust tagger does
        # (a reduction over the outer axis adds whole rows in sequence: bit-identical)
        emission = np.add.reduce(self._state[ids], axis=0)
        if len(self.labels) == 2 and len(lengths) < _NUMPY_VITERBI_FROM:
            labels = viterbi_two_labels(
                emission[:, 0].tolist(), emission[:, 1].tolist(), lengths, self._trans.tolist()
            )
        else:
            labels = viterbi_batch(emission, np.asarray(lengths, dtype=np.int64), self._trans)
        out: list[list[int]] = []
        pos = 0
        for n in lengths:
            out.append(labels[pos : pos + n])
            pos += n
        return out


def _value(function: str | None, text: str, low: str, title: bool, dic: set[str]) -> str:
    if function is None:
        return text
    if function == "lower":
        return low
    if function == "istitle":
        return "True" if title else "False"
    if function == "is_in_dict":
        return "True" if low in dic else "False"
    # isdigit: Rust's str::parse::<i32>
    if _I32.fullmatch(text) and -(2**31) <= int(text) < 2**31:
        return "True"
    return "False"


def _pack(ids: list[int]) -> int:
    key = 0
    for i in ids:
        key = (key << _BITS) | i
    return key


def _ensure(table: np.ndarray, rows: int) -> np.ndarray:
    if rows <= len(table):
        return table
    bigger = np.zeros((max(rows, 2 * len(table)), *table.shape[1:]), dtype=table.dtype)
    bigger[: len(table)] = table
    return bigger


def _checked_characters(rust_case: CaseFeaturizer | None) -> frozenset[str]:
    chars = [chr(c) for lo, hi in _CHECKED_RANGES for c in range(lo, hi + 1)]
    if rust_case is None:
        return frozenset()
    agree = []
    for ch, (low, title) in zip(chars, rust_case.many(chars), strict=True):
        if low == ch.lower() and title == (ch.upper() == ch):
            agree.append(ch)
    return frozenset(agree)
