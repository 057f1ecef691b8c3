"""Sentence and word segmentation with underthesea (the only module that imports it).

underthesea loads its CRF models lazily on first use; nothing here downloads anything.
Only the offline pipelines are used: ``sent_tokenize``, ``word_tokenize``, ``pos_tag``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence found in a paragraph: its text and offsets into that paragraph."""

    start: int
    end: int
    text: str


def split_sentences(paragraph: str) -> list[Span]:
    """Split one paragraph into sentences with their offsets.

    A sentence never spans two paragraphs: call this once per paragraph.

    Args:
        paragraph: one paragraph of normalised text (no newline inside).

    Returns:
        Spans in order; ``paragraph[span.start:span.end] == span.text``.
    """
    if not paragraph.strip():
        return []
    from underthesea import sent_tokenize

    from vntransform.text.protect import mask_protected

    masked = mask_protected(paragraph)  # no sentence ends inside URLs, e-mails, 3.14
    spans: list[Span] = []
    pos = 0
    for piece in sent_tokenize(masked):
        piece = piece.strip()
        if not piece:
            continue
        start = masked.find(piece, pos)
        if start < 0:  # the splitter changed spacing: align ignoring whitespace
            start, end = _align(masked, piece, pos)
        else:
            end = start + len(piece)
        if end <= start:
            continue
        if spans and not any(c.isalnum() for c in paragraph[start:end]):
            # underthesea leaves a closing quote mark or bracket as a "sentence" of its own
            prev = spans[-1]
            spans[-1] = Span(prev.start, end, paragraph[prev.start : end])
        else:
            spans.append(Span(start, end, paragraph[start:end]))
        pos = end
    if not spans:
        stripped = paragraph.strip()
        start = paragraph.find(stripped)
        spans.append(Span(start, start + len(stripped), stripped))
    return spans


def _align(text: str, piece: str, pos: int) -> tuple[int, int]:
    """Find ``piece`` in ``text`` from ``pos`` comparing non-space characters only."""
    target = _SPACES.sub("", piece)
    i = pos
    while i < len(text) and text[i].isspace():
        i += 1
    start = i
    matched = 0
    while i < len(text) and matched < len(target):
        if not text[i].isspace():
            if text[i] != target[matched]:
                return start, start  # give up: caller drops the piece
            matched += 1
        i += 1
    return start, i


ENGINES = ("fast", "underthesea")


def segment_words(
    sentence: str, *, fixed_words: Sequence[str] = (), normalized: bool = False
) -> list[str]:
    """Split a sentence into words, exactly as ``underthesea.word_tokenize`` does.

    Words keep their inner spaces: ``["Chuyển đổi số", "là", ...]`` when
    ``"chuyển đổi số"`` is a fixed word. For many sentences, :func:`segment_sentences`
    is several times faster.

    Args:
        sentence: the text of one sentence (or line).
        fixed_words: multiword terms that must come out as one word.
        normalized: the text already went through ``normalize_text``; skips underthesea's
            per-token normalisation, which would change nothing.
    """
    if not sentence.strip():
        return []
    return segment_sentences([sentence], fixed_words=fixed_words, normalized=normalized)[0]


def segment_sentences(
    sentences: Sequence[str],
    *,
    fixed_words: Sequence[str] = (),
    normalized: bool = False,
    engine: str = "fast",
    protect: bool = True,
) -> list[list[str]]:
    """Split many sentences into words at once (give it an article or more per call).

    The words are those of ``underthesea.word_tokenize(sentence, fixed_words=...)``
    called fresh for each sentence: underthesea 9.5.0 keeps the fixed-word pattern of
    its last call in a module global and applies it to later calls without
    ``fixed_words``; we never do (every call uses exactly the fixed words it is given).

    Args:
        sentences: one string per sentence (or line).
        fixed_words: multiword terms that must come out as one word.
        normalized: the texts already went through ``normalize_text``.
        protect: URLs, e-mail addresses and domains come out as one word each (without it,
            the words are exactly underthesea's, which splits ``mic.gov.vn``).
        engine: ``"fast"`` (vnt's vectorised decoder over underthesea's model; falls back
            to underthesea with one warning when the installed model is not the verified
            one) or ``"underthesea"`` (underthesea's own featurizer and tagger).

    Returns:
        One word list per sentence, in order (empty for blank sentences).
    """
    if engine not in ENGINES:
        raise ValueError(f"engine {engine!r}: choose one of {', '.join(ENGINES)}")
    from vntransform.text.protect import segment_protected

    fixed = tuple(fixed_words)
    if not protect:
        return _segment_batch(list(sentences), fixed, normalized, engine)
    # URLs, e-mail addresses and domains are one word each; the segmenter sees the rest
    return segment_protected(
        list(sentences), lambda texts: _segment_batch(texts, fixed, normalized, engine)
    )


