"""A learned choice of speaker for a quote no rule attributed.

Candidates are the people named outside quotes and the speakers of other quotes near the
quote; each gets a few features (recency, distance, whether they spoke before, whether they
open a sentence, …) and a logistic-regression score whose weights are package data
(``data/quotes/speaker_scorer.json``, trained by ``bench/train_quote_scorer.py`` on the
development keys). The best candidate is taken only when its probability clears the
threshold stored with the weights, chosen for precision: a wrong speaker is worse than none.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vntransform.quotes.clauses import _Item
    from vntransform.quotes.extract import _Article

WINDOW_BEFORE = 1200
WINDOW_AFTER = 300
FEATURES = ("bias", "said_before", "last_said", "last_named", "recency", "distance",
            "sentences", "only_after", "next_said", "same_paragraph", "opens_clause",
            "candidates", "question", "has_role", "quote_long")
_SENTENCE_END = re.compile(r"[.!?…]+[”\"»]?\s+")


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float] | None:
    try:
        raw = resources.files("vntransform.data").joinpath("quotes", "speaker_scorer.json")
        data = json.loads(raw.read_text("utf-8"))
    except (FileNotFoundError, ModuleNotFoundError, json.JSONDecodeError):
        return None
    return dict(zip(FEATURES, data["weights"], strict=True)), float(data["threshold"])


def eligible(item: _Item) -> bool:
    """A direct quote no rule attributed that reads as speech: it opens a sentence (or
    follows a colon) and has six words or more."""
    return item.kind == "direct" and not item.speaker and (
        item.how == "none" and item.sentence_start or item.how == "colon"
        and item.mention is None) and len(item.text.split()) >= 6


def candidates(art: _Article, items: list[_Item], item: _Item) -> list[tuple[str, str,
                                                                              dict[str, float]]]:
    """(speaker, role, features) for every person who may have said ``item``."""
    text = art.doc.text
    people = art.resolver.focus_people if art.resolver.focus_people is not None \
        else art.resolver.people
    seen: dict[str, dict] = {}
    for person in people:
        if item.start - WINDOW_BEFORE <= person.offset < item.start:
            info = seen.setdefault(person.name, {"role": person.role, "last": -1,
                                                  "said": False, "after": False})
            info["last"] = max(info["last"], person.offset)
            info["role"] = info["role"] or person.role
        elif item.end < person.offset <= item.end + WINDOW_AFTER:
            seen.setdefault(person.name, {"role": person.role, "last": -1, "said": False,
                                          "after": True})
    last_said = next_said = ""
    for other in items:
        if other is item or not other.speaker or other.mention is not None and \
                other.mention.kind in ("org", "description-org"):
            continue
        if item.start - WINDOW_BEFORE <= other.start < item.start:
            info = seen.setdefault(other.speaker, {"role": other.role, "last": -1,
                                                   "said": False, "after": False})
            info["said"] = True
            info["last"] = max(info["last"], other.start)
            last_said = other.speaker
        elif item.end < other.start <= item.end + WINDOW_AFTER and not next_said:
            next_said = other.speaker
            seen.setdefault(other.speaker, {"role": other.role, "last": -1, "said": False,
                                            "after": True})
    if not seen:
        return []
    order = sorted((n for n in seen if seen[n]["last"] >= 0), key=lambda n: -seen[n]["last"])
    last_named = order[0] if order else ""
    out = []
    for name, info in seen.items():
        at = info["last"]
        before = at >= 0
        gap = text[at:item.start] if before else ""
        lead = text[max(0, at - 3):at] if before else ""
        features = {
            "bias": 1.0,
            "said_before": float(info["said"]),
            "last_said": float(name == last_said),
            "last_named": float(name == last_named),
            "recency": 1.0 / (1 + order.index(name)) if name in order else 0.0,
            "distance": math.log1p(len(gap)) / 8 if before else 1.0,
            "sentences": min(5, len(_SENTENCE_END.findall(gap))) / 5 if before else 1.0,
            "only_after": float(not before),
            "next_said": float(name == next_said),
            "same_paragraph": float(before and "\n" not in gap),
            "opens_clause": float(before and (at == 0 or bool(re.search(r"(?:^|[.!?:,\n]\s*)$",
                                                                       lead)))),
            "candidates": min(5, len(seen)) / 5,
            "question": float(item.text.rstrip(" .”\"").endswith("?")),
            "has_role": float(bool(info["role"])),
            "quote_long": float(len(item.text.split()) >= 12),
        }
        out.append((name, info["role"], features))
    return out


def probability(features: dict[str, float], weights: dict[str, float]) -> float:
    z = sum(weights[f] * features[f] for f in FEATURES)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def choose_speakers(art: _Article, items: list[_Item]) -> None:
    """Give each eligible quote its best-scoring candidate when the score clears the
    threshold; leave it empty otherwise."""
    model = _model()
    if model is None:
        return
    weights, threshold = model
    for item in items:
        if not eligible(item):
            continue
        scored = [(probability(f, weights), name, role)
                  for name, role, f in candidates(art, items, item)]
        if not scored:
            continue
        best = max(scored)
        if best[0] >= threshold:
            item.speaker, item.role = best[1], best[2]
            if item.how == "none":
                item.how = "scored"
