"""A learned sentence scorer per built-in theme, on top of the lexicon's rules.

One linear model per theme scores a sentence from three kinds of evidence:

- the words and syllables of the sentence: TF-IDF of stored words and adjacent word pairs
  and of syllables and adjacent syllable pairs (``w:``/``s:`` grams, L2-normalised);
- word meaning learned from unlabelled news: each word of a vocabulary built from the
  development pools carries one weight per theme, folded from word vectors (PPMI + truncated
  SVD of co-occurrence counts) and the theme's lexicon terms, so a word the annotated
  sentences never showed still counts by what it is near ("liên thông" near "kết nối",
  "chia sẻ"); the sentence gets the IDF-weighted mean of its words' weights;
- the rules: which themes the lexicon's rules and its bare terms find in the sentence, the
  article's share of sentences each theme has, whether the sentence and the article name
  the domain, quotation marks, a question, the sentence's place and length.

A rule match is kept unless the model doubts it (probability below ``veto``); a sentence the
rules miss is added when the model is confident (probability at least ``add``). The model
is trained by ``bench/theme_learn.py`` on the annotated development keys and stored in
``vntransform/data/theme_model.npz``; it knows the built-in themes only, and is applied only
to built-in theme ids whose definition in the lexicon in use is the built-in one, and only
when the lexicon's ``[sentence_rules]`` say ``learned = true`` (off by default: on the
held-out fresh4 keys it did not beat the rules).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from vntransform.mining.theme_rules import (
    Matcher,
    SentenceRules,
    Theme,
    builtin_lexicon_text,
    parse_lexicon,
)
from vntransform.models import Sentence

MODEL_FILE = "theme_model.npz"
_QUOTES = frozenset('"“”‘’«»')


_LETTER = re.compile(r"[^\W\d_]")


def _word(token: str) -> str:
    """The lowercased word, or "" for punctuation and numbers (they break pairs)."""
    return token.lower() if _LETTER.search(token) else ""


def sentence_grams(tokens: Sequence[str], words: Sequence[str] | None = None) -> Counter[str]:
    """Counts of the sentence's words (``w:``), adjacent word pairs, syllables (``s:``) and
    adjacent syllable pairs; punctuation and numbers are left out and break pairs
    (``words``: the tokens through ``_word``, when already known)."""
    if words is None:
        words = [_word(t) for t in tokens]
    out: Counter[str] = Counter(f"w:{w}" for w in words if w)
    out.update(f"w:{a}|{b}" for a, b in zip(words, words[1:], strict=False) if a and b)
    syllables: list[str] = []
    for w in words:
        syllables.extend(w.replace("_", " ").split() if w else [""])
    out.update(f"s:{s}" for s in syllables if s)
    out.update(
        f"s:{a}|{b}" for a, b in zip(syllables, syllables[1:], strict=False) if a and b and a != b
    )
    return out


def sentence_words(tokens: Sequence[str]) -> list[str]:
    """The lowercased words of a sentence (punctuation and numbers left out)."""
    return [w for w in (_word(t) for t in tokens) if w]


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What the scorer needs to know about the article of a sentence."""

    size: int  # sentences in the article
    in_domain: bool  # the article is about the lexicon's domain
    domain_share: float  # share of its sentences naming a domain word
    theme_counts: Mapping[str, int]  # sentences the rules give each theme


def context_features(
    themes: Sequence[str],
    index: int,
    text: str,
    n_tokens: int,
    rules: Mapping[str, object],
    bare: Mapping[str, object],
    sentence_domain: bool,
    article: ArticleContext,
) -> dict[str, float]:
    """The non-word features of one sentence (the same for every theme's model)."""
    feats: dict[str, float] = {}
    for name in themes:
        own = 1.0 if name in rules else 0.0
        if own:
            feats[f"rule:{name}"] = 1.0
        if name in bare:
            feats[f"bare:{name}"] = 1.0
        others = article.theme_counts.get(name, 0) - own
        feats[f"share:{name}"] = others / max(1, article.size - 1)
    feats["quote"] = float(any(c in _QUOTES for c in text))
    feats["question"] = float("?" in text)
    feats["first"] = float(index == 0)
    feats["place"] = index / max(1, article.size - 1)
    feats["length"] = min(n_tokens, 60) / 60
    feats["sentence_domain"] = float(sentence_domain)
    feats["article_domain"] = float(article.in_domain)
    feats["domain_share"] = article.domain_share
    return feats


def _strings(array: np.ndarray) -> list[str]:
    return bytes(array).decode("utf-8").split("\n") if array.size else []


def pack_strings(items: Sequence[str]) -> np.ndarray:
    """Strings as one UTF-8 byte array (newline-separated), for ``np.savez``."""
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