def _segment_batch(
    sentences: list[str], fixed: tuple[str, ...], normalized: bool, engine: str
) -> list[list[str]]:
    tokens = [_regex_tokens(s, fixed, normalized) if s.strip() else [] for s in sentences]
    tagger = None
    if engine == "fast":
        from vntransform.text.fastseg import load_tagger

        tagger = load_tagger()
    if tagger is not None:
        inside = tagger.labels.index("I-W")
        tag_ids = tagger.tag(tokens)
        return [
            _join(toks, [t == inside for t in tags])
            for toks, tags in zip(tokens, tag_ids, strict=True)
        ]
    model = _word_model()
    out: list[list[str]] = []
    for toks in tokens:
        if not toks:
            out.append([])
            continue
        tags = model.estimator.tag(model.featurizer.process([[[t] for t in toks]])[0])
        out.append(_join(toks, [t == "I-W" for t in tags]))
    return out


def _join(tokens: list[str], inside: list[bool]) -> list[str]:
    """Tokens tagged I-W join the word before them (the first token always starts one)."""
    if not tokens:
        return []
    words = [tokens[0]]
    append = words.append
    for is_inside, token in zip(inside[1:], tokens[1:], strict=True):
        if is_inside:
            words[-1] += " " + token
        else:
            append(token)
    return words


@lru_cache(maxsize=1)
def _word_model():
    """underthesea's word-segmentation CRF, loaded once per process (no download)."""
    import underthesea.pipeline.word_tokenize as wt

    wt.word_tokenize("Việt Nam")  # loads the packaged model into the module global
    return wt.word_tokenize_model


@lru_cache(maxsize=16)
def _token_pattern(fixed_words: tuple[str, ...]) -> re.Pattern[str]:
    """underthesea's token regex, with the fixed words first, compiled once.

    underthesea itself rebuilds (and keeps, in a module global) this pattern on every
    ``word_tokenize(..., fixed_words=...)`` call; that cost more than the CRF on our input.
    """
    from underthesea.pipeline.word_tokenize import regex_tokenize as rt

    patterns = list(rt.regex_patterns)
    if fixed_words:
        alternatives = "|".join(r"\b" + re.escape(w) + r"\b" for w in fixed_words)
        patterns.insert(0, f"(?P<fixed_words>{alternatives})")
    return re.compile("(" + "|".join(patterns) + ")", re.VERBOSE | re.UNICODE)


def _regex_tokens(text: str, fixed_words: tuple[str, ...], normalized: bool) -> list[str]:
    """underthesea's tokens of a sentence (its ``tokenize``), with its per-token
    normalisation unless ``normalized``."""
    if not normalized:
        text = _normalize_characters()(text)
    if (
        fixed_words
        and any(w in text for w in fixed_words)
        and _fixed_word_finder(fixed_words).search(text)
    ):  # substring test first: 10x cheaper
        tokens = [m.group(0) for m in _token_pattern(fixed_words).finditer(text)]
        if not normalized:
            tokens = [_normalize_token(t) for t in tokens]
        return tokens
    return _chunk_tokens(text, not normalized)


@lru_cache(maxsize=1)
def _normalize_characters():
    from underthesea.pipeline.text_normalize.character_normalize import (
        normalize_characters_in_text,
    )

    return normalize_characters_in_text


def _normalize_token(token: str) -> str:
    cache = _NORM_CACHE
    out = cache.get(token)
    if out is None:
        from underthesea.pipeline.text_normalize import token_normalize

        if len(cache) > _CHUNK_CACHE_MAX:
            cache.clear()
        out = cache[token] = token_normalize(token)
    return out


_NORM_CACHE: dict[str, str] = {}


@lru_cache(maxsize=16)
def _fixed_word_finder(fixed_words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(r"\b" + re.escape(w) + r"\b" for w in fixed_words))


# (normalised?) -> (tokens of chunks followed by a space, tokens of a sentence's last chunk)
_CHUNK_CACHES: dict[bool, tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]] = {
    False: ({}, {}),
    True: ({}, {}),
}
_CHUNK_CACHE_MAX = 200_000


