"""`make fuzz`: extraction on mutated releases. Each input is a release written for the tests
(tests/fixtures/releases) mutated by a random mix of edits a hostile or careless source makes
(cue phrases inserted or repeated, spans duplicated or cut, case and digits changed, markup and
odd Unicode, line endings, truncation, huge repetition), kept under 100,000 characters (a long
Chairman's Statement; extraction time is linear beyond, tests/test_hostile.py). Counts crashes,
hangs (over the 1 s target, and over the loader's per-file budget), the slowest input, and
evidence spans that do not quote the text exactly or do not contain the value they support.

usage: python -m bench.fuzz [-n 10000] [--seed 1] [--workers 2]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import adversarial  # noqa: E402  (the hostile phrases live with the tests)

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "releases").glob("*.txt"))
MAX_CHARS = 100_000
ODD = [
    "\u200b",
    "\u00a0",
    "\ufeff",
    "\u202e",
    "\u0301",
    "’",
    "“",
    "—",
    "\t",
    "\x0b",
    "ǅ",
    "İ",
    "ß",
    "🇸🇬",
    "\\",
    "<",
    "&amp;",
]


def mutate(text: str, rng: random.Random, phrases: list[str]) -> str:
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(11)
        i, j = sorted(rng.randrange(len(text) + 1) for _ in range(2))
        if op == 0:
            text = text[:i] + " " + rng.choice(phrases) + " " + text[i:]
        elif op == 1:
            text = text[:j] + text[i:j] * rng.randint(2, 50) + text[j:]
        elif op == 2:
            text = text[:i] + text[j:]
        elif op == 3:
            text = text[:i] + text[i:j].upper() + text[j:]
        elif op == 4:
            text = re.sub(r"\d", lambda m: str(rng.randrange(10)), text)
        elif op == 5:
            text = text[:i] + "".join(rng.choice(ODD) for _ in range(rng.randint(1, 20))) + text[i:]
        elif op == 6:
            text = text.replace("\n", "\r\n")
        elif op == 7:
            text = text[: max(j, 1)]
        elif op == 8:
            text = text[:i] + ("<p><b>" + text[i:j] + "</b></p>") + text[j:]
        elif op == 9:
            text = text[:i] + (" " + rng.choice(phrases)) * rng.randint(50, 400) + text[i:]
        else:
            text = unicodedata.normalize(rng.choice(["NFC", "NFD", "NFKC"]), text)
    return text[:MAX_CHARS]


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).casefold()


def span_problems(rec: dict, body: str) -> tuple[int, int]:
    """(spans, bad spans): a span is bad if it does not quote the body exactly or does not hold
    the value it supports."""
    total = bad = 0

    def check(ev, value=None, words=False):
        nonlocal total, bad
        total += 1
        s, e = ev["start"], ev["end"]
        quote = body[s:e] if 0 <= s < e <= len(body) else ""
        ok = bool(quote) and quote == quote.strip()
        if ok and value:
            q = folded(quote)
            ok = all(w in q for w in re.findall(r"\w{2,}", folded(value))) if words else folded(value) in q
        bad += not ok

    for m in rec["meetings"]:
        if m.get("evidence"):
            check(m["evidence"])
        for a in m["attendees"]:
            check(a["evidence"], a["name"], words=True)
        for i in m["instruments"]:
            check(i["evidence"], i["name"])
        for ev in (m.get("area_evidence") or {}).values():
            check(ev)
    for e in rec["partnership_events"]:
        check(e["evidence"])
    return total, bad


def one(job):
    index, seed = job
    from kg.ingest.extract import extract
    from kg.ingest.load import BUDGET_SECONDS, ExtractionTimeout, budget
    from kg.ingest.read import ReadError, read_bytes

    rng = random.Random(seed)
    text = mutate(FIXTURES[index % len(FIXTURES)].read_text(encoding="utf-8"), rng, PHRASES)
    raw = text.encode("utf-8", "surrogatepass")
    t0 = time.perf_counter()
    try:
        release = read_bytes(raw, f"fuzz{index}.txt")
        with budget(BUDGET_SECONDS):
            rec = extract(release)
    except ReadError:
        return index, "refused", time.perf_counter() - t0, 0, 0, len(raw)
    except ExtractionTimeout:
        return index, "timeout", time.perf_counter() - t0, 0, 0, len(raw)
    except Exception as e:
        return index, f"crash {type(e).__name__}: {e}", time.perf_counter() - t0, 0, 0, len(raw)
    seconds = time.perf_counter() - t0
    total, bad = span_problems(rec, release.body)
    return index, "ok", seconds, total, bad, len(raw)


PHRASES: list[str] = []


def init():
    PHRASES.extend(adversarial.phrases())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    jobs = [(i, args.seed * 1_000_003 + i) for i in range(args.n)]
    t0 = time.time()
    with mp.get_context("spawn").Pool(args.workers, initializer=init) as pool:
        results = list(pool.imap_unordered(one, jobs, chunksize=20))
    crashes = [r for r in results if r[1].startswith("crash")]
    timeouts = [r for r in results if r[1] == "timeout"]
    slow = [r for r in results if r[2] > 1.0]
    spans = sum(r[3] for r in results)
    bad = sum(r[4] for r in results)
    worst = max(results, key=lambda r: r[2])
    print(f"fuzzed releases        {len(results)} (seed {args.seed}, {time.time() - t0:.0f} s)")
    print(f"refused by the reader  {sum(1 for r in results if r[1] == 'refused')}")
    print(f"crashes                {len(crashes)}")
    print(f"over the budget        {len(timeouts)}")
    print(f"over 1 s               {len(slow)}")
    print(f"slowest                {worst[2]:.3f} s (input {worst[0]}, {worst[5]} bytes)")
    print(f"evidence spans exact   {spans - bad}/{spans} = {(spans - bad) / spans if spans else 1:.4%}")
    for r in crashes[:5]:
        print("  ", r[0], r[1][:200])
    return 1 if crashes or timeouts or slow or bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
