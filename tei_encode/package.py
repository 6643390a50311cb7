"""Write: package an output folder as a BagIt bag (Library of Congress, RFC 8493).

The payload: ``data/tei/`` (the TEI), ``data/diffs/`` (text and XML diffs),
``data/sources/`` (the plain-text inputs named in report.json) and ``data/report.json``;
sha256 and sha512 manifests; bag-info with Source-Organization, External-Description,
Bagging-Date and Payload-Oxum.  The bag is built beside its destination, validated, and
only then renamed into place: never a half-made bag.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
import tempfile
from pathlib import Path

import bagit

from . import __version__


class PackageError(Exception):
    pass


def _bagging_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).strftime("%Y-%m-%d")
    return _dt.date.today().isoformat()


def make_package(out_dir, bag_dir, info: dict | None = None, processes: int = 1) -> Path:
    """Make a validated BagIt bag at bag_dir from an encode output folder."""
    out_dir, bag_dir = Path(out_dir), Path(bag_dir)
    report_path = out_dir / "report.json"
    if not report_path.exists():
        raise PackageError(f"{out_dir}: no report.json here; run 'tei-encode encode … --out {out_dir}' first")
    if bag_dir.exists():
        raise PackageError(f"{bag_dir}: already exists; choose a new path for the bag")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    bag_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="." + bag_dir.name + ".", dir=bag_dir.parent))
    try:
        (tmp / "tei").mkdir()
        (tmp / "diffs").mkdir()
        (tmp / "sources").mkdir()
        docs = report.get("documents", {})
        n = 0
        for stem, d in sorted(docs.items()):
            xml = out_dir / f"{stem}.xml"
            if d.get("status") != "encoded" or not xml.exists():
                continue
            shutil.copy2(xml, tmp / "tei" / xml.name)
            n += 1
            for suffix in (".text.diff", ".xml.diff"):
                diff = out_dir / f"{stem}{suffix}"
                if diff.exists():
                    shutil.copy2(diff, tmp / "diffs" / diff.name)
            src = Path(d.get("input", ""))
            if src.is_file():
                shutil.copy2(src, tmp / "sources" / src.name)
        if n == 0:
            raise PackageError(f"{out_dir}: no encoded documents to package")
        shutil.copy2(report_path, tmp / "report.json")
        bag_info = {
            "Source-Organization": "unspecified (set with --info Source-Organization=…)",
            "External-Description": f"TEI P5 encodings of {n} document(s) made by tei-encode {__version__}, "
                                    "with their plain-text sources, diffs and report",
            "Bagging-Date": _bagging_date(),
            "Bag-Software-Agent": f"tei-encode {__version__} (bagit-python)",
        }
        bag_info.update(info or {})
        bag = bagit.make_bag(str(tmp), bag_info=bag_info, checksums=["sha256", "sha512"], processes=processes)
        bag.validate(processes=processes)
        os.replace(tmp, bag_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return bag_dir


def verify(bag_dir, processes: int = 1) -> list:
    """Problems found in a bag ([] when it is complete and every checksum matches)."""
    try:
        bag = bagit.Bag(str(bag_dir))
        bag.validate(processes=processes)
    except bagit.BagValidationError as exc:
        details = [str(d) for d in (exc.details or [])]
        return details or [str(exc)]
    except bagit.BagError as exc:
        return [str(exc)]
    return []
