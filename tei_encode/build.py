"""Build: the document model as an lxml TEI P5 tree, with its header.

The body follows the Office of the Historian's FRUS encoding (``div[@type="document"]``
with ``note[@type="source"]``, ``head``, ``dateline``, ``p``, ``list``, ``closer``) and stays
valid TEI: an enclosure becomes ``div[@type="attachment"]`` (the Office's
``frus:attachment`` is not TEI), and where TEI's content model would be broken by the order
of blocks (a signature before more paragraphs) the block is kept as a ``p`` with ``@rend``.
"""
from __future__ import annotations

import re

from lxml import etree

from . import __version__
from .model import Document, Text

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NSMAP = {None: TEI_NS}

TOP, COMMON, BOTTOM = 0, 1, 2


def _q(tag: str) -> str:
    return "{%s}%s" % (TEI_NS, tag)


def _attrib(attrs: dict) -> dict:
    return {(XML_ID if k == "xml_id" else k): str(v) for k, v in attrs.items() if v is not None}


def E(tag: str, *children, **attrs) -> etree._Element:
    """A TEI element (only the root declares the namespace; lxml folds the rest into it)."""
    el = etree.Element(_q(tag), _attrib(attrs), nsmap=NSMAP if tag == "TEI" else None)
    _add(el, children)
    return el


_QNAMES = {}


def sub(parent, tag: str, *children, **attrs) -> etree._Element:
    """E made in place as parent's last child (several times cheaper than E and append:
    lxml need not move the element between documents)."""
    qname = _QNAMES.get(tag)
    if qname is None:
        qname = _QNAMES[tag] = _q(tag)
    el = etree.SubElement(parent, qname, _attrib(attrs)) if attrs else etree.SubElement(parent, qname)
    if children:
        _add(el, children)
    return el


def _add(el, children) -> None:
    for c in children:
        if isinstance(c, str):
            _append_text(el, c)
        elif c is not None:
            el.append(c)


def _append_text(el, s: str) -> None:
    if not s:
        return
    if len(el):
        el[-1].tail = (el[-1].tail or "") + s
    else:
        el.text = (el.text or "") + s


class _Ids:
    """Hands out xml:ids, keeping them unique within one file."""

    def __init__(self):
        self.used = set()

    def get(self, want: str) -> str:
        want = re.sub(r"[^\w.\-]", "_", want)
        if not re.match(r"[A-Za-z_]", want):
            want = "_" + want
        xml_id, k = want, 2
        while xml_id in self.used:
            xml_id = f"{want}-{k}"
            k += 1
        self.used.add(xml_id)
        return xml_id


class Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.ids = _Ids()

    # -- inline content ---------------------------------------------------------------
    def fill(self, el, text: Text) -> None:
        """Put text's characters, spans and anchors into el."""
        spans = sorted(text.spans, key=lambda s: (s.start, -s.end))
        self._fill(el, text, 0, len(text.text), spans, text.anchors, top=True)

    def _fill(self, el, text, lo, hi, spans, anchors, top=False):
        cursor = lo
        i = 0
        while i < len(spans):
            s = spans[i]
            inner = []
            j = i + 1
            while j < len(spans) and spans[j].start < s.end:
                inner.append(spans[j])
                j += 1
            self._text(el, text, cursor, s.start, anchors, include_end=False)
            child = sub(el, s.tag, **s.attrs)
            self._fill(child, text, s.start, s.end, inner, anchors)
            cursor = s.end
            i = j
        self._text(el, text, cursor, hi, anchors, include_end=top)

    def _text(self, el, text, lo, hi, anchors, include_end):
        cursor = lo
        for a in anchors:
            if lo <= a.pos < hi or (include_end and a.pos == hi) or (a.pos == lo == hi and not include_end and False):
                if a.pos < cursor:
                    continue
                _append_text(el, text.text[cursor:a.pos])
                self.anchor(el, a)
                cursor = a.pos
        _append_text(el, text.text[cursor:hi])

    def anchor(self, parent, a):
        """A page break or a footnote, as parent's last child."""
        if a.kind == "pb":
            return sub(parent, "pb", n=a.n, xml_id=self.ids.get("pg_" + a.n))
        fn = a.footnote
        if fn.source and not fn.n:
            note = sub(parent, "note", type="source")
        else:
            note = sub(parent, "note", n=fn.n, xml_id=self.ids.get(fn.xml_id), place=fn.place,
                       type="source" if fn.source else None)
        self.fill(note, fn.body)
        return note

    # -- blocks ------------------------------------------------------------------------
    def block_element(self, parent, b, phase_now):
        """The element for block b, as parent's last child, and the phase it puts the
        division in."""
        kind = b.kind
        if kind == "pb":
            return self.anchor(parent, b.body.anchors[0]), None
        if kind == "source":
            el = sub(parent, "note", type="source", rend="inline")
            self.fill(el, b.body)
            return el, None
        if kind == "head":
            if phase_now == TOP:
                el = sub(parent, "head")
                self.fill(el, b.body)
                return el, TOP
            el = sub(parent, "p", rend="center")
            self.fill(el, b.body)
            return el, COMMON
        if kind == "dateline":
            el = sub(parent, "dateline")
            self.fill(el, b.body)
            return el, (TOP if phase_now == TOP else BOTTOM)
        el = sub(parent, "p")
        self.fill(el, b.body)
        return el, COMMON

    def division(self, el, blocks) -> None:
        """Fill a div with blocks, keeping TEI's order: top, common, bottom."""
        blocks = list(blocks)
        # the last common block: bottoms may only follow it
        last_common = -1
        for i, b in enumerate(blocks):
            if b.kind in ("p", "label", "item") or (b.kind == "head" and i > 0 and
                                                      any(x.kind in ("p", "label", "item") for x in blocks[:i])):
                last_common = i
        phase = TOP
        i = 0
        n = len(blocks)
        while i < n:
            b = blocks[i]
            if b.kind == "label" or b.kind == "item":
                lst = sub(el, "list")
                while i < n and blocks[i].kind in ("label", "item", "pb"):
                    if blocks[i].kind == "pb":
                        if i + 1 < n and blocks[i + 1].kind in ("label", "item"):
                            self.anchor(lst, blocks[i].body.anchors[0])
                            i += 1
                            continue
                        break
                    x = sub(lst, blocks[i].kind)
                    self.fill(x, blocks[i].body)
                    i += 1
                if lst[0].tag == "{%s}label" % TEI_NS and len(lst) and not any(
                        c.tag == "{%s}item" % TEI_NS for c in lst):
                    # labels alone make no list
                    for c in list(lst):
                        c.tag = "{%s}p" % TEI_NS
                        el.append(c)
                    el.remove(lst)
                else:
                    _fix_list(lst)
                phase = COMMON
                continue
            if b.kind in ("signed", "closer"):
                j = i
                while j < n and blocks[j].kind in ("signed", "closer", "pb"):
                    j += 1
                while j > i and blocks[j - 1].kind == "pb":
                    j -= 1
                group = blocks[i:j]
                if i > last_common and last_common >= 0:
                    closer = sub(el, "closer")
                    for g in group:
                        if g.kind == "pb":
                            self.anchor(closer, g.body.anchors[0])
                        else:
                            self.fill(sub(closer, "signed" if g.kind == "signed" else "seg"), g.body)
                    phase = BOTTOM
                else:
                    for g in group:
                        if g.kind == "pb":
                            self.anchor(el, g.body.anchors[0])
                            continue
                        self.fill(sub(el, "p", rend="signed" if g.kind == "signed" else "closer"), g.body)
                    phase = COMMON
                i = j
                continue
            child, new_phase = self.block_element(el, b, phase)
            if b.kind == "source":
                # a footnote on a source note stands after it, as the Office places it
                trailing = []
                while len(child) and child[-1].tag == "{%s}note" % TEI_NS and not (child[-1].tail or "").strip():
                    trailing.insert(0, child[-1])
                    child.remove(child[-1])
                for t in trailing:
                    t.tail = None
                    el.append(t)
                i += 1
                continue
            if b.kind == "dateline" and phase != TOP and i < last_common:
                child.tag = "{%s}p" % TEI_NS
                child.set("rend", "dateline")
                new_phase = COMMON
            if new_phase is not None:
                phase = max(phase, new_phase)
            i += 1

    def body_div(self, parent) -> etree._Element:
        doc = self.doc
        m = re.fullmatch(r"d(\d+)", doc.doc_id)
        div = sub(parent, "div", type="document", xml_id=self.ids.get(doc.doc_id), n=m.group(1) if m else None)
        parts = {}
        for b in doc.blocks:
            parts.setdefault(b.part, []).append(b)
        main = parts.pop(0, [])
        if parts:
            # TEI: nested divisions follow the paragraphs; a closer may not precede them.
            top = []
            for b in main:
                if b.kind in ("source", "head", "dateline", "pb") and all(
                        x.kind in ("source", "head", "dateline", "pb") for x in top + [b]):
                    top.append(b)
                else:
                    break
            rest = main[len(top):]
            self.division(div, top)
            if any(b.kind in ("signed", "closer") for b in rest):
                self.division(sub(div, "div", type="main"), rest)
            else:
                self.division(div, rest)
            for k in sorted(parts):
                self.division(sub(div, "div", type="attachment"), parts[k])
        else:
            self.division(div, main)
        if not len(div):
            sub(div, "p")
        return div


