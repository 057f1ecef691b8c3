"""Selections of the corpus: lenient dates, bounds, a view the analyses read through."""

import pytest

from vntransform.corpus.select import (
    CorpusView,
    Selection,
    cite,
    parse_bound,
    published_date,
    select_corpus,
)
from vntransform.errors import StoreError, UsageError


@pytest.mark.parametrize(
    "value, date",
    [
        ("2021-04-27T08:04", "2021-04-27"),
        ("2021-04-27", "2021-04-27"),
        ("Thứ ba, 27/4/2021 08:04 (GMT+7)", "2021-04-27"),
        ("2021/04/27", "2021-04-27"),
        ("2022", "2022"),
        ("2022-06", "2022-06"),
        ("", ""),
        (None, ""),
        ("không rõ", ""),
    ],
)
def test_published_date(value, date):
    assert published_date(value) == date


def test_bounds():
    assert parse_bound("2022", option="--since", end=False) == "2022-01-01"
    assert parse_bound("2022", option="--until", end=True) == "2022-12-31"
    assert parse_bound("2022-06", option="--until", end=True) == "2022-06-31"
    with pytest.raises(UsageError, match="--since hôm qua: not a date"):
        parse_bound("hôm qua", option="--since", end=False)
    with pytest.raises(UsageError, match="after --until"):
        Selection.from_options(since="2023", until="2022")


def test_view_limits_every_read(sample_corpus, sample_docs):
    dated = select_corpus(sample_corpus, Selection.from_options(since="2021-04", until="2021-04"))
    daklak = sample_docs["daklak"].doc_id
    assert isinstance(dated, CorpusView) and dated.doc_ids() == [daklak]
    assert len(dated) == 1 and list(dated.documents()["doc_id"]) == [daklak]
    assert {s.doc_id for s in dated.iter_sentences()} == {daklak}
    assert [d for d, _ in dated.iter_token_lists()] == [daklak]
    assert [d.doc_id for d in dated.iter_documents()] == [daklak]
    with pytest.raises(StoreError, match="outside the selection"):
        dated.resolve(sample_docs["danang"].doc_id)
    assert select_corpus(sample_corpus, Selection()) is sample_corpus


def test_view_caches_apart_from_the_corpus(sample_db, sample_docs):
    from vntransform.corpus.store import Corpus
    from vntransform.mining import extract_keywords

    with Corpus.open(sample_db) as corpus:
        whole = extract_keywords(corpus, top=5)
        one = CorpusView(corpus, [sample_docs["baclieu"].doc_id])
        part = extract_keywords(one, top=5)
        again = extract_keywords(one, top=5)  # from the cache, still the selection's
    assert part.equals(again) and not part.equals(whole)
    assert part["doc_freq"].max() == 1 and whole["doc_freq"].max() > 1


def test_cite_adds_metadata_beside_doc_id(sample_corpus, sample_docs):
    import pandas as pd

    d = sample_docs["daklak"]
    frame = cite(pd.DataFrame({"doc_id": [d.doc_id], "sentence": ["câu"]}), sample_corpus)
    assert list(frame.columns) == ["doc_id", "title", "published", "outlet", "url", "sentence"]
    assert frame["title"][0] == d.title and frame["published"][0] == d.published
