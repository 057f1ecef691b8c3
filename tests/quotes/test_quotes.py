import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.quotes.conftest import make_doc
from vntransform.models import Document, Sentence
from vntransform.quotes import (
    corpus_quotes,
    extract_quotes,
    find_quote_spans,
    match_speaker,
    summarize_speakers,
)

FIXTURE = json.loads(
    (Path(__file__).parent.parent / "fixtures" / "quotes" / "samples.json").read_text("utf-8")
)


def by_article(sample_docs):
    return {d.doc_id: name for name, d in sample_docs.items()}


def test_precision_and_recall_on_the_samples(sample_corpus, sample_docs):
    found = corpus_quotes(sample_corpus)
    names = by_article(sample_docs)
    got = {(names[r.doc_id], r.kind, r.speaker, r.quote[:50]) for r in found.itertuples()}
    gold = {(q["article"], q["kind"], q["speaker"], q["quote_starts"]) for q in FIXTURE["quotes"]}
    true_positive = len(got & gold)
    precision, recall = true_positive / len(got), true_positive / len(gold)
    assert precision >= 0.9 and recall >= 0.9, (got - gold, gold - got)
    direct = [q for q in FIXTURE["quotes"] if q["kind"] == "direct"]
    assert len(direct) == 11 and {q["speaker"] for q in direct} >= {
        "Nguyễn Huy Dũng",
        "Bùi Thanh Toàn",
        "Lê Trung Chinh",
        "Nghị quyết số 04/NQ-TU của Tỉnh ủy",
        "Đại hội Đảng bộ tỉnh Bắc Giang",
    }


def test_names_slogans_and_scare_quotes_are_not_quotes(sample_corpus):
    quotes = " ".join(corpus_quotes(sample_corpus)["quote"])
    for item in FIXTURE["not_quotes"]:
        assert item["text"] not in quotes, item


def test_speaker_query_semantics(sample_corpus):
    for query in ("dung", "Dũng", "Nguyễn Huy Dũng", "NGUYEN HUY DUNG"):
        frame = corpus_quotes(sample_corpus, speaker=query)
        assert set(frame["speaker"]) == {"Nguyễn Huy Dũng"}, query
        assert len(frame) == 8 and frame["doc_id"].nunique() == 2
    toan = corpus_quotes(sample_corpus, speaker="Toàn")
    assert set(toan["speaker"]) == {"Bùi Thanh Toàn"} and len(toan) == 5
    assert set(toan["mention"]) >= {"ông Toàn", "Giám đốc Sở TT&TT tỉnh Bạc Liêu"}
    assert match_speaker("huy dung", "Nguyễn Huy Dũng") and not match_speaker("Huy Dũ", "x")
    direct = corpus_quotes(sample_corpus, speaker="Dũng", kind="direct")
    assert len(direct) == 3 and set(direct["kind"]) == {"direct"}


def test_speakers_table(sample_corpus):
    table = summarize_speakers(corpus_quotes(sample_corpus)).set_index("speaker")
    assert list(table.columns) == [
        "roles",
        "quotes_direct",
        "quotes_indirect",
        "articles",
        "first_quote",
    ]
    assert table.loc["Nguyễn Huy Dũng", "articles"] == 2
    assert "Thứ trưởng Bộ TT&TT" in table.loc["Nguyễn Huy Dũng", "roles"]
    assert table.loc["Lê Trung Chinh", "quotes_direct"] == 3
    assert table.loc["Bùi Thanh Toàn", "roles"] == "Giám đốc Sở TT&TT tỉnh Bạc Liêu"


def only(quotes, kind=None):
    return [q for q in quotes if kind is None or q.kind == kind]


def test_attribution_before_after_and_pull_quote():
    doc, sents = make_doc(
        "Ông Trần Văn Nam, Giám đốc Sở Nội vụ, phát biểu tại buổi làm việc.",
        "Ông Nam nhấn mạnh: “Cán bộ phải thay đổi tư duy trước khi thay đổi công cụ.”",
        "“Dữ liệu là tài sản chung của cả tỉnh, không của riêng ngành nào”, ông Nam nói.",
        "“Muốn đi nhanh thì phải có hạ tầng tốt và con người được đào tạo bài bản.”",
        "Giám đốc Sở Nội vụ Trần Văn Nam",
    )
    direct = only(extract_quotes(doc, sents), "direct")
    assert [(q.speaker, q.mention) for q in direct] == [
        ("Trần Văn Nam", "Ông Nam"),
        ("Trần Văn Nam", "ông Nam"),
        ("Trần Văn Nam", "Giám đốc Sở Nội vụ Trần Văn Nam"),
    ]
    assert direct[0].quote == "Cán bộ phải thay đổi tư duy trước khi thay đổi công cụ."
    assert direct[0].speaker_role == "Giám đốc Sở Nội vụ"
    for q in direct:
        assert doc.text[q.start : q.end].strip() == q.quote