@dataclass(slots=True)
class ThemeScorer:
    """The stored linear models: one column per theme in every weight matrix."""

    themes: tuple[str, ...]
    grams: dict[str, int]
    gram_idf: np.ndarray  # (n_grams,)
    gram_weights: np.ndarray  # (n_grams, themes)
    words: dict[str, int]
    word_idf: np.ndarray  # (n_words,): pooling weight of a word
    word_weights: np.ndarray  # (n_words, themes): its per-theme score, already × idf
    dense: dict[str, int]
    dense_weights: np.ndarray  # (n_dense, themes)
    bias: np.ndarray  # (themes,)
    add: float  # probability at which a sentence the rules miss is added
    veto: float  # probability under which a rule match is dropped
    version: str
    active: np.ndarray  # (themes,) bool: the themes the scorer re-judges (enough training)

    @classmethod
    def load(cls, path: str | Path | None = None) -> ThemeScorer:
        """The scorer stored at ``path`` (default: the built-in model)."""
        if path is None:
            with resources.as_file(resources.files("vntransform.data") / MODEL_FILE) as p:
                return cls._read(p)
        return cls._read(Path(path))

    @classmethod
    def _read(cls, path: Path) -> ThemeScorer:
        with np.load(path, allow_pickle=False) as z:
            data = {k: z[k] for k in z.files}
        themes = tuple(_strings(data["themes"]))
        return cls(
            themes,
            {g: i for i, g in enumerate(_strings(data["grams"]))},
            data["gram_idf"].astype(np.float32),
            data["gram_weights"].astype(np.float32),
            {w: i for i, w in enumerate(_strings(data["words"]))},
            data["word_idf"].astype(np.float32),
            data["word_weights"].astype(np.float32),
            {d: i for i, d in enumerate(_strings(data["dense"]))},
            data["dense_weights"].astype(np.float32),
            data["bias"].astype(np.float32),
            float(data["add"]),
            float(data["veto"]),
            _strings(data["version"])[0],
            data["active"].astype(bool),
        )

    def save(self, path: str | Path) -> None:
        """Write the scorer (float16 weights, compressed)."""

        def order(index: Mapping[str, int]) -> list[str]:
            return sorted(index, key=index.__getitem__)

        np.savez_compressed(
            path,
            themes=pack_strings(self.themes),
            grams=pack_strings(order(self.grams)),
            gram_idf=self.gram_idf.astype(np.float16),
            gram_weights=self.gram_weights.astype(np.float16),
            words=pack_strings(order(self.words)),
            word_idf=self.word_idf.astype(np.float16),
            word_weights=self.word_weights.astype(np.float16),
            dense=pack_strings(order(self.dense)),
            dense_weights=self.dense_weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            add=np.float32(self.add),
            veto=np.float32(self.veto),
            version=pack_strings([self.version]),
            active=self.active.astype(np.uint8),
        )

    def logits(
        self, tokens: Sequence[str], dense: Mapping[str, float]
    ) -> tuple[np.ndarray, list[tuple[str, np.ndarray]]]:
        """Per-theme log-odds of one sentence, and the word contributions (word, per-theme
        score) that explain it."""
        out = self.bias.copy()
        marked = [_word(t) for t in tokens]
        counts = sentence_grams(tokens, marked)
        found = [g for g in counts if g in self.grams]
        parts: list[tuple[str, np.ndarray]] = []
        if found:
            idx = [self.grams[g] for g in found]
            tf = np.array([1.0 + math.log(counts[g]) for g in found], dtype=np.float32)
            vals = tf * self.gram_idf[idx]
            vals /= float(np.sqrt((vals * vals).sum())) or 1.0
            contrib = vals[:, None] * self.gram_weights[idx]
            out += contrib.sum(axis=0)
            # words and word pairs explain a decision; syllable grams count but are not shown
            parts += [
                (g[2:], c)
                for g, c in zip(found, contrib, strict=True)
                if g[:2] == "w:" and "|" not in g
            ]
            parts += [
                (g[2:].replace("|", " "), c)
                for g, c in zip(found, contrib, strict=True)
                if g[:2] == "w:" and "|" in g
            ]
        words = [w for w in marked if w and w in self.words]
        if words:
            known = [self.words[w] for w in words]
            total = float(self.word_idf[known].sum()) or 1.0
            contrib = self.word_weights[known] / total
            out += contrib.sum(axis=0)
            parts += list(zip(words, contrib, strict=True))
        d_idx = [(self.dense[k], v) for k, v in dense.items() if k in self.dense and v]
        if d_idx:
            rows = [i for i, _ in d_idx]
            vals = np.array([v for _, v in d_idx], dtype=np.float32)
            out += vals @ self.dense_weights[rows]
        return out, parts

    def probabilities(self, tokens: Sequence[str], dense: Mapping[str, float]) -> np.ndarray:
        """Per-theme probability that the sentence is about the theme."""
        z = self.logits(tokens, dense)[0]
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@lru_cache(maxsize=1)
def builtin_scorer() -> ThemeScorer | None:
    """The built-in scorer, or None when its file is absent."""
    try:
        return ThemeScorer.load()
    except (FileNotFoundError, OSError, KeyError, ValueError):
        return None