def _chunk_tokens(text: str, normalize: bool = False) -> list[str]:
    """underthesea's regex tokens, computed per whitespace-separated chunk and memoised
    (with underthesea's per-token normalisation applied when ``normalize``).

    None of underthesea's token patterns matches whitespace, so tokenising each chunk on
    its own gives the same tokens as tokenising the sentence (lookaheads that peek past a
    chunk see the space we append; only the last chunk sees the true end of text).
    Chunks follow Zipf's law: after a few articles almost every chunk is a cache hit,
    which removes most of the regex cost (~12% of ``word_tokenize``). Verified equal to
    ``word_tokenize`` on the VLSP 2013 and UD-VTB test sets and on VNTC news.
    """
    chunks = text.split()
    if not chunks:
        return []
    inner, last = _CHUNK_CACHES[normalize]
    out: list[str] = []
    get = inner.get
    for chunk in chunks[:-1]:
        tokens = get(chunk)
        if tokens is None:
            tokens = _tokenize_chunk(inner, chunk, chunk + " ", normalize)
        out += tokens
    chunk = chunks[-1]
    tokens = last.get(chunk)
    if tokens is None:
        tokens = _tokenize_chunk(last, chunk, chunk, normalize)
    out += tokens
    return out


def _tokenize_chunk(
    cache: dict[str, tuple[str, ...]], key: str, text: str, normalize: bool
) -> tuple[str, ...]:
    tokens = tuple(m.group(0) for m in _token_pattern(()).finditer(text))
    if normalize:
        tokens = tuple(_normalize_token(t) for t in tokens)
    if len(cache) >= _CHUNK_CACHE_MAX:
        cache.clear()
    cache[key] = tokens
    return tokens


def tag_parts_of_speech(
    sentence: str, *, words: Sequence[str] | None = None
) -> list[tuple[str, str]]:
    """Words with their part-of-speech tags (underthesea's POS model); with ``words``,
    those words are tagged (vnt's segmentation, built-in terms whole), else underthesea's
    ``pos_tag`` segments the sentence itself."""
    if words is not None:
        if not words:
            return []
        from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

        return [(w, t) for w, t in CRFPOSTagPredictor.Instance().predict(list(words), None)]
    from underthesea import pos_tag

    if not sentence.strip():
        return []
    return [(word, tag) for word, tag in pos_tag(sentence)]


def iter_segmented_lines(
    lines: Iterable[str],
    *,
    fixed_words: Sequence[str] = (),
    engine: str = "fast",
    batch_size: int = 2000,
    protect: bool = True,
) -> Iterator[list[str]]:
    """Yield the words of each input line, one list per line, reading ``batch_size`` lines
    at a time (memory bounded by the batch, not the input)."""
    batch: list[str] = []
    for line in lines:
        batch.append(line.rstrip("\n"))
        if len(batch) >= batch_size:
            yield from segment_sentences(
                batch, fixed_words=fixed_words, engine=engine, protect=protect
            )
            batch = []
    if batch:
        yield from segment_sentences(batch, fixed_words=fixed_words, engine=engine, protect=protect)


def render_words(words: Sequence[str], *, style: str = "text") -> str:
    """Words as ``vnt segment`` prints them: ``text`` joins syllables with ``_`` and words
    with spaces (``word_tokenize(..., format="text")``); ``conll`` puts one word per line
    and a blank line after the sentence."""
    joined = [w.replace(" ", "_") for w in words]
    if style == "text":
        return " ".join(joined)
    return "\n".join(joined) + "\n" if joined else ""


def iter_rendered_lines(
    lines: Iterable[str],
    *,
    style: str = "text",
    pos: bool = False,
    fixed_words: Sequence[str] = (),
    engine: str = "fast",
    batch_size: int = 2000,
    protect: bool = True,
) -> Iterator[str]:
    """``vnt segment``'s output, one string per input line, streamed in batches (with
    ``pos``, the same words tagged)."""
    for words in iter_segmented_lines(
        lines, fixed_words=fixed_words, engine=engine, batch_size=batch_size, protect=protect
    ):
        if style == "conll" and pos:
            yield _render_tagged(tag_parts_of_speech("", words=words))
        else:
            yield render_words(words, style=style)


def _render_tagged(tagged: list[tuple[str, str]]) -> str:
    rows = [f"{word.replace(' ', '_')}\t{tag}" for word, tag in tagged]
    return "\n".join(rows) + "\n" if rows else ""


def segment_line(
    line: str, *, style: str = "text", pos: bool = False, fixed_words: Sequence[str] = ()
) -> str:
    """One input line rendered as ``vnt segment`` prints it.

    ``style="text"`` equals ``underthesea.word_tokenize(line, format="text")`` (when no
    fixed words are given); ``style="conll"`` gives one word per line (with its POS tag
    when ``pos``) and a blank line after the sentence.
    """
    words = segment_words(line, fixed_words=fixed_words)
    if style == "conll" and pos:
        return _render_tagged(tag_parts_of_speech(line, words=words))
    return render_words(words, style=style)
