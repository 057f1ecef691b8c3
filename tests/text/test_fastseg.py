"""vnt's fast CRF segmenter gives exactly underthesea's words.

"Identical" means: ``segment_sentences(sentences, fixed_words=fw, protect=False)`` equals
``[underthesea.word_tokenize(s, fixed_words=list(fw)) for s in sentences]`` when ``fw`` is
given, and ``word_tokenize(s)`` as underthesea does it before any call with fixed words
when it is not (underthesea 9.5.0 keeps the last fixed-word pattern in a module global and
applies it to later calls; the reference below restores its pristine pattern first).
With ``protect=True`` (the default, what ingest stores) URLs, e-mail addresses and domains are
one word each on purpose, which underthesea does not do.
"""

from __future__ import annotations

import json
import re
import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import CORPUS_DIR, SHARED_EVAL
from vntransform.text import fastseg
from vntransform.text.segment import segment_sentences, split_sentences

WS = SHARED_EVAL / "ws"
NEWS = SHARED_EVAL / "news" / "vntc_test_sample.jsonl"


def reference(sentences, fixed_words=()):
    """underthesea's words, each call as in a fresh process (see the module docstring)."""
    from underthesea import word_tokenize
    from underthesea.pipeline.word_tokenize import regex_tokenize as rt

    out = []
    for s in sentences:
        rt.patterns = re.compile(rt.regex_patterns_combine, re.VERBOSE | re.UNICODE)
        out.append(
            word_tokenize(s, fixed_words=list(fixed_words)) if fixed_words else word_tokenize(s)
        )
    rt.patterns = re.compile(rt.regex_patterns_combine, re.VERBOSE | re.UNICODE)
    return out


def assert_same(sentences, fixed_words=()):
    # protect=False: vnt keeps URLs and domains whole on purpose (tests/text/test_protect.py)
    ours = segment_sentences(sentences, fixed_words=fixed_words, protect=False)
    theirs = reference(sentences, fixed_words)
    diff = [(s, a, b) for s, a, b in zip(sentences, ours, theirs, strict=True) if a != b]
    assert not diff, diff[:3]
    return ours


def test_tagger_is_the_fast_one():
    tagger = fastseg.load_tagger()
    assert tagger is not None
    assert tagger.labels == ("B-W", "I-W")
    assert len(tagger.model.attributes) == 50_671


def test_sample_corpus_identical_to_underthesea():
    sentences = [
        span.text
        for path in sorted(CORPUS_DIR.glob("*.txt"))
        for paragraph in path.read_text(encoding="utf-8").split("\n")
        for span in split_sentences(paragraph)
    ]
    assert len(sentences) > 100
    words = assert_same(sentences)
    assert sum(w.count("chuyển đổi") for w in words) >= 10  # two syllables, one word
    # and the other engine agrees too
    assert segment_sentences(sentences, engine="underthesea", protect=False) == words


def test_fixed_words_identical_and_joined():
    from vntransform.corpus.ingest import builtin_terms, fixed_words_for

    fixed = tuple(
        w for w in fixed_words_for(builtin_terms()) if re.escape(w) == w.replace(" ", "\\ ")
    )  # underthesea does not escape regex characters
    sentences = [
        span.text
        for path in sorted(CORPUS_DIR.glob("*.txt"))[:2]
        for paragraph in path.read_text(encoding="utf-8").split("\n")
        for span in split_sentences(paragraph)
    ]
    words = assert_same(sentences, fixed)
    assert any("chuyển đổi số" in ws or "Chuyển đổi số" in ws for ws in words)


def test_no_fixed_word_leaks_into_later_calls():
    segment_sentences(["Phát triển kinh tế số"], fixed_words=["kinh tế số"])
    assert segment_sentences(["Phát triển kinh tế số"]) == reference(["Phát triển kinh tế số"])