def _fix_list(lst) -> None:
    """TEI list: labels pair with items; a label with no item after it gets an empty one."""
    kids = list(lst)
    for k, c in enumerate(kids):
        if c.tag == "{%s}label" % TEI_NS:
            nxt = next((x for x in kids[k + 1:] if x.tag != "{%s}pb" % TEI_NS), None)
            if nxt is None or nxt.tag != "{%s}item" % TEI_NS:
                c.addnext(E("item"))


def header(parent, doc: Document, title: str, source_notes: list, when: str, sha256: str) -> etree._Element:
    """The teiHeader, as parent's last child."""
    volume = doc.volume
    hd = sub(parent, "teiHeader")
    file_desc = sub(hd, "fileDesc")
    sub(sub(file_desc, "titleStmt"), "title", title or doc.doc_id)
    pub = sub(file_desc, "publicationStmt")
    sub(pub, "authority", "Encoded with tei-encode")
    sub(sub(pub, "availability"), "p", "Text of a Foreign Relations of the United States document "
                                       "(Office of the Historian, U.S. Department of State): public domain.")
    sub(pub, "idno", doc.doc_id, type="document")
    if volume:
        sub(pub, "idno", volume, type="volume")
    source_desc = sub(file_desc, "sourceDesc")
    series = sub(source_desc, "bibl", type="volume")
    sub(series, "title", "Foreign Relations of the United States", level="s")
    if volume:
        sub(series, "idno", volume, type="frus")
    for s in source_notes:
        sub(source_desc, "bibl", s, type="source")
    if doc.source_name:
        b = sub(source_desc, "bibl", "Plain text as copied from the web edition: ", type="input")
        sub(b, "idno", doc.source_name, type="file")
        _append_text(b, " (sha256 ")
        sub(b, "idno", sha256, type="sha256")
        _append_text(b, ")")
    enc = sub(hd, "encodingDesc")
    app = sub(sub(enc, "appInfo"), "application", ident="tei-encode", version=__version__, when=when[:10])
    sub(app, "label", "tei-encode")
    sub(sub(enc, "projectDesc"), "p", "Encoded from plain text by tei-encode following the Office of the "
                                       "Historian's FRUS encoding: source note, heading, dateline, paragraphs, "
                                       "footnotes at their markers, page breaks, signatures.")
    sub(sub(enc, "editorialDecl"), "p", "Footnote markers are removed from the text and each note stands "
                                         "where its marker stood; page marks become pb; every other character "
                                         "of the input is kept, in order.")
    if doc.persons:
        from .persons import list_person
        list_person(sub(sub(hd, "profileDesc"), "particDesc"), doc)
    sub(sub(hd, "revisionDesc"), "change", "Encoded by tei-encode %s." % __version__, when=when)
    return hd


def build(doc: Document, when: str, sha256: str) -> etree._ElementTree:
    head = next((x for x in doc.blocks if x.kind == "head" and x.part == 0), None)
    title = " ".join(head.body.text.split()) if head else ""
    sources = [" ".join(x.body.text.split()) for x in doc.blocks if x.kind == "source" and x.part == 0]
    tei = E("TEI")
    header(tei, doc, title, sources, when, sha256)
    Builder(doc).body_div(sub(sub(tei, "text"), "body"))
    return etree.ElementTree(tei)
