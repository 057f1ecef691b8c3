"""Word and PDF inputs: text, paragraphs re-flowed, metadata, and the refusals."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.corpus.pdf_writer import make_pdf, wrap
from vntransform.cli import app
from vntransform.corpus.documents_office import read_docx, read_pdf
from vntransform.corpus.readers import read_source
from vntransform.errors import InputError

runner = CliRunner()

LONG = (
    "Thứ trưởng Nguyễn Huy Dũng cho biết chuyển đổi số là quá trình thay đổi tổng thể và "
    "toàn diện của cá nhân, tổ chức về cách sống, cách làm việc và phương thức sản xuất "
    "dựa trên các công nghệ số."
)
SECOND = (
    "Người đứng đầu phải trực tiếp chỉ đạo công tác chuyển đổi số tại cơ quan, đơn vị "
    "mình. Đây là yếu tố quyết định thành công."
)


def make_docx(path, *, author="Sở Thông tin và Truyền thông", with_dateline=True):
    import docx

    document = docx.Document()
    document.core_properties.title = "Báo cáo chuyển đổi số năm 2023"
    document.core_properties.author = author
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "UBND TỈNH BẠC LIÊU"
    table.cell(0, 1).text = "Bạc Liêu, ngày 13 tháng 10 năm 2023" if with_dateline else "Số 12"
    document.add_paragraph("Báo cáo chuyển đổi số năm 2023")
    document.add_paragraph(LONG)
    document.add_paragraph(SECOND)
    document.save(path)
    return path


def test_docx_text_tables_and_properties(tmp_path):
    path = make_docx(tmp_path / "bao-cao.docx")
    text, meta = read_docx(path.read_bytes(), source=str(path))
    lines = text.split("\n")
    assert lines[0] == "UBND TỈNH BẠC LIÊU | Bạc Liêu, ngày 13 tháng 10 năm 2023"
    assert LONG in lines and SECOND in lines
    assert meta.title == "Báo cáo chuyển đổi số năm 2023"
    assert meta.author == "Sở Thông tin và Truyền thông"
    assert meta.published == "2023-10-13"  # the dateline in the header table wins


def test_docx_tool_author_and_template_date_ignored(tmp_path):
    path = make_docx(tmp_path / "a.docx", author="python-docx", with_dateline=False)
    _, meta = read_docx(path.read_bytes(), source="a.docx")
    assert meta.author == ""  # python-docx's template says "python-docx": not a person
    assert meta.published.startswith("20")  # the created property, as ISO


def test_pdf_paragraphs_reflowed_and_metadata():
    pdf = make_pdf(
        [wrap(["Hà Nội, ngày 13 tháng 10 năm 2023", LONG, SECOND], gap=0)],
        info={
            "Title": "Báo cáo",
            "Author": "Cục Chuyển đổi số quốc gia",
            "CreationDate": "D:20231012090000+07'00'",
        },
    )
    text, meta = read_pdf(pdf, source="r.pdf")
    # LONG spans three printed lines; it comes back as one paragraph, one sentence
    assert text.split("\n") == ["Hà Nội, ngày 13 tháng 10 năm 2023", LONG, SECOND]
    assert meta.title == "Báo cáo" and meta.author == "Cục Chuyển đổi số quốc gia"
    assert meta.published == "2023-10-13"


def test_pdf_date_from_properties_when_no_dateline():
    pdf = make_pdf([wrap([LONG])], info={"CreationDate": "D:20231012090500+07'00'"})
    assert read_pdf(pdf, source="r.pdf")[1].published == "2023-10-12T09:05"


def test_pdf_reflow_gives_one_sentence_across_lines(tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(make_pdf([wrap([LONG, SECOND])]))
    db = tmp_path / "v.db"
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db), "-w", "1"])
    assert result.exit_code == 0, result.output
    from vntransform.corpus.store import Corpus

    with Corpus.open(db, readonly=True) as corpus:
        sentences = [s.text for s in corpus.iter_sentences()]
        (doc,) = corpus.iter_documents()
    assert LONG in sentences
    assert doc.fmt == "pdf"


def test_scanned_pdf_refused_with_reason(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[], []]))
    with pytest.raises(
        InputError,
        match=r"scan.pdf: the PDF has no text layer \(2 pages of "
        r"images: a scan\?\); run OCR first",
    ):
        list(read_source(str(path)))
    result = runner.invoke(app, ["ingest", str(path), "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 1
    assert "no text layer" in result.stderr and result.stdout == ""


def test_scan_with_a_stamp_is_still_a_scan():
    stamp = [(72, 40, "Scanned by CamScanner")]
    with pytest.raises(InputError, match="no text layer"):
        read_pdf(make_pdf([stamp, stamp, stamp]), source="scan.pdf")


def test_broken_pdf_refused():
    with pytest.raises(InputError, match="not a readable PDF"):
        read_pdf(b"%PDF-1.4\nthis is not a pdf", source="x.pdf")


def test_folder_picks_docx_and_pdf(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    make_docx(folder / "a.docx")
    (folder / "b.pdf").write_bytes(make_pdf([wrap([LONG])]))
    db = tmp_path / "v.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "-w", "1"])
    assert result.exit_code == 0, result.stderr
    assert "added 2" in result.stderr
    listing = runner.invoke(app, ["docs", "--db", str(db), "-f", "csv"])
    assert "Báo cáo chuyển đổi số năm 2023" in listing.stdout


def test_docx_named_txt_is_read_as_docx(tmp_path):
    path = make_docx(tmp_path / "a.docx")
    renamed = tmp_path / "a.txt"
    renamed.write_bytes(path.read_bytes())
    (article,) = read_source(str(renamed))
    assert article.fmt == "docx" and LONG in article.text


def _zip(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name in names:
            z.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "names,message",
    [
        (
            ["[Content_Types].xml", "xl/workbook.xml"],
            "an Excel .xlsx workbook, not an article; vnt reads Word .docx and PDF documents",
        ),
        (["notes.txt"], "not a text file (looks like binary data: ZIP); unpack the archive"),
    ],
)
def test_other_zip_files_get_a_hint(tmp_path, names, message):
    path = tmp_path / "file.xlsx"
    path.write_bytes(_zip(names))
    with pytest.raises(InputError) as err:
        list(read_source(str(path)))
    assert message in str(err.value)


def test_old_word_doc_gets_a_hint(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(
        InputError,
        match=r"old binary Office file \(\.doc/\.xls\): save it as "
        r"\.docx",
    ):
        list(read_source(str(path)))


def test_empty_docx_refused(tmp_path):
    import docx

    path = tmp_path / "empty.docx"
    docx.Document().save(path)
    with pytest.raises(InputError, match=r"empty.docx: Word document has no text"):
        read_docx(path.read_bytes(), source=str(path))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04"]), st.binary(max_size=400))
def test_broken_documents_raise_input_error_only(tmp_path_factory, head, tail):
    path = tmp_path_factory.mktemp("fuzz") / "x.pdf"
    path.write_bytes(head + tail)
    try:
        list(read_source(str(path)))
    except InputError:
        pass


def test_folder_of_old_word_files_says_what_to_do(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    for name in ("a.doc", "b.doc", "notes.jpg"):
        (folder / name).write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 10)
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 1
    assert "found 2 .doc, 1 .jpg); save old Word .doc files as .docx (or .txt)" in result.stderr
