"""Theme evidence by meaning: context rules, sentence filters, suggest, init-lexicon, dev set."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.conftest import SHARED_EVAL
from vntransform.cli import app
from vntransform.errors import InputError, UsageError
from vntransform.mining.theme_eval import GoldSentence, score_evidence
from vntransform.mining.theme_rules import Theme, parse_lexicon
from vntransform.mining.themes import (
    load_lexicon,
    suggest_terms,
    theme_evidence,
    write_lexicon,
)
from vntransform.models import Sentence
from vntransform.text.segment import segment_words

runner = CliRunner()

# Three sentences that put an article in the built-in lexicon's domain.
DOMAIN = [
    "Thành phố đẩy mạnh chuyển đổi số trong mọi lĩnh vực.",
    "Dịch vụ công trực tuyến mức độ 4 đã được triển khai.",
    "Chính quyền điện tử giúp công việc nhanh hơn.",
]


class Mini:
    """A corpus of hand-written articles, segmented by the project's segmenter."""

    def __init__(self, *docs: list[str]) -> None:
        self.sentences = [
            Sentence(f"d{d}", i, 0, 0, len(text), text, tuple(segment_words(text)))
            for d, texts in enumerate(docs)
            for i, text in enumerate(texts)
        ]

    def iter_sentences(self):
        yield from self.sentences


def _themes_of(corpus: Mini, text: str) -> set[str]:
    frame = theme_evidence(corpus)
    return set(frame.loc[frame["sentence"] == text, "theme"])


def test_ket_noi_counts_for_data_sharing_only_with_data_in_the_sentence():
    bridge = "Cây cầu mới sẽ kết nối hai quận ven sông."
    data = "Các sở sẽ kết nối dữ liệu về một kho chung."
    corpus = Mini([*DOMAIN, bridge, data])
    assert "data_sharing" not in _themes_of(corpus, bridge)
    assert "data_sharing" in _themes_of(corpus, data)
    evidence = theme_evidence(corpus, theme="data_sharing")
    assert evidence["sentence"].tolist() == [data]
    assert "kết nối" in evidence.loc[0, "terms"]


def test_require_and_exclude_come_from_the_lexicon_not_code():
    lexicon = parse_lexicon(
        '[health]\nlabel = "Y tế"\nterms = ["bệnh viện"]\n'
        '[health.require]\n"quá tải" = ["bệnh viện", "bệnh nhân"]\n'
        '[health.exclude]\n"bệnh viện" = ["bệnh viện thú y"]\n',
        "test.toml",
    )
    assert lexicon[0].terms == ("bệnh viện", "quá tải")  # a required term is a term
    busy_road = "Tuyến đường này thường xuyên quá tải vào giờ cao điểm."
    busy_ward = "Khoa nhi quá tải vì bệnh nhân tăng mạnh."
    vet = "Anh đưa chó tới bệnh viện thú y gần nhà."
    frame = theme_evidence(Mini([busy_road, busy_ward, vet]), lexicon=lexicon)
    assert frame["sentence"].tolist() == [busy_ward]
    assert frame["terms"].tolist() == ["quá tải"]


def test_near_context_must_be_within_the_window():
    lexicon = parse_lexicon(
        '[infra]\nlabel = "x"\nterms = []\nnear_window = 2\n'
        '[infra.near]\n"hạ tầng" = ["viễn thông"]\n',
        "test.toml",
    )
    close = "Nhà mạng đầu tư hạ tầng viễn thông ở vùng sâu."
    far = "Ngân sách dành cho hạ tầng giao thông đường bộ năm nay tăng, viễn thông thì không."
    frame = theme_evidence(Mini([close, far]), lexicon=lexicon)
    assert frame["sentence"].tolist() == [close]


def test_captions_attendee_lists_and_thanks_are_not_evidence():
    caption = "Người đứng đầu phải vào cuộc quyết liệt - Ảnh: NGỌC HẬU"
    attendees = (
        "Hội nghị có sự tham dự của lãnh đạo các bộ, ngành và người đứng đầu các tỉnh, thành phố."
    )
    thanks = "Xin cảm ơn lãnh đạo các cơ quan đã quyết tâm vào cuộc cùng thành phố."
    claim = "Người đứng đầu phải vào cuộc quyết liệt thì chuyển đổi số mới thành công."
    corpus = Mini([*DOMAIN, caption, attendees, thanks, claim])
    leadership = theme_evidence(corpus, theme="leadership")["sentence"].tolist()
    assert leadership == [claim]


