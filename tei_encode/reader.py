"""Read: decode bytes, split the body from the footnote list, take out page marks.

The input is the plain text a reader copies from the Office of the Historian's web
edition: one block per line; a page break is `` [Page N] `` inside a line or
``[Page N]`` alone on a line; after the body, one line per footnote: ``- text↩``.
"""
from __future__ import annotations

import re
import unicodedata

from .errors import InputError
from .model import Anchor, Block, Document, Footnote, Text

PAGE_RE = re.compile(r" ?\[Page ([^\]\s][^\]]{0,20})\] ?")
PAGE_LINE_RE = re.compile(r"\[Page ([^\]\s][^\]]{0,20})\]")
FOOTNOTE_RE = re.compile(r"^- ?(.*?)\s*↩\s*$")
# XML 1.0 forbids C0 controls other than tab, newline, carriage return, and U+FFFE/F.
FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def decode(data: bytes, path: str = "<input>") -> tuple[str, str, list]:
    """Bytes to text: UTF-8 (BOM or not), else cp1252, else Latin-1, with a warning.

    Returns (text, encoding, warnings).  Empty and binary input raise InputError."""
    warnings = []
    if not data.strip():
        raise InputError(path, "empty file: nothing to encode")
    nuls = data.count(b"\x00")
    if nuls > max(2, len(data) // 1000):
        raise InputError(path, f"binary file ({nuls} NUL bytes): not plain text")
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
        warnings.append(f"not UTF-8 (byte {exc.start}): read as {encoding}")
        controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r")
        if controls > max(2, len(text) // 100):
            raise InputError(path, "binary file (undecodable bytes): not plain text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = FORBIDDEN_RE.findall(text)
    if bad:
        names = ", ".join(sorted({"U+%04X" % ord(c) for c in bad}))
        warnings.append(f"{len(bad)} character(s) XML 1.0 forbids replaced by a space ({names})")
        text = FORBIDDEN_RE.sub(" ", text)
    return text, encoding, warnings


def take_page_marks(line: str) -> tuple[str, list]:
    """Remove inline `` [Page N] `` marks; return the text and pb anchors at their places."""
    if "[Page " not in line:
        return line, []
    anchors = []
    out = []
    last = 0
    for m in PAGE_RE.finditer(line):
        out.append(line[last:m.start()])
        pos = sum(len(x) for x in out)
        # keep one space where the mark stood between words, none at a line's edge
        keep = " " if (m.group(0).startswith(" ") and m.group(0).endswith(" ")) else ""
        if keep and pos > 0 and m.end() < len(line):
            out.append(keep)
            pos += 1
        anchors.append(Anchor(pos, "pb", m.group(1).strip(), raw=m.group(0), seq=pos))
        last = m.end()
    out.append(line[last:])
    return "".join(out), anchors


def split_lines(text: str) -> tuple[list, list]:
    """Split into body lines and footnote lines, each as (line number, text).

    Footnote lines are the ``- …↩`` lines that end the file (blank lines aside)."""
    lines = text.split("\n")
    numbered = [(i + 1, l) for i, l in enumerate(lines)]
    end = len(numbered)
    notes = []
    while end > 0:
        no, l = numbered[end - 1]
        if not l.strip():
            end -= 1
            continue
        m = FOOTNOTE_RE.match(l.strip())
        if not m or not l.lstrip().startswith("-"):
            break
        notes.append((no, m.group(1)))
        end -= 1
    notes.reverse()
    body = [(no, l.strip()) for no, l in numbered[:end] if l.strip()]
    return body, notes


def read_text(text: str, doc_id: str, volume: str | None = None, source_name: str = "") -> Document:
    """Turn decoded text into a Document of unclassified blocks and footnotes."""
    doc = Document(doc_id=doc_id, volume=volume, source_name=source_name, source_text=text)
    body, notes = split_lines(text)
    for no, line in body:
        whole = PAGE_LINE_RE.fullmatch(line)
        if whole:
            doc.blocks.append(Block("pb", Text("", no, anchors=[Anchor(0, "pb", whole.group(1).strip(), raw=line)])))
            continue
        clean, anchors = take_page_marks(line)
        doc.blocks.append(Block("p", Text(clean, no, anchors=anchors)))
    for i, (no, note) in enumerate(notes):
        clean, anchors = take_page_marks(note)
        doc.footnotes.append(Footnote(Text(clean, no, anchors=anchors), index=i))
    return doc
