"""Recognise FRUS cross-references and point each ``ref`` at its target.

Forms, in body and footnotes (the target as the Office writes it):

* same volume: ``p. 239``, ``pp. 828–831``, ``page 15``, ``ante, p. 34`` → ``#pg_239``;
  ``Document 52`` → ``#d52``
* other volumes: ``Foreign Relations, 1933, vol. iv, p. 234`` → ``frus1933v04#pg_234``;
  ``Foreign Relations, 1917, supp. 2, vol. i, p. 139`` → ``frus1917Supp02v01#pg_139``;
  ``Foreign Relations, 1906, pt. 2, p. 1495`` → ``frus1906p2#pg_1495``;
  ``Foreign Relations, Paris Peace Conference, 1919, vol. ii, p. 175`` → ``frus1919Parisv02#pg_175``;
  ``Ibid., 1924, vol. i, p. 189`` (ibid. takes the series, and without a year the whole
  volume, from the citation before it)
* relative to ``--volume``: ``vol. iii, Part 1, pp. 1086`` in ``frus1951v07p2`` →
  ``frus1951v03p1#pg_1086``; in part N > 1 of a volume, a page well before the document's
  own pages belongs to the part before.

Each page of a list or range is its own ``ref`` (``pp. 28, 29`` → two), as in the Office's
files.  Where the target cannot be known (no ``--volume``; ``ibid.`` with nothing before;
another publication's pages) the text is left untagged and counted.
"""
from __future__ import annotations

import bisect
import re

from .model import Document

ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def number(s: str) -> int | None:
    s = s.strip().lower().rstrip(".")
    if s.isdigit():
        return int(s)
    if not s or any(ch not in ROMAN for ch in s):
        return None
    total = 0
    for i, ch in enumerate(s):
        v = ROMAN[ch]
        total += -v if i + 1 < len(s) and ROMAN[s[i + 1]] > v else v
    return total


SERIES = (r"(?P<series>(?:U\.\s?S\.\s)?Foreign\s+Relations(?:\s+of\s+the\s+United\s+States)?(?:\s+for)?"
          r"|Diplomatic\s+Correspondence"
          r"|F\.\s?Rels?\.|[Ii]bid\.?)")
SUB = r"(?:(?P<sub>Paris\s+Peace\s+Conference|Lansing\s+Papers|Russia|Japan|The\s+Lansing\s+Papers),?\s+)?"
YEAR = r"(?:(?P<year>1[789]\d\d)(?:[-–](?P<year2>\d{2,4}))?,?\s+)?"
SUB2 = r"(?:(?P<subb>Paris\s+Peace\s+Conference|Russia|Japan|The\s+Lansing\s+Papers|Lansing\s+Papers),?\s+)?"
SUPP = r"(?:[Ss]upp(?:lement|\.)?\s*(?P<supp>\d+|[ivxlc]+),?\s+)?"
VOL = r"(?:[Vv]ol(?:ume|[.,])?\s*(?P<vol>[ivxlcIVXLC]+|\d+)\b,?\s+)?"
PART = r"(?:(?:[Pp]t\.?|[Pp]art)\s*(?P<pt>\d+|[ivxIVX]+)\b,?\s+)?"
PAGE = r"(?P<pp>pp?\.|pages?)\s*(?P<page>\d{1,4})\b"
MORE_RE = re.compile(r"(?P<sep>\s*(?:,\s*(?:and\s+)?|–|-|\s+and\s+))(?P<page>\d{1,4})\b(?![,.]\d)")

