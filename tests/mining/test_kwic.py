"""kwic: any sequence of words, inside longer stored words too; counts equal a text search."""

import io
import re

import pandas as pd
import pytest
from typer.testing import CliRunner

from vntransform.cli import app
from vntransform.errors import UsageError
from vntransform.mining import find_kwic
from vntransform.models import Sentence
from vntransform.text.normalize import fold_diacritics

runner = CliRunner()


def _plain_count(corpus, phrase: str, fold: bool = False) -> int:
    """Occurrences in the clean text, at syllable boundaries, case-insensitive."""
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)")
    total = 0
    for doc in corpus.iter_documents():
        text = fold_diacritics(doc.text) if fold else doc.text.lower()
        total += len(pattern.findall(text))
    return total


def test_du_lieu_found_inside_longer_terms(sample_corpus):
    frame = find_kwic(sample_corpus, "dữ liệu")
    assert len(frame) == _plain_count(sample_corpus, "dữ liệu") == 23
    assert set(frame["match"].str.lower()) == {"dữ liệu"}
    # inside stored terms: the rest of the word is context
    assert frame["left"].str.endswith("cơ sở").sum() >= 1
    assert frame["left"].str.endswith("chia sẻ").sum() >= 1
    assert frame["right"].str.startswith("số").sum() >= 1


def test_whole_term_keeps_stored_word_boundaries(sample_corpus):
    whole = find_kwic(sample_corpus, "dữ liệu", whole_term=True)
    assert 0 < len(whole) < 23
    assert not whole["left"].str.endswith("cơ sở").any()
    assert find_kwic(sample_corpus, "đứng đầu", whole_term=True).empty
    assert len(find_kwic(sample_corpus, "đứng đầu")) == _plain_count(sample_corpus, "đứng đầu")


@pytest.mark.parametrize(
    "phrase", ["người đứng đầu", "chuyển đổi số", "số", "nhận thức số", "kết nối"]
)
def test_counts_equal_plain_search(sample_corpus, phrase):
    assert len(find_kwic(sample_corpus, phrase)) == _plain_count(sample_corpus, phrase)
    folded = fold_diacritics(phrase)
    assert len(find_kwic(sample_corpus, folded, fold=True)) == _plain_count(
        sample_corpus, folded, fold=True
    )


def test_fold_finds_what_diacritics_find(sample_corpus):
    exact = find_kwic(sample_corpus, "người đứng đầu")
    folded = find_kwic(sample_corpus, "nguoi dung dau", fold=True)
    assert len(exact) == len(folded) == 6
    assert list(folded["match"].str.lower()) == ["người đứng đầu"] * 6


def test_matches_at_syllable_boundaries_only():
    class Mini:
        def iter_sentences(self):
            text = "Cơ sở dữ liệu, dữ liệuu và Dữ  liệu số."
            yield Sentence(
                "d",
                0,
                0,
                0,
                len(text),
                text,
                ("Cơ sở dữ liệu", ",", "dữ", "liệuu", "và", "Dữ  liệu", "số", "."),
            )

    frame = find_kwic(Mini(), "dữ liệu", window=2)
    assert frame["match"].tolist() == ["dữ liệu", "Dữ  liệu"]
    assert frame.loc[0, "left"] == "Cơ sở" and frame.loc[0, "right"] == ", dữ"
    assert frame.loc[1, "left"] == "liệuu và" and frame.loc[1, "right"] == "số ."
    assert find_kwic(Mini(), "dữ liệu", whole_term=True)["match"].tolist() == ["Dữ  liệu"]


def test_empty_term_is_a_usage_error(sample_corpus):
    with pytest.raises(UsageError, match="empty search term"):
        find_kwic(sample_corpus, "  ")


def test_kwic_cli_whole_term(sample_db):
    inside = runner.invoke(app, ["kwic", "dữ liệu", "--db", str(sample_db), "-f", "csv"])
    whole = runner.invoke(
        app, ["kwic", "dữ liệu", "--whole-term", "--db", str(sample_db), "-f", "csv"]
    )
    assert inside.exit_code == whole.exit_code == 0
    assert len(pd.read_csv(io.StringIO(inside.stdout))) == 23
    assert len(pd.read_csv(io.StringIO(whole.stdout))) < 23
