"""Write: XML, diffs and the report, atomically (a temporary file, then a rename).

A reader of the output folder never sees a partial file, and an interrupted run leaves
no stray temporary behind it.
"""
from __future__ import annotations

import difflib
import hashlib
import itertools
import json
import os
from pathlib import Path


_SEQ = itertools.count()


def atomic_write(path, data: bytes) -> None:
    """Write data to a temporary file beside path, then rename it over path.

    The temporary name is unique to this process and call (no random names to draw), and
    the file is created with the usual permissions (0666 less the umask), not mkstemp's
    0600: archived files should be readable as any file the user makes."""
    path = Path(path)
    while True:
        tmp = path.parent / f".{path.name}.{os.getpid()}.{next(_SEQ)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            break
        except FileExistsError:  # left by a killed run whose process had this number
            continue
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def xml_diff(old: bytes, new: bytes, name: str) -> str:
    """A unified diff from the XML already in the folder to the new XML."""
    a = old.decode("utf-8", "replace").splitlines(keepends=True)
    b = new.decode("utf-8", "replace").splitlines(keepends=True)
    return "".join(difflib.unified_diff(a, b, fromfile=f"{name} (before)", tofile=f"{name} (now)"))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_report(out_dir, report: dict) -> None:
    """report.json: one line a document (JSON all the same), so that it is quick to write
    for thousands of documents and a diff between two runs reads document by document."""
    atomic_write(Path(out_dir) / "report.json", report_bytes(report))


def report_bytes(report: dict) -> bytes:
    def line(v):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    out = []
    for k in sorted(report):
        v = report[k]
        if isinstance(v, dict) and v and all(isinstance(x, dict) for x in v.values()):
            inner = ",\n".join(f"  {line(name)}: {line(v[name])}" for name in sorted(v))
            out.append(f" {line(k)}: {{\n{inner}\n }}")
        else:
            out.append(f" {line(k)}: {line(v)}")
    return ("{\n" + ",\n".join(out) + "\n}\n").encode("utf-8")


def read_report(out_dir) -> dict:
    try:
        return json.loads((Path(out_dir) / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