def test_unicode_case_tables_come_from_underthesea_core():
    tagger = fastseg.load_tagger()
    # U+A7DC / U+019B gained case mappings after Python 3.11's Unicode 14
    rust = fastseg._RustCase()
    for token in ("\ua7dca", "\u019b", "Σίσυφος", "İstanbul", "ǅemal", "Ⅻ"):
        assert tagger._case(token) == rust(token)
    if "\ua7dc".lower() == "\ua7dc":  # this Python's tables lag the Rust build's
        assert tagger._case("\ua7dca")[0] == "\u019ba"
    sentences = [
        "Ông \ua7dca \u019b đến Đà Nẵng",
        "ΣΊΣΥΦΟΣ và Σίσυφος ở İstanbul",
        "ǅemal Ⅻ ﬁ Ꞵ ꟊ",
        "Hà Nội \u0130 \u1e9e ß",
    ]
    assert_same(sentences)


def test_checked_characters_agree_with_rust():
    tagger = fastseg.load_tagger()
    assert "ạ" in tagger._safe and "Đ" in tagger._safe
    assert "\u019b" not in tagger._safe  # outside the checked blocks: asks Rust
    rust = fastseg._RustCase()
    chars = sorted(tagger._safe)
    for ch, (low, title) in zip(chars, rust.many(chars), strict=True):
        assert (low, title) == (ch.lower(), ch.upper() == ch)


def test_emission_sum_is_sequential():
    """np.add.reduce over the outer axis adds rows in order (what the Rust tagger does)."""
    rng = np.random.default_rng(0)
    weights = rng.normal(size=(1000, 2)) * 10.0 ** rng.integers(-8, 3, size=(1000, 1))
    ids = rng.integers(0, 1000, size=(43, 500))
    loop = weights[ids[0]].copy()
    for j in range(1, 43):
        loop += weights[ids[j]]
    assert np.array_equal(np.add.reduce(weights[ids], axis=0), loop)


def test_batches_and_single_sentences_agree():
    sentences = [
        "Bác sĩ bây giờ có thể thản nhiên báo tin bệnh nhân bị ung thư",
        "",
        "  ",
        "Việt",
        "Năm 2022 có 10.000 cán bộ.",
    ]
    batch = segment_sentences(sentences)
    assert batch[1] == [] and batch[2] == []
    assert batch == [segment_sentences([s])[0] for s in sentences]
    assert batch[0][:3] == ["Bác sĩ", "bây giờ", "có thể"]


def test_fallback_on_checksum_mismatch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = fastseg.underthesea_root()
    assert root is not None and fastseg.check_installation(root) is None
    copy = tmp_path / "underthesea"
    for rel in fastseg.VERIFIED_SHA256:
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / rel, copy / rel)
    assert fastseg.check_installation(copy) is None
    with open(copy / fastseg.MODEL_SUBDIR / "dictionary.bin", "ab") as fh:
        fh.write(b"\0")
    problem = fastseg.check_installation(copy)
    assert problem is not None and "dictionary.bin" in problem and "sha256" in problem

    monkeypatch.setattr(fastseg, "underthesea_root", lambda: copy)
    fastseg.load_tagger.cache_clear()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            words = segment_sentences(["Bác sĩ báo tin bệnh nhân bị ung thư", "Hà Nội"])
            segment_sentences(["Việt Nam"])
        assert words == reference(["Bác sĩ báo tin bệnh nhân bị ung thư", "Hà Nội"])
        mine = [w for w in caught if issubclass(w.category, fastseg.FastSegUnavailable)]
        assert len(mine) == 1 and "dictionary.bin" in str(mine[0].message)
    finally:
        fastseg.load_tagger.cache_clear()