def test_caption_glued_to_next_sentence_keeps_the_sentence():
    glued = "Toàn cảnh hội nghị - Ảnh: VGP Các bộ sẽ chia sẻ dữ liệu dân cư với nhau."
    assert "data_sharing" in _themes_of(Mini([*DOMAIN, glued]), glued)


def test_terms_inside_a_quoted_title_do_not_count_but_quoted_speech_does():
    title = "Hội thảo “Vai trò của người đứng đầu trong chuyển đổi số” diễn ra sáng nay."
    speech = "Ông nói: “Người đứng đầu phải vào cuộc thì mới làm được”."
    corpus = Mini([*DOMAIN, title, speech])
    assert "leadership" not in _themes_of(corpus, title)
    assert "leadership" in _themes_of(corpus, speech)


def test_time_phrase_is_not_a_plan_and_naming_the_prime_minister_is_not_leadership():
    schedule = "Theo kế hoạch, năm 2022 thành phố sẽ hoàn thành trung tâm mới."
    policy = "Thành phố cần có cơ chế chính sách riêng cho chuyển đổi số."
    naming = "Người đứng đầu Chính phủ cho biết Việt Nam sẽ phát triển kinh tế số."
    corpus = Mini([*DOMAIN, schedule, policy, naming])
    assert "institutions_law" not in _themes_of(corpus, schedule)
    assert "institutions_law" in _themes_of(corpus, policy)
    assert "leadership" not in _themes_of(corpus, naming)


def test_negated_statement_still_counts():
    low = "Nhận thức về chuyển đổi số của một bộ phận cán bộ vẫn chưa cao."
    assert "perception" in _themes_of(Mini([*DOMAIN, low]), low)


def test_off_domain_article_gets_no_theme_but_user_themes_are_not_gated():
    training = "Tỉnh sẽ đào tạo lại đội ngũ giáo viên mầm non trong năm nay."
    off = Mini([training, "Trời mưa to suốt cả tuần qua.", "Nhiều tuyến đường bị ngập."])
    assert theme_evidence(off).empty
    assert "skills_workforce" in _themes_of(Mini([*DOMAIN, training]), training)
    mine = [Theme("school", "Trường học", ("giáo viên",))]
    assert theme_evidence(off, lexicon=mine)["sentence"].tolist() == [training]


def test_a_sentence_that_names_the_domain_counts_in_an_off_domain_article():
    vessels = "Dữ liệu quản lý tàu cá chưa được chia sẻ giữa các cơ quan."
    storm = "Chủ tịch tỉnh yêu cầu ngư dân đưa tàu vào bờ tránh bão."
    off = Mini([vessels, storm, "Trời mưa to suốt cả tuần qua.", "Nhiều tuyến đường bị ngập."])
    assert _themes_of(off, vessels) == {"data_sharing"}
    assert _themes_of(off, storm) == set()


def test_words_of_mind_need_a_change_or_technology_word_nearby():
    gamer = "Trò chơi này đòi hỏi người chơi có tư duy chiến lược và bày binh bố trận."
    mindset = "Cán bộ phải thay đổi tư duy quản lý để thích ứng với công nghệ mới."
    realise = "Đến sau này công ty mới nhận thức được rằng quyết định về công nghệ đó là sai."
    corpus = Mini([*DOMAIN, gamer, mindset, realise])
    assert "perception" not in _themes_of(corpus, gamer)
    assert "perception" in _themes_of(corpus, mindset)
    assert "perception" not in _themes_of(corpus, realise)


def test_naming_a_head_or_citing_a_decree_is_not_a_point_about_it():
    head = "Bà Crane, người đứng đầu Ủy ban Thương mại, cho biết dữ liệu bị đánh cắp."
    lead = "Người đứng đầu phải trực tiếp chỉ đạo chuyển đổi số ở địa phương."
    cited = "Theo nghị định của Chính phủ, dịch vụ công trực tuyến mức độ 3 cho phép nộp hồ sơ."
    expert = "Chuyên gia Ngân hàng Thế giới khẳng định dữ liệu số sẽ tạo ra giá trị mới."
    short = "Thành phố thiếu đội ngũ chuyên gia về an toàn thông tin và dữ liệu."
    corpus = Mini([*DOMAIN, head, lead, cited, expert, short])
    assert "leadership" not in _themes_of(corpus, head)
    assert "leadership" in _themes_of(corpus, lead)
    assert "institutions_law" not in _themes_of(corpus, cited)
    assert "skills_workforce" not in _themes_of(corpus, expert)
    assert "skills_workforce" in _themes_of(corpus, short)