ROMAN_PAGE = r"(?P<pp>pp?\.|pages?)\s*(?P<page>\d{1,4}|[ivxlc]{1,8})\b"
INDEX = r"(?:index,\s+)?"
FULL_RE = re.compile(SERIES + r"[.,]?\s+" + SUB + YEAR + SUB2 + SUPP + VOL + PART + INDEX + ROMAN_PAGE)
# "Foreign Relations, 1920, vol. iii, pp. 49 ff.; 1921, vol. ii, pp. 368": the series runs on
CONT_RE = re.compile(r"(?:\s*ff\.)?\s*[;,]\s*(?:and\s+)?(?:see\s+)?(?P<year>1[789]\d\d),?\s+" + SUB2 + SUPP + VOL + PART + PAGE)
VOLREL_RE = re.compile(r"\b[Vv]ol(?:ume|[.,])?\s*(?P<vol>[ivxlcIVXLC]+|\d+)\b,?\s+" + PART + PAGE)
PAGE_RE = re.compile(r"(?<![\w.])" + PAGE)
DOC_RE = re.compile(r"\bDocument\s+(?P<doc>\d{1,4})\b")
# a page of some other publication: "Stat. 1149", "Treaty Series No. 9, p. 3", "Press Releases … page 7"
OTHER_PUB_RE = re.compile(
    r"(Stat\.|Statutes|Treaty Series|State Papers|Press Releases?|Gaceta|Gazette|Diario|Journal|Report|"
    r"Hansard|Congressional Record|League of Nations|Official|Bulletin|Annual|Times|Herald|Tribune|"
    r"Documents on|Cmd\.|Command|Parliamentary|Papers|Code|Annales|Moniteur|edition|chapter|Reports|"
    r"Executive Agreement Series|Senate|House|Cong\.|Treaties|Malloy|Anuario|tomo|[Pp]art [ivxlc]+,|época|"
    r"Printing Office|Council House|Recueil|Boletín|Memoria)[^;()\[\]]{0,80}$|\),\s*$")
FRUS_CONTEXT_RE = re.compile(
    r"\b(ante|post|printed|see|footnote|telegram|tel\.|despatch|dispatch|note|instruction|letter|memorandum|"
    r"No\.|Ambassador|Minister|Secretary|Chargé|Consul|Department|document|enclosure|inclosure|report|"
    r"convention|treaty|agreement|protocol|aide-m[ée]moire|ordinance|decree|law|message|statement|"
    r"resolution|proclamation|[ap]\.\s?m\.|noon|midnight)", re.I)
OF_OTHER_RE = re.compile(r"(\s*(to|–|-|,|and|,\s*and)\s*\d+)*\s*(of\b|line\b)")
# "p.", "pp.", "page(s)", "vol", "Document" as words; written to start with a character class
# so that the scan skips ahead (every text is tested)
HINT_RE = re.compile(r"[pVvD](?<![\w].)(?:(?<=p)(?:\.|p\.|ages?\b)|(?<=[Vv])ol|(?<=D)ocument\b)")
VOLUME_ID_RE = re.compile(r"^(?P<base>frus\d{4}(?:-\d{2,4})?[A-Za-z]*?)(?:v(?P<v>\d+))?(?:p(?P<p>\d+))?$")


def volume_id(year, year2, sub, supp, vol, pt) -> str:
    base = "frus" + year
    if year2:
        base += "-" + year2[-2:]
    if sub:
        s = sub.lower()
        if "paris" in s:
            base += "Paris"
        elif "lansing" in s:
            base = "frus1914-20"
        elif "russia" in s:
            base += "Russia"
        elif "japan" in s:
            base += "Japan"
    if supp:
        base += "Supp%02d" % number(supp)
        if not vol:
            base += "v01"
    if vol:
        base += "v%02d" % number(vol)
    if pt:
        base += "p%d" % number(pt)
    return base


class _Context:
    """What a citation can lean on: the volume being encoded, the citation before."""

    def __init__(self, volume: str | None, first_page: int | None):
        self.volume = volume
        self.first_page = first_page
        self.last = None  # (volume id or "" for this volume, parts dict)
        self.untagged = 0

    def here(self, page: int) -> str:
        """Target prefix for a page of the volume being encoded."""
        m = VOLUME_ID_RE.match(self.volume or "")
        if m and m.group("p") and int(m.group("p")) > 1 and self.first_page:
            part = int(m.group("p"))
            if page < self.first_page * (part - 1) / part:
                return "%s%sp%d" % (m.group("base"), "v" + m.group("v") if m.group("v") else "", part - 1)
        return ""

    def relative(self, vol: str, pt: str | None) -> str | None:
        m = VOLUME_ID_RE.match(self.volume or "")
        if not m:
            return None
        out = m.group("base") + "v%02d" % number(vol)
        if pt:
            out += "p%d" % number(pt)
        return out


SMALL_WORDS = {"of", "the", "and", "on", "in", "for", "de", "du", "la", "le", "des", "to", "a", "an", "at"}
LEADING_RE = re.compile(r"^\W*(?:(?:see|also|cf\.|printed|quoted|in|and)\s+)*", re.I)


