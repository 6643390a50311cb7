"""Validation benchmark: tei-encode against jing, on the same files, interleaved.

    python bench/validate_vs_jing.py [--shared ../shared] [--files N] [--runs 5] [DIR]

DIR defaults to a sample of the dev corpus's gold files (every tenth, up to --files),
copied to a temporary folder. Each run times the whole process of
``jing tei_all.rng FILES`` and of ``tei-encode validate --schema tei_all.rng DIR``,
alternately; prints both medians, the median ratio, and whether the invalid files agree.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def invalid(output: str) -> set:
    return {line.split(":")[0] for line in output.splitlines() if ": error:" in line}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", nargs="?")
    ap.add_argument("--shared", default=os.environ.get("TEI_ENCODE_SHARED", "../shared"))
    ap.add_argument("--files", type=int, default=360)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args(argv)
    if shutil.which("jing") is None:
        print("jing is not installed (apt-get install jing)", file=sys.stderr)
        return 2
    rng = str(Path(a.shared) / "schemas" / "tei_all.rng")
    if a.dir:
        folder = Path(a.dir)
    else:
        folder = Path(tempfile.mkdtemp(prefix="tei-encode-jing-"))
        golds = sorted((Path(a.shared) / "corpus" / "dev").glob("*/gold/*.xml"))[::10][:a.files]
        for g in golds:
            shutil.copy(g, folder / f"{g.parent.parent.name}-{g.name}")
    files = sorted(str(p) for p in folder.glob("*.xml"))
    ours_cmd = [sys.executable, "-m", "tei_encode", "validate", "--schema", rng, str(folder)]
    jing_cmd = ["jing", rng, *files]
    t_ours, t_jing, ratios = [], [], []
    out_ours = out_jing = ""
    for _ in range(a.runs):
        t0 = time.perf_counter()
        out_jing = subprocess.run(jing_cmd, capture_output=True, text=True).stdout
        t_jing.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        out_ours = subprocess.run(ours_cmd, capture_output=True, text=True).stdout
        t_ours.append(time.perf_counter() - t0)
        ratios.append(t_ours[-1] / t_jing[-1])
    same = invalid(out_ours) == invalid(out_jing)
    print(f"files {len(files)}  invalid (jing) {len(invalid(out_jing))}  same verdicts: {same}")
    print(f"jing median {statistics.median(t_jing):.2f} s   tei-encode median {statistics.median(t_ours):.2f} s"
          f"   median ratio tei-encode/jing {statistics.median(ratios):.2f}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
