"""Keywords: content words and phrases only, whole expressions, generic news words kept down."""

import io
import json
import re

import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.conftest import SHARED_EVAL, bad_terms
from vntransform.cli import app
from vntransform.mining import build_vocabulary, extract_keywords, keywords_per_doc
from vntransform.mining.keywords import specificity
from vntransform.mining.vocabulary import default_stopwords, is_function_word, learn_collocations

runner = CliRunner()
VNTC_SAMPLE = SHARED_EVAL / "news" / "vntc_test_sample.jsonl"


def test_samples_top30_content_terms_and_whole_expressions(sample_corpus):
    frame = extract_keywords(sample_corpus, top=30, use_cache=False)
    terms = frame["term"].tolist()
    assert list(frame.columns) == ["term", "score", "doc_freq", "count"]
    assert terms[0] == "chuyển đổi số" and frame.loc[0, "doc_freq"] == 5
    assert len(bad_terms(terms)) <= 1, bad_terms(terms)
    assert {"nhận thức", "người đứng đầu", "dữ liệu số"} <= set(terms)
    stop = default_stopwords()
    assert not [t for t in terms if t in stop or re.search(r"\d|^[\W_]+$", t)]


def test_samples_per_doc_lists_have_no_fragments(sample_corpus, sample_docs):
    frame = keywords_per_doc(sample_corpus, top=10, use_cache=False)
    assert list(frame.columns) == ["doc_id", "title", "rank", "term", "score"]
    assert len(frame) == 50 and frame["rank"].max() == 10
    assert bad_terms(frame["term"].tolist()) == []
    danang = frame[frame["doc_id"] == sample_docs["danang"].doc_id]["term"].tolist()
    assert "lê trung chinh" in " ".join(danang) or "bảo tàng" in danang


def test_expressions_split_by_underthesea_stay_whole(sample_corpus):
    """ "nâng cao", "điểm cầu", "băng rộng", "trở lên": the halves never count alone."""
    from vntransform.mining.vectorize import build_term_matrix

    terms = set(build_term_matrix(sample_corpus, unit="doc", use_cache=False).terms)
    assert {"nâng cao", "điểm cầu", "băng rộng"} <= terms
    assert not {"nâng", "trở", "băng"} & terms
    assert "trở lên" not in terms  # merged, then dropped: a function expression


def test_multiword_list_and_function_expressions():
    vocab = build_vocabulary(None, collocations=False)
    assert vocab.terms(["Nâng", "cao", "nhận thức"]) == ["nâng cao", "nhận thức"]
    assert vocab.terms(["tin", "nhắn", "so", "với", "xảy", "ra"]) == ["tin nhắn", "xảy ra"]
    # quantities and syllables news nearly always writes inside longer words are counted
    # (they tell topics apart), never shown as keywords
    assert vocab.terms(["từ", "18", "tuổi", "trở", "lên"]) == ["tuổi", "trở"]
    assert specificity(["tuổi", "triệu", "km", "tỉ đồng"]).max() == 0.0
    assert specificity(["trở", "chắn", "nhân"]).max() == 0.0 < specificity(["trở lại"])[0]
    assert vocab.terms(["thu", "10", "tỉ", "đồng", "tiền", "thuế"]) == ["thu", "tiền", "thuế"]
    assert vocab.terms(["Chuyển đổi", "số", "là", "thách thức", "của", "người", "đứng đầu"]) == [
        "chuyển đổi số",
        "thách thức",
        "người đứng đầu",
    ]
    assert vocab.terms(["số", "liệu", "10", ",", "a"]) == ["liệu"]


def test_function_words_by_part_of_speech_statistics():
    for word in ("càng", "giờ đây", "đồng thời", "chứ không", "so với"):
        assert is_function_word(word), word
    for word in ("bệnh nhân", "cầu thủ", "nước", "phim", "chuyển đổi số"):
        assert not is_function_word(word), word


