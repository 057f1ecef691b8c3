"""Every bad input: a one-line message naming the file, exit code 1, good inputs stored."""

import io
import json
import os
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, cp1258_bytes
from tests.reliability.conftest import stored, vnt
from vntransform.corpus.decode import unicode_to_tcvn3, unicode_to_vni
from vntransform.corpus.ingest import ingest
from vntransform.corpus.store import Corpus

ARTICLE = (
    "Chuyển đổi số là xu thế tất yếu, khách quan.\n"
    "Thứ trưởng Nguyễn Huy Dũng nhấn mạnh người đứng đầu phải quyết tâm.\n"
)


def one_error(result, path, message):
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert lines == [f"Error: {path}: {message}"], result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"  \n\t\n   ", "no text (only whitespace)"),
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
            "not a text file (looks like "
            "binary data: PNG); an image: "
            "run OCR first and ingest the "
            "text",
        ),
        (
            "archive.txt",
            b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
            "not a text file (looks like binary "
            "data: ZIP); unpack the archive and "
            "ingest the folder (Word .docx and "
            ".pdf are read directly)",
        ),
        (
            "latin.txt",
            bytes(range(0x80, 0x100)) * 8,
            "cannot decode as UTF-8, UTF-16, Windows-1258, TCVN3 or VNI; save it as UTF-8",
        ),
    ],
)
def test_bad_file_refused_and_good_file_stored(tmp_path, name, data, message):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(data)
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "v.db"
    result = vnt("ingest", folder, "--db", db, "-w", "1")
    assert result.exit_code == 1
    one_error(result, folder / name, message)
    assert [Path(source).name for _, source, _ in stored(db)] == ["good.txt"]


def test_zero_byte_stdin(tmp_path):
    db = tmp_path / "v.db"
    result = vnt("ingest", "-", "--db", db, stdin=b"")
    assert result.exit_code == 1
    one_error(result, "<stdin>", "file is empty")
    assert stored(db) == []


def test_unreadable_and_vanishing_files(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "locked.txt", "gone.txt"):
        (folder / name).write_text(ARTICLE.replace("tất yếu", name), encoding="utf-8")
    real_read = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":  # tests may run as root, where chmod 000 does not bite
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    from vntransform.corpus import readers

    real_find = readers.find_inputs

    def find_then_delete(paths, **kw):
        for path in real_find(paths, **kw):
            if path.endswith("gone.txt"):
                os.remove(path)  # deleted after listing, before reading
            yield path

    monkeypatch.setattr("vntransform.corpus.ingest.find_inputs", find_then_delete)
    with Corpus.open(tmp_path / "v.db", create=True) as corpus:
        report = ingest([str(folder)], corpus)
    messages = {Path(f.source).name: f.message for f in report.failed}
    assert messages == {
        "locked.txt": "permission denied; cannot read the file",
        "gone.txt": "file disappeared before it could be read",
    }
    assert [a.source for a in report.added] == [str(folder / "a.txt")]


@pytest.mark.parametrize(
    "label,data,encoding",
    [
        ("utf16", ARTICLE.encode("utf-16"), "utf-16"),
        ("utf16le", ARTICLE.encode("utf-16-le"), "utf-16-le"),
        ("cp1258", cp1258_bytes(ARTICLE), "cp1258"),
        ("nfd", unicodedata.normalize("NFD", ARTICLE).encode(), "utf-8"),
        ("tcvn3", unicode_to_tcvn3(ARTICLE.replace("Thứ trưởng", "thứ trưởng")), "tcvn3"),
        ("vni", unicode_to_vni(ARTICLE), "vni"),
        (
            "mixed",
            (ARTICLE + unicode_to_tcvn3("Dữ liệu số là tài sản chung.").decode("cp1252")).encode(),
            "utf-8+tcvn3",
        ),
    ],
)
def test_encodings_are_converted_to_the_unicode_original(tmp_path, label, data, encoding):
    path = tmp_path / f"{label}.txt"
    path.write_bytes(data)
    db = tmp_path / "v.db"
    result = vnt("ingest", path, "--db", db)
    assert result.exit_code == 0, result.output
    with Corpus.open(db, readonly=True) as corpus:
        (doc,) = corpus.iter_documents()
    expected = ARTICLE.strip()
    if label == "tcvn3":
        expected = expected.replace("Thứ trưởng", "thứ trưởng")
    if label == "mixed":
        expected += "\nDữ liệu số là tài sản chung."
    assert doc.text == expected and doc.encoding == encoding
    if encoding not in ("utf-8",):
        assert f"decoded from {encoding}" in result.stderr


