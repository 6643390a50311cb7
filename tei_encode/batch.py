"""Encode many files into one folder: in parallel, resumable, skipping unchanged inputs.

For each ``stem.txt``: ``stem.xml``, ``stem.text.diff`` (input against the text read back
from the TEI; empty of changes when nothing was lost), and, where an earlier ``stem.xml``
differed, ``stem.xml.diff``.  ``report.json`` records each document's status.
"""
from __future__ import annotations

import hashlib
from collections import Counter
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .encoder import doc_id_for, encode_bytes, survey_bytes
from .errors import InputError
from .write import atomic_write, read_report, sha256, write_report, xml_diff


def collect_inputs(paths) -> list:
    """``.txt`` files named, and those in folders named (sorted); missing paths raise."""
    found = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found.extend(sorted(x for x in p.glob("*.txt") if x.is_file()))
        elif p.exists():
            found.append(p)
        else:
            raise FileNotFoundError(str(p))
    seen, out = set(), []
    for f in found:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            out.append(f)
    return out


@dataclass
class Outcome:
    path: str
    stem: str
    status: str  # encoded, unchanged, failed
    message: str = ""
    warnings: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    changed: bool = False
    valid: bool | None = None
    errors: list = field(default_factory=list)
    sha256: str = ""
    input_sha256: str = ""


_WORKER = {}


def _key(input_sha: str, volume, persons, lexicon) -> str:
    """What an output depends on: input, tool version, options, the batch's surnames."""
    h = hashlib.sha256()
    for part in (input_sha, __version__, volume or "", persons or "", "\n".join(sorted(lexicon))):
        h.update(part.encode("utf-8") + b"\0")
    if persons:
        try:
            h.update(Path(persons).read_bytes())
        except OSError:
            pass
    return h.hexdigest()


def _init(volume, persons, out_dir, force, previous, validate_profile, lexicon=frozenset()):
    _WORKER.update(volume=volume, persons=persons, out=Path(out_dir), force=force,
                   previous=previous, validate=validate_profile, lexicon=lexicon)


def _survey(path: str) -> tuple:
    try:
        return survey_bytes(Path(path).read_bytes())
    except Exception:  # noqa: BLE001 - a bad input is reported by the encoding pass
        return set(), set()


def _one(path: str) -> Outcome:
    w = _WORKER
    p = Path(path)
    stem = p.stem
    try:
        data = p.read_bytes()
    except OSError as exc:
        return Outcome(path, stem, "failed", f"cannot read: {exc.strerror or exc}")
    in_sha = hashlib.sha256(data).hexdigest()
    out_xml = w["out"] / (stem + ".xml")
    prev = w["previous"].get(stem)
    key = _key(in_sha, w["volume"], w["persons"], w["lexicon"])
    if (not w["force"] and prev and prev.get("key") == key and prev.get("status") == "encoded"
            and out_xml.exists() and sha256(out_xml.read_bytes()) == prev.get("sha256")):
        o = Outcome(path, stem, "unchanged", warnings=prev.get("warnings", []), counts=prev.get("counts", {}),
                    valid=prev.get("valid"), sha256=prev.get("sha256", ""), input_sha256=in_sha)
        return o
    try:
        enc = encode_bytes(data, doc_id_for(stem), w["volume"], source_name=p.name,
                           persons=_authority(w["persons"]), lexicon=w["lexicon"])
    except InputError as exc:
        return Outcome(path, stem, "failed", exc.reason, input_sha256=in_sha)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
        return Outcome(path, stem, "failed", f"internal error ({type(exc).__name__}: {exc}); "
                       "please report it with this file", input_sha256=in_sha)
    o = Outcome(path, stem, "encoded", warnings=list(enc.warnings), counts=enc.counts,
                sha256=sha256(enc.xml), input_sha256=in_sha)
    if w["validate"]:
        from .validate import validate_tree
        o.errors = validate_tree(enc.tree, "profile")
        o.valid = not o.errors
    old = out_xml.read_bytes() if out_xml.exists() else None
    if old is not None and old != enc.xml:
        atomic_write(w["out"] / (stem + ".xml.diff"), xml_diff(old, enc.xml, stem + ".xml").encode("utf-8"))
        o.changed = True
    atomic_write(w["out"] / (stem + ".text.diff"), enc.text_diff.encode("utf-8"))
    atomic_write(out_xml, enc.xml)
    if enc.lost_lines:
        o.message = f"text check failed: {enc.lost_lines} line(s) differ (see {stem}.text.diff)"
    return o


_AUTH_CACHE = {}


def _authority(path):
    if not path:
        return None
    if path not in _AUTH_CACHE:
        from .authority import load_authority
        _AUTH_CACHE[path] = load_authority(path)
    return _AUTH_CACHE[path]


def run(inputs, out_dir, volume=None, persons=None, jobs=None, force=False, validate=True,
        progress=None) -> list:
    """Encode inputs into out_dir; returns one Outcome per input, in input order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = read_report(out_dir).get("documents", {})
    paths = [str(p) for p in inputs]
    jobs = jobs or os.cpu_count() or 1
    parallel = jobs > 1 and len(paths) >= 8
    # pass 1: surnames the documents introduce, pooled so each document can use them all
    names, places = Counter(), Counter()
    if len(paths) > 1:
        if parallel:
            with ProcessPoolExecutor(max_workers=jobs) as ex:
                found = list(ex.map(_survey, paths, chunksize=16))
        else:
            found = [_survey(p) for p in paths]
        for n, pl in found:
            names.update(n)
            places.update(pl)
    # a word the batch uses as a place ("at Omsk") twice or more is no surname to spread
    lexicon = frozenset(n for n in names if places[n] < 2 or places[n] < names[n])
    args = (volume, persons, str(out_dir), force, previous, validate, lexicon)
    results = []
    if not parallel:
        _init(*args)
        for p in paths:
            results.append(_one(p))
            if progress:
                progress(1)
    else:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=args) as ex:
            for o in ex.map(_one, paths, chunksize=16):
                results.append(o)
                if progress:
                    progress(1)
    docs = dict(previous)
    for o in results:
        docs[o.stem] = {
            "input": o.path, "status": o.status if o.status != "unchanged" else "encoded",
            "message": o.message, "warnings": o.warnings, "counts": o.counts, "valid": o.valid,
            "errors": o.errors[:20], "sha256": o.sha256, "input_sha256": o.input_sha256,
            "key": _key(o.input_sha256, volume, persons, lexicon),
        }
    write_report(out_dir, {"tool": "tei-encode", "version": __version__, "volume": volume,
                           "documents": docs})
    return results
