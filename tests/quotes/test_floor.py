"""Who holds the floor (quotes/floor.py): when an unattributed quote goes on from the last
speaker, and when the floor is lost and the speaker stays empty.

Every sentence here is made up for these tests.
"""

from tests.quotes.conftest import make_doc
from vntransform.quotes import extract_quotes


def quote_with(key, *paragraphs):
    doc, sents = make_doc(*paragraphs)
    found = [q for q in extract_quotes(doc, sents) if key in q.quote]
    assert found, f"no quote holds {key!r}"
    return found[0]


def speaker_of(key, *paragraphs):
    """The speaker of the row holding ``key``; "" when it has none or no row holds it (an
    unattributed short quote is not kept as speech)."""
    doc, sents = make_doc(*paragraphs)
    return next((q.speaker for q in extract_quotes(doc, sents) if key in q.quote), "")


SAID = (
    "“Nước lên nhanh quá, chúng tôi phải dọn đồ lên gác từ nửa đêm”, ông Hà Văn Khải, "
    "trưởng thôn Đồng Tâm, kể."
)


def test_a_quote_right_after_the_speakers_quote_continues_it():
    text = SAID + " “Sáng nay nước đã rút bớt nhưng bùn đất còn ngập đến đầu gối.”"
    q = quote_with("bùn đất còn ngập", text)
    assert q.speaker == "Hà Văn Khải"


def test_the_floor_survives_narration_about_the_holder():
    text = (
        SAID + " Ông đã sống ở thôn này hơn bốn mươi năm. Căn nhà cấp bốn của ông nằm sát "
        "bờ sông. “Chưa năm nào nước lên cao như năm nay, cả xóm không ai kịp trở tay.”"
    )
    q = quote_with("Chưa năm nào nước lên cao", text)
    assert q.speaker == "Hà Văn Khải"


def test_a_quote_opening_the_next_paragraph_goes_on_from_the_speaker():
    q = quote_with(
        "Bây giờ chỉ mong",
        SAID,
        "“Bây giờ chỉ mong trời tạnh để bà con còn kịp gieo lại vụ lúa mới.”",
    )
    assert q.speaker == "Hà Văn Khải"


def test_another_person_as_subject_takes_the_floor_away():
    text = (
        SAID + " Bà Lương Thị Nga, hàng xóm của ông, đứng lặng bên cạnh. "
        "“Cả đời tôi chưa thấy trận lũ nào dữ dội đến thế này.”"
    )
    q = quote_with("Cả đời tôi chưa thấy", text)
    assert q.speaker != "Hà Văn Khải"


def test_a_change_of_time_takes_the_floor_away():
    text = (
        SAID + " Chiều cùng ngày, đoàn cứu trợ của huyện mang mì tôm và nước sạch về thôn. "
        "“Hàng cứu trợ phải đến tận tay từng hộ, không được để sót ai.”"
    )
    assert speaker_of("Hàng cứu trợ phải đến", text) == ""


def test_a_paragraph_of_narration_takes_the_floor_away():
    q = quote_with(
        "Mỗi hộ sẽ được hỗ trợ",
        SAID,
        "Đường vào thôn bị sạt lở ở nhiều đoạn, xe tải không vào được.",
        "“Mỗi hộ sẽ được hỗ trợ mười triệu đồng để sửa lại nhà cửa trong tháng này.”",
    )
    assert q.speaker == ""


def test_a_quote_opening_a_paragraph_after_narration_about_someone_else_is_not_continued():
    q = quote_with(
        "Em rất vui khi",
        SAID,
        "Con gái ông năm nay thi vào đại học. Cô được nhà trường cho ở ký túc xá miễn phí.",
        "“Em rất vui khi các anh chị sinh viên tình nguyện đến giúp gia đình em.”",
    )
    assert q.speaker == ""


def test_an_answer_after_a_reporters_question_goes_to_the_interviewee():
    text = (
        "Ông Tạ Minh Luân trả lời: “Xã đã lập đoàn kiểm tra các mỏ đá từ đầu năm nay”. "
        "“Vì sao tai nạn vẫn xảy ra liên tiếp?”. “Nhiều chủ mỏ không chấp hành quy định "
        "về an toàn lao động, xã đã đề nghị huyện đình chỉ hoạt động của họ”."
    )
    assert speaker_of("Vì sao tai nạn", text) == ""  # the reporter's, not the interviewee's
    assert quote_with("Nhiều chủ mỏ không chấp hành", text).speaker == "Tạ Minh Luân"


