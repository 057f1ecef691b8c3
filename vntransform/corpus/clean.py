"""Cleaning (minimal version; the full cleaner replaces this)."""

from __future__ import annotations

from dataclasses import dataclass

from vntransform.models import Metadata, Removed


@dataclass(frozen=True, slots=True)
class CleanedArticle:
    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...]
    metadata: Metadata


def clean_article(text: str) -> CleanedArticle:
    paragraphs = tuple(line for line in text.split("\n") if line.strip())
    return CleanedArticle(paragraphs, (), Metadata())
