"""Encode many files into one folder: in parallel, resumable, skipping unchanged inputs.

For each ``stem.txt``: ``stem.xml``, ``stem.text.diff`` (input against the text read back
from the TEI; empty of changes when nothing was lost), and, where an earlier ``stem.xml``
differed, ``stem.xml.diff``.  ``report.json`` records each document's status, and is
rewritten as the batch goes, so an interrupted run resumes where it stopped.

A batch runs in two stages so that a person introduced in one document is recognised in
all of them: each worker reads and structures its share of the documents and reports the
surnames they introduce; the pooled lexicon then goes back to every worker, which
finishes its documents with it.  Nothing is read or structured twice.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import queue
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .encoder import complete, doc_id_for, prepare
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
    survey: list = field(default_factory=list)  # [surnames, place words], reused on re-runs
    key: str = ""


@dataclass
class _Settings:
    volume: str | None
    persons: str | None
    out: str
    force: bool
    validate: bool
    previous: dict


def _code_hash() -> str:
    """The encoder's own code and schemas: a changed encoder re-encodes, version or not."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for p in sorted(here.glob("*.py")) + sorted((here.parent / "schemas").glob("*.*")):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


CODE_HASH = _code_hash()


_LEXICON_DIGESTS = {}


def _lexicon_digest(lexicon: frozenset) -> str:
    if lexicon not in _LEXICON_DIGESTS:  # once a batch, not once a document
        _LEXICON_DIGESTS.clear()
        _LEXICON_DIGESTS[lexicon] = hashlib.sha256("\n".join(sorted(lexicon)).encode("utf-8")).hexdigest()
    return _LEXICON_DIGESTS[lexicon]


def _key(input_sha: str, settings: _Settings, lexicon) -> str:
    """What an output depends on: input, tool code, options, the batch's surnames."""
    h = hashlib.sha256()
    for part in (input_sha, __version__, CODE_HASH, settings.volume or "", settings.persons or "",
                 _lexicon_digest(lexicon)):
        h.update(part.encode("utf-8") + b"\0")
    if settings.persons:
        h.update(_file_digest(settings.persons).encode())
    return h.hexdigest()


_FILE_DIGESTS = {}


def _file_digest(path: str) -> str:
    if path not in _FILE_DIGESTS:
        try:
            _FILE_DIGESTS[path] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            _FILE_DIGESTS[path] = ""
    return _FILE_DIGESTS[path]


_DATES = re.compile(rb'(<(?:change|application)\b[^>]*?\bwhen=")[^"]*(")')


def _same_but_dates(old: bytes, new: bytes) -> bool:
    """Equal but for the encoding date in the header: nothing to re-deposit."""
    return _DATES.sub(rb"\1\2", old) == _DATES.sub(rb"\1\2", new)


class _Worker:
    """Encodes a share of the batch: stage one (read, structure, survey), then two."""

    def __init__(self, settings: _Settings):
        self.s = settings
        self.out = Path(settings.out)
        self.authority = None
        if settings.persons:
            from .authority import load_authority
            self.authority = load_authority(settings.persons)
        self.state = {}
        self._check = None

    def stage_one(self, path: str):
        """Read and structure one input; returns (surnames, places) it introduces."""
        p = Path(path)
        o = Outcome(path, p.stem, "encoded")
        try:
            data = p.read_bytes()
        except OSError as exc:
            o.status, o.message = "failed", f"cannot read: {exc.strerror or exc}"
            self.state[path] = (o, None, None)
            return set(), set()
        o.input_sha256 = hashlib.sha256(data).hexdigest()
        prev = self.s.previous.get(p.stem) or {}
        if (not self.s.force and prev.get("input_sha256") == o.input_sha256
                and prev.get("code") == CODE_HASH and prev.get("survey")):
            names, places = (set(x) for x in prev["survey"])
            self.state[path] = (o, None, data)  # structured again only if it must be encoded
            o.survey = [sorted(names), sorted(places)]
            return names, places
        try:
            prep = prepare(data, doc_id_for(p.stem), self.s.volume, source_name=p.name)
            names, places = prep.survey()
        except InputError as exc:
            o.status, o.message = "failed", exc.reason
            self.state[path] = (o, None, None)
            return set(), set()
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
            o.status = "failed"
            o.message = f"internal error ({type(exc).__name__}: {exc}); please report it with this file"
            self.state[path] = (o, None, None)
            return set(), set()
        o.survey = [sorted(names), sorted(places)]
        self.state[path] = (o, prep, data)
        return names, places

    def stage_two(self, path: str, lexicon) -> Outcome:
        o, prep, data = self.state.pop(path)
        if o.status == "failed":
            return o
        stem = o.stem
        out_xml = self.out / (stem + ".xml")
        o.key = _key(o.input_sha256, self.s, lexicon)
        prev = self.s.previous.get(stem) or {}
        if (not self.s.force and prev.get("key") == o.key and prev.get("status") == "encoded"
                and out_xml.exists() and sha256(out_xml.read_bytes()) == prev.get("sha256")):
            o.status = "unchanged"
            for k in ("warnings", "counts", "valid", "errors", "sha256"):
                setattr(o, k, prev.get(k, getattr(o, k)))
            return o
        try:
            if prep is None:
                prep = prepare(data, doc_id_for(stem), self.s.volume, source_name=Path(o.path).name)
            enc = complete(prep, self.authority, lexicon)
        except InputError as exc:
            o.status, o.message = "failed", exc.reason
            return o
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
            o.status = "failed"
            o.message = f"internal error ({type(exc).__name__}: {exc}); please report it with this file"
            return o
        o.warnings, o.counts = list(enc.warnings), enc.counts
        if self.s.validate:
            if self._check is None:
                from .validate import validator
                self._check = validator("profile")
            o.errors = self._check(enc.tree)
            o.valid = not o.errors
        new = enc.xml
        old = out_xml.read_bytes() if out_xml.exists() else None
        if old is not None and old != new:
            if _same_but_dates(old, new):
                new = old  # keep the file as deposited
            else:
                atomic_write(self.out / (stem + ".xml.diff"), xml_diff(old, new, stem + ".xml").encode("utf-8"))
                o.changed = True
        o.sha256 = sha256(new)
        atomic_write(self.out / (stem + ".text.diff"), enc.text_diff.encode("utf-8"))
        if new is not old:
            atomic_write(out_xml, new)
        if enc.lost_lines:
            o.message = f"text check failed: {enc.lost_lines} line(s) differ (see {stem}.text.diff)"
        return o