def test_collocations_need_significance_or_a_bound_member():
    docs = [[["nguồn", "nhân lực", "chất lượng"], ["phát triển", "nguồn", "nhân lực"]]] * 5
    assert ("nguồn", "nhân lực") in learn_collocations(docs, stopwords=frozenset())
    # "điểm" is a word of its own elsewhere, but "cầu" is bound to it: one expression
    filler = [[f"từ{i}a", f"từ{i}b", f"từ{i}c"] for i in range(100)]
    docs = [
        [
            ["hội nghị", "có", "238", "điểm", "cầu"],
            ["điểm", "cầu", "tỉnh"],
            ["điểm", "số", "cao"],
            ["cây", "cầu", "mới"],
            *filler,
        ]
    ] + [[["điểm", "cầu", "huyện"], ["bàn", "ghế"]]] * 2
    pairs = learn_collocations(docs, stopwords=frozenset())
    assert ("điểm", "cầu") in pairs and ("cây", "cầu") not in pairs
    # a pair seen once is never a collocation
    assert not learn_collocations([[["băng", "rộng"]]], stopwords=frozenset())


def test_specificity_keeps_generic_news_words_down():
    spec = dict(
        zip(
            ["nước", "tìm", "lúc", "con", "bệnh nhân", "chuyển đổi số"],
            specificity(["nước", "tìm", "lúc", "con", "bệnh nhân", "chuyển đổi số"]),
            strict=True,
        )
    )
    assert spec["chuyển đổi số"] > 0.8
    assert max(spec["nước"], spec["tìm"], spec["lúc"], spec["con"]) < 0.2 < spec["bệnh nhân"]


