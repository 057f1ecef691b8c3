import io

import pandas as pd
import pytest
from typer.testing import CliRunner

from vntransform.cli import app
from vntransform.mining import (
    find_themes,
    theme_evidence,
    theme_matrix,
)
from vntransform.mining.themes import Theme

runner = CliRunner()


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
