"""Quotes and speakers: who said what, across the corpus."""

from vntransform.quotes.extract import Quote, extract_quotes, find_quote_spans, quotes_frame
from vntransform.quotes.speakers import match_speaker
from vntransform.quotes.summary import corpus_quotes, summarize_speakers

__all__ = [
    "Quote",
    "corpus_quotes",
    "extract_quotes",
    "find_quote_spans",
    "match_speaker",
    "quotes_frame",
    "summarize_speakers",
]
