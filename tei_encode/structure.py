"""Recognise the document's blocks: source note, heading, dateline, paragraphs, lists,
closers and signatures, attachments (enclosures).

Each body line of the input is one block; its kind is decided from its place in the
document and its form, the way the Office of the Historian lays out FRUS documents.
"""
from __future__ import annotations

import re

from .model import Document

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.")
DATE_RE = re.compile(r"\b(%s)\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}|\b\d{1,2}(st|nd|rd|th)?\s+(%s),?\s+\d{4}|\bundated\b" % (MONTHS, MONTHS))
BRACKET_RE = re.compile(r"\[[^\[\]]*\]\.?")
ATTACH_RE = re.compile(r"\[(Sub)?(In|En|ln)closure|\[Annex|\[Appendix|\[Sub-?enclosure|\[Attachment|\[Tab ", re.I)
FILE_RE = re.compile(
    r"^(File No\.?\s*)?[\dA-Z][\w.\-]*(\s[\w.\- ]+)?/[\w.\-]+(,\s*[\w./\-]+)*(\s*:\s*[\w ,.\-—]+)?$"
    r"|^File No\. |Files?:|\bLot \d|^Treaty Series No\.|^Executive Agreement Series|^Decimal File|"
    r"^(Department of State )?Central Files|^Records of|^National Archives|^Truman Library|Papers\b.*:|"
    r"^[\d.]+/\d+|^\d{3}\.?[\w.]*( [^/]{1,40})?/|"
    r"^\d{3}\.\d[\w.]*\s[^:]{1,60}:\s*(Telegram|Cablegram|Radiogram|Airgram)\.?$")  # "811.111 Firms—Sovkino: Telegram"
SOURCE_WORDS_RE = re.compile(
    r"^\[(Telegram|Translation|Paraphrase|Extracts?|Circular|Confidential|Private|Personal|Strictly|"
    r"Indorsements?|Endorsements?|Memorandum|Copy|Duplicate|Cipher|Secret|Inclosure|Enclosure|Subinclosure|"
    r"Untranslated|Original|Abstract|Summary|Excerpts?)\b[^\]]{0,60}\]\.?$", re.I)
CLOSING_RE = re.compile(r"^(I have|I am|Accept|With (sentiments|assurances|the highest|renewed|great)|"
                        r"Your obedient|Very respectfully|Respectfully|Faithfully|Sincerely|Yours|"
                        r"Believe me|I avail|With high|Please accept|Be pleased)", re.I)
SALUTE_RE = re.compile(r"^(My dear|Dear|Sir|Madam|Mr\. \w+|Excellency|Your Excellency|Monsieur|Gentlemen)\b[^.]{0,40}[,:]$", re.I)
NAME_LINE_RE = re.compile(r"^[\[(]?([A-Z][\w’'\-]*\.?|[A-Z]\.|de|von|van|del|da|y|d’|of|the)"
                          r"(\s+([A-Z][\w’'\-]*\.?|[A-Z]\.|de|von|van|del|da|y|d’|of|the|and|&)){0,6}[.,]?$")
LABEL_RE = re.compile(r"^(\(?[0-9]{1,3}[a-z]?[.)]|\(?[a-zA-Z][.)]|\(?[ivxlcIVXLC]{1,6}[.)]|\([0-9a-zA-Z]{1,4}\)|[A-Z]\.|Article [0-9IVXL]+\.?|Art\. [0-9IVXL]+\.?|First\.?|Second\.?|Third\.?|Fourth\.?|Fifth\.?|Sixth\.?|Seventh\.?|Eighth\.?|Ninth\.?|Tenth\.?|§ ?\d+\.?)$")


def is_source_line(text: str, first: bool) -> bool:
    t = text.strip()
    if BRACKET_RE.fullmatch(t) and not t.startswith("[Page"):
        inner = t.strip("[].").lower()
        if is_dateline(t.strip("[]. ")) and not inner.startswith(("from", "extract", "translation")):
            return False  # "[Akron, Ohio, December 19, 1925.]": a dateline
        if first or len(t) < 80:
            return not inner.startswith(("received", "seal", "l. s", "here follow", "see ", "for ", "the ", "no. "))
    if first and len(t) < 120 and FILE_RE.search(t) and not DATE_RE.search(t):
        return True
    return False


def is_dateline(text: str) -> bool:
    t = text.strip()
    if len(t) > 220:
        return False
    m = DATE_RE.search(t)
    if not m:
        return False
    # the date sits near the end of a dateline, not inside a sentence
    head = t[:m.start()]
    if re.search(r"\b(I|we|the|have|has|was|is|my|your|of the \w+ of)\b", head) and not re.search(
            r"(Legation|Embassy|Consulate|Department|Office|Ministry|Palace|Mission|Residence|Headquarters|Foreign Office|House|Hotel|Chancery|Bureau)", head):
        return False
    if len(head) > 140:
        return False
    rest = t[m.end():]
    return len(BRACKET_RE.sub("", rest)) < 60