def test_a_question_after_a_quote_is_never_given_to_the_speaker():
    text = SAID + " “Bao giờ thì nhà nước mới làm xong con đê mới cho thôn chúng tôi?”"
    q = quote_with("Bao giờ thì nhà nước", text)
    assert q.speaker == ""


def test_an_unresolved_attribution_between_blocks_the_floor():
    text = (
        SAID + " “Nhà tôi mất trắng cả đàn lợn vừa xuất chuồng”, một người dân khác kể. "
        "“Giờ không biết lấy gì mà trả nợ ngân hàng đây.”"
    )
    assert speaker_of("Giờ không biết lấy gì", text) != "Hà Văn Khải"


def test_a_partial_quote_in_the_holders_reported_speech():
    text = (
        "Ông Đặng Quốc Vinh, Phó chủ tịch UBND huyện, cho biết huyện đã xin tỉnh hỗ trợ "
        "khẩn cấp. Ông vẫn mong các hộ dân ven sông “sớm di dời đến khu tái định cư mới "
        "trước mùa mưa bão năm sau”."
    )
    q = quote_with("sớm di dời đến khu tái định cư", text)
    assert q.speaker == "Đặng Quốc Vinh"


def test_a_partial_quote_in_a_sentence_about_someone_else_is_not_the_holders():
    text = (
        "Ông Đặng Quốc Vinh, Phó chủ tịch UBND huyện, cho biết huyện đã xin tỉnh hỗ trợ "
        "khẩn cấp. Trước đó, bà Quách Thị Yên đã viết đơn đề nghị xã “cấp lại giấy chứng "
        "nhận quyền sử dụng đất bị cuốn trôi”."
    )
    q = quote_with("cấp lại giấy chứng", text)
    assert q.speaker != "Đặng Quốc Vinh"


def test_a_short_phrase_in_marks_inside_reported_speech_stays_out():
    text = (
        "Ông Đặng Quốc Vinh cho biết huyện đã xin tỉnh hỗ trợ khẩn cấp. Ông cho rằng "
        "nhiều hộ vẫn “nước đến chân mới nhảy”, chưa chịu di dời."
    )
    assert speaker_of("nước đến chân mới nhảy", text) == ""


def test_a_profession_in_lower_case_right_after_the_holder_is_the_holder():
    text = (
        "Ông Phan Đức Hiếu, Giám đốc Bệnh viện đa khoa huyện, cho biết bệnh nhân đã qua cơn "
        "nguy kịch. Theo bác sĩ, bệnh nhân cần nằm viện theo dõi thêm ít nhất hai tuần nữa."
    )
    doc, sents = make_doc(text)
    (q,) = [q for q in extract_quotes(doc, sents) if "cần nằm viện" in q.quote]
    assert (q.speaker, q.path) == ("Phan Đức Hiếu", "floor/role")


def test_a_profession_named_as_someone_else_just_before_is_not_the_holder():
    text = (
        "Ban đầu, ông Võ Thành Đạt đã từ chối, xin đạo diễn bỏ bớt cảnh quay dưới nước. Tuy "
        "vậy, đạo diễn cho biết cảnh quay đó là linh hồn của cả bộ phim và không thể bỏ."
    )
    assert speaker_of("linh hồn của cả bộ phim", text) != "Võ Thành Đạt"


def test_a_quote_whose_own_attribution_names_a_relative_is_nobody_elses():
    text = (
        "Căn phòng trọ do ông Mạc Văn Lực tự tìm và thuê cho các học trò của mình.\n"
        "“Tôi trả tiền học đầy đủ nhưng ông ấy bắt tôi làm việc nhà suốt cả tuần”, học trò "
        "của ông Lực nói."
    )
    assert speaker_of("trả tiền học đầy đủ", text) != "Mạc Văn Lực"


def test_a_group_holds_no_floor():
    text = (
        "Không quan tâm đến chuyện đó, các cầu thủ Arsenal tỏ ra rất hồ hởi với chiến thắng. "
        "“Đây là một trận đấu tuyệt vời”, Walcott, người ghi bàn thắng duy nhất, nói với vẻ "
        "phấn khích. “Chúng tôi đã chơi với tất cả sức lực và sự tập trung cao độ trong trận.”"
    )
    assert speaker_of("trận đấu tuyệt vời", text) != "Arsenal"
    assert speaker_of("tất cả sức lực", text) != "Arsenal"
