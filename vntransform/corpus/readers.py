"""Turn paths (files, folders, stdin) into raw articles: txt, md, html, csv, jsonl, docx, pdf.

Whole-file problems raise ``InputError``; a bad row in a CSV/JSONL file is yielded as a
``Failure`` so the other rows of that file are still read.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from vntransform.corpus.dates import normalize_date
from vntransform.corpus.decode import decode_bytes
from vntransform.errors import InputError
from vntransform.models import Metadata, RawArticle

DEFAULT_GLOBS = ("*.txt", "*.md", "*.html", "*.htm", "*.csv", "*.jsonl", "*.docx", "*.pdf")
METADATA_COLUMNS = ("title", "date", "published", "url", "source", "outlet", "author")
MAX_FIELD = 1 << 30
_FOLDER_DOCS = (
    "readme.",
    "license.",
    "licence.",
    "changelog.",
)  # csv module's default field limit (128 KiB) is too small for articles


_SUFFIX_HINTS = {
    ".doc": "save old Word .doc files as .docx (or .txt) and ingest those",
    ".rtf": "save .rtf files as .docx (or .txt) and ingest those",
    ".odt": "save .odt files as .docx (or .txt) and ingest those",
    ".xlsx": "export the sheet as .csv with a text column and ingest that",
    ".xls": "export the sheet as .csv with a text column and ingest that",
    ".zip": "unpack the archives and ingest the folder",
}


@dataclass(frozen=True, slots=True)
class Failure:
    """An input (or one row of it) that could not be read, and why."""

    source: str
    message: str


def find_inputs(paths: Sequence[str], *, globs: Sequence[str] = DEFAULT_GLOBS) -> Iterator[str]:
    """Expand the paths a user gave into input files (``-`` stays ``-``).

    Folders are walked recursively in sorted order; symlink loops are skipped.

    Raises:
        InputError: a path does not exist, or a folder holds no matching file.
    """
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{raw}: no such file or folder")
        if path.is_dir():
            found = False
            others: dict[str, int] = {}
            for file in _walk(path):
                if file.name.lower().startswith(_FOLDER_DOCS):
                    continue  # a folder's README/LICENSE describes the folder; not an article
                if any(fnmatch(file.name.lower(), g.lower()) for g in globs):
                    found = True
                    yield str(file)
                else:
                    suffix = file.suffix.lower() or "(no extension)"
                    others[suffix] = others.get(suffix, 0) + 1
            if not found:
                seen = ", ".join(
                    f"{n} {ext}"
                    for ext, n in sorted(others.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
                )
                hint = _SUFFIX_HINTS.get(max(others, key=others.__getitem__)) if others else None
                raise InputError(
                    f"{raw}: no matching files in folder (looked for {', '.join(globs)}"
                    + (f"; found {seen}" if seen else "")
                    + "); "
                    + (hint or "use --glob to choose")
                )
        else:
            yield str(path)


def _walk(root: Path) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError:
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:  # a symlink loop or a folder linked twice
            continue
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            try:
                if entry.is_dir():
                    subdirs.append(Path(entry.path))
                elif entry.is_file():
                    yield Path(entry.path)
            except OSError:
                continue
        stack.extend(reversed(subdirs))


def detect_format(source: str, data: bytes | None = None) -> str:
    """txt, html, csv, jsonl, docx or pdf, from the file name (and the content: a Word or
    PDF document is read as one whatever its name)."""
    name = source.lower()
    if data is not None and data.startswith((b"%PDF", b"PK\x03\x04")):
        from vntransform.corpus.documents_office import office_kind

        kind = office_kind(data)
        if kind in ("docx", "pdf"):
            return kind
    if name.endswith(".docx"):
        return "docx"
    if name.endswith(".pdf"):
        return "pdf"
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith(".csv"):
        return "csv"
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if source == "-" and data is not None:
        head = data[:2048].lstrip(b"\xef\xbb\xbf").lstrip()
        if head.startswith(b"{"):
            return "jsonl"
        if head[:1] == b"<" and b"<html" in head.lower() or head.lower().startswith(b"<!doctype"):
            return "html"
    return "txt"


def read_source(
    source: str, *, text_column: str = "text", stdin: io.BufferedIOBase | None = None
) -> Iterator[RawArticle | Failure]:
    """Read one input into raw articles.

    Raises:
        InputError: the whole input is unusable (unreadable, empty, undecodable, binary,
            no text column).
    """
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read()
        name = "<stdin>"
    elif detect_format(source) == "jsonl":
        # JSON Lines is UTF-8 by definition: stream it, so a 100 MB file is never held
        # in memory whole (the bytes, the text and the split lines would be 3 copies).
        yield from _stream_jsonl(source, text_column)
        return
    else:
        name = source
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise _read_error(source, exc) from None
    fmt = detect_format(source, data)
    if fmt in ("docx", "pdf"):
        yield _read_office(name, data, fmt)
        return
    if data.startswith(b"PK\x03\x04"):
        from vntransform.corpus.documents_office import office_kind

        kind = office_kind(data)
        if kind:
            raise InputError(
                f"{name}: {kind}, not an article; vnt reads Word .docx and PDF "
                "documents: save or export it as one of those (or as .txt)"
            )
    decoded = decode_bytes(data, source=name)
    if fmt == "html":
        from vntransform.corpus.html import html_to_text

        text, meta = html_to_text(decoded.text)
        if not text.strip():
            raise InputError(f"{name}: HTML has no article text (only scripts, menus or nothing)")
        yield RawArticle(
            source=name, text=text, fmt="html", encoding=decoded.encoding, metadata=meta
        )
    elif fmt == "csv":
        yield from _read_csv(name, decoded.text, decoded.encoding, text_column)
    elif fmt == "jsonl":
        yield from _read_jsonl(name, decoded.text, decoded.encoding, text_column)
    else:
        yield RawArticle(source=name, text=decoded.text, fmt="txt", encoding=decoded.encoding)


def _read_office(name: str, data: bytes, fmt: str) -> RawArticle:
    from vntransform.corpus.documents_office import read_docx, read_pdf

    reader = read_docx if fmt == "docx" else read_pdf
    text, meta = reader(data, source=name)
    return RawArticle(source=name, text=text, fmt=fmt, encoding="utf-8", metadata=meta)


DATE_FIELDS = (
    "published",
    "date",
    "published_at",
    "publish_date",
    "pubdate",
    "datetime",
    "ngay",
    "ngày",
    "ngay_dang",
    "ngày đăng",
    "thoi_gian",
    "thời gian",
)


def _metadata_from(record: Mapping[str, object]) -> Metadata:
    def get(*keys: str) -> str:
        for key in keys:
            value = record.get(key)
            if value not in (None, ""):
                return str(value).strip()
        return ""

    published, raw = normalize_date(get(*DATE_FIELDS))
    return Metadata(
        title=get("title", "tieu_de", "tiêu đề"),
        published=published,
        outlet=get("outlet", "source", "site", "publisher", "bao", "báo"),
        author=get("author", "tac_gia", "tác giả"),
        url=get("url", "link", "href", "canonical"),
        published_raw=raw,
    )


def _read_csv(
    name: str, text: str, encoding: str, text_column: str
) -> Iterator[RawArticle | Failure]:
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{name}: CSV file has no header row") from None
    except csv.Error as exc:
        raise InputError(f"{name}:1: malformed CSV header: {exc}") from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    lowered = [h.lower() for h in header]
    if text_column.lower() not in lowered:
        raise InputError(
            f"{name}: no column '{text_column}' (columns: {', '.join(header)}); "
            "use --text-column NAME"
        )
    col = lowered.index(text_column.lower())
    row_no = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Failure(f"{name}:{reader.line_num}", f"malformed CSV row: {exc}")
            break
        row_no += 1
        if not any(cell.strip() for cell in row):
            continue
        where = f"{name}#{row_no - 1}"
        if len(row) <= col or not row[col].strip():
            yield Failure(
                where,
                f"row {row_no - 1} (line {reader.line_num}) has no text in column '{text_column}'",
            )
            continue
        record = {lowered[i]: row[i] for i in range(min(len(row), len(lowered)))}
        yield RawArticle(
            source=where,
            text=row[col],
            fmt="csv",
            encoding=encoding,
            metadata=_metadata_from(record),
        )


def _read_error(source: str, exc: OSError) -> InputError:
    """One clear message for a file that cannot be read."""
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{source}: file disappeared before it could be read")
    if isinstance(exc, PermissionError):
        return InputError(f"{source}: permission denied; cannot read the file")
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{source}: is a folder")
    return InputError(f"{source}: cannot read: {exc.strerror or exc}")


def _stream_jsonl(source: str, text_column: str) -> Iterator[RawArticle | Failure]:
    try:
        fh = open(source, "rb")  # closed below, generator-friendly
    except OSError as exc:
        raise _read_error(source, exc) from None
    with fh:
        head = fh.read(8192)
        cut = head.rfind(b"\n") + 1 or _char_boundary(head)
        decode_bytes(head[:cut], source=source)  # empty, binary, UTF-16 … are refused here
        fh.seek(0)

        def lines() -> Iterator[tuple[int, str | None]]:
            for line_no, raw in enumerate(fh, start=1):
                if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                try:
                    yield line_no, raw.decode("utf-8")
                except UnicodeDecodeError:
                    yield line_no, None

        yield from _parse_jsonl(source, lines(), "utf-8", text_column)


def _char_boundary(data: bytes) -> int:
    """The length of ``data`` without a UTF-8 character cut at its end (a first JSON line
    longer than the sample must not look undecodable)."""
    end = len(data)
    for back in range(1, min(4, end) + 1):
        byte = data[end - back]
        if byte < 0x80:
            return end
        if byte >= 0xC0:  # the lead byte of the last character: complete or not?
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return end if back >= need else end - back
    return end


def _read_jsonl(
    name: str, text: str, encoding: str, text_column: str
) -> Iterator[RawArticle | Failure]:
    yield from _parse_jsonl(name, enumerate(text.split("\n"), start=1), encoding, text_column)


def _parse_jsonl(
    name: str, lines: Iterable[tuple[int, str | None]], encoding: str, text_column: str
) -> Iterator[RawArticle | Failure]:
    seen_any = False
    for line_no, line in lines:
        where = f"{name}:{line_no}"
        if line is None:
            seen_any = True
            yield Failure(where, "not valid UTF-8; JSON Lines files must be UTF-8")
            continue
        if not line.strip():
            continue
        seen_any = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(
                where, f"not valid JSON ({exc.msg}); each line must be one article object"
            )
            continue
        if not isinstance(record, dict):
            yield Failure(where, "not a JSON object; each line must be one article object")
            continue
        value = record.get(text_column)
        if not isinstance(value, str) or not value.strip():
            yield Failure(where, f"no text in field '{text_column}'; use --text-column NAME")
            continue
        fields = {k.lower(): v for k, v in record.items() if isinstance(v, str | int | float)}
        yield RawArticle(
            source=where,
            text=value,
            fmt="jsonl",
            encoding=encoding,
            metadata=_metadata_from(fields),
        )
    if not seen_any:
        raise InputError(f"{name}: JSONL file has no records")


def read_all(
    sources: Iterable[str], *, text_column: str = "text", stdin: io.BufferedIOBase | None = None
) -> Iterator[RawArticle | Failure]:
    """Read every source; whole-file errors become ``Failure`` records instead of raising."""
    for source in sources:
        try:
            yield from read_source(source, text_column=text_column, stdin=stdin)
        except InputError as exc:
            yield Failure(source if source != "-" else "<stdin>", _strip_source(str(exc), source))


def _strip_source(message: str, source: str) -> str:
    for prefix in (f"{source}: ", "<stdin>: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message