def test_huge_line_refused_quickly_and_long_sentence_bounded(tmp_path):
    big = tmp_path / "dump.txt"
    big.write_bytes(b"a" * (50 * 1024 * 1024))  # 50 MB, no newline
    long = tmp_path / "long.txt"
    long.write_text(("chuyển đổi số cần dữ liệu " * 40_000)[:1_000_000], encoding="utf-8")
    db = tmp_path / "v.db"
    result = vnt("ingest", big, long, "--db", db, "-w", "1")
    assert result.exit_code == 1
    one_error(
        result,
        big,
        "article is 52,428,800 characters; the limit is 5,000,000 (split it, or raise --max-chars)",
    )
    with Corpus.open(db, readonly=True) as corpus:
        (doc,) = corpus.iter_documents()
        sentences = corpus.sentences()
    assert doc.source == str(long) and len(sentences) > 400
    assert max(s.end - s.start for s in sentences) <= 2000


def test_ten_thousand_tiny_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05d}.txt").write_text(
            f"Bài số {i}: dữ liệu số và nhận thức.", encoding="utf-8"
        )
    db = tmp_path / "v.db"
    result = vnt("ingest", folder, "--db", db, "-w", "1", "-q")
    assert result.exit_code == 0, result.stderr[-500:]
    assert len(stored(db)) == 10_000


