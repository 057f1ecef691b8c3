"""Word lists that signal quotes and speakers in Vietnamese news (data, not logic)."""

from __future__ import annotations

# Reporting verbs (longest first when compiled), matched in lower case only, so "Bộ Thông
# tin và Truyền thông" is never the verb "thông tin". "chia sẻ" is also a noun and a data
# verb: extract.py only accepts it right after a speaker mention.
REPORTING_VERBS: tuple[str, ...] = (
    "nêu quan điểm", "bày tỏ quan điểm", "cho biết", "cho rằng", "nhấn mạnh", "khẳng định",
    "chia sẻ", "nói", "đề nghị", "đề xuất", "ghi nhận", "lưu ý", "nhận định", "nhận xét",
    "kiến nghị", "yêu cầu", "bày tỏ", "thông tin", "phát biểu", "giải thích", "cảnh báo",
    "tiết lộ", "khuyến cáo", "nhắc lại", "trả lời", "kết luận", "đánh giá", "quyết nghị",
    "chỉ rõ", "nêu rõ", "nhấn mạnh rằng", "cho hay", "thừa nhận", "dẫn chứng", "tâm sự",
    "chỉ đạo", "đặt vấn đề", "phân tích", "lý giải", "bình luận", "kêu gọi",
)

HONORIFICS: tuple[str, ...] = ("ông", "bà", "anh", "chị", "đồng chí", "cô", "chú")

# Titles and roles that introduce a person ("Thứ trưởng Bộ TT&TT Nguyễn Huy Dũng").
ROLE_WORDS: tuple[str, ...] = (
    "Thủ tướng", "Phó Thủ tướng", "Bộ trưởng", "Thứ trưởng", "Chủ tịch", "Phó Chủ tịch",
    "Giám đốc", "Phó Giám đốc", "Tổng Giám đốc", "Phó Tổng Giám đốc", "Cục trưởng",
    "Phó Cục trưởng", "Vụ trưởng", "Phó Vụ trưởng", "Viện trưởng", "Phó Viện trưởng",
    "Hiệu trưởng", "Bí thư", "Phó Bí thư", "Tổng Bí thư", "Trưởng ban", "Phó Trưởng ban",
    "Trưởng phòng", "Phó Trưởng phòng", "Chánh Văn phòng", "Chủ nhiệm", "Tổng thư ký",
    "Tỉnh ủy viên", "Ủy viên", "Đại biểu", "Chuyên gia", "Giáo sư", "Phó Giáo sư",
    "Tiến sĩ", "Thạc sĩ", "Luật sư", "Bác sĩ", "Nhà báo", "Đại tá", "Thiếu tướng",
    "Trung tướng", "Thượng tướng", "Đại tướng", "Chánh án", "Viện trưởng", "Trưởng đoàn",
    "Người phát ngôn", "Phát ngôn viên", "Lãnh đạo", "TS.", "PGS.TS", "PGS.", "GS.TS", "GS.",
    "ThS.", "Trưởng", "Phó",
)

# Common Vietnamese family names: a capitalised run starting with one is a full name.
SURNAMES: tuple[str, ...] = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lương", "Đinh", "Trịnh", "Đoàn", "Mai", "Tô", "Hà",
    "Tạ", "Cao", "Lâm", "Chu", "Châu", "Quách", "Thái", "Triệu", "La", "Kiều", "Lưu",
    "Nghiêm", "Trương", "Tăng", "Từ", "Âu", "Khúc", "Phùng", "Tôn", "Thân", "Giang", "Lại",
    "Vương", "Hứa", "Mạc", "Doãn", "Khổng", "Diệp", "Kim", "Quan", "Thạch",
    "Đàm", "Lò", "Lục", "Nông", "Ksor", "Rơ", "Đào", "Viên", "Bạch", "Trình",
)

# Subjects that are not people but are quoted by name (resolutions, congresses, bodies).
SOURCE_WORDS: tuple[str, ...] = (
    "Nghị quyết", "Đại hội", "Tỉnh ủy", "Thành ủy", "Chính phủ", "Quốc hội", "Bộ Chính trị",
    "Ban Chấp hành", "Ban Bí thư", "Quyết định", "Chỉ thị", "Báo cáo", "Kết luận", "Thông báo",
    "Hội nghị", "UBND", "Ủy ban nhân dân", "Bộ", "Sở", "Cục", "Ban Chỉ đạo", "Tổng cục",
    "Văn bản", "Luật", "Chiến lược", "Chương trình", "Đề án", "Kế hoạch",
)