def test_after_context_looks_only_to_the_right_and_near_or_after_suffices():
    lexicon = parse_lexicon(
        '[people]\nlabel = "x"\nterms = []\n'
        '[people.after]\n"người dân" = ["được"]\n'
        '[people.near]\n"người dân" = ["phục vụ"]\n',
        "test.toml",
    )
    gets = "Người dân được nộp hồ sơ ở nhà."
    passive = "Vấn đề này được người dân quan tâm."
    served = "Cán bộ phục vụ người dân tận tình."
    frame = theme_evidence(Mini([gets, passive, served]), lexicon=lexicon)
    assert frame["sentence"].tolist() == [gets, served]


def test_weak_domain_words_alone_do_not_make_an_article_about_the_domain():
    taxi = [
        "Dự thảo nghị định quy định taxi tính tiền qua phần mềm điện tử phải gắn hộp đèn.",
        "Hiệp hội taxi cho rằng quy định với xe hợp đồng điện tử còn mập mờ.",
        "Thứ trưởng cho biết phần mềm điện tử giúp doanh nghiệp giảm chi phí.",
        "Nhiều tuyến đường bị ùn tắc vào giờ cao điểm.",
    ]
    assert theme_evidence(Mini(taxi)).empty
    # with two sentences that name the domain, the weak ones count too
    rules = load_lexicon().sentence_rules
    assert "phần mềm" in rules.weak_domain and rules.weak_domain_needs == 2
    corpus = Mini([*DOMAIN[:2], *taxi])
    assert "institutions_law" in _themes_of(corpus, taxi[1])


def test_benefits_count_for_people_not_for_a_property_market():
    market = "Khi hạ tầng hoàn thiện, thị trường bất động sản khu Đông sẽ hưởng lợi lớn."
    people = "Người dân sẽ hưởng lợi khi thủ tục được giải quyết trực tuyến."
    bank = "Ngân hàng luôn lấy khách hàng làm trung tâm trong mọi sản phẩm số."
    passive = "Một lĩnh vực đang được người dân quan tâm hàng đầu là an toàn thực phẩm."
    corpus = Mini([*DOMAIN, market, people, bank, passive])
    assert "citizen_centred" not in _themes_of(corpus, market)
    assert "citizen_centred" in _themes_of(corpus, people)
    assert "citizen_centred" not in _themes_of(corpus, bank)
    assert "citizen_centred" not in _themes_of(corpus, passive)


def test_resolve_read_into_a_project_and_all_together_are_not_evidence():
    reading = "Tuyến metro là minh chứng rõ nét cho quyết tâm xây dựng thành phố thông minh."
    said = "Chủ tịch thành phố thể hiện quyết tâm xây dựng chính quyền số."
    together = "Tập đoàn sẽ triển khai đồng bộ hạ tầng viễn thông - công nghệ thông tin."
    synced = "Các sở phải đồng bộ dữ liệu dân cư với bộ Công an."
    corpus = Mini([*DOMAIN, reading, said, together, synced])
    assert "leadership" not in _themes_of(corpus, reading)
    assert "leadership" in _themes_of(corpus, said)
    assert "data_sharing" not in _themes_of(corpus, together)
    assert "data_sharing" in _themes_of(corpus, synced)