def test_keywords_cli_csv(sample_db):
    result = runner.invoke(app, ["keywords", "--db", str(sample_db), "--top", "10", "-f", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert frame["term"].iloc[0] == "chuyển đổi số" and len(frame) == 10


@pytest.fixture(scope="module")
def vntc300(tmp_path_factory):
    """300 mixed VNTC articles (every 16th of the test sample: all ten labels)."""
    if not VNTC_SAMPLE.exists():
        pytest.skip("../shared/eval is absent")
    from vntransform.corpus.ingest import ingest
    from vntransform.corpus.store import Corpus

    folder = tmp_path_factory.mktemp("vntc300")
    lines = VNTC_SAMPLE.read_text("utf-8").splitlines()[::16][:300]
    src = folder / "vntc300.jsonl"
    src.write_text("\n".join(lines) + "\n", "utf-8")
    path = folder / "vntc300.db"
    with Corpus.open(path, create=True) as corpus:
        ingest([str(src)], corpus, workers=2)
    corpus = Corpus.open(path, readonly=True)
    yield corpus
    corpus.close()


def test_mixed_news_top30_not_generic(vntc300):
    terms = extract_keywords(vntc300, top=30, use_cache=False)["term"].tolist()
    assert len(bad_terms(terms)) <= 1, bad_terms(terms)
    generic = {
        "nước",
        "quận",
        "tìm",
        "nhà",
        "loại",
        "đường",
        "con",
        "lúc",
        "người",
        "năm",
        "làm",
        "đưa",
        "nhận",
        "dùng",
        "sử dụng",
        "muốn",
        "gần",
        "thứ",
    }
    assert not generic & set(terms), generic & set(terms)


def test_mixed_news_per_doc_lists_mostly_clean(vntc300):
    terms = keywords_per_doc(vntc300, top=10, use_cache=False)["term"].tolist()
    assert len(bad_terms(terms)) <= 0.02 * len(terms), bad_terms(terms)[:20]


def test_vntc_texts_are_not_shipped():
    """Package data holds counts derived from VNTC, never its sentences."""
    from importlib import resources

    if not VNTC_SAMPLE.exists():
        pytest.skip("../shared/eval is absent")
    data = resources.files("vntransform.data")
    shipped = "\n".join(
        data.joinpath(name).read_text("utf-8") for name in ("word_stats.txt", "multiword.txt")
    )
    first = json.loads(VNTC_SAMPLE.read_text("utf-8").split("\n", 1)[0])["text"]
    assert " ".join(first.split()[:6]) not in shipped
    assert (
        max(
            len(line.split("\t")[0].split())
            for line in shipped.splitlines()
            if not line.startswith("#")
        )
        <= 8
    )


def test_addresses_are_never_keywords():
    from vntransform.mining.keywords import specificity

    weights = specificity(["tamsu@vnexpress.net", "mic.gov.vn", "chuyển đổi số"])
    assert list(weights[:2]) == [0.0, 0.0] and weights[2] > 0


def test_a_term_mostly_inside_one_longer_term_is_a_fragment():
    """Measured on the corpus: digital-government news says "đô thị thông minh" three times
    for each bare "thông minh", so "thông minh" alone reads as a cut-off; "dữ liệu" stands
    alone more often than inside "cơ sở dữ liệu" and stays a keyword."""
    from vntransform.mining.keywords import contained_fragments

    terms = ["thông minh", "đô thị thông minh", "dữ liệu", "cơ sở dữ liệu", "dữ liệu số"]
    counts = [52, 158, 37, 18, 9]
    assert contained_fragments(terms, counts).tolist() == [True, False, False, False, False]
    # a longer term seen once does not make a fragment of a term seen once
    assert not contained_fragments(["dữ liệu", "cơ sở dữ liệu"], [1, 1]).any()
    assert contained_fragments(["real", "real madrid"], [68, 66]).tolist() == [True, False]


def test_a_syllable_bound_in_news_and_here_is_a_fragment():
    """ "cứng" is mostly written inside "ổ cứng"/"phần cứng" in news at large; when this
    corpus, too, writes it inside longer terms as often as alone, it is not shown, though
    no single longer term dominates. A given name ("hùng") behaves the same. A syllable
    news uses alone ("thuế") is kept however many compounds contain it."""
    from vntransform.mining.keywords import contained_fragments

    terms = ["cứng", "ổ cứng", "phần cứng", "hùng", "nguyễn văn hùng", "trần mạnh hùng"]
    terms += ["lê hùng", "thuế", "thuế nhập khẩu", "cục thuế"]
    counts = [44, 26, 26, 26, 15, 15, 15] + [204, 39, 30]
    fragments = dict(zip(terms, contained_fragments(terms, counts).tolist(), strict=True))
    assert fragments["cứng"] and fragments["hùng"]
    assert not fragments["thuế"] and not fragments["ổ cứng"]
    # but in a corpus that uses "cứng" alone (hard, stiff) more often, it is a word
    assert not contained_fragments(["cứng", "ổ cứng", "phần cứng"], [20, 6, 6])[0]


def test_closed_classes_never_shown_units_abbreviations_stopword_expressions():
    from vntransform.mining.vocabulary import is_quantity

    # units the numeric share misses ("70 USD/thùng", "512 MB"), counting words ("lượt")
    assert all(map(is_quantity, ["thùng", "mb", "ghz", "lượt"]))
    assert not any(map(is_quantity, ["tấn công", "yên tâm", "bảng xếp hạng"]))
    assert specificity(["thùng", "mb", "tp.", "q.", "tp. hcm"]).tolist()[:4] == [0.0] * 4
    assert specificity(["tp. hcm"])[0] > 0
    # a stopword expression underthesea splits is merged, so its halves do not count, then
    # dropped: "bên cạnh" (beside) is no keyword, nor are "bên" and "cạnh"
    vocab = build_vocabulary(None, collocations=False)
    assert vocab.terms(["Bên", "cạnh", "đó", ",", "nhà máy", "mở rộng"]) == ["nhà máy", "mở rộng"]
    stop = default_stopwords()
    assert {"nàng", "hắn", "anh chàng", "cho hay", "thế kỷ"} <= stop
