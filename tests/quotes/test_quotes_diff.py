"""bench/quotes_diff.py: the comparison of two versions' quote rows."""

from bench.quotes_diff import compare


def row(start, speaker, kind="direct", source="a.jsonl:1"):
    return {"source": source, "kind": kind, "start": start, "speaker": speaker}


def test_compare_counts_each_kind_of_change_and_lists_the_rows_to_read():
    base = [row(0, ""), row(50, "Lê Văn Hưng"), row(90, "Trần Thị Mai"), row(130, "Đỗ Quang")]
    new = [row(0, "Hà Văn Khải"), row(50, "Lê Văn Hưng"), row(90, ""), row(200, "Võ Hằng")]
    counts, changed = compare(base, new)
    assert counts["speaker gained"] == 1
    assert counts["speaker lost"] == 1
    assert counts["speaker changed"] == 0
    assert counts["rows gained with a speaker"] == 1
    assert counts["rows lost with a speaker"] == 1
    assert [(what, r["speaker"]) for what, _old, r in changed] == [
        ("gained", "Hà Văn Khải"),
        ("lost", ""),
        ("new row", "Võ Hằng"),
        ("row lost", ""),
    ]


def test_compare_tells_a_changed_speaker_from_the_same_row_elsewhere():
    base = [row(10, "Lê Văn Hưng", source="a.jsonl:1"), row(10, "Lê Văn Hưng", source="a.jsonl:2")]
    new = [
        row(10, "Nguyễn Văn Tâm", source="a.jsonl:1"),
        row(10, "Lê Văn Hưng", source="a.jsonl:2"),
    ]
    counts, changed = compare(base, new)
    assert counts["speaker changed"] == 1
    assert [(old["speaker"], r["speaker"]) for _w, old, r in changed] == [
        ("Lê Văn Hưng", "Nguyễn Văn Tâm")
    ]