def test_indirect_layouts_and_unresolved_mentions():
    doc, sents = make_doc(
        "Bộ trưởng Bộ Tài chính Hồ Đức Minh cho biết, ngân sách sẽ ưu tiên cho chuyển đổi số.",
        "Theo ông Minh, các tỉnh cần chủ động huy động nguồn lực xã hội.",
        "Bộ trưởng cũng lưu ý: Mọi dự án phải đo được hiệu quả sau một năm.",
        "Bà Lan cho rằng người dân cần được hướng dẫn kỹ hơn về dịch vụ công.",
    )
    quotes = extract_quotes(doc, sents)
    assert [(q.kind, q.speaker) for q in quotes] == [
        ("indirect", "Hồ Đức Minh"),
        ("indirect", "Hồ Đức Minh"),
        ("indirect", "Hồ Đức Minh"),
        ("indirect", "Lan"),
    ]
    assert quotes[2].quote == "Mọi dự án phải đo được hiệu quả sau một năm."
    # no fuller form in the article: the speaker is the name as given, never a guess
    assert quotes[3].mention == "Bà Lan"


def test_foreign_names_found_by_ner_and_resolved_later():
    doc, sents = make_doc(
        "Bộ trưởng Tài chính Mỹ John Snow cho biết, thâm hụt ngân sách sẽ giảm trong năm tới.",
        "Ông Snow nói: “Chúng tôi sẽ không tăng thuế đối với các gia đình trung lưu.”",
        "Giám đốc Yahoo Messenger cho biết dịch vụ sẽ có thêm tính năng mới.",
        "UBND quận Bình Thạnh cho biết sẽ hoàn thành việc giải tỏa trước tháng sau.",
        "Phó tổng thống Iran Aref nhấn mạnh rằng đàm phán vẫn tiếp tục.",
    )
    quotes = extract_quotes(doc, sents)
    speakers = [(q.mention, q.speaker, q.speaker_role) for q in quotes]
    assert speakers[0][1:] == ("John Snow", "Bộ trưởng Tài chính Mỹ")
    assert speakers[1] == ("Ông Snow", "John Snow", "Bộ trưởng Tài chính Mỹ")
    # a product, a district and a country folded into a name are never taken for a person
    assert all(s not in ("Yahoo Messenger", "Bình Thạnh", "Iran Aref") for _, s, _ in speakers)
    assert ("Giám đốc Yahoo Messenger", "", "") in speakers  # unresolved, kept as written


def test_sources_that_are_not_people():
    doc, sents = make_doc(
        "Nghị quyết số 12/NQ-TU của Tỉnh ủy khẳng định: “Chuyển đổi số là nhiệm vụ trọng tâm "
        "của cả hệ thống chính trị.”"
    )
    (quote,) = extract_quotes(doc, sents)
    assert quote.speaker == "Nghị quyết số 12/NQ-TU của Tỉnh ủy" and quote.kind == "direct"


def test_event_names_slogans_and_scare_quotes_rejected():
    doc, sents = make_doc(
        "Tỉnh tổ chức hội nghị “Bồi dưỡng kiến thức về chuyển đổi số cho cán bộ cơ sở”.",
        "Chủ đề năm nay là “Dữ liệu mở cho người dân và doanh nghiệp cùng khai thác”.",
        "Hội thảo “Dữ liệu số - Thách thức và định hướng” thu hút nhiều chuyên gia.",
        "Nhiều người coi công nghệ như “chiếc đũa thần” giải quyết mọi việc.",
    )
    assert extract_quotes(doc, sents) == []


def test_unbalanced_marks_do_not_swallow_the_article():
    doc, sents = make_doc(
        "Ông Lê Văn Hùng nói: “Chúng ta phải làm ngay, không chờ đợi",
        "Đoạn sau không liên quan đến câu nói trên và không được nuốt vào trích dẫn.",
        "“Một câu trích dẫn đầy đủ với đủ dấu mở và dấu đóng rõ ràng”, ông Hùng nói.",
    )
    quotes = extract_quotes(doc, sents)
    assert all("Đoạn sau" not in q.quote for q in quotes)
    assert any(
        q.quote.startswith("Một câu trích dẫn đầy đủ") and q.speaker == "Lê Văn Hùng"
        for q in quotes
    )
    assert find_quote_spans("“a” “b") == [(0, 2)]


def test_quote_spanning_two_sentences():
    doc, sents = make_doc(
        "Ông Phạm Minh Tuấn chia sẻ: “Chúng tôi đã số hóa toàn bộ hồ sơ. Người dân không "
        "còn phải đi lại nhiều lần.”"
    )
    (quote,) = only(extract_quotes(doc, sents), "direct")
    assert quote.quote.endswith("không còn phải đi lại nhiều lần.")
    assert quote.sentence_index == 0 and len(sents) == 2


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))
            | st.sampled_from(list("“”«»\"':, .ôngÔng Nguyễn")),
            min_size=0,
            max_size=120,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_extraction_never_raises_and_spans_stay_in_paragraph(paragraphs):
    paragraphs = [p.replace("\n", " ").replace("\r", " ") for p in paragraphs]
    text = "\n".join(paragraphs)
    sentences, offset = [], 0
    for i, p in enumerate(paragraphs):
        if p.strip():
            sentences.append(Sentence("d", len(sentences), i, offset, offset + len(p), p, ()))
        offset += len(p) + 1
    doc = Document("d", "s", "txt", "utf-8", "", "", "", "", "", text, text)
    for q in extract_quotes(doc, sentences):
        assert 0 <= q.start <= q.end <= len(text)
        assert "\n" not in text[q.start : q.end]
