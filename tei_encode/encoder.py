"""The pipeline: read → model → recognise → build → check, for one document."""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import check, dates, markers, reader, refs, structure
from . import persons as persons_mod
from .build import build
from .model import Anchor, Block, Document, Text


@dataclass
class Encoded:
    """One encoded document: the model, the TEI tree and its bytes, and what was checked."""

    doc: Document
    tree: etree._ElementTree
    xml: bytes
    text_diff: str
    lost_lines: int
    counts: dict = field(default_factory=dict)

    @property
    def warnings(self) -> list:
        return self.doc.warnings


def timestamp() -> str:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds), in ISO 8601 UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        t = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc)
    else:
        t = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def doc_id_for(stem: str) -> str:
    """An xml:id for the document from its file name: ``d52`` stays, others get a prefix."""
    if re.fullmatch(r"d\d+[a-z]?", stem):
        return stem
    safe = re.sub(r"[^\w.\-]", "_", stem)
    return safe if re.match(r"[A-Za-z_]", safe) else "doc_" + safe


def _place_unanchored(doc: Document) -> None:
    last = next((b for b in reversed(doc.blocks) if b.kind != "pb"), None)
    if last is None and any(not fn.anchored for fn in doc.footnotes):
        # nothing but page marks in the body: an empty paragraph holds the notes
        last = Block("p", Text("", doc.blocks[-1].body.line if doc.blocks else 1))
        doc.blocks.append(last)
    for fn in doc.footnotes:
        if not fn.anchored and last is not None:
            last.body.anchors.append(Anchor(len(last.body.text), "note", fn.n, footnote=fn))
            fn.anchored, fn.place = True, "end"


def _structure(doc: Document) -> None:
    markers.resolve(doc)
    _place_unanchored(doc)
    structure.classify(doc)


def _annotate(doc: Document, persons=None, lexicon=frozenset()) -> None:
    dates.recognise(doc)
    refs.recognise(doc)
    persons_mod.recognise(doc, authority=persons, lexicon=lexicon)


def recognise(doc: Document, persons=None, lexicon=frozenset()) -> None:
    """Run the recognisers, each adding annotations to the model.

    persons: an Authority to link to; lexicon: surnames known from other documents of
    the batch (see ``survey``)."""
    _structure(doc)
    _annotate(doc, persons, lexicon)


@dataclass
class Prepared:
    """A document read and given its structure, waiting for the batch's lexicon."""

    doc: Document
    text: str
    sha256: str

    def survey(self) -> tuple:
        """(surnames the document gives clear signs of, words it uses as places)."""
        return persons_mod.survey(self.doc)


def prepare(data: bytes, doc_id: str, volume: str | None = None, source_name: str = "<input>") -> Prepared:
    """Decode, read and structure one document (the first half of encoding)."""
    text, encoding, warnings = reader.decode(data, source_name)
    doc = reader.read_text(text, doc_id, volume, source_name=source_name)
    doc.encoding = encoding
    doc.warnings[:0] = warnings
    if not doc.blocks:
        from .errors import InputError
        raise InputError(source_name, "no text outside the footnote list: nothing to encode")
    _structure(doc)
    return Prepared(doc, text, hashlib.sha256(data).hexdigest())


def serialise(tree: etree._ElementTree, schema_href: str = "https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng") -> bytes:
    root = tree.getroot()
    pi = etree.ProcessingInstruction(
        "xml-model", f'href="{schema_href}" type="application/xml" '
                     'schematypens="http://relaxng.org/ns/structure/1.0"')
    root.addprevious(pi)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def encode_text(text: str, doc_id: str, volume: str | None = None, source_name: str = "",
                persons=None, sha256: str | None = None, when: str | None = None,
                lexicon=frozenset()) -> Encoded:
    """Encode one document given as text."""
    doc = reader.read_text(text, doc_id, volume, source_name=source_name)
    return _finish(doc, text, persons, sha256, when, lexicon)


def _finish(doc, text, persons, sha256, when, lexicon=frozenset()) -> Encoded:
    if not doc.blocks:
        from .errors import InputError
        raise InputError(doc.source_name or doc.doc_id, "no text outside the footnote list: nothing to encode")
    _structure(doc)
    return complete(Prepared(doc, text, sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()),
                    persons, lexicon, when)


def complete(prep: Prepared, persons=None, lexicon=frozenset(), when: str | None = None) -> Encoded:
    """The second half of encoding: recognise, build, check."""
    doc, text, sha = prep.doc, prep.text, prep.sha256
    _annotate(doc, persons, lexicon)
    tree = build(doc, when or timestamp(), sha)
    diff = check.text_diff(text, check.render(tree), doc.source_name or doc.doc_id)
    lost = check.changed_lines(diff)
    if lost:
        doc.warn(f"text check: {lost} line(s) differ between the input and the TEI (see the .text.diff)")
    xml = serialise(tree)
    counts = {
        "blocks": sum(1 for b in doc.blocks if b.kind != "pb"),
        "footnotes": len(doc.footnotes),
        "page_breaks": sum(1 for t in doc.texts() for a in t.anchors if a.kind == "pb"),
        "refs": sum(1 for t in doc.texts() for s in t.spans if s.tag == "ref"),
        "persons": sum(1 for t in doc.texts() for s in t.spans if s.tag == "persName"),
        "refs_untagged": doc.refs_untagged,
        "warnings": len(doc.warnings),
    }
    return Encoded(doc, tree, xml, diff, lost, counts)


def encode_bytes(data: bytes, doc_id: str, volume: str | None = None, source_name: str = "<input>",
                 persons=None, when: str | None = None, lexicon=frozenset()) -> Encoded:
    """Encode one document given as bytes (decoding them first: UTF-8, else cp1252)."""
    return complete(prepare(data, doc_id, volume, source_name), persons, lexicon, when)


def encode_file(path, volume: str | None = None, persons=None, when: str | None = None) -> Encoded:
    """Encode one ``.txt`` file; the document id comes from its name (``d52.txt`` → ``d52``)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        from .errors import InputError
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return encode_bytes(data, doc_id_for(path.stem), volume, source_name=path.name, persons=persons, when=when)
