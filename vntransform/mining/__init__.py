"""Mining the stored corpus: keywords, topics, themes and keyword-in-context.

Every function reads the words stored at ingest (it never segments again) and returns a
pandas DataFrame whose columns are the command's public contract.
"""

from vntransform.mining.keywords import extract_keywords, keywords_per_doc
from vntransform.mining.kwic import find_kwic
from vntransform.mining.themes import Theme, find_themes, load_lexicon, theme_evidence, theme_matrix
from vntransform.mining.topics import TopicResult, fit_topics
from vntransform.mining.vocabulary import Vocabulary, build_vocabulary

__all__ = [
    "Theme",
    "TopicResult",
    "Vocabulary",
    "build_vocabulary",
    "extract_keywords",
    "find_kwic",
    "find_themes",
    "fit_topics",
    "keywords_per_doc",
    "load_lexicon",
    "theme_evidence",
    "theme_matrix",
]