def test_reporting_verb_fierce_competition_and_police_are_not_evidence():
    verb = "Ông Nguyễn Văn A thông tin thêm, cây cầu mới sẽ kết nối quận 1 với quận 2."
    said = "Ông Đức thông tin: tuyến đường sẽ kết nối hai khu công nghiệp với hệ thống cảng."
    data = "Các sở sẽ kết nối dữ liệu về một kho chung."
    fierce = "Các đội tuyển cạnh tranh quyết liệt cho ngôi vô địch."
    police = "Công an đã vào cuộc điều tra vụ lừa đảo."
    resolve = "Người đứng đầu phải vào cuộc quyết liệt."
    corpus = Mini([*DOMAIN, verb, said, data, fierce, police, resolve])
    assert _themes_of(corpus, verb) == set() and _themes_of(corpus, said) == set()
    assert "data_sharing" in _themes_of(corpus, data)
    assert "leadership" not in _themes_of(corpus, fierce) | _themes_of(corpus, police)
    assert "leadership" in _themes_of(corpus, resolve)


def test_news_content_and_it_words_qualifying_crime_or_a_degree_are_not_their_theme():
    news = "Trang báo điện tử này cập nhật thông tin mới mỗi giờ cho độc giả."
    records = "Các sở phải cập nhật thông tin dân cư vào cơ sở dữ liệu chung."
    crime = "Tội phạm lừa đảo qua mạng ngày càng tinh vi."
    degree = "Đơn vị sẽ tuyển các kỹ sư giỏi về công nghệ thông tin."
    adoption = "Tỉnh đẩy mạnh ứng dụng công nghệ thông tin trong cơ quan nhà nước."
    corpus = Mini([*DOMAIN, news, records, crime, degree, adoption])
    assert "data_sharing" not in _themes_of(corpus, news)
    assert "data_sharing" in _themes_of(corpus, records)
    assert "digital_gov_economy_society" not in _themes_of(corpus, crime)
    assert "digital_gov_economy_society" not in _themes_of(corpus, degree)
    assert "digital_gov_economy_society" in _themes_of(corpus, adoption)


def test_network_security_is_infrastructure_and_the_internet_as_a_place_is_not():
    hack = "Nhóm hacker đã vượt qua tường lửa của nhà mạng."
    computer = "Loại virus máy tính này lây qua thư điện tử."
    epidemic = "Dịch bệnh do virus lan rộng ở nhiều tỉnh miền núi."
    place = "Học sinh các trường thường họp nhóm trên Internet mỗi tuần."
    network = "Tỉnh mở rộng kết nối Internet băng rộng tới mọi xã."
    corpus = Mini([*DOMAIN, hack, computer, epidemic, place, network])
    assert "infrastructure" in _themes_of(corpus, hack)
    assert "infrastructure" in _themes_of(corpus, computer)
    assert "infrastructure" not in _themes_of(corpus, epidemic)
    assert "infrastructure" not in _themes_of(corpus, place)
    assert "infrastructure" in _themes_of(corpus, network)


def test_a_licence_or_a_ban_counts_for_institutions_when_said_as_a_rule():
    rule = "Mọi trang tin điện tử phải được Bộ cấp phép trước khi hoạt động."
    fee = "Lệ phí cấp giấy phép kinh doanh được giảm một nửa trong năm nay."
    enforce = "Đội cảnh sát trên mạng sẽ xử lý vi phạm theo pháp luật hình sự."
    banned = "Cơ quan quản lý không cho phép sao chép tin bài của báo khác."
    software = "Phần mềm không cho phép người dùng mở hai cửa sổ cùng lúc."
    rights = "Đơn vị sẽ giúp người dùng mạng bảo vệ quyền lợi hợp pháp của mình."
    corpus = Mini([*DOMAIN, rule, fee, enforce, banned, software, rights])
    assert "institutions_law" in _themes_of(corpus, banned)
    assert "institutions_law" not in _themes_of(corpus, software)
    assert "citizen_centred" in _themes_of(corpus, rights)
    assert "institutions_law" in _themes_of(corpus, rule)
    assert "institutions_law" not in _themes_of(corpus, fee)
    assert "institutions_law" in _themes_of(corpus, enforce)


def test_abbreviations_of_the_2000s_put_an_article_in_the_domain():
    article = [
        "Sở Thương mại tổ chức cuộc thi giải pháp TMĐT cho doanh nghiệp.",
        "Cuộc thi giúp doanh nghiệp chọn mô hình TMĐT phù hợp.",
        "Ban giám khảo chấm các website theo tiêu chí dễ dùng.",
        "Nhiều trường đưa ICT vào giảng dạy từ năm nay.",
    ]
    corpus = Mini(article)
    assert "digital_gov_economy_society" in _themes_of(corpus, article[0])
    assert "digital_gov_economy_society" in _themes_of(corpus, article[3])


