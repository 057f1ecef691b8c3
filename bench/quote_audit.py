"""Speaker precision where there is no gold: a judged sample of ``vnt quotes`` rows.

The audit (``tests/fixtures/quotes_audit/audit.jsonl``, see its README) is a seeded random
sample of speaker-bearing rows over UNANNOTATED articles of the development pools
(``vntc_test_sample``, ``vietnews_dev``: every id of ``gold_dev`` and
``tests/fixtures/quotes*`` is left out), each judged by a person who read it in its
article: ``right``, ``wrong`` (another person spoke) or ``empty`` (nobody identifiable;
the speaker should be blank). Only keys are stored, never article text.

    python bench/quote_audit.py sample [--seed 9] [--per-pool 100]  # draw rows to judge
    python bench/quote_audit.py score                               # = quotes.py --part audit
    python bench/quote_audit.py show N [N ...]                      # a row in its context

``score`` runs the current code over the audited articles and reads each audited row
again (by its key): a row whose speaker is unchanged keeps its verdict; a blanked row is
right to be blank when it was ``wrong``/``empty`` (and a lost right speaker when it was
``right``); a row whose speaker changed to another name is right when it is the recorded
right speaker, otherwise it is listed to be judged again by a person.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import EVAL, ROOT, WORK, read_jsonl  # noqa: E402
from bench.quotes import POOLS, _fold, _norm, build_corpus  # noqa: E402

AUDIT_DIR = ROOT / "tests" / "fixtures" / "quotes_audit"
AUDIT = AUDIT_DIR / "audit.jsonl"
VERDICTS = ("right", "wrong", "empty")


def annotated_ids() -> set[str]:
    """Ids of every article holding quote keys (gold_dev and every tests/fixtures/quotes*)."""
    files = list((EVAL / "gold_dev").glob("quotes_*.jsonl"))
    files += list((ROOT / "tests" / "fixtures").glob("quotes*/*.jsonl"))
    files = [f for f in files if f.parent != AUDIT_DIR]
    ids = set()
    for path in files:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                ids.add(json.loads(line)["id"])
    return ids


def pool_texts(pool: str, ids: set[str] | None = None) -> dict[str, str]:
    """Article id -> text (``title + sep + text``) of a development pool, or of ``ids``."""
    path, sep = POOLS[pool]
    out = {}
    for record in read_jsonl(path):
        if ids is not None and record["id"] not in ids:
            continue
        title = (record.get("title") or "").strip()
        out[record["id"]] = f"{title}{sep}{record['text']}" if title else record["text"]
    return out


def how_found(path: str, speaker: str) -> str:
    """A coarse name for the way a speaker was found, from ``Quote.path``."""
    from vntransform.quotes.mentions import looks_foreign

    if not path:
        return "-"
    head, _, kind = path.partition("/")
    kind = kind.split("/")[0]
    if head == "qa":
        return "interview answer (Q&A)"
    if head == "headline":
        return "headline"
    if head.startswith("continue") or head == "turn":
        return "continuation/turn"
    if head == "carry":
        return "carried description/pronoun"
    if kind.startswith("description"):
        return "description in clause"
    if kind == "name" and any(looks_foreign(w) for w in speaker.split()):
        return "foreign name"
    return {
        "name": "full name in clause",
        "bare": "full name in clause",
        "given": "honorific + given name",
        "role": "bare role",
        "pronoun": "bare ông/bà (pronoun)",
        "org": "organisation/document",
    }.get(kind, kind or head)


def quotes_of(texts: dict[str, str], work: Path = WORK) -> dict[str, list[tuple]]:
    """Article id -> its quotes (``Quote``) and its clean text, with the current code."""
    from vntransform.corpus.store import Corpus
    from vntransform.quotes.extract import extract_quotes

    db = build_corpus(texts, work)
    ordered = db.with_suffix(".ids").read_text("utf-8").splitlines()
    out: dict[str, list[tuple]] = {}
    with Corpus.open(db, readonly=True) as corpus:
        for doc in corpus.iter_documents(None):
            article = ordered[int(doc.source.rsplit(":", 1)[1]) - 1]
            sentences = list(corpus.iter_sentences([doc.doc_id]))
            out[article] = [(q, doc.text, doc.title or "") for q in extract_quotes(doc, sentences)]
    return out


def _key(quote: str, text: str) -> str:
    """A 6–10-word verbatim piece of the quote, unique in the article (the whole quote when
    it is shorter)."""
    words = quote.split()
    low = _norm(text)
    for size in (8, 10, 12, 6):
        for start in range(0, max(1, len(words) - size + 1)):
            key = " ".join(words[start : start + size])
            if low.count(_norm(key)) == 1:
                return key
    return " ".join(words[:12])


def sample(seed: int, per_pool: int, vntc_articles: int) -> list[dict]:
    rng = random.Random(seed)
    skip = annotated_ids()
    for path in AUDIT_DIR.glob("*.jsonl"):  # a new sample reads articles no audit read
        skip |= {r["id"] for r in load_audit(path)}
    rows = []
    for pool in ("vntc", "vietnews"):
        texts = {i: t for i, t in pool_texts(pool).items() if i not in skip}
        ids = sorted(texts)
        if pool == "vntc":
            ids = sorted(rng.sample(ids, vntc_articles))
        found = quotes_of({i: texts[i] for i in ids})
        candidates = [
            (article, q, text)
            for article in sorted(found)
            for q, text, _title in found[article]
            if q.speaker
        ]
        for article, q, text in rng.sample(candidates, min(per_pool, len(candidates))):
            rows.append(
                {
                    "id": article,
                    "key": _key(q.quote, text if q.start >= 0 else q.quote),
                    "words": len(q.quote.split()),
                    "speaker": q.speaker,
                    "path": q.path,
                    "verdict": "?",
                    "right": "",
                }
            )
    rows.sort(key=lambda r: (r["id"], r["key"]))
    return rows


def audit_files() -> list[Path]:
    """The audit samples, in the order they were drawn (audit.jsonl, audit_b.jsonl, …)."""
    return sorted(AUDIT_DIR.glob("audit*.jsonl"))


def load_audit(path: Path = AUDIT) -> list[dict]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def current(audit: list[dict], work: Path = WORK) -> list[tuple[dict, Any, str]]:
    """Each audited row, the current code's row holding its key (``None`` when the quote
    is no longer found) and the article's clean text."""
    ids = {a["id"] for a in audit}
    texts = {}
    for pool in POOLS:
        wanted = {i for i in ids if i.startswith("vietnews/") == (pool == "vietnews")}
        if wanted:
            texts.update(pool_texts(pool, wanted))
    found = quotes_of(texts, work)
    out = []
    for item in audit:
        key = _norm(item["key"])
        rows = found.get(item["id"], [])
        # the row of about the audited length (a quote nested in an answer holds the key
        # too), then one keeping the audited speaker, then any named one
        holding = sorted(
            (q for q, _t, _ti in rows if key in _norm(q.quote)),
            key=lambda q: abs(len(q.quote.split()) - item.get("words", 0)),
        )
        near = [q for q in holding if abs(len(q.quote.split()) - item.get("words", 0)) <= 3]
        holding = near or holding
        same = [q for q in holding if q.speaker == item["speaker"]]
        named = [q for q in holding if q.speaker]
        text = rows[0][1] if rows else ""
        out.append((item, (same or named or holding or [None])[0], text))
    return out


