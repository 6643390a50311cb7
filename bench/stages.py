"""Where the time goes: seconds spent in each pipeline stage, one process.

    python bench/stages.py [--shared ../shared] [--largest 1000] [--repeat 3]

Encodes the N largest dev documents in this process (``batch.run``, one worker, validation
on, into a temporary folder), timing each stage with a wrapper, and prints per stage the
best of the repeats, in seconds for the whole set and in milliseconds a document.  What is
not listed (the batch's bookkeeping, hashing, the report) makes up the rest of the total;
``write files`` is the files' creation and renaming.  A fixed 5M-step
Python loop is timed too: this host's speed drifts, and the loop shows how fast it was.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tei_encode import batch, check, dates, encoder, markers, persons, reader, refs, structure, validate  # noqa: E402

STAGES = [  # (label, module or class, function name)
    ("decode bytes", reader, "decode"),
    ("read (lines, footnotes, page marks)", reader, "read_text"),
    ("markers", markers, "resolve"),
    ("structure", structure, "classify"),
    ("persons: signals", persons, "_signals"),
    ("persons: known names", persons._Finder, "known"),
    ("persons: resolve", persons, "_resolve"),
    ("dates", dates, "recognise"),
    ("refs", refs, "recognise"),
    ("build tree", encoder, "build"),
    ("text check: render", check, "render"),
    ("text check: compare", check, "text_diff"),
    ("serialise", encoder, "serialise"),
    ("validate: RELAX NG", validate, "_errors"),
    ("validate: profile rules", validate, "profile_rules"),
    ("write files", batch, "atomic_write"),
]


def _timed(owner, name, label, acc):
    real = getattr(owner, name)

    def wrapper(*args, **kw):
        t0 = time.perf_counter()
        try:
            return real(*args, **kw)
        finally:
            acc[label] += time.perf_counter() - t0
    setattr(owner, name, wrapper)


def _host_check() -> float:
    t0 = time.perf_counter()
    s = 0
    for i in range(5_000_000):
        s += i
    return time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.environ.get("TEI_ENCODE_SHARED", "../shared"))
    ap.add_argument("--largest", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    every = (Path(a.shared) / "corpus" / "dev").glob("*/text/*.txt")
    chosen = sorted(every, key=lambda f: f.stat().st_size, reverse=True)[:a.largest]
    tmp = Path(tempfile.mkdtemp(prefix="tei-encode-stages-"))
    inp = tmp / "in"
    inp.mkdir()
    for f in chosen:
        shutil.copy(f, inp / f"{f.parent.parent.name}-{f.name}")
    inputs = sorted(inp.glob("*.txt"))
    acc = Counter()
    for label, owner, name in STAGES:
        _timed(owner, name, label, acc)
    best, totals = {}, []
    before = _host_check()
    for i in range(a.repeat):
        acc.clear()
        t0 = time.perf_counter()
        batch.run(inputs, tmp / f"out{i}", volume="frus", jobs=1, force=True)
        totals.append(time.perf_counter() - t0)
        for label, _, _ in STAGES:
            best[label] = min(best.get(label, float("inf")), acc[label])
    after = _host_check()
    n = len(inputs)
    print(f"documents {n}  runs {a.repeat}  total (one process) best {min(totals):.2f} s  "
          f"all {' '.join(f'{t:.2f}' for t in totals)}")
    for label, _, _ in STAGES:
        print(f"  {label:36s} {best[label]:6.2f} s  {1000 * best[label] / n:5.2f} ms/document")
    print(f"host check (a fixed 5M-step Python loop): {before:.2f} s before, {after:.2f} s after")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