def _titled(clause: str) -> bool:
    """Whether the words just before a page number name a publication: the last phrase
    before it is in title case ("The American Passport", "Proceedings of the London
    Naval Conference") and names no document of the kind FRUS prints."""
    last = re.split(r"[,:]\s*(?=[^,:]*$)", clause.rstrip(" ,"))[-1]
    last = LEADING_RE.sub("", last.strip())
    words = [w for w in re.findall(r"[\w’'.-]+", last) if w.lower() not in SMALL_WORDS]
    if len(words) < 2 or any(w[0].isdigit() for w in words):
        return False
    if re.search(r"\b(telegram|despatch|dispatch|note|instruction|letter|memorandum|footnote|ante|post|"
                 r"Ambassador|Minister|Secretary|Chargé|Consul|Department)\b", last, re.I):
        return False
    return all(w[0].isupper() for w in words)


def _ibid(ctx: _Context, vol: str | None) -> str | None:
    """The volume "ibid." means: the one cited before, or another volume of its series."""
    if ctx.last is None:
        return None
    if not vol:
        return ctx.last
    prev = VOLUME_ID_RE.match(ctx.last or ctx.volume or "")
    return prev.group("base") + "v%02d" % number(vol) if prev else None


def _tag(text, start, end, target):
    text.add_span(start, end, "ref", target=target)