def classify(doc: Document) -> None:
    """Give each block its kind and the attachment (part) it belongs to."""
    blocks = doc.blocks
    part = 0
    state = "top"  # top: before head; afterhead: head seen; body
    first_line = True
    for i, b in enumerate(blocks):
        if b.kind == "pb":
            b.part = part
            continue
        t = b.body.text.strip()
        if state != "top" and ATTACH_RE.match(t) and BRACKET_RE.fullmatch(t):
            part += 1
            b.kind, b.part = "source", part
            state, first_line = "top", False
            continue
        b.part = part
        if state == "top":
            if is_source_line(t, first=first_line or part == 0) or (part and BRACKET_RE.fullmatch(t) and not t.startswith("[Page")
                                                          and len(t) < 120):
                b.kind = "source"
                first_line = False
                continue
            first_line = False
            if is_dateline(t) and len(t) < 120 and (part or (
                    t.endswith((".", "]")) and not re.search(r"\b(to|by|from|of the)\b", t))):
                # a document may open with its dateline: "Department of State, Washington, April 10, 1901."
                b.kind = "dateline"
                state = "afterdate"
                continue
            if part and not looks_attachment_head(t):
                b.kind = "p"
                state = "body"
                continue
            b.kind = "head"
            state = "afterhead"
            continue
        if state in ("afterhead", "afterdate"):
            if BRACKET_RE.fullmatch(t) and is_source_line(t, first=False):
                b.kind = "source"
                continue
            if state == "afterhead" and BRACKET_RE.fullmatch(t) and is_dateline(t.strip("[]. ")):
                b.kind = "dateline"
                state = "afterdate"
                continue
            if state == "afterhead" and is_dateline(t):
                b.kind = "dateline"
                state = "afterdate"
                continue
            state = "body"
        if SOURCE_WORDS_RE.match(t):
            b.kind = "source"
        elif is_caps_signature(t):
            b.kind = "signed"
        elif len(t) < 200 and t[:1].isalpha() and not any(c.isupper() for c in t) and t.endswith("."):
            b.kind = "head"  # a sub-heading printed in small capitals
        else:
            b.kind = "p"
    _lists(doc)
    _closers(doc)


# words a line in capitals may hold that make it no signature: a memorandum's captions, a
# telegram's classification and precedence ("SUBJECT", "TOP SECRET", "NODIS")
MEMO_WORDS = set("""SUBJECT SUBJECTS PARTICIPANTS PARTICIPANT SUMMARY REFERENCE REFERENCES REF REFS
ACTION INFO INFORMATION DISCUSSION BACKGROUND RECOMMENDATION RECOMMENDATIONS DECISION ISSUE ISSUES
ATTACHMENT ATTACHMENTS ENCLOSURE ENCLOSURES TAB ANNEX APPENDIX MEMORANDUM FOR THE RECORD FROM TO
DATE TIME PLACE COPY COPIES DISTRIBUTION TOP SECRET CONFIDENTIAL UNCLASSIFIED RESTRICTED LIMITED
OFFICIAL USE EYES ONLY NODIS EXDIS LIMDIS SENSITIVE PERSONAL PRIVATE IMMEDIATE PRIORITY ROUTINE
FLASH NIACT NOFORN OF AND PART I II III IV V""".split())


def is_caps_signature(t: str) -> bool:
    """``N. B. JUDD.``, ``JOHN DAVIS, Acting Secretary.``: a name in capitals (not a caption
    such as ``SUBJECT`` or a classification such as ``TOP SECRET``)."""
    name = t.split(",")[0].strip(" .:")
    return (len(t) <= 70 and len(name) >= 3 and name.isupper() and len(name.split()) <= 6
            and not re.search(r"\d", name) and name[0].isalpha()
            and not set(name.replace("/", " ").split()) <= MEMO_WORDS)


def looks_attachment_head(t: str) -> bool:
    if len(t) > 300 or t.endswith(":"):
        return False
    if " to " in t or t.startswith(("Memorandum", "Statement", "Note", "Draft", "Text", "Minutes",
                                    "Report", "Translation", "Copy", "Extract", "Protocol",
                                    "Convention", "Treaty", "Agreement", "Resolution", "Decree",
                                    "Law", "Proclamation", "Message", "Letter", "Telegram")):
        return True
    return len(t) < 90 and not t.endswith((".", ";", ",")) and not is_dateline(t)


def _lists(doc: Document) -> None:
    """A lone number or letter line ("2.", "(a)") followed by a paragraph: label and item."""
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        if b.kind != "p" or not LABEL_RE.match(b.body.text.strip()):
            continue
        j = i + 1
        while j < len(blocks) and blocks[j].kind == "pb":
            j += 1
        if j < len(blocks) and blocks[j].kind == "p" and blocks[j].part == b.part:
            b.kind = "label"
            blocks[j].kind = "item"


def _closers(doc: Document) -> None:
    """Signature lines at the end of the document or of an attachment."""
    blocks = doc.blocks
    ends = []
    for i, b in enumerate(blocks):
        nxt = next((x for x in blocks[i + 1:] if x.kind != "pb"), None)
        if b.kind != "pb" and (nxt is None or nxt.part != b.part):
            ends.append(i)
    for end in ends:
        i = end
        count = 0
        while i >= 0 and count < 4:
            b = blocks[i]
            if b.kind == "pb":
                i -= 1
                continue
            if b.kind != "p":
                break
            t = b.body.text.strip()
            if len(t) <= 60 and (NAME_LINE_RE.match(t) or t.isupper()) and not CLOSING_RE.match(t):
                b.kind = "signed"
            elif len(t) <= 80 and count and not t.endswith((".", "]")) and not CLOSING_RE.match(t):
                b.kind = "closer"
            elif count and re.fullmatch(r"\[?(seal|l\. s\.)\.?\]?", t, re.I):
                b.kind = "closer"
            else:
                break
            count += 1
            i -= 1
