import io

import pandas as pd
from typer.testing import CliRunner

from vntransform.cli import app

runner = CliRunner()


def test_quotes_by_speaker_csv(sample_db):
    result = runner.invoke(app, ["quotes", "--db", str(sample_db), "--speaker", "dung"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert list(frame.columns) == [
        "doc_id",
        "source",
        "title",
        "published",
        "outlet",
        "url",
        "speaker",
        "speaker_role",
        "mention",
        "kind",
        "quote",
        "sentence_index",
    ]
    assert set(frame["speaker"]) == {"Nguyễn Huy Dũng"} and len(frame) == 8
    assert frame["quote"].str.contains("Người đứng đầu không cần là chuyên gia").any()


def test_quotes_kind_and_bad_kind(sample_db):
    direct = runner.invoke(app, ["quotes", "--db", str(sample_db), "--kind", "direct"])
    assert set(pd.read_csv(io.StringIO(direct.stdout))["kind"]) == {"direct"}
    bad = runner.invoke(app, ["quotes", "--db", str(sample_db), "--kind", "hearsay"])
    assert bad.exit_code == 2 and "--kind hearsay" in bad.stderr


def test_speakers_csv(sample_db):
    result = runner.invoke(app, ["speakers", "--db", str(sample_db)])
    frame = pd.read_csv(io.StringIO(result.stdout)).set_index("speaker")
    assert frame.loc["Lê Trung Chinh", "quotes_direct"] == 3
    assert frame.loc["Nguyễn Huy Dũng", "articles"] == 2