def explain(parts: list[tuple[str, np.ndarray]], column: int, top: int = 3) -> list[str]:
    """The words that weigh most for one theme, strongest first (for an added sentence)."""
    best: dict[str, float] = {}
    for word, score in parts:
        best[word] = best.get(word, 0.0) + float(score[column])
    ranked = sorted((v, w) for w, v in best.items() if v > 0)
    return [w for _, w in reversed(ranked[-top:])]


def describe(scorer: ThemeScorer) -> dict[str, Any]:
    """Sizes of a scorer, for reports."""
    return {
        "themes": len(scorer.themes),
        "grams": len(scorer.grams),
        "words": len(scorer.words),
        "add": scorer.add,
        "veto": scorer.veto,
        "version": scorer.version,
    }


@lru_cache(maxsize=1)
def _builtin_matchers() -> tuple[list[Theme], SentenceRules, Matcher, Matcher]:
    """The built-in themes, their matcher and the matcher of their bare terms (no
    contexts): the scorer's features, whatever lexicon is in use."""
    builtin = parse_lexicon(builtin_lexicon_text(), "themes.toml")
    bare = [Theme(t.name, t.label, t.terms) for t in builtin]
    return (
        list(builtin),
        builtin.sentence_rules,
        Matcher(builtin, builtin.sentence_rules),
        Matcher(bare, builtin.sentence_rules),
    )


class LearnedLayer:
    """Re-judges one article's rule matches with a :class:`ThemeScorer`.

    The scorer's features are the built-in lexicon's matches (its rules and its bare terms),
    whatever lexicon is in use; its decisions apply only to the themes of the lexicon in use
    that are built-in themes with their built-in definition (a theme the user replaced or
    added is judged by its rules alone).
    """

    def __init__(
        self,
        scorer: ThemeScorer,
        themes: Sequence[Theme],
        rules: SentenceRules,
        *,
        fold: bool = False,
    ) -> None:
        builtin, builtin_rules, self.rules, self.bare = _builtin_matchers()
        by_name = {t.name: t for t in builtin}
        self.scorer = scorer
        self.names = list(scorer.themes)
        self.active = [
            j
            for j, name in enumerate(self.names)
            if scorer.active[j] and any(t.name == name and t == by_name.get(name) for t in themes)
        ]
        # the lexicon in use matches exactly like the built-in one: its results are the features
        self.same = (
            not fold
            and list(themes) == builtin
            and replace(rules, learned=builtin_rules.learned) == builtin_rules
        )

    def judge(
        self, doc: Sequence[Sentence], found: Sequence[dict[str, list[str]]]
    ) -> list[dict[str, list[str]]]:
        """``found`` (the lexicon's matches of each sentence of one article) with the
        scorer's vetoes and additions applied to its active themes."""
        if not self.active or not doc:
            return list(found)
        if self.same:
            feats_found = list(found)
            sdom = [self.rules.sentence_in_domain(s.tokens) for s in doc]
        else:
            in_domain = self.rules.in_domain([s.tokens for s in doc])
            gated = set() if in_domain else self.rules.gated
            feats_found, sdom = [], []
            for s in doc:
                f = self.rules.match(s.text, s.tokens)
                d = self.rules.sentence_in_domain(s.tokens)
                if gated and f and not d:
                    f = {k: v for k, v in f.items() if k not in gated}
                feats_found.append(f)
                sdom.append(d)
        in_domain = self.rules.in_domain([s.tokens for s in doc])
        counts = Counter(name for f in feats_found for name in f)
        article = ArticleContext(len(doc), in_domain, sum(sdom) / len(doc), dict(counts))
        out = []
        for s, f_use, f_feat, d in zip(doc, found, feats_found, sdom, strict=True):
            bare = self.bare.match(s.text, s.tokens)
            dense = context_features(
                self.names, s.index, s.text, len(s.tokens), f_feat, bare, d, article
            )
            z, parts = self.scorer.logits(s.tokens, dense)
            prob = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
            result = dict(f_use)
            for j in self.active:
                name = self.names[j]
                if name in result:
                    if prob[j] < self.scorer.veto:
                        del result[name]
                elif prob[j] >= self.scorer.add:
                    result[name] = [f"~{w}" for w in explain(parts, j)] or ["~"]
            out.append(result)
        return out
