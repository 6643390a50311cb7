"""The document model: plain Python objects with offsets into the text.

The reader fills it, the recognisers add annotations to it, the builder turns it into
TEI.  Offsets are into ``Text.text``: the characters of one line of input with its
footnote markers and page marks taken out (they are kept as zero-width anchors).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Span:
    """An inline element over ``text[start:end]`` (persName, ref, date, placeName)."""

    start: int
    end: int
    tag: str
    attrs: dict = field(default_factory=dict)


@dataclass
class Anchor:
    """A zero-width point in a text: a footnote (``note``) or a page break (``pb``).

    ``raw`` is what stood in the input (``5``, `` [Page 1608] ``) so nothing is lost."""

    pos: int
    kind: str
    n: str
    raw: str = ""
    footnote: "Footnote | None" = None
    seq: int = 0  # where it stood in the line as read, to keep input order at one offset


@dataclass
class Text:
    """One line of input: its text, where it came from, and what was found in it."""

    text: str
    line: int
    spans: list = field(default_factory=list)
    anchors: list = field(default_factory=list)

    def add_span(self, start: int, end: int, tag: str, **attrs) -> bool:
        """Add a span unless it would cross an existing one; True when added."""
        if start >= end:
            return False
        for s in self.spans:
            overlap = start < s.end and s.start < end
            nested = (s.start <= start and end <= s.end) or (start <= s.start and s.end <= end)
            if overlap and not nested:
                return False
            if s.start == start and s.end == end and s.tag == tag:
                return False
        self.spans.append(Span(start, end, tag, dict(attrs)))
        return True


@dataclass
class Block:
    """A block of the document: one input line, or a page mark standing alone.

    ``kind``: source, head, dateline, p, label, item, closer, signed, salute,
    postscript, row, pb.  ``part`` counts attachments: 0 is the document itself."""

    kind: str
    body: Text
    part: int = 0


@dataclass
class Footnote:
    """One ``- text↩`` line after the body, and the marker it was matched to."""

    body: Text
    n: str = ""
    index: int = 0
    xml_id: str = ""
    anchored: bool = False
    place: str | None = None  # "end": its marker was not found; placed after the body
    source: bool = False  # the document's source note ("Source: …"), a note on its heading


@dataclass
class Document:
    """A whole document as read from one input file."""

    doc_id: str
    volume: str | None
    blocks: list = field(default_factory=list)
    footnotes: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    encoding: str = "utf-8"
    source_name: str = ""
    source_text: str = ""
    persons: list = field(default_factory=list)
    refs_untagged: int = 0  # citations whose target could not be known
    person_signals: list | None = None  # person mentions found before the batch lexicon

    def texts(self):
        """Every Text of the document, body blocks first, then footnotes."""
        for b in self.blocks:
            yield b.body
        for f in self.footnotes:
            yield f.body

    def warn(self, message: str) -> None:
        self.warnings.append(message)