def test_awareness_of_network_users_is_perception_knowing_how_to_use_is_not():
    users = "Nhiều người dùng trẻ sử dụng mạng vi phạm pháp luật vì không hiểu biết."
    know_how = "Giáo viên cần thêm hiểu biết về cách sử dụng máy tính trong lớp."
    corpus = Mini([*DOMAIN, users, know_how])
    assert "perception" in _themes_of(corpus, users)
    assert "perception" not in _themes_of(corpus, know_how)


def test_fold_matches_contexts_without_diacritics():
    data = "Cac so se ket noi du lieu ve mot kho chung."
    bridge = "Cay cau moi se ket noi hai quan ven song."
    corpus = Mini(
        [
            "Thanh pho day manh chuyen doi so.",
            "Dich vu cong truc tuyen.",
            "Chinh quyen dien tu.",
            data,
            bridge,
        ]
    )
    folded = theme_evidence(corpus, fold=True, theme="data_sharing")
    assert folded["sentence"].tolist() == [data]


def test_suggest_returns_terms_that_co_occur_with_the_theme():
    theme_sentences = [
        "Bệnh viện huyện đang thiếu bác sĩ.",
        "Bác sĩ của bệnh viện phải trực quá giờ.",
        "Bệnh viện tỉnh tuyển thêm bác sĩ trẻ.",
        "Nhiều bác sĩ giỏi rời bệnh viện công.",
    ]
    other = [f"Giá xăng tăng lần thứ {i} trong năm." for i in range(12)]
    other.append("Con trai ông là bác sĩ ở Hà Nội.")
    lexicon = [Theme("health", "Y tế", ("bệnh viện",))]
    frame = suggest_terms(Mini(theme_sentences + other), "health", lexicon=lexicon, min_count=3)
    assert list(frame.columns) == [
        "term",
        "sentences",
        "theme_sentences",
        "share_in_theme",
        "lift",
        "log_likelihood",
        "example",
        "example_doc",
    ]
    top = frame.iloc[0]
    assert top["term"] == "bác sĩ"
    assert top["theme_sentences"] == 4 and top["sentences"] == 5
    assert top["lift"] > 3 and "bác sĩ" in top["example"]
    assert "bệnh viện" not in set(frame["term"])  # already a term of the theme
    assert "giá xăng" not in set(frame["term"])  # frequent, but never with the theme
    with pytest.raises(UsageError, match="no such theme"):
        suggest_terms(Mini(other), "sports", lexicon=lexicon)


def test_init_lexicon_round_trips(tmp_path):
    path = write_lexicon(tmp_path / "mine.toml")
    text = path.read_text("utf-8")
    assert "[sentence_rules]" in text and "[data_sharing.require]" in text
    again = load_lexicon(path, replace=True)
    builtin = load_lexicon()
    assert list(again) == list(builtin)
    assert again.sentence_rules == builtin.sentence_rules
    with pytest.raises(UsageError, match="exists"):
        write_lexicon(path)


def test_user_sentence_rules_replace_the_builtin_ones(tmp_path):
    own = tmp_path / "own.toml"
    own.write_text("[sentence_rules]\n", "utf-8")
    assert load_lexicon(own).sentence_rules.skip == ()  # an empty table turns them off
    plain = tmp_path / "plain.toml"
    plain.write_text('[t]\nterms = ["a"]\n', "utf-8")
    assert load_lexicon(plain).sentence_rules == load_lexicon().sentence_rules


