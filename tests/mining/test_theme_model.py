"""The learned theme scorer (vntransform/data/theme_model.npz) on top of the lexicon's rules."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources

import numpy as np
import pytest
from typer.testing import CliRunner

from tests.mining.test_themes import DOMAIN, Mini
from vntransform.cli import app
from vntransform.mining.theme_model import ThemeScorer, builtin_scorer, sentence_grams
from vntransform.mining.themes import Lexicon, load_lexicon, theme_evidence

# data shared between agencies, in words the data_sharing lexicon lacks (no "dữ liệu",
# "chia sẻ", "kết nối", "cơ sở dữ liệu", …)
UNLISTED_DATA = (
    "Thông tin về đất đai của thành phố được số hóa và cho phép các cơ quan cùng truy cập."
)
BRIDGE = "Cây cầu mới sẽ kết nối hai quận ven sông."


def _learned(path=None) -> Lexicon:
    lex = load_lexicon(path)
    return Lexicon(lex, replace(lex.sentence_rules, learned=True))


def _themes(frame, text: str) -> set[str]:
    return set(frame.loc[frame["sentence"] == text, "theme"])


def test_builtin_model_is_small_and_knows_the_builtin_themes():
    path = resources.files("vntransform.data") / "theme_model.npz"
    assert path.is_file() and path.stat().st_size < 2_000_000  # type: ignore[attr-defined]
    scorer = builtin_scorer()
    assert scorer is not None
    assert set(scorer.themes) == {t.name for t in load_lexicon()}
    assert 0.0 < scorer.veto < scorer.add <= 1.0
    assert len(scorer.grams) > 1000 and len(scorer.words) > 1000


def test_grams_are_words_word_pairs_syllables_and_syllable_pairs():
    grams = sentence_grams(["Chia sẻ", "dữ liệu", ",", "2020", "mở"])
    assert {"w:chia sẻ", "w:chia sẻ|dữ liệu", "s:chia", "s:sẻ|dữ", "w:mở"} <= set(grams)
    # punctuation and numbers are not grams and break pairs
    assert not any("," in g or "2020" in g for g in grams)
    assert "w:dữ liệu|mở" not in grams


def test_stored_scorer_round_trips(tmp_path):
    scorer = builtin_scorer()
    assert scorer is not None
    path = tmp_path / "m.npz"
    scorer.save(path)
    again = ThemeScorer.load(path)
    tokens = ["Các", "cơ quan", "cùng", "truy cập", "thông tin", "đất đai"]
    dense = {"sentence_domain": 1.0, "article_domain": 1.0}
    assert np.allclose(scorer.probabilities(tokens, dense), again.probabilities(tokens, dense))
    assert again.version == scorer.version


def test_data_sharing_in_words_the_lexicon_lacks_is_found():
    corpus = Mini([*DOMAIN, UNLISTED_DATA, BRIDGE])
    # off by default: the rules alone, which miss it
    assert "data_sharing" not in _themes(theme_evidence(corpus), UNLISTED_DATA)
    frame = theme_evidence(corpus, lexicon=_learned())
    assert "data_sharing" in _themes(frame, UNLISTED_DATA)
    terms = frame.loc[
        (frame["sentence"] == UNLISTED_DATA) & (frame["theme"] == "data_sharing"), "terms"
    ].iloc[0]
    # an added sentence is explained by the words that weighed most, marked with "~"
    assert terms.startswith("~") and "thông tin" in terms


def test_a_bridge_that_ket_noi_two_districts_is_not_data_sharing():
    frame = theme_evidence(Mini([*DOMAIN, BRIDGE, UNLISTED_DATA]), lexicon=_learned())
    assert _themes(frame, BRIDGE) == set()
    assert "data_sharing" in _themes(frame, UNLISTED_DATA)


def test_user_themes_are_judged_by_their_rules_alone(tmp_path):
    corpus = Mini([*DOMAIN, UNLISTED_DATA])
    # a user's own data_sharing (same name, other terms) is not re-judged by the model
    own = tmp_path / "own.toml"
    own.write_text('[data_sharing]\nterms = ["kho số"]\n', encoding="utf-8")
    assert "data_sharing" not in _themes(
        theme_evidence(corpus, lexicon=_learned(own)), UNLISTED_DATA
    )
    # the built-in themes of a lexicon that only adds a theme still are
    extra = tmp_path / "extra.toml"
    extra.write_text('[health]\nterms = ["bệnh viện"]\n', encoding="utf-8")
    assert "data_sharing" in _themes(theme_evidence(corpus, lexicon=_learned(extra)), UNLISTED_DATA)
    # a user file's [sentence_rules] switch it on with learned = true, off without it
    rules = (
        '[health]\nterms = ["bệnh viện"]\n[sentence_rules]\n'
        'domain = ["chuyển đổi số", "trực tuyến", "chính quyền điện tử"]\n'
    )
    on, off = tmp_path / "on.toml", tmp_path / "off.toml"
    on.write_text(rules + "learned = true\n", encoding="utf-8")
    off.write_text(rules, encoding="utf-8")
    assert "data_sharing" in _themes(
        theme_evidence(corpus, lexicon=load_lexicon(on)), UNLISTED_DATA
    )
    assert "data_sharing" not in _themes(
        theme_evidence(corpus, lexicon=load_lexicon(off)), UNLISTED_DATA
    )


def test_cli_learned(sample_db):
    runner = CliRunner()
    args = ["themes", "--db", str(sample_db), "--evidence", "-f", "csv"]
    learned = runner.invoke(app, [*args, "--learned"])
    rules = runner.invoke(app, args)
    assert learned.exit_code == 0 and rules.exit_code == 0, learned.stderr
    assert "~" not in rules.stdout  # no sentence added by a model
    assert learned.stdout != rules.stdout


@pytest.mark.parametrize("bad", ["1", '"yes"'])
def test_learned_must_be_a_boolean(tmp_path, bad):
    from vntransform.errors import InputError

    path = tmp_path / "bad.toml"
    path.write_text(f'[x]\nterms = ["a"]\n[sentence_rules]\nlearned = {bad}\n', encoding="utf-8")
    with pytest.raises(InputError, match="learned must be true or false"):
        load_lexicon(path)


def test_fold_and_a_copied_lexicon_keep_the_scorer(tmp_path):
    from vntransform.mining.themes import write_lexicon

    corpus = Mini([*DOMAIN, UNLISTED_DATA, BRIDGE])
    # without diacritics the features still come from the built-in matcher of the words
    folded = theme_evidence(corpus, lexicon=_learned(), fold=True)
    assert "data_sharing" in _themes(folded, UNLISTED_DATA)
    assert _themes(folded, BRIDGE) == set()
    # an unedited copy of the built-in lexicon (vnt themes --init-lexicon) is the built-in one
    copy = write_lexicon(tmp_path / "copy.toml")
    text = copy.read_text(encoding="utf-8").replace(
        "[sentence_rules]\n", "[sentence_rules]\nlearned = true\n", 1
    )
    copy.write_text(text, encoding="utf-8")
    assert "data_sharing" in _themes(
        theme_evidence(corpus, lexicon=load_lexicon(copy)), UNLISTED_DATA
    )
