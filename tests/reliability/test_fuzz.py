"""Properties over arbitrary Unicode: nothing raises but a clear VntError."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vntransform.corpus.ingest import content_hash, process_article
from vntransform.errors import InputError
from vntransform.models import RawArticle
from vntransform.text.normalize import normalize_text
from vntransform.text.segment import segment_words, split_sentences

ODD = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from(
        list(
            "“”«»\"'\u0301\u0323\u200b\u00a0\u202e\u0627\u05d0😀🇻🇳\x00\x07\t"
            "aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãChuyển đổi số.,:;!?"
        )
    ),
    max_size=300,
)
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(ODD)
def test_normalise_is_idempotent_and_never_raises(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@FAST
@given(ODD)
def test_segment_never_raises_and_keeps_every_character(text):
    normalized = normalize_text(text)
    for line in normalized.split("\n"):
        for span in split_sentences(line):
            assert line[span.start : span.end] == span.text
            words = segment_words(span.text, normalized=True)
            assert "".join(words).replace(" ", "") == span.text.replace(" ", "")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ODD)
def test_ingest_of_any_text_stores_it_or_says_why(text):
    normalized = normalize_text(text)
    try:
        article = process_article(
            RawArticle("fuzz.txt", text, "txt"), normalized, content_hash(normalized)
        )
    except InputError as exc:
        assert str(exc).startswith("fuzz.txt: ")
        return
    doc = article.document
    for s in article.sentences:
        assert doc.text[s.start : s.end] == s.text
