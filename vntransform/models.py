"""Frozen records passed between the stages of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Metadata:
    """What an article says about itself; empty strings where it says nothing."""

    title: str = ""
    published: str = ""  # ISO 8601: "2021-04-27T08:04", "2021-04-27" or ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published_raw: str = ""  # a date as given that is not a date vnt can read ("hôm qua")


@dataclass(frozen=True, slots=True)
class Removed:
    """A line dropped from the article text by cleaning, and why."""

    kind: str  # chrome | caption_repeat | teaser | dateline | byline | title | empty
    line: int  # 0-based line number in the normalised input text
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a stored article, with its words.

    ``start``/``end`` are character offsets into the document's clean text
    (paragraphs joined by ``"\\n"``); ``tokens`` are underthesea words with their
    inner spaces kept (``"chuyển đổi"``).
    """

    doc_id: str
    index: int
    paragraph: int
    start: int
    end: int
    text: str
    tokens: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as read from an input, decoded but not yet normalised."""

    source: str  # path as given, with "#row" / ":line" for CSV/JSONL rows, "-" for stdin
    text: str
    fmt: str  # txt | html | csv | jsonl | docx | pdf
    encoding: str = "utf-8"
    metadata: Metadata = field(default_factory=Metadata)


@dataclass(frozen=True, slots=True)
class Document:
    """A stored article: metadata, the original text and the clean normalised text."""

    doc_id: str
    source: str
    fmt: str
    encoding: str
    title: str
    published: str
    outlet: str
    author: str
    url: str
    raw_text: str
    text: str  # clean normalised text: paragraphs joined by "\n"
    n_sentences: int = 0
    n_words: int = 0
    published_raw: str = ""  # the date as given when it could not be read as one
    duplicate_of: str = ""  # doc_id of the first stored copy of a syndicated article

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n") if self.text else []


@dataclass(frozen=True, slots=True)
class ProcessedArticle:
    """Everything ingest computed for one article, ready to be written in one transaction."""

    document: Document
    sentences: tuple[Sentence, ...]
    removed: tuple[Removed, ...]