def outcome(item: dict, now: Any) -> str:
    """right | wrong | empty-ok (blank or gone, rightly) | lost (blank or gone, was right) |
    changed (another name: judge again)."""
    if now is None:  # the row is gone: no speaker any more, rightly or not
        return "lost" if item["verdict"] == "right" else "empty-ok"
    speaker = now.speaker
    if speaker == item["speaker"]:
        return {"right": "right", "wrong": "wrong", "empty": "wrong"}[item["verdict"]]
    if not speaker:
        return "lost" if item["verdict"] == "right" else "empty-ok"
    if item["right"] and _fold(item["right"]) in _fold(speaker):
        return "right"
    return "changed"


def score(path: Path = AUDIT, print=print, work: Path = WORK) -> dict:  # noqa: A002
    """Print the audit figures (per way the speaker was found) and rows to judge again
    (a quiet caller passes its own ``print``)."""
    audit = load_audit(path)
    pairs = current(audit, work)
    per: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    changed = []
    for item, now, _text in pairs:
        state = outcome(item, now)
        how = how_found(item["path"], item["speaker"])
        per[how][state] += 1
        per[how]["was_" + item["verdict"]] += 1
        totals[state] += 1
        totals["was_" + item["verdict"]] += 1
        if state == "changed" or now is None or state == "lost":
            changed.append((item, now, state))
    n = len(audit)
    print(
        f"{n} audited rows ({path.resolve().relative_to(ROOT)}); verdicts as judged: "
        f"{totals['was_right']} right, {totals['was_wrong']} wrong, "
        f"{totals['was_empty']} should be empty"
    )
    print(
        f"{'how the speaker was found':30} {'rows':>4} {'judged wrong':>12} {'now wrong':>9} "
        f"{'blanked ok':>10} {'lost right':>10} {'re-judge':>8}"
    )

    def size(c: Counter) -> int:
        return sum(c["was_" + v] for v in VERDICTS)

    for how, c in sorted(per.items(), key=lambda kv: (-size(kv[1]), kv[0])):
        rows = size(c)
        print(
            f"{how:30} {rows:4} {c['was_wrong'] + c['was_empty']:12} {c['wrong']:9} "
            f"{c['empty-ok']:10} {c['lost']:10} {c['changed']:8}"
        )
    before = totals["was_wrong"] + totals["was_empty"]
    print(
        f"wrong speaker as judged (the code the audit was drawn with): {before}/{n} = "
        f"{100 * before / max(1, n):.1f}%"
    )
    print(
        f"wrong speaker now: {totals['wrong']}/{n} = {100 * totals['wrong'] / max(1, n):.1f}% "
        f"(+{totals['changed']} to re-judge); right speakers now "
        f"{totals['right']} (judged right: {totals['was_right']}), lost {totals['lost']}"
    )
    for item, now, state in changed:
        got = f"{now.speaker!r} via {now.path}" if now is not None else "no row"
        print(
            f"  [{state}] {item['id']} :: {item['key']} :: was {item['speaker']!r} "
            f"({item['verdict']}), now {got}"
        )
    return {
        "rows": n,
        "wrong_before": before / max(1, n),
        "wrong_now": totals["wrong"] / max(1, n),
        "rejudge": totals["changed"],
        "lost": totals["lost"],
    }