def _lexicon(surveys) -> frozenset:
    """Pool the surnames; a word the batch uses as a place ("at Omsk") more often than as
    a person is no surname to spread."""
    names, places = Counter(), Counter()
    for n, pl in surveys:
        names.update(n)
        places.update(pl)
    return frozenset(n for n in names if places[n] < 2 or places[n] < names[n])


def _process_main(paths, settings, q_names, q_lexicon, q_out):
    try:
        w = _Worker(settings)
        surveys = [w.stage_one(p) for p in paths]
        q_names.put(surveys)
        lexicon = q_lexicon.get()
        for p in paths:
            q_out.put(w.stage_two(p, lexicon))
    except BaseException as exc:  # noqa: BLE001 - tell the parent instead of hanging it
        q_names.put(None)
        q_out.put(("crash", f"{type(exc).__name__}: {exc}"))


def run(inputs, out_dir, volume=None, persons=None, jobs=None, force=False, validate=True,
        progress=None) -> list:
    """Encode inputs into out_dir; returns one Outcome per input, in input order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = read_report(out_dir)
    previous = report.get("documents", {}) if report.get("version") == __version__ else {}
    settings = _Settings(volume, persons, str(out_dir), force, validate, previous)
    paths = [str(p) for p in inputs]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths) // 16 or 1))
    docs = dict(report.get("documents", {}))
    done = {}
    last_save = [time.monotonic()]

    def record(o: Outcome):
        done[o.path] = o
        d = dict(vars(o))  # its lists are not changed after this: no deep copy needed
        d["status"] = "encoded" if o.status == "unchanged" else o.status
        d["version"] = __version__
        d["code"] = CODE_HASH
        d["errors"] = o.errors[:20]
        d.pop("path")
        d["input"] = o.path
        docs[o.stem] = d
        if progress:
            progress(1)
        if time.monotonic() - last_save[0] > 5:  # an interrupted batch resumes from here
            _save(out_dir, volume, docs)
            last_save[0] = time.monotonic()

    if validate:
        from .validate import validator
        validator("profile")  # compiled once here; forked workers inherit it
    try:
        if jobs == 1:
            w = _Worker(settings)
            surveys = [w.stage_one(p) for p in paths]
            lexicon = _lexicon(surveys) if len(paths) > 1 else frozenset()
            for p in paths:
                record(w.stage_two(p, lexicon))
        else:
            _run_parallel(paths, settings, jobs, record)
    finally:
        _save(out_dir, volume, docs)  # also when interrupted: the next run resumes from here
    return [done[p] for p in paths]


def _save(out_dir, volume, docs):
    write_report(out_dir, {"tool": "tei-encode", "version": __version__, "volume": volume, "documents": docs})


def _run_parallel(paths, settings, jobs, record):
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    shares = _shares(paths, jobs)
    q_names, q_out = ctx.Queue(), ctx.Queue()
    q_lex = [ctx.Queue() for _ in shares]
    procs = [ctx.Process(target=_process_main, args=(share, settings, q_names, q_lex[i], q_out), daemon=True)
             for i, share in enumerate(shares)]
    for p in procs:
        p.start()
    try:
        surveys = []
        for _ in procs:
            got = _get(q_names, procs)
            if got is None:
                raise RuntimeError("a worker process failed while reading the batch")
            surveys.extend(got)
        lexicon = _lexicon(surveys)
        for q in q_lex:
            q.put(lexicon)
        pending = set(paths)
        while pending:
            o = _get(q_out, procs)
            if isinstance(o, tuple):
                raise RuntimeError(f"a worker process failed: {o[1]}")
            pending.discard(o.path)
            record(o)
    finally:
        for p in procs:
            p.join(timeout=5)
            if p.is_alive():
                p.terminate()


def _shares(paths, jobs) -> list:
    """Paths dealt to jobs workers by size, largest first, each to the least loaded worker:
    the workers then finish each stage at about the same time (each stage waits for all)."""
    def size(p):
        try:
            return os.stat(p).st_size
        except OSError:
            return 0
    loads = [[0, i, []] for i in range(jobs)]
    for p in sorted(paths, key=size, reverse=True):
        least = min(loads)
        least[0] += size(p) + 2000  # a document costs something whatever its size
        least[2].append(p)
    return [share for _, _, share in loads]


def _get(q, procs):
    """Next message, or an error if every worker has died without sending one."""
    while True:
        try:
            return q.get(timeout=1)
        except queue.Empty:
            if not any(p.is_alive() for p in procs):
                try:
                    return q.get(timeout=1)
                except queue.Empty:
                    raise RuntimeError("worker processes ended unexpectedly") from None