# Nouns that name events, slogans and works: a quoted phrase after them is a name, not
# speech ("hội nghị “Bồi dưỡng…”", "chủ đề … là “…”", "Hội thảo “…”").
NAME_NOUNS: tuple[str, ...] = (
    "hội nghị", "hội thảo", "chủ đề", "khẩu hiệu", "thông điệp", "chương trình", "cuộc thi",
    "chiến dịch", "phong trào", "sự kiện", "diễn đàn", "tọa đàm", "giải thưởng", "giải",
    "dự án", "đề án", "đề tài", "cuốn sách", "tác phẩm", "bộ phim", "phim", "bài hát",
    "ca khúc", "chuyên mục", "chuyên đề", "kênh", "mang tên", "có tên", "tên gọi", "gọi là",
    "danh hiệu", "tiêu đề", "mô hình", "nền tảng", "ứng dụng", "website", "trang", "zalo oa",
    "lễ", "ngày hội", "triển lãm", "festival", "liên hoan", "khóa học", "lớp", "đợt",
    "tuần lễ", "hội chợ", "chủ trương", "tinh thần", "phương châm", "cụm từ", "từ khóa",
)

# Adverbs that sit between a speaker and the verb ("Thứ trưởng cũng cho rằng").
SPEAKER_FILLERS: tuple[str, ...] = ("cũng", "đã", "vẫn", "còn", "thì", "lại", "từng", "đều",
                                    "tiếp tục", "trước đó", "sau đó", "đồng thời")

# Country and region names that sit between a role and a foreign name ("Bộ trưởng Tài chính
# Mỹ John Snow"); underthesea's NER often folds them into the name.
PLACE_WORDS: frozenset[str] = frozenset({
    "Mỹ", "Nga", "Pháp", "Anh", "Đức", "Ý", "Nhật", "Nhật Bản", "Trung Quốc", "Hàn Quốc",
    "Triều Tiên", "Iran", "Iraq", "Israel", "Palestine", "Syria", "Afghanistan", "Pakistan",
    "Ấn Độ", "Indonesia", "Thái Lan", "Singapore", "Malaysia", "Philippines", "Campuchia",
    "Lào", "Úc", "Australia", "Canada", "Brazil", "Mexico", "Ukraine", "Thổ Nhĩ Kỳ",
    "Cuba", "Ireland", "Haiti", "Uzbekistan", "Kazakhstan", "Venezuela", "Argentina",
    "Chile", "Colombia", "Peru", "Ai Cập", "Libya", "Sudan", "Nigeria", "Kenya", "Nam Phi",
    "Ba Lan", "Hà Lan", "Bỉ", "Thụy Sĩ", "Thụy Điển", "Na Uy", "Đan Mạch", "Phần Lan",
    "Tây Ban Nha", "Bồ Đào Nha", "Hy Lạp", "Áo", "Séc", "Hungary", "Romania", "Serbia",
    "Đài Loan", "Hồng Kông", "Mông Cổ", "Myanmar", "Bangladesh", "Sri Lanka", "Nepal",
    "Ả Rập Xê Út", "Ảrập Xêút", "Do Thái", "Lầu Năm Góc", "Nhà Trắng", "Điện Kremlin",
    "Vatican", "London", "Paris", "Washington", "New York", "Tokyo", "Moscow", "Bắc Kinh",
    "EU", "LHQ", "Liên Hợp Quốc", "NATO", "ASEAN", "WHO", "WTO", "IMF", "APEC", "OPEC",
})
# Words that make a capitalised run an organisation or a product, not a person.
NOT_PERSON_WORDS: frozenset[str] = frozenset({
    "University", "College", "Institute", "Systems", "System", "Group", "Inc", "Corp",
    "Company", "Bank", "Center", "Centre", "Foundation", "Messenger", "Online", "News",
})
# Words after which a capitalised name is a place or an organisation, not a person.
NOT_PERSON_BEFORE: frozenset[str] = frozenset({
    "tỉnh", "thành phố", "quận", "huyện", "xã", "phường", "thị xã", "thị trấn", "UBND",
    "công ty", "tập đoàn", "báo", "đài", "trường", "đại học", "bệnh viện", "hãng", "tổ chức",
})
