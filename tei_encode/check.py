"""Check: read the text back out of a TEI tree and compare it with the input.

``render`` lays a TEI document out in the plain-text form the encoder reads (one block a
line, footnote markers glued, ``[Page N]`` marks, ``- note↩`` lines), so that encoding and
rendering are inverse: every character of the input must come back, in order.
"""
from __future__ import annotations

import difflib
import re

from lxml import etree


TEI_NS = "http://www.tei-c.org/ns/1.0"
BLOCKS = {"head", "p", "dateline", "salute", "signed", "item", "label", "byline", "docDate",
          "trailer", "addrLine", "ab", "l", "row", "closer", "opener", "postscript", "address",
          "quote", "list", "table", "lg", "div", "epigraph", "argument", "cit", "bibl",
          "floatingText", "body", "figure", "seg"}
CONTAINERS = {"opener", "closer", "postscript", "address", "quote", "list", "table", "lg", "div",
              "epigraph", "argument", "cit", "floatingText", "body", "figure"}
_BREAKS_INLINE = CONTAINERS | {"p", "item", "label"}  # a block inside inline content


_LOCAL = {}


def _local(el) -> str:
    tag = el.tag
    name = _LOCAL.get(tag)
    if name is None:
        name = tag.rpartition("}")[2] if isinstance(tag, str) else ""
        if isinstance(tag, str):
            _LOCAL[tag] = name
    return name


_AFTER_OPEN = re.compile(r"([\[(“‘]) ")
_BEFORE_CLOSE = re.compile(r" ([,;:)\]”’])")


def squash(s: str) -> str:
    """Spaces as the web edition's plain text has them: single, none inside brackets and
    quotes, none before closing punctuation."""
    s = " ".join(s.split())
    if " " not in s:
        return s
    if "[" in s or "(" in s or "“" in s or "‘" in s:
        s = _AFTER_OPEN.sub(r"\1", s)
    return _BEFORE_CLOSE.sub(r"\1", s)


class _Renderer:
    def __init__(self):
        self.lines, self.notes, self.buf = [], [], []

    def flush(self):
        if not self.buf:
            return
        t = " ".join("".join(self.buf).split())
        if t:
            self.lines.append(t)
        self.buf = []

    def inline(self, el, out):
        name = _local(el)
        if name == "note":  # a source note on a heading too: its marker (if any) and a line
            if el.get("place") != "end":  # place="end": no marker stood in the text
                out.append(el.get("n") or "")
            sub = [el.text or ""]
            for c in el:
                self.inline(c, sub)
                sub.append(c.tail or "")
            self.notes.append(" ".join("".join(sub).split()))
            return
        if name == "pb":
            out.append(" [Page %s] " % el.get("n", ""))
            return
        if name in ("lb", "cb"):
            out.append(" ")
            return
        out.append(el.text or "")
        for c in el:
            if _local(c) in _BREAKS_INLINE:
                self.buf.extend(out)
                out.clear()
                self.flush()
                self.block(c)
            else:
                self.inline(c, out)
            out.append(c.tail or "")

    def block(self, el):
        name = _local(el)
        if name == "pb":
            self.flush()
            self.lines.append("[Page %s]" % el.get("n", ""))
            return
        if name == "note" and el.get("type") == "source":
            self.flush()
            out = [el.text or ""]  # a source note standing alone: a line of its own
            for c in el:
                self.inline(c, out)
                out.append(c.tail or "")
            self.buf.extend(out)
            self.flush()
            return
        if name == "note":
            sub = []
            self.inline(el, sub)
            if self.lines:
                self.lines[-1] += "".join(sub)
            return
        if name in CONTAINERS:
            self.flush()
            if el.text and el.text.strip():
                self.buf.append(el.text)
            for c in el:
                name_c = _local(c)
                if name_c in BLOCKS or name_c in ("pb", "note"):
                    self.flush()
                    self.block(c)
                else:
                    self.inline(c, self.buf)
                if c.tail and c.tail.strip():
                    self.buf.append(c.tail)
            self.flush()
            return
        if name == "row":
            self.flush()
            cells = []
            for c in el:
                sub = []
                self.inline(c, sub)
                cells.append(" ".join("".join(sub).split()))
            self.lines.append("\t".join(cells))
            return
        self.flush()
        out = []
        self.inline(el, out)
        self.buf.extend(out)
        self.flush()

    def render(self, div):
        self.block(div)
        self.flush()
        return "\n".join(self.lines + ["- %s↩" % n for n in self.notes]) + "\n"


_DOCUMENT_DIV = etree.XPath("//t:text//t:div[@type='document']", namespaces={"t": TEI_NS})
_BODY = etree.XPath("//t:text/t:body", namespaces={"t": TEI_NS})


def document_div(root):
    found = _DOCUMENT_DIV(root)
    if found:
        return found[0]
    body = _BODY(root)
    return body[0] if body else root


def render(tree) -> str:
    """The plain-text form of a TEI document (its first ``div[@type='document']``), one
    block a line with spaces collapsed (``normalise`` sets them as the web edition does)."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    return _Renderer().render(document_div(root))


def normalise(text: str) -> list:
    """Input text as the lines rendering gives back: spaces squashed, blanks gone."""
    out = []
    for line in text.split("\n"):
        line = squash(line)
        if line:
            out.append(re.sub(r"\s*↩$", "↩", re.sub(r"^-\s*", "- ", line)) if line.endswith("↩") else line)
    return out


def _nospace_lines(text: str) -> list:
    return [x for x in ("".join(line.split()) for line in text.split("\n")) if x]


def same_but_spacing(a: str, b: str) -> bool:
    """Whether a and b have the same non-blank lines but for whitespace, i.e.
    ``_nospace_lines(a) == _nospace_lines(b)``, without taking apart the lines that are
    equal as they stand (most are: the renderer spaces lines as the web edition does)."""
    la = [x for x in a.split("\n") if x and not x.isspace()]
    lb = [x for x in b.split("\n") if x and not x.isspace()]
    if len(la) != len(lb):
        return False
    for x, y in zip(la, lb):
        if x != y and "".join(x.split()) != "".join(y.split()):
            return False
    return True


def text_diff(original: str, rendered: str, name: str = "input") -> str:
    """A unified diff of the input against the text rendered back from the TEI (spaces as
    the web edition sets them); "" when every character came back, in order."""
    if same_but_spacing(original, rendered):
        return ""  # the cheap comparison: only spacing could differ, and spacing is layout
    na, nb = normalise(original), normalise(rendered)
    if na == nb:
        return ""
    a = [l + "\n" for l in na]
    b = [l + "\n" for l in nb]
    return "".join(difflib.unified_diff(a, b, fromfile=f"{name} (input)", tofile=f"{name} (from TEI)", n=1))


def changed_lines(diff: str) -> int:
    return sum(1 for l in diff.splitlines() if l[:1] in "+-" and not l.startswith(("+++", "---")))