def test_deep_folders_and_symlink_loop(tmp_path):
    deep = tmp_path / "root"
    path = deep
    for i in range(60):
        path = path / f"d{i}"
    path.mkdir(parents=True)
    (path / "deep.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink(deep, deep / "d0" / "loop")
    result = vnt("ingest", deep, "--db", tmp_path / "v.db")
    assert result.exit_code == 0 and "added 1" in result.stderr


@pytest.mark.parametrize(
    "markup,ok",
    [
        ("<html><body><p>Chuyển đổi số <b>cần</b> dữ liệu<div>và nhận thức</p></span>", True),
        ("<p>Không có thẻ body nhưng có chữ về chuyển đổi số.</p>", True),
        ("<html><head><script>" + "var a=1;" * 500 + "</script></head></html>", False),
    ],
)
def test_html_malformed_no_body_scripts(tmp_path, markup, ok):
    page = tmp_path / "page.html"
    page.write_text(markup, encoding="utf-8")
    result = vnt("ingest", page, "--db", tmp_path / "v.db")
    if ok:
        assert result.exit_code == 0 and len(stored(tmp_path / "v.db")) == 1
    else:
        assert result.exit_code == 1
        one_error(result, page, "HTML has no article text (only scripts, menus or nothing)")


def test_csv_cases(tmp_path):
    missing = tmp_path / "missing.csv"
    missing.write_text("title,body\nA,B\n", encoding="utf-8")
    result = vnt("ingest", missing, "--db", tmp_path / "v.db")
    one_error(result, missing, "no column 'text' (columns: title, body); use --text-column NAME")
    messy = tmp_path / "messy.csv"
    messy.write_text(
        "\ufefftitle,text,author\n"
        '"Tin 1","Dòng một\nDòng hai có ""ngoặc kép"", dấu phẩy",Vân Anh\n'
        '"Tin 2"\n'
        '"Tin 3","Chuyển đổi số ở Đà Nẵng",X,extra,cells\n',
        encoding="utf-8",
    )
    db = tmp_path / "c.db"
    result = vnt("ingest", messy, "--db", db)
    assert result.exit_code == 1
    one_error(result, f"{messy}#2", "row 2 (line 4) has no text in column 'text'")
    with Corpus.open(db, readonly=True) as corpus:
        docs = corpus.documents()
        first = corpus.get(docs["doc_id"][0])
    assert docs["title"].tolist() == ["Tin 1", "Tin 3"] and docs["author"][0] == "Vân Anh"
    assert first.text == 'Dòng một\nDòng hai có "ngoặc kép", dấu phẩy'


def test_jsonl_bad_line_in_the_middle(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"text": "Chuyển đổi số là xu thế.", "title": "A"}, ensure_ascii=False),
        '{"text": "thiếu ngoặc"',
        json.dumps({"text": "Dữ liệu số là tài nguyên.", "title": "C"}, ensure_ascii=False),
        json.dumps({"body": "không có trường text"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "j.db"
    result = vnt("ingest", path, "--db", db)
    assert result.exit_code == 1
    errors = [e for e in result.stderr.splitlines() if e.startswith("Error:")]
    assert errors[0].startswith(f"Error: {path}:2: not valid JSON")
    assert errors[1] == f"Error: {path}:4: no text in field 'text'; use --text-column NAME"
    assert [s.rsplit(":", 1)[1] for _, s, _ in stored(db)] == ["1", "3"]


def test_store_problems(tmp_path):
    sample = SAMPLES["mic"]
    res = vnt("ingest", sample, "--db", tmp_path / "nope" / "v.db")
    one_error(
        res,
        tmp_path / "nope" / "v.db",
        f"folder {tmp_path / 'nope'} does not exist; create it first",
    )
    text = tmp_path / "notes.db"
    text.write_text("not a database " * 200)
    res = vnt("docs", "--db", text)
    assert res.exit_code == 1 and "not a vnt corpus (not an SQLite database" in res.stderr
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t(x)")
    res = vnt("ingest", sample, "--db", other)
    one_error(res, other, "not a vnt corpus (an SQLite file of another program)")
    assert sqlite3.connect(other).execute("SELECT name FROM sqlite_master").fetchall() == [
        ("t",)
    ]  # untouched
    newer = tmp_path / "newer.db"
    assert vnt("ingest", sample, "--db", newer).exit_code == 0
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    res = vnt("keywords", "--db", newer)
    one_error(res, newer, "corpus schema version 7 is newer than this vnt (version 2); upgrade vnt")


def test_analyses_work_on_a_read_only_store_and_never_change_content(tmp_path, monkeypatch):
    db = tmp_path / "ro.db"
    assert vnt("ingest", SAMPLES["danang"], SAMPLES["bacgiang"], "--db", db).exit_code == 0
    before = stored(db)
    # as if the file were read-only (tests may run as root, where chmod does not bite)
    monkeypatch.setattr("vntransform.corpus.store._writable", lambda path: False)
    for args in (
        ["keywords"],
        ["themes"],
        ["topics", "--k", "2"],
        ["quotes"],
        ["speakers"],
        ["kwic", "dữ liệu"],
        ["docs"],
    ):
        result = vnt(*args, "--db", db)
        assert result.exit_code == 0, (args, result.output)
        assert len(result.stdout.splitlines()) > 1
    res = vnt("ingest", SAMPLES["mic"], "--db", db)
    one_error(res, db, "corpus file is read-only; cannot write to it")
    assert stored(db) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM cache").fetchone() == (0,)


def test_odd_documents_give_empty_results_or_clear_errors(tmp_path):
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "stop.txt").write_text("và của là những các được", encoding="utf-8")
    (folder / "one.txt").write_text("Hà Nội", encoding="utf-8")
    (folder / "chrome.txt").write_text("Chia sẻ\nĐọc thêm\nBình luận", encoding="utf-8")
    db = tmp_path / "odd.db"
    res = vnt("ingest", folder, "--db", db)
    assert res.exit_code == 1
    one_error(res, folder / "chrome.txt", "no article text left after removing site chrome")
    kw = vnt("keywords", "--db", db)
    rows = kw.stdout.strip().splitlines()[1:]  # term,score,doc_freq,count (score weighted)
    assert (
        kw.exit_code == 0
        and len(rows) == 1
        and rows[0].startswith("hà nội,")
        and rows[0].endswith(",1,1")
    )
    th = vnt("themes", "--db", db)
    assert th.exit_code == 0
    topics = vnt("topics", "--db", db)
    assert topics.exit_code == 1 and topics.stderr.startswith("Error: too few paragraphs")
    assert "Traceback" not in kw.output + th.output + topics.output
    frame = io.StringIO(vnt("quotes", "--db", db).stdout)
    assert frame.getvalue().startswith("doc_id,")