def show(numbers: list[int], audit: list[dict] | None = None) -> None:
    """Print audited rows (by line number, from 1) in their article context."""
    audit = audit if audit is not None else load_audit()
    chosen = [audit[n - 1] for n in numbers]
    for n, (item, now, text) in zip(numbers, current(chosen), strict=True):
        print(
            f"=== {n} {item['id']} speaker={item['speaker']!r} path={item['path']} "
            f"verdict={item['verdict']} right={item['right']!r}"
        )
        if now is None:
            print("  (no row holds the key now)")
            continue
        print(f"  now: {now.speaker!r} via {now.path!r}, mention {now.mention!r}")
        print("  " + context(now, text).replace("\n", "\n  "))


def _shorten(quote: str, most: int = 400) -> str:
    return quote if len(quote) <= most else f"{quote[: most // 2]} […] {quote[-most // 2 :]}"


def context(q: Any, text: str, before: int = 700, after: int = 200) -> str:
    """The quote marked with ⟦ ⟧ in the text around it, and where its speaker is named."""
    if q.start < 0:
        shown = f"(headline) ⟦{q.quote}⟧ / lead: {text[:400]}"
    else:
        lo = max(0, q.start - before)
        shown = (
            ("…" if lo else "")
            + text[lo : q.start]
            + "⟦"
            + _shorten(text[q.start : q.end])
            + "⟧"
            + text[q.end : q.end + after]
            + "…"
        )
    last = q.speaker.split()[-1] if q.speaker else ""
    named = []
    at = text.find(q.speaker) if q.speaker else -1
    if at >= 0 and (q.start < 0 or at < q.start - before):
        named.append(f"[first named] …{text[max(0, at - 120) : at + 120]}…")
    if last and at < 0:
        hits = [i for i in range(len(text)) if text.startswith(last, i)][:3]
        named += [f"[{last}] …{text[max(0, i - 100) : i + 60]}…" for i in hits]
    return "\n".join([shown, *named])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--seed", type=int, default=9)
    s.add_argument("--per-pool", type=int, default=100)
    s.add_argument("--vntc-articles", type=int, default=400)
    s.add_argument("--out", type=Path, default=AUDIT)
    sc = sub.add_parser("score")
    sc.add_argument("--file", type=Path, default=None, help="one audit file (default: all)")
    sh = sub.add_parser("show")
    sh.add_argument("numbers", type=int, nargs="+", help="audit line numbers, from 1")
    sh.add_argument("--file", type=Path, default=AUDIT)
    args = parser.parse_args()
    if not (EVAL / "news").exists():
        sys.exit(f"bench: {EVAL / 'news'} not found; the eval data lives in ../shared/eval")
    if args.cmd == "sample":
        rows = sample(args.seed, args.per_pool, args.vntc_articles)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        args.out.write_text(lines, "utf-8")
        print(f"{len(rows)} rows -> {args.out}")
    elif args.cmd == "show":
        show(args.numbers, load_audit(args.file))
    else:
        for path in [args.file] if args.file else audit_files():
            score(path)
            print()


if __name__ == "__main__":
    main()
