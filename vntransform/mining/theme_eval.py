"""Score theme evidence against hand-annotated sentence keys (precision and recall per theme).

A key file is JSON Lines, one object per sentence of each chosen article:
``{"id": "<article id>", "key": "<6-12 verbatim words>", "themes": ["leadership", ...]}``,
plus ``"part": "title"`` on titles, which are not scored. An evidence row whose sentence
contains a key (case-insensitive, NFC) is a prediction for that sentence.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vntransform.errors import InputError


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One annotated sentence: its article, a verbatim key and the themes it is about."""

    doc: str
    key: str
    themes: frozenset[str]
    title: bool = False


@dataclass
class ThemeScores:
    """True/false positives and false negatives per theme; micro over all themes."""

    tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fn: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    sentences: int = 0

    def precision(self, theme: str | None = None) -> float:
        tp, fp = self._counts(theme)[:2]
        return tp / (tp + fp) if tp + fp else 0.0

    def recall(self, theme: str | None = None) -> float:
        tp, _, fn = self._counts(theme)
        return tp / (tp + fn) if tp + fn else 0.0

    def _counts(self, theme: str | None) -> tuple[int, int, int]:
        if theme is None:
            return sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        return self.tp[theme], self.fp[theme], self.fn[theme]

    def themes(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    def rows(self) -> list[dict[str, Any]]:
        """One record per theme and a final ``micro`` record: theme, gold, predicted, tp,
        precision, recall."""
        out = []
        for theme in [*self.themes(), None]:
            tp, fp, fn = self._counts(theme)
            out.append(
                {
                    "theme": theme or "micro",
                    "gold": tp + fn,
                    "predicted": tp + fp,
                    "tp": tp,
                    "precision": round(self.precision(theme), 3),
                    "recall": round(self.recall(theme), 3),
                }
            )
        return out


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def read_keys(path: str | Path) -> list[GoldSentence]:
    """Annotated sentences of a key file.

    Raises:
        InputError: a line is not a key object.
    """
    out = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                out.append(
                    GoldSentence(
                        row["id"], row["key"], frozenset(row["themes"]), row.get("part") == "title"
                    )
                )
            except (ValueError, KeyError, TypeError):
                raise InputError(
                    f"{path}:{n}: not a theme key; each line needs id, key and themes"
                ) from None
    return out


def score_evidence(
    evidence: Iterable[tuple[str, str, str]], gold: Iterable[GoldSentence]
) -> ThemeScores:
    """Compare evidence rows ``(article id, theme, sentence)`` with annotated sentences.

    Args:
        evidence: one tuple per evidence row, the article given by the same id as the keys.
        gold: annotated sentences; titles are skipped.
    """
    by_doc: Mapping[str, list[tuple[str, str]]] = defaultdict(list)
    for doc, theme, sentence in evidence:
        by_doc[doc].append((theme, _norm(sentence)))
    scores = ThemeScores()
    for item in gold:
        if item.title:
            continue
        key = _norm(item.key)
        predicted = {theme for theme, sentence in by_doc.get(item.doc, ()) if key in sentence}
        scores.sentences += 1
        for theme in predicted | item.themes:
            if theme in predicted and theme in item.themes:
                scores.tp[theme] += 1
            elif theme in predicted:
                scores.fp[theme] += 1
            else:
                scores.fn[theme] += 1
    return scores