def test_bad_lexicon_rules_are_input_errors(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[sentence_rules]\nskip = ["(unclosed"]\n', "utf-8")
    with pytest.raises(InputError, match=r"skip: '\(unclosed' is not a regular expression"):
        load_lexicon(bad)
    bad.write_text('[t]\nterms = ["a"]\nrequire = ["x"]\n', "utf-8")
    with pytest.raises(InputError, match=r"\[t\] require must be a table"):
        load_lexicon(bad)


def test_cli_init_lexicon_and_suggest(sample_db, tmp_path):
    target = tmp_path / "lex.toml"
    made = runner.invoke(app, ["themes", "--init-lexicon", str(target)])
    assert made.exit_code == 0 and target.exists()
    assert made.stdout == "" and "wrote the built-in theme lexicon" in made.stderr
    again = runner.invoke(app, ["themes", "--init-lexicon", str(target)])
    assert again.exit_code == 2 and "the file exists" in again.stderr
    result = runner.invoke(
        app,
        [
            "themes",
            "--db",
            str(sample_db),
            "--lexicon",
            str(target),
            "--suggest",
            "perception",
            "-n",
            "5",
            "-f",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.stderr
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert 1 <= len(frame) <= 5
    assert (frame["theme_sentences"] >= 3).all() and (frame["lift"] > 1).all()
    both = runner.invoke(
        app, ["themes", "--db", str(sample_db), "--suggest", "perception", "--evidence"]
    )
    assert both.exit_code == 2 and "choose one of" in both.stderr


def test_score_evidence_counts_per_theme():
    gold = [
        GoldSentence("a", "kết nối dữ liệu", frozenset({"data_sharing"})),
        GoldSentence("a", "cây cầu mới", frozenset()),
        GoldSentence("a", "người đứng đầu", frozenset({"leadership"})),
        GoldSentence("a", "Tiêu đề", frozenset({"perception"}), title=True),
    ]
    evidence = [
        ("a", "data_sharing", "Các sở kết nối dữ liệu."),
        ("a", "data_sharing", "Cây cầu mới kết nối hai quận."),
        ("b", "leadership", "Người đứng đầu phải vào cuộc."),
    ]
    scores = score_evidence(evidence, gold)
    assert scores.sentences == 3
    assert scores.precision("data_sharing") == 0.5 and scores.recall("data_sharing") == 1.0
    assert scores.recall("leadership") == 0.0
    assert scores.precision() == 0.5 and scores.recall() == 0.5


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED_EVAL / "gold_dev").exists(), reason="../shared/eval absent")
def test_dev_set_targets():
    from bench.themes import run

    results = run()
    dev = {r["theme"]: r for r in results["gold_dev"]["rows"]}
    assert results["gold_dev"]["sentences"] == 407
    assert dev["micro"]["precision"] >= 0.85 and dev["micro"]["recall"] >= 0.70
    for theme in ("perception", "data_sharing", "leadership"):
        assert dev[theme]["precision"] >= 0.8 and dev[theme]["recall"] >= 0.6, dev[theme]
    # Our keys, set by set (named, so that a later held-out set such as fresh4 does not move
    # these bounds): round 4 of issue 13 tuned on all of them; `held_out` reaches 0.90 / 0.74.
    reached = {
        "additions": (0.89, 0.71),
        "fresh": (0.84, 0.83),
        "fresh2": (0.93, 0.78),
        "fresh3": (0.94, 0.78),
        "dev5": (0.6, 0.37),
        # round 6 studied dev6 (2000s IT articles of VNTC): 0.54 / 0.30 before it
        "dev6": (0.79, 0.66),
    }
    for name, (precision, recall) in reached.items():
        micro = results[name]["rows"][-1]
        assert micro["theme"] == "micro"
        assert micro["precision"] >= precision and micro["recall"] >= recall, (name, micro)
    assert sum(results[name]["sentences"] for name in reached) >= 1360
    # off-domain distractors of the general pool: a false theme there is the worst error
    pool = {r["theme"]: r for r in results["vietnews_dev_pool"]["rows"]}
    assert pool["micro"]["precision"] >= 0.85
    # fresh4 (316 sentences: 2000s e-government/IT articles, distractors, two modern
    # articles) stayed held out through round 4: first scored 0.72 / 0.45 on arrival, 0.71 /
    # 0.48 after round 4, which did not carry over to it.
    fresh4 = {r["theme"]: r for r in results["fresh4"]["rows"]}
    assert fresh4["micro"]["precision"] >= 0.70 and fresh4["micro"]["recall"] >= 0.50
    # round 6 (dev6 studied): fresh4 0.718 / 0.510; fresh5's held half (183 sentences, 30
    # gold themes) 0.42 / 0.50 after taking "tên miền" out again (0.36 / 0.47 on arrival)
    fresh5 = {r["theme"]: r for r in results["fresh5"]["rows"]}
    assert fresh5["micro"]["precision"] >= 0.40 and fresh5["micro"]["recall"] >= 0.47
