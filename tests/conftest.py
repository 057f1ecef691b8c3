"""Shared fixtures (the five sample articles ingested once per test session) and the
helpers several test modules use."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "corpus"
SHARED_EVAL = ROOT.parent / "shared" / "eval"

SAMPLES = {
    "baclieu": CORPUS_DIR / "2023-10-13-dantri-bac-lieu-dam-lam.txt",
    "daklak": CORPUS_DIR / "2021-04-27-daklak-co-hoi-but-pha.txt",
    "bacgiang": CORPUS_DIR / "2021-12-16-bac-giang-nang-cao-nhan-thuc.txt",
    "danang": CORPUS_DIR / "2023-05-26-da-nang-du-lieu-so.txt",
    "mic": CORPUS_DIR / "2022-mic-nhan-thuc-chuyen-doi-so.txt",
}


# Vietnamese tone marks as combining characters ("" = no tone).
TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]


def bench_script(name: str) -> ModuleType:
    """A script of bench/ (e.g. the key checkers) imported as a module for tests."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Word writes it: base letters precomposed, tone marks combining."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tone = next(c for c in decomposed if c in TONES[1:])
            base = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
            out += (base + tone).encode("cp1258")
    return out


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the five sample articles (ingested once, read-only afterwards)."""
    from vntransform.corpus.ingest import ingest
    from vntransform.corpus.store import Corpus

    path = tmp_path_factory.mktemp("samples") / "samples.db"
    with Corpus.open(path, create=True) as corpus:
        report = ingest([str(CORPUS_DIR)], corpus, workers=1)
    assert len(report.added) == 5 and not report.failed
    return path


@pytest.fixture(scope="session")
def sample_corpus(sample_db: Path):
    """The sample store opened read-only."""
    from vntransform.corpus.store import Corpus

    corpus = Corpus.open(sample_db, readonly=True)
    yield corpus
    corpus.close()


@pytest.fixture(scope="session")
def sample_docs(sample_corpus) -> dict:
    """Sample name -> stored Document."""
    by_source = {Path(d.source).name: d for d in sample_corpus.iter_documents()}
    return {name: by_source[path.name] for name, path in SAMPLES.items()}


# The judge: Vietnamese function words (pronouns, prepositions, conjunctions, adverbs,
# particles, classifiers, modal and copular verbs, quantifiers, deictic time words) and
# syllables that are halves of expressions underthesea often splits. Written for these
# tests, independently of the package's stopword lists.
FUNCTION_WORDS = set(
    """
à ạ ai anh ấy bà bằng bên bị bởi các cái càng cả cần chỉ chiếc chính cho chứ chưa có con
của cùng cũng dạ đã đang đây đấy để đến đều đi điều do đó được gì giữa hay hãy hơn hết họ
khi không là lại lên lúc mà mấy mình mỗi mọi một nào này nay nên nếu ngay nhiều nhưng
những nơi nữa ở phải qua ra rằng rất rồi sau sẽ so sự tại theo thế thì thường thứ tới
trên trong từ từng vào vẫn về vì việc vừa với xong ông tôi bạn em nó cô chị chú hắn kia
đâu sao vậy như luôn mới cứ chẳng chả hẳn lắm quá dù tuy song hoặc và nhé nhỉ thôi muốn
dám bèn chợt vốn nhằm nàng chàng gã kiêm tùy
""".split()
) | {
    "có thể",
    "tất cả",
    "người ta",
    "chúng tôi",
    "chúng ta",
    "bao giờ",
    "bao nhiêu",
    "đồng thời",
    "thậm chí",
    "có lẽ",
    "dường như",
    "hầu như",
    "hầu hết",
    "phần lớn",
    "toàn bộ",
    "ngoài ra",
    "tuy nhiên",
    "tuy vậy",
    "trở lên",
    "trở xuống",
    "bên cạnh",
    "so với",
    "đối với",
    "liên quan đến",
    "thông qua",
    "trước đó",
    "sau đó",
    "hiện nay",
    "lúc này",
    "giờ đây",
    "chắc chắn",
    "kể cả",
    "cùng với",
    "trước khi",
    "sau khi",
    "hoặc là",
    "cho hay",
}
FRAGMENTS = {
    "nâng",
    "trở",
    "xảy",
    "diễn",
    "tỏ",
    "vượt",
    "dành",
    "cầu",
    "rộng",
    "băng",
    "liệu",
    "dữ",
    "nhân",
    "thức",
    "tiễn",
    "lằn",
    "dọa",
    "chắn",
    "tuyến",
    "tảng",
    "trình",
    "nghiệp",
    "triển",
}
NUMBER_UNIT = re.compile(
    r"^(\d.*|.*\d)$|^(triệu|tỉ|tỷ|nghìn|ngàn|trăm|chục|km|usd|đồng|"
    r"triệu đồng|tỉ đồng|tỷ đồng|ha|kg|tấn|lần|tuổi|giờ|phút|năm|tháng|"
    r"ngày|%|thùng|mb|gb|ghz|lượt)$"
)


def bad_terms(terms: list[str]) -> list[str]:
    """The function words, fragments and numbers among ``terms`` (keywords, topic terms)."""
    return [t for t in terms if t in FUNCTION_WORDS or t in FRAGMENTS or NUMBER_UNIT.match(t)]
