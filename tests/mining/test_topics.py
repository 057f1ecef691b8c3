"""Topics: deterministic clusters, labels of content terms, k said in words."""

import pandas as pd
import pytest

from vntransform.errors import UsageError
from vntransform.mining import fit_topics


def test_topics_deterministic_and_complete(sample_corpus):
    a = fit_topics(sample_corpus, k=4, seed=1, use_cache=False)
    b = fit_topics(sample_corpus, k=4, seed=1, use_cache=False)
    assert a.unit == "paragraph" and a.k == 4
    pd.testing.assert_frame_equal(a.topics, b.topics)
    assert a.topics["size"].sum() == len(a.assignments)
    assert list(a.topics.columns) == ["topic", "label", "size", "share", "docs", "coherence",
                                      "top_terms", "example", "example_doc"]
    assert a.topics["coherence"].between(-1, 1).all()
    auto = fit_topics(sample_corpus, seed=0)
    assert 2 <= auto.k <= 10 and "silhouette" in auto.reason
    nmf = fit_topics(sample_corpus, k=3, method="nmf", seed=0, use_cache=False)
    assert len(nmf.topics) == 3


def test_topics_fit_sample_draws_by_seed_and_assigns_every_unit(sample_corpus):
    from vntransform.mining.topics import _sample_rows

    keys = [(f"d{i % 7}", i) for i in range(300)]
    rows = _sample_rows(keys, 40, seed=5)
    assert len(rows) == 40 and list(rows) == sorted(rows)
    # the draw depends on the units, not on their order (storage or partitioning)
    shuffled = keys[150:] + keys[:150]
    assert {keys[i] for i in rows} == {shuffled[i] for i in _sample_rows(shuffled, 40, seed=5)}
    assert set(_sample_rows(keys, 40, seed=6)) != set(rows)
    assert _sample_rows(keys, 300, seed=5) is None
    full = fit_topics(sample_corpus, k=3, seed=1, use_cache=False)
    part = fit_topics(sample_corpus, k=3, seed=1, fit_sample=40, use_cache=False)
    assert len(part.assignments) == len(full.assignments)  # every unit gets a topic
    assert part.topics["size"].sum() == len(part.assignments)
    assert "fitted on 40 of" in part.reason
    nmf = fit_topics(sample_corpus, k=3, method="nmf", seed=1, fit_sample=40, use_cache=False)
    assert nmf.topics["size"].sum() == len(full.assignments)
    with pytest.raises(UsageError, match="in the fit sample"):
        fit_topics(sample_corpus, k=12, seed=1, fit_sample=10, use_cache=False)