def test_version_mismatch_is_reported(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(fastseg.VERIFIED_VERSIONS, "underthesea", "0.0.1")
    problem = fastseg.check_installation()
    assert problem is not None and "underthesea" in problem and "0.0.1" in problem


@pytest.mark.skipif(not WS.exists(), reason="../shared/eval absent")
@pytest.mark.parametrize("name", ["vlsp2013_test", "ud_vtb_test"])
def test_identical_on_word_segmentation_test_sets(name: str):
    lines = (WS / f"{name}.raw.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 800
    assert_same(lines)


@pytest.mark.skipif(not NEWS.exists(), reason="../shared/eval absent")
def test_identical_on_news_sample():
    from vntransform.text.normalize import normalize_text

    sentences = []
    with open(NEWS, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 25:  # 200 articles spread over the 10 topics
                continue
            for paragraph in normalize_text(json.loads(line)["text"]).split("\n"):
                sentences.extend(span.text for span in split_sentences(paragraph))
    assert len(sentences) > 2000
    assert_same(sentences)


def test_cli_engines_agree_and_bad_engine_is_a_usage_error():
    from typer.testing import CliRunner

    from vntransform.cli import app

    runner = CliRunner()
    lines = "Bác sĩ bây giờ có thể thản nhiên báo tin\nHoà bình và thuỷ điện\n\nNăm 2022.\n"
    fast = runner.invoke(app, ["segment", "--engine", "fast"], input=lines)
    slow = runner.invoke(app, ["segment", "--engine", "underthesea"], input=lines)
    assert fast.exit_code == slow.exit_code == 0
    assert fast.stdout == slow.stdout
    expected = [" ".join(w.replace(" ", "_") for w in ws) for ws in reference(lines.splitlines())]
    assert fast.stdout.splitlines() == expected
    assert expected[0].startswith("Bác_sĩ bây_giờ có_thể") and expected[1].startswith("Hòa_bình")
    bad = runner.invoke(app, ["segment", "--engine", "crf", "x"])
    assert bad.exit_code == 2 and bad.stdout == ""
    assert "--engine crf" in bad.stderr and "fast or underthesea" in bad.stderr


def test_cli_fallback_warns_on_one_line(monkeypatch: pytest.MonkeyPatch):
    from typer.testing import CliRunner

    from vntransform.cli import app

    monkeypatch.setitem(fastseg.VERIFIED_VERSIONS, "underthesea_core", "9.9.9")
    fastseg.load_tagger.cache_clear()
    try:
        result = CliRunner().invoke(app, ["segment"], input="Hà Nội mùa thu\nViệt Nam\n")
    finally:
        fastseg.load_tagger.cache_clear()
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["Hà_Nội mùa thu", "Việt_Nam"]
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Warning: fast segmenter off: ")
    assert "underthesea_core 3.3.2 is installed" in lines[0]


def test_viterbi_loop_and_numpy_agree_on_ties():
    """Integer weights make many ties: both decoders break them alike (lowest label) and
    find a best-scoring path."""
    import itertools

    from vntransform.text.viterbi import viterbi_batch, viterbi_two_labels

    rng = np.random.default_rng(1)
    lengths = [int(n) for n in rng.integers(0, 7, size=300)]
    emission = rng.integers(-2, 3, size=(sum(lengths), 2)).astype(float)
    trans = rng.integers(-1, 2, size=(2, 2)).astype(float)
    loop = viterbi_two_labels(
        emission[:, 0].tolist(), emission[:, 1].tolist(), lengths, trans.tolist()
    )
    batch = viterbi_batch(emission, np.asarray(lengths), trans)
    assert loop == batch
    pos = 0
    for n in lengths:
        if not n:
            continue
        e = emission[pos : pos + n]

        def score(path, e=e):
            return sum(e[t, y] for t, y in enumerate(path)) + sum(
                trans[a, b] for a, b in itertools.pairwise(path)
            )

        best = max(score(p) for p in itertools.product((0, 1), repeat=n))
        assert score(loop[pos : pos + n]) == best
        pos += n


def test_token_tables_start_afresh_with_the_same_words(monkeypatch: pytest.MonkeyPatch):
    from vntransform.text import crftagger

    tagger = fastseg.load_tagger()
    sentences = ["Bác sĩ báo tin bệnh nhân bị ung thư", "Hà Nội mùa thu, Đà Nẵng mùa hè"]
    before = segment_sentences(sentences)
    others = ["Quốc hội thông qua luật đất đai sửa đổi với 432 đại biểu tán thành"]
    expected = segment_sentences(others)
    tagger.clear_caches()
    segment_sentences(sentences)
    monkeypatch.setattr(crftagger, "_KEEP_TOKENS", len(tagger._vocab) + 5)
    assert segment_sentences(others) == expected  # more new tokens than room: reset
    assert len(tagger._vocab) == len({t for s in others for t in s.split()})
    assert segment_sentences(sentences) == before
    import vntransform

    assert vntransform.segment_sentences(sentences) == before