def _scan(text, ctx: _Context) -> None:
    s = text.text
    if not HINT_RE.search(s):
        return  # no page, volume or document named: nothing to read
    taken = []

    def free(a, b):
        return all(b <= x or a >= y for x, y in taken)

    hits = []
    unknown = []  # citations whose target cannot be known: left untagged, counted once
    for m in FULL_RE.finditer(s):
        g = m.groupdict()
        series = g["series"]
        if series.lower().startswith("ibid"):
            if g["year"]:
                vid = volume_id(g["year"], g["year2"], g["sub"] or g["subb"], g["supp"], g["vol"], g["pt"])
            elif g["vol"] and (number(g["vol"]) or 99) > 20:
                continue  # "ibid., vol. xcvii": a treaty series, not FRUS
            else:
                vid = "ibid"  # resolved against the citation before it, in reading order
        else:
            if not g["year"] and not g["sub"] and not g["subb"]:
                continue
            if not g["year"]:
                if (g["sub"] or g["subb"] or "").lower().endswith("lansing papers"):
                    vid = volume_id("1914", "1920", "lansing", None, g["vol"], g["pt"])
                else:
                    unknown.append((m.start(), m.end("page")))
                    continue
            else:
                vid = volume_id(g["year"], g["year2"], g["sub"] or g["subb"], g["supp"], g["vol"], g["pt"])
        hits.append((m.start(), m.end("page"), vid, m))
    for m in VOLREL_RE.finditer(s):
        if any(a <= m.start() < b for a, b, *_ in hits):
            continue
        if OTHER_PUB_RE.search(s[max(0, m.start() - 90):m.start()]):
            continue
        before = s[:m.start()].rstrip(" ,")
        if not (before == "" or before[-1] in "(;[”" or re.search(
                r"(\d|[ap]\.\s?m\.|noon|midnight|\b[Ss]ee|\balso|\bin|\bante|\bpost|\bprinted|\band|ff\.|\bcf\.)$", before, re.I)):
            continue  # "Tratados y Convenciones, vol. vi": another publication
        if number(m.group("vol")) is None or number(m.group("vol")) > 20:
            continue
        vid = ctx.relative(m.group("vol"), m.group("pt"))
        if vid is None:
            unknown.append((m.start(), m.end("page")))
            continue
        hits.append((m.start(), m.end("page"), vid, m))
    for m in PAGE_RE.finditer(s):
        if any(a <= m.start() < b for a, b, *_ in hits) or any(a <= m.start() < b for a, b in unknown):
            continue
        if OTHER_PUB_RE.search(s[max(0, m.start() - 90):m.start()]):
            continue
        if re.search(r"\b(of|in)\s+(the\s+)?$|\bvol[.,]?\s*[ivxlc\d]+,?\s*$", s[max(0, m.start() - 20):m.start()], re.I):
            continue
        if OF_OTHER_RE.match(s, m.end()) or re.search(r"\b(bottom|top|line|paragraph)\s*(of\s*)?(on\s*)?$",
                                                      s[max(0, m.start() - 20):m.start()]):
            continue  # "page 2 of your despatch": a page of another paper
        clause = re.split(r"[(;\[]", s[max(0, m.start() - 160):m.start()])[-1]
        if not FRUS_CONTEXT_RE.search(clause) and not re.fullmatch(r"\W*", clause):
            continue  # no sign of a document of this volume
        if _titled(clause):
            continue  # "see The American Passport, page 155": another publication
        if ctx.volume is None:
            unknown.append((m.start(), m.end("page")))
            continue
        hits.append((m.start(), m.end("page"), None, m))
    for m in DOC_RE.finditer(s):
        if ctx.volume is None:
            continue
        hits.append((m.start(), m.end(), "doc", m))
    ctx.untagged += len(unknown)
    hits.sort(key=lambda h: h[0])
    prev_end, prev_prefix = None, None
    for start, end, vid, m in hits:
        if not free(start, end):
            continue
        if vid is None and prev_end is not None and prev_prefix and re.fullmatch(
                r"\s*(ff\.)?\s*(,|;|and|,\s*and)\s*", s[prev_end:start]):
            vid = prev_prefix  # "Foreign Relations, 1915, pp. 20 ff. and p. 1310"
        if vid == "doc":
            _tag(text, start, end, "#d" + m.group("doc"))
            taken.append((start, end))
            continue
        if vid == "ibid":
            vid = _ibid(ctx, m.group("vol"))
            if vid is None:
                ctx.untagged += 1
                continue
        if not m.group("page").isdigit():  # a roman page of the front matter: "p. xviii"
            _tag(text, start, end, "%s#pg_%s" % (vid, m.group("page")))
            taken.append((start, end))
            ctx.last = vid
            continue
        page = int(m.group("page"))
        if vid is None:
            prefix = ctx.here(page)
            ctx.last = prefix
        else:
            prefix = vid
            ctx.last = vid
        _tag(text, start, end, "%s#pg_%d" % (prefix, page))
        taken.append((start, end))
        pos = end
        while True:
            more = MORE_RE.match(s, pos)
            if not more:
                break
            p2 = int(more.group("page"))
            if p2 < page and more.group("sep").strip() in ("–", "-") and len(more.group("page")) < len(str(page)):
                # "pp. 1086–88": an abbreviated range end
                p2 = int(str(page)[:len(str(page)) - len(more.group("page"))] + more.group("page"))
            if abs(p2 - page) > 2000:
                break
            pre = prefix if vid is not None else ctx.here(p2)
            _tag(text, more.start("page"), more.end("page"), "%s#pg_%d" % (pre, p2))
            taken.append((more.start("page"), more.end("page")))
            pos = more.end()
            page = p2
        prev_end, prev_prefix = pos, prefix
        if vid is not None and vid != "doc":
            cont = CONT_RE.match(s, pos)
            base = VOLUME_ID_RE.match(prefix)
            if cont and base and free(cont.start("year"), cont.end("page")):
                g = cont.groupdict()
                vid2 = volume_id(g["year"], None, g["subb"], g["supp"], g["vol"], g["pt"])
                # after the current hit, so the loop still reaches it
                bisect.insort(hits, (cont.start("year"), cont.end("page"), vid2, cont), key=lambda h: h[0])


def recognise(doc: Document) -> int:
    """Tag references in body and footnotes, in reading order; returns how many were left
    untagged because their target could not be known."""
    first_page = None
    for t in doc.texts():
        for a in t.anchors:
            if a.kind == "pb" and a.n.isdigit():
                first_page = int(a.n) - 1
                break
        if first_page:
            break
    ctx = _Context(doc.volume, first_page)
    # reading order: a footnote is read where its marker stands
    for b in doc.blocks:
        # a source note's own text cites nothing, but a footnote on it may
        _scan_with_notes(b.body, ctx, scan_self=b.kind != "source")
    for fn in doc.footnotes:
        if fn.place == "end":
            _scan(fn.body, ctx)
    doc.refs_untagged = ctx.untagged
    return ctx.untagged


def _scan_with_notes(text, ctx, scan_self=True):
    if scan_self:
        _scan(text, ctx)
    for a in text.anchors:
        if a.kind == "note" and a.footnote is not None and a.footnote.place != "end":
            _scan_with_notes(a.footnote.body, ctx)
