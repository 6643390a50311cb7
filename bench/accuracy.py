"""Accuracy benchmark: encode the dev corpus volume by volume and score it.

    python bench/accuracy.py [--shared ../shared] [--volumes frus1861,frus1882] [--out DIR]

Each volume's ``text/`` goes through one ``tei-encode encode`` run (``--volume`` is the
folder name); ``../shared/bench/score.py`` compares the result with the Office's ``gold/``.
Prints one table (a row per volume and a total row) and writes it as JSON beside the output.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COLS = [("docs", "docs"), ("fidelity", "fidelity"), ("extra_chars", "extra"), ("note", "note F1"),
        ("pb", "pb F1"), ("ref", "ref F1"), ("persName", "pers F1"), ("linked", "linked"),
        ("head", "head"), ("source", "source"), ("when", "date@when")]


def score(shared: Path, gold: Path, cand: Path, persnames: bool) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = fh.name
    cmd = [sys.executable, str(shared / "bench" / "score.py"), "--gold", str(gold), "--cand", str(cand),
           "--json", out] + (["--persnames"] if persnames else [])
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(out) as fh:
        data = json.load(fh)
    os.unlink(out)
    return data


def cell(data: dict, key: str) -> str:
    if key == "linked":
        v = (data.get("persName") or {}).get("linked")
    else:
        v = data.get(key)
    if isinstance(v, dict):
        v = v.get("f1")
    if v is None:
        return "-"
    return str(v) if isinstance(v, int) else "%.3f" % v


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.environ.get("TEI_ENCODE_SHARED", "../shared"))
    ap.add_argument("--volumes", help="comma-separated volume ids (default: all in the corpus)")
    ap.add_argument("--out", help="keep the encoded output here (default: a temporary folder)")
    ap.add_argument("--persons", action="store_true",
                    help="also encode volumes that have persons.xml with --persons (linking row)")
    a = ap.parse_args(argv)
    shared = Path(a.shared)
    corpus = shared / "corpus" / "dev"
    vols = a.volumes.split(",") if a.volumes else sorted(p.name for p in corpus.iterdir() if p.is_dir())
    out_root = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix="tei-encode-bench-"))
    rows = []
    for vol in vols:
        runs = [("", None)]
        if a.persons and (corpus / vol / "persons.xml").exists():
            runs.append((" +persons", str(corpus / vol / "persons.xml")))
        for suffix, persons in runs:
            cand = out_root / (vol + suffix.replace(" +", "-"))
            cmd = [sys.executable, "-m", "tei_encode", "encode", str(corpus / vol / "text"), "--out", str(cand),
                   "--volume", vol, "--quiet", "--force", "--no-validate"]
            if persons:
                cmd += ["--persons", persons]
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            secs = time.perf_counter() - t0
            persnames = (corpus / vol / "persons.xml").exists()
            data = score(shared, corpus / vol / "gold", cand, persnames)
            data["seconds"] = round(secs, 2)
            rows.append((vol + suffix, data))
    # all volumes together, micro-averaged as the scorer averages within a volume
    tot_gold, tot_cand = out_root / "_all" / "gold", out_root / "_all" / "cand"
    shutil.rmtree(out_root / "_all", ignore_errors=True)
    tot_gold.mkdir(parents=True)
    tot_cand.mkdir(parents=True)
    for vol in vols:
        for g in (corpus / vol / "gold").glob("*.xml"):
            os.symlink(g.resolve(), tot_gold / f"{vol}-{g.name}")
            c = out_root / vol / g.name
            if c.exists():
                os.symlink(c.resolve(), tot_cand / f"{vol}-{g.name}")
    total = score(shared, tot_gold, tot_cand, False)
    total["seconds"] = round(sum(d["seconds"] for n, d in rows if "+" not in n), 2)
    rows.append(("all (micro)", total))
    header = ["volume"] + [c[1] for c in COLS] + ["secs"]
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for name, d in rows:
        print(" | ".join([name] + [cell(d, k) for k, _ in COLS] + [str(d["seconds"])]))
    with open(out_root / "accuracy.json", "w") as fh:
        json.dump(dict(rows), fh, indent=1)
    print(f"\n(output in {out_root})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
