"""Word (.docx) and PDF documents to article text and metadata.

python-docx reads .docx (paragraphs and tables in body order, core properties). PDFs are
read with pdfminer.six rather than pypdf because its layout analysis groups lines into text
boxes with their coordinates: that is what lets us re-flow a paragraph broken across lines
(a sentence split over two lines is one sentence again) and tell paragraph ends (a short
last line) from mere line wraps, instead of guessing from characters alone.

A PDF without a text layer (a scan) is refused with a reason: OCR is a separate step.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import datetime

from vntransform.corpus.dates import parse_date
from vntransform.errors import InputError
from vntransform.models import Metadata

HEAD_LINES = 20  # a document's dateline ("Hà Nội, ngày 13 tháng 10 năm 2023") is near the top
MIN_TEXT_CHARS = 20  # fewer letters than this: no text
MIN_LETTERS_PER_PAGE = 40  # fewer on average: a scan with a stamp, not a text layer
# Property values written by tools, not people.
_GENERATED_AUTHORS = {
    "python-docx",
    "admin",
    "administrator",
    "user",
    "windows user",
    "microsoft office user",
    "microsoft word",
    "unknown",
    "author",
    "pc",
    "owner",
    "default",
}
_SENTENCE_END = tuple('.!?:;…"”»)')


def read_docx(data: bytes, *, source: str) -> tuple[str, Metadata]:
    """Text (one paragraph per line; a table row per line, cells joined by " | ") and
    metadata (title, author and date from the core properties; a dateline near the top
    wins over the property date).

    Raises:
        InputError: not a readable .docx, or no text in it.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(
            f"{source}: not a readable Word .docx file ({exc}); "
            "open it in Word and save it again as .docx"
        ) from None
    except Exception as exc:  # lxml/zipfile raise many kinds on broken files
        raise InputError(
            f"{source}: not a readable Word .docx file ({type(exc).__name__}); "
            "open it in Word and save it again as .docx"
        ) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = list(dict.fromkeys(c.text.strip() for c in row.cells if c.text.strip()))
                if cells:
                    lines.append(" | ".join(" ".join(c.split()) for c in cells))
        else:
            text = block.text.strip()
            if text:
                lines.extend(part.strip() for part in text.split("\n") if part.strip())
    text = "\n".join(lines)
    if not any(c.isalpha() for c in text):
        raise InputError(f"{source}: Word document has no text (only images or nothing)")
    props = document.core_properties
    return text, Metadata(
        title=(props.title or "").strip(),
        published=_head_date(lines) or _date_of(props.created),
        author=_person(props.author),
    )


def read_pdf(data: bytes, *, source: str) -> tuple[str, Metadata]:
    """Text of a PDF's text layer, paragraphs re-flowed (one per line), and metadata from
    its information dictionary.

    Raises:
        InputError: encrypted, broken, or without a text layer (a scan).
    """
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
    from pdfminer.pdfparser import PDFSyntaxError

    paragraphs: list[str] = []
    pages = 0
    # pdfminer logs a warning for every font without a bounding box, a harmless and common
    # omission; the library must not write to the user's terminal.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            pages += 1
            boxes = [el for el in page if isinstance(el, LTTextContainer)]
            for box in boxes:
                lines = [ln for ln in box if isinstance(ln, LTTextLine)]
                paragraphs.extend(_reflow(lines, box.x0, box.x1))
    except PDFSyntaxError as exc:
        raise InputError(
            f"{source}: not a readable PDF ({exc}); save it again from its program as PDF"
        ) from None
    except Exception as exc:  # pdfminer raises bare Exceptions for encryption etc.
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise InputError(
                f"{source}: the PDF is encrypted; remove its password "
                "(e.g. qpdf --decrypt) and ingest the result"
            ) from None
        raise InputError(f"{source}: not a readable PDF ({name}: {exc})") from None
    paragraphs = [p for p in paragraphs if not _page_furniture(p)]
    text = "\n".join(paragraphs)
    letters = sum(1 for c in text if c.isalpha())
    # A scan may still carry a stamp or watermark as text ("Scanned by CamScanner"): a
    # text layer has far more than a few words per page.
    if letters < max(MIN_TEXT_CHARS, MIN_LETTERS_PER_PAGE * pages):
        raise InputError(
            f"{source}: the PDF has no text layer ({pages} page{'s' * (pages != 1)} of "
            "images: a scan?); run OCR first (e.g. ocrmypdf --language vie in.pdf out.pdf) "
            "and ingest the result"
        )
    meta = _pdf_info(data)
    published = _head_date(paragraphs) or meta.published
    return text, Metadata(title=meta.title, published=published, author=meta.author)


