"""Speed and memory benchmark: whole volumes through one ``tei-encode encode`` call.

    python bench/speed.py [--shared ../shared] [--volumes frus1925v02,frus1930v01] [--jobs N] [--repeat 3]
    python bench/speed.py --largest 1000   # the largest dev documents, whatever their volume

It also times a fixed pure-Python loop before and after the runs: this host's speed drifts
(by up to 1.8x between series), and the loop shows how fast the host was.

Copies the volumes' text files into one input folder, runs the CLI once per repeat (with
``--force`` so nothing is skipped), and prints documents, megabytes, seconds, documents
a second and the peak resident memory of the run (the largest process: parent or worker).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.environ.get("TEI_ENCODE_SHARED", "../shared"))
    ap.add_argument("--volumes", default="frus1925v02,frus1930v01")
    ap.add_argument("--jobs", type=int)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--validate", action="store_true", help="validate each output too (encode's default)")
    ap.add_argument("--largest", type=int, help="use the N largest documents of the whole dev corpus instead")
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="tei-encode-speed-"))
    inp = tmp / "in"
    inp.mkdir()
    n = size = 0
    if a.largest:
        every = (Path(a.shared) / "corpus" / "dev").glob("*/text/*.txt")
        chosen = sorted(every, key=lambda f: f.stat().st_size, reverse=True)[:a.largest]
    else:
        chosen = [f for vol in a.volumes.split(",")
                  for f in sorted((Path(a.shared) / "corpus" / "dev" / vol / "text").glob("*.txt"))]
    for f in chosen:
        shutil.copy(f, inp / f"{f.parent.parent.name}-{f.name}")
        n += 1
        size += f.stat().st_size
    before = _host_check()
    times = []
    for i in range(a.repeat):
        out = tmp / f"out{i}"
        cmd = [sys.executable, "-m", "tei_encode", "encode", str(inp), "--out", str(out), "--quiet",
               "--force", "--volume", "frus"] + ([] if a.validate else ["--no-validate"])
        if a.jobs:
            cmd += ["--jobs", str(a.jobs)]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    after = _host_check()
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    med = statistics.median(times)
    print("runs (s): " + " ".join(f"{t:.2f}" for t in times))
    print(f"documents {n}  input {size / 1e6:.1f} MB  runs {a.repeat}  "
          f"median {med:.2f} s  ({n / med:.0f} documents/s)  best {min(times):.2f} s  "
          f"peak RSS {peak_kb / 1024:.0f} MiB  validate={'on' if a.validate else 'off'}")
    print(f"host check (a fixed 5M-step Python loop, one core): {before:.2f} s before, {after:.2f} s after "
          "the runs (a slower check, a slower host: compare runs with it)")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _host_check() -> float:
    """Seconds a fixed pure-Python loop takes: a yardstick for comparing runs on a host
    whose speed drifts."""
    t0 = time.perf_counter()
    s = 0
    for i in range(5_000_000):
        s += i
    return time.perf_counter() - t0


if __name__ == "__main__":
    sys.exit(main())
