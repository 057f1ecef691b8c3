import io
import re

import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.conftest import SAMPLES
from vntransform.cli import app
from vntransform.errors import UsageError
from vntransform.mining import (
    build_vocabulary,
    extract_keywords,
    find_kwic,
    find_themes,
    fit_topics,
    keywords_per_doc,
    theme_evidence,
    theme_matrix,
)
from vntransform.mining.themes import Theme
from vntransform.mining.vocabulary import default_stopwords

runner = CliRunner()


def test_keywords_top20_has_phrase_and_no_junk(sample_corpus):
    frame = extract_keywords(sample_corpus, top=20, use_cache=False)
    terms = frame["term"].tolist()
    assert list(frame.columns) == ["term", "score", "doc_freq", "count"]
    assert terms[0] == "chuyển đổi số" and frame.loc[0, "doc_freq"] == 5
    stop = default_stopwords()
    for term in terms:
        assert term not in stop and len(term) > 1
        assert not re.search(r"\d|^[\W_]+$", term)
    assert not {"ông", "bà", "thứ trưởng", "năm", "ngày", "số"} & set(terms)
    assert "nhận thức" in terms


def test_stopwords_never_break_a_phrase():
    vocab = build_vocabulary(None, collocations=False)
    assert "số" in vocab.stopwords
    assert vocab.terms(["Chuyển đổi", "số", "là", "thách thức", "của", "người", "đứng đầu"]) == [
        "chuyển đổi số", "thách thức", "người đứng đầu"]
    assert vocab.terms(["số", "liệu", "10", ",", "a"]) == ["liệu"]


def test_collocations_learned_from_corpus():
    docs = [[["nguồn", "nhân lực", "chất lượng"], ["phát triển", "nguồn", "nhân lực"]]] * 5
    vocab = build_vocabulary(docs, min_count=5)
    assert ("nguồn", "nhân lực") in vocab.phrases
    assert vocab.terms(["nguồn", "nhân lực"]) == ["nguồn nhân lực"]


def test_keywords_per_doc(sample_corpus, sample_docs):
    frame = keywords_per_doc(sample_corpus, top=5, use_cache=False)
    assert list(frame.columns) == ["doc_id", "title", "rank", "term", "score"]
    assert len(frame) == 25 and frame["rank"].max() == 5
    danang = frame[frame["doc_id"] == sample_docs["danang"].doc_id]["term"].tolist()
    assert "bảo tàng" in danang or "lê trung chinh" in danang


def test_themes_pinned_on_samples(sample_corpus):
    frame = find_themes(sample_corpus).set_index("theme")
    assert frame.loc["perception", "articles"] == 5
    assert frame.loc["data_sharing", "articles"] >= 3
    assert frame.loc["leadership", "articles"] >= 3
    assert "nhận thức (" in frame.loc["perception", "top_terms"]
    assert frame.loc["perception", "example"]


def test_chia_se_alone_is_not_data_sharing(sample_corpus):
    evidence = theme_evidence(sample_corpus, theme="data_sharing")
    reporting = evidence[evidence["sentence"].str.contains("ông Toàn chia sẻ")]
    assert reporting.empty
    assert (evidence["terms"].str.contains("chia sẻ dữ liệu")).sum() >= 2


def test_theme_terms_match_whole_words_only():
    class Mini:
        def iter_sentences(self):
            from vntransform.models import Sentence
            yield Sentence("d", 0, 0, 0, 10, "x", ("Chuyển đổi số", "là", "kết nối"))
            yield Sentence("d", 1, 0, 0, 10, "y", ("con", "số", "lớn"))
    themes = [Theme("t", "t", ("số",)), Theme("k", "k", ("kết nối",))]
    frame = find_themes(Mini(), lexicon=themes).set_index("theme")
    assert frame.loc["t", "sentences"] == 1 and frame.loc["k", "sentences"] == 1


def test_theme_matrix_and_fold(sample_corpus):
    matrix = theme_matrix(sample_corpus)
    assert {"doc_id", "title", "perception", "leadership"} <= set(matrix.columns)
    assert (matrix["perception"] > 0).all()
    folded = find_themes(sample_corpus, fold=True).set_index("theme")
    assert folded.loc["perception", "articles"] == 5


def test_kwic_finds_every_nguoi_dung_dau(sample_corpus):
    expected = sum(path.read_text("utf-8").lower().count("người đứng đầu")
                   for path in SAMPLES.values())
    frame = find_kwic(sample_corpus, "người đứng đầu")
    assert len(frame) == expected == 6
    assert set(frame["match"].str.lower()) == {"người đứng đầu"}
    assert len(find_kwic(sample_corpus, "nguoi dung dau", fold=True)) == expected
    assert find_kwic(sample_corpus, "đứng đầu").shape[0] == 0  # never inside a word


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


def test_mining_cli_csv(sample_db):
    kw = runner.invoke(app, ["keywords", "--db", str(sample_db), "--top", "10"])
    assert kw.exit_code == 0, kw.output
    assert pd.read_csv(io.StringIO(kw.stdout))["term"].iloc[0] == "chuyển đổi số"
    th = runner.invoke(app, ["themes", "--db", str(sample_db), "-f", "json"])
    assert '"perception"' in th.stdout
    kwic = runner.invoke(app, ["kwic", "chuyen doi so", "--fold", "--db", str(sample_db)])
    assert len(pd.read_csv(io.StringIO(kwic.stdout))) >= 90
    t1 = runner.invoke(app, ["topics", "--db", str(sample_db), "--k", "3", "--seed", "7"])
    t2 = runner.invoke(app, ["topics", "--db", str(sample_db), "--k", "3", "--seed", "7"])
    assert t1.stdout == t2.stdout and "3 topics over paragraphs" in t1.stderr
    bad = runner.invoke(app, ["topics", "--db", str(sample_db), "--k", "999"])
    assert bad.exit_code == 2 and "--k 999" in bad.stderr


@pytest.mark.parametrize("args", [["--evidence", "--theme", "leadership"], ["--by-doc"]])
def test_themes_cli_views(sample_db, args):
    result = runner.invoke(app, ["themes", "--db", str(sample_db), *args])
    assert result.exit_code == 0
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert len(frame) >= 5
