"""Helpers the quote tests share: a document built from paragraphs, without a store."""

from __future__ import annotations

from vntransform.models import Document, Sentence


def make_doc(*paragraphs: str) -> tuple[Document, list[Sentence]]:
    """A document from paragraphs, sentences split by underthesea (no store needed)."""
    from vntransform.text.segment import segment_words, split_sentences

    text = "\n".join(paragraphs)
    sentences, offset = [], 0
    for p_index, paragraph in enumerate(paragraphs):
        for span in split_sentences(paragraph):
            sentences.append(
                Sentence(
                    "d1",
                    len(sentences),
                    p_index,
                    offset + span.start,
                    offset + span.end,
                    span.text,
                    tuple(segment_words(span.text)),
                )
            )
        offset += len(paragraph) + 1
    doc = Document("d1", "t.txt", "txt", "utf-8", "", "", "", "", "", text, text)
    return doc, sentences