def _reflow(lines: list, left: float, right: float) -> list[str]:  # LTTextLine
    """Join a text box's lines into paragraphs: a line wrap is a space; a line that ends a
    sentence well short of the box's right edge ends its paragraph."""
    out: list[str] = []
    current = ""
    width = max(right - left, 1.0)
    texts = [(" ".join(line.get_text().split()), line.x1) for line in lines]
    texts = [(text, x1) for text, x1 in texts if text]
    for i, (text, x1) in enumerate(texts):
        if current.endswith("-") and not current.endswith(" -") and text[:1].islower():
            current = current[:-1] + text  # a word hyphenated across the wrap
        else:
            current = f"{current} {text}" if current else text
        # A wrapped line runs to the margin; a line ending well short of it ends its
        # paragraph when it ends a sentence or the next line starts a new one (a heading,
        # a dateline: "Hà Nội, ngày 13 tháng 10 năm 2023").
        short = x1 < right - 0.15 * width
        following = texts[i + 1][0] if i + 1 < len(texts) else ""
        if short and (
            text.endswith(_SENTENCE_END) or following[:1].isupper() or following[:1].isdigit()
        ):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def _page_furniture(paragraph: str) -> bool:
    """A page number ("3", "- 3 -", "Trang 3/10") printed on every page."""
    return bool(
        re.fullmatch(
            r"(?:trang|page)?\s*[-–]?\s*\d{1,4}(?:\s*/\s*\d{1,4})?\s*[-–]?",
            paragraph.strip(),
            re.IGNORECASE,
        )
    )


def _pdf_info(data: bytes) -> Metadata:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    try:
        info = PDFDocument(PDFParser(io.BytesIO(data))).info
    except Exception:  # metadata is optional
        return Metadata()
    fields: dict[str, str] = {}
    for entry in info or ():
        for key in ("Title", "Author", "CreationDate"):
            value = resolve1(entry.get(key))
            if isinstance(value, bytes):
                value = decode_text(value)
            if isinstance(value, str) and value.strip() and key not in fields:
                fields[key] = value.strip()
    return Metadata(
        title=fields.get("Title", ""),
        published=_pdf_date(fields.get("CreationDate", "")),
        author=_person(fields.get("Author", "")),
    )


def _pdf_date(value: str) -> str:
    """``D:20231013140500+07'00'`` -> ``2023-10-13T14:05``."""
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2}))?", value)
    if not match:
        return parse_date(value)
    y, m, d, hh, mm = match.groups()
    return parse_date(f"{y}-{m}-{d}" + (f"T{hh}:{mm}" if hh else ""))


def _date_of(value: datetime | None) -> str:
    if value is None:
        return ""
    return parse_date(value.strftime("%Y-%m-%dT%H:%M"))


def _head_date(lines: list[str]) -> str:
    """The dateline among a document's first lines ("Hà Nội, ngày 13 tháng 10 năm 2023";
    in an official letter it shares a table row with the issuer: "… | Hà Nội, ngày …")."""
    from vntransform.corpus.metadata import parse_dateline

    for line in lines[:HEAD_LINES]:
        for part in line.split(" | "):
            found = parse_dateline(part)
            if found:
                return found
    return ""


def _person(value: str | None) -> str:
    value = " ".join((value or "").split())
    return "" if value.lower() in _GENERATED_AUTHORS else value


def office_kind(data: bytes) -> str:
    """ "docx" or "pdf" when the bytes are one of the documents we read, else ""; for other
    ZIP-based Office files, a name for the error message ("Excel .xlsx")."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return ""
        if "word/document.xml" in names:
            return "docx"
        mimetype = ""
        if "mimetype" in names:
            try:
                mimetype = (
                    zipfile.ZipFile(io.BytesIO(data)).read("mimetype").decode("ascii", "replace")
                )
            except (zipfile.BadZipFile, KeyError, OSError):
                pass
        for test, kind in (
            (lambda: any(n.startswith("xl/") for n in names), "an Excel .xlsx workbook"),
            (lambda: any(n.startswith("ppt/") for n in names), "a PowerPoint .pptx presentation"),
            (lambda: "opendocument.text" in mimetype, "an OpenDocument .odt text"),
            (lambda: "opendocument" in mimetype, "an OpenDocument file"),
            (lambda: "epub" in mimetype, "an EPUB book"),
        ):
            if test():
                return kind
    return ""
