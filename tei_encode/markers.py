"""Footnote markers: tell them from numbers that belong to the text.

A marker is glued to the text where its note belongs (``Lie’s1``, ``Lavrentiev,5``,
``recommendation.6``, ``communicationa``, ``Paris*``).  The footnote list says how many
markers there are; the notes are numbered in sequence.  Among all the candidates in the
body we choose, by dynamic programming, the ones whose values best make such a sequence
(``7, 8, 9``; repeats ``25, 25``; insertions ``21a``; restarts at ``1`` where numbering
runs by page; symbols ``*``, ``†``), matched in order to the footnote lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Anchor, Document
from .structure import is_source_line

# a marker: digits (with an optional letter: 19a), a symbol, or a lone letter after punctuation
_TERM = r"(?=$|[\s.,;:)\]’”“‘—–!?]|\[)"
_NOT_BEFORE = r"[^\s\d(\[/\-–—$£#%+=<>&“‘]"
# digits (19a) or a symbol, glued to what precedes.  Each pattern starts with a character
# class, so that the scan skips quickly to the places worth trying (Python's re does so
# only for a leading class or literal, not for a look-ahead or an alternation of classes)
DIGIT_CAND_RE = re.compile(
    r"[\d*†‡¶§](?:(?<=" + _NOT_BEFORE + r"\d)\d{0,2}[a-d]?|(?<=" + _NOT_BEFORE + r"[*†‡¶§]))" + _TERM)
# a lone letter after punctuation: "Paris,a"
PUNCT_LETTER_RE = re.compile(r"[.,;:’”)\]]([a-h])" + _TERM)
# letter markers glued to a word: "communicationa", "memoranduma", "pagesa"
_LETTER_TERM = r"(?=$|[\s.,;:)\]’”—!?])"
LETTER_RE = re.compile(r"[ab]" + _LETTER_TERM + r"(?:(?<=[a-zà-öø-ÿāēīōū]{3}.)|(?<=\s\d.)|(?<=\s\d\d.)|(?<=\s\d\d\d.))")
MONEY_BEFORE_RE = re.compile(
    r"(?:[$£€¥]\s?[\d,]*|\b(?:yen|taels?|francs?|pesos?|rubles?|roubles?|marks?|dollars?|pounds?|lire|"
    r"gold|silver|sucres?|bolivianos?|soles?|colones?|lempiras?|cents?|piasters?|kroner?|crowns?|"
    r"per cent|percent)\s[\d,]*|(?<![\d.])0)\d*$")
WORD_END_RE = re.compile(r"[^\W\d_]+$|\d+$")
YEAR_END_RE = re.compile(r"(?<!\d)\d{4}$")
TIME_AFTER_RE = re.compile(r"\s?(?:[ap]\.\s?m\b|o[’']clock)")
# last resort, when too few candidates: a marker glued to a number ("Your 13591" = 1359 + 1)
NUMBER_END_RE = re.compile(r"(?<![\d.,/\-–])(\d{2,6})(?=$|[\s,;:)\]’”—–!?]|\.(?!\d))")
# (year: "19303" is 1930 + marker 3; a month and day: "May 2185" is 21 + 85); the year's
# first digit and the month's first letter are matched before the groups
GLUED_TO_NUMBER_RE = re.compile(
    r"[1JFMASOND](?<![\w].)(?:(?<=1)(?P<year>[6-9]\d\d)(?P<ym>[1-9]\d{0,2})"
    r"|(?:(?<=J)(?:anuary|une|uly)|(?<=F)ebruary|(?<=M)(?:arch|ay)|(?<=A)(?:pril|ugust)|(?<=S)eptember"
    r"|(?<=O)ctober|(?<=N)ovember|(?<=D)ecember)"
    r" (?P<daym>(?:[1-9]|[12]\d|3[01])[1-9]\d{0,2}))"
    r"(?=$|[\s.,;:)\]’”—–!?]|\[)")
COMMON_A_WORDS = set("""area idea via era data formula agenda dogma comma quota extra drama camera
opera media criteria phenomena memoranda addenda errata stamina vista visa sofa replica propaganda
militia mania hernia umbrella cholera malaria influenza gala plaza veranda china dilemma stigma
schema trauma enigma diploma villa pagoda guerrilla flotilla armada junta hacienda siesta fiesta
mica soda tuna cobra llama lava larva nebula antenna hyena arena aroma asthma bandana banana
cinema corolla cornea gondola gorilla lira mantra panorama paranoia pizza polka stanza toga
tundra vodka yoga zebra algebra aorta ballerina cafeteria magnolia mafia sonata viola ultra
alumna persona regalia strata curricula ova sera rota tiara bona etcetera hacienda cedula junta
fazenda pagoda gala subpoena etcetera cetera vista quota""".split())
CAPITAL_STEMS = re.compile(r"(?:s|tion|ment|um|ed|er)$")
LIKELY_STEMS = re.compile(r"(tion|sion|ment|um|ed|er|or|s|ing|ence|ance|ity|ty|ch|al|ly|ent|ant|ic|ive|py|ay|ey|st|ct|pt)$")


@dataclass
class Candidate:
    block: int  # index into doc.blocks
    start: int
    end: int
    raw: str
    num: int | None
    suffix: str
    prior: float
    before: str = ""  # the character the marker is glued to


def _value(raw: str) -> tuple[int | None, str]:
    m = re.fullmatch(r"(\d+)([a-d]?)", raw)
    if m:
        return int(m.group(1)), m.group(2)
    return None, raw


def _candidates(doc: Document, letters: bool) -> list:
    out = []
    for bi, block in enumerate(doc.blocks):
        if block.kind == "pb":
            continue
        text = block.body.text
        found = [(m.group(0), m.start(), m.end()) for m in DIGIT_CAND_RE.finditer(text)]
        found += [(m.group(1), m.start(1), m.end(1)) for m in PUNCT_LETTER_RE.finditer(text)]
        for token, start, end in found:
            before = text[start - 1]
            if TIME_AFTER_RE.match(text, end):
                continue  # "7.45 a.m."
            num, suffix = _value(token)
            prior = 0.0
            if before == "." and (start < 2 or text[start - 2].isspace()):
                continue  # ".60 per picul": a decimal written without its nought
            if before in "’'" and num is not None and (start < 2 or text[start - 2] in " –-—"):
                continue  # "1860–’61": a year cut short
            if num is not None and before in ".,:" and start >= 2 and text[start - 2].isdigit():
                # "1934,47" is a marker, "1,000", "3.52", "10:30" are not (a symbol is: "1866.*")
                if token.startswith("0") or (len(token) == 3 and token.isdigit() and before == ","):
                    continue
                if before == "." and MONEY_BEFORE_RE.search(text, max(0, start - 40), start - 1):
                    continue  # "$3.50", "yen 139.31", "0.12": a decimal
                year = YEAR_END_RE.search(text, max(0, start - 6), start - 1)
                prior = 0.0 if (year and before == ",") else (-1.2 if before in ".:" else -0.7)
            if num is None and suffix.isalpha():
                prior = -0.8
            if num is not None and num > 300:
                prior = -1.5
            if bi == 0 and num is not None and is_source_line(text, first=True):
                prior -= 2.0  # a file number: 462.00R296/3456
            out.append(Candidate(bi, start, end, token, num, suffix, prior))
        for m in GLUED_TO_NUMBER_RE.finditer(text):
            # a marker glued to a year ("19303") or a day ("May 2185")
            if m.group("year"):
                out.append(Candidate(bi, m.start("ym"), m.end("ym"), m.group("ym"), int(m.group("ym")), "", -0.4))
            else:
                digits = m.group("daym")
                if int(digits) <= 31:
                    continue
                for cut in (1, 2):
                    day, mark = digits[:cut], digits[cut:]
                    if mark and not mark.startswith("0") and 1 <= int(day) <= 31 and len(mark) <= 3:
                        out.append(Candidate(bi, m.start("daym") + cut, m.end("daym"), mark, int(mark), "", -0.8 + 0.2 * cut))
        if letters:
            for m in LETTER_RE.finditer(text):
                letter = m.group(0)
                found_word = WORD_END_RE.search(text, max(0, m.start() - 40), m.start())
                if not found_word:
                    continue
                word = found_word.group(0)
                if word.isdigit():
                    prior = -0.5  # "No. 42a", "article 163b"
                else:
                    if word.lower() + letter in COMMON_A_WORDS:
                        continue  # "idea": a word, not a marker
                    if word[0].isupper():
                        if not CAPITAL_STEMS.search(word):
                            continue  # "Bolivia", "America": a name, not a marker
                        prior = -1.6  # "Affairesa"
                    else:
                        prior = -0.6 if LIKELY_STEMS.search(word) else -1.6
                out.append(Candidate(bi, m.start(), m.end(), letter, None, letter, prior))
    for c in out:
        c.before = doc.blocks[c.block].body.text[c.start - 1] if c.start else ""
    out.sort(key=lambda c: (c.block, c.start))
    return out


def _number_splits(doc: Document, have: list) -> list:
    """Candidates made by cutting the last digits off a number: "Your 13591" → 1359 + 1."""
    taken = {(c.block, c.end) for c in have}
    out = []
    for bi, block in enumerate(doc.blocks):
        text = block.body.text
        if bi == 0 and is_source_line(text, first=True):
            continue  # a file number: 861.51/180
        for m in NUMBER_END_RE.finditer(text):
            if (bi, m.end()) in taken or TIME_AFTER_RE.match(text, m.end()):
                continue
            digits = m.group(1)
            if re.fullmatch(r"1[6-9]\d\d|20\d\d", digits):
                continue  # a year is more often a year than a year-less number with a marker
            for cut in (1, 2):
                mark = digits[-cut:]
                if len(digits) - cut >= 1 and not mark.startswith("0"):
                    c = Candidate(bi, m.end() - cut, m.end(), mark, int(mark), "", -2.0 - 0.3 * cut)
                    c.before = text[c.start - 1]
                    out.append(c)
    return out


def _step(prev: Candidate | None, cur: Candidate) -> float:
    """How well cur follows prev as the next footnote marker."""
    if cur.num is None:
        if prev is not None and prev.num is None and cur.raw == prev.raw:
            return 0.6
        return 0.3
    if prev is None:
        return 0.3 if cur.num == 1 else 0.0
    if prev.num is None:
        return 0.0
    d = cur.num - prev.num
    if d == 1:
        return 2.0 if not cur.suffix else 1.0
    if d == 0:
        if cur.suffix > prev.suffix:
            return 2.0
        return 0.6
    if cur.num == 1:
        return 0.5
    if 2 <= d <= 4:
        return -0.8 * (d - 1)
    return -4.0


def _choose(cands: list, k: int) -> list:
    """Pick k candidates, in order, that best form a numbered sequence."""
    m = len(cands)
    if k <= 0 or m == 0:
        return []
    if m <= k:
        return list(range(m))
    NEG = float("-inf")
    window = 80
    # score[j][i]: best total with cands[i] as the (j+1)-th marker
    score = [[NEG] * m for _ in range(k)]
    back = [[-1] * m for _ in range(k)]
    for i in range(m - k + 1):
        score[0][i] = cands[i].prior + _step(None, cands[i])
    for j in range(1, k):
        row, prev_row = score[j], score[j - 1]
        for i in range(j, m - (k - 1 - j)):
            best, arg = NEG, -1
            ci = cands[i]
            for p in range(max(j - 1, i - window), i):
                s = prev_row[p]
                if s == NEG or (cands[p].block == ci.block and cands[p].end > ci.start):
                    continue  # unreachable, or the same characters read two ways
                s += _step(cands[p], ci)
                if s > best:
                    best, arg = s, p
            if arg >= 0:
                row[i] = best + ci.prior
                back[j][i] = arg
    last = max(range(m), key=lambda i: score[k - 1][i])
    if score[k - 1][last] == NEG:
        return list(range(k))
    chosen = [last]
    for j in range(k - 1, 0, -1):
        chosen.append(back[j][chosen[-1]])
    return chosen[::-1]


SOURCE_NOTE_RE = re.compile(r"\W{0,2}Source:\s")


def _source_note(doc: Document):
    """Later volumes give a document's source ("Source: Department of State, Central Files,
    …") as the first note, on the heading: (first block, the note), or None."""
    first = next((i for i, b in enumerate(doc.blocks) if b.kind != "pb"), None)
    if first is None or not doc.footnotes or not SOURCE_NOTE_RE.match(doc.footnotes[0].body.text):
        return None
    return first, doc.footnotes[0]


def resolve(doc: Document) -> None:
    """Match the footnote lines to markers, take the markers out, leave note anchors."""
    notes = doc.footnotes
    source = _source_note(doc)
    cands = _candidates(doc, letters=False)
    if source is not None:
        first, fn = source
        fn.source = True
        end = len(doc.blocks[first].body.text)
        if not any(c.block == first and c.end == end for c in cands):
            # no marker ends the heading: the note stands unnumbered at its end
            notes = notes[1:]
            fn.anchored = True
            doc.blocks[first].body.anchors.append(Anchor(end, "note", "", footnote=fn, seq=end))
    k = len(notes)
    if k and len(cands) < k or (k and not any(c.num is not None for c in cands)):
        cands = _candidates(doc, letters=True)
    if k and len(cands) < k:
        cands = sorted(cands + _number_splits(doc, cands), key=lambda c: (c.block, c.start))
    picked = []
    for i in _choose(cands, k):  # never two markers over the same characters
        c = cands[i]
        if picked and picked[-1].block == c.block and picked[-1].end > c.start:
            continue
        picked.append(c)
    # take markers out, last first so earlier offsets stay right
    for note_i, cand in sorted(enumerate(picked), key=lambda x: (x[1].block, x[1].start), reverse=True):
        text = doc.blocks[cand.block].body
        text.text = text.text[:cand.start] + text.text[cand.end:]
        width = cand.end - cand.start
        for a in text.anchors:
            if a.pos > cand.start:
                a.pos -= width
        fn = notes[note_i]
        fn.n, fn.anchored = cand.raw, True
        text.anchors.append(Anchor(cand.start, "note", cand.raw, raw=cand.raw, footnote=fn, seq=cand.start))
    for text in (b.body for b in doc.blocks):
        text.anchors.sort(key=lambda a: (a.pos, a.seq))
    _check_numbering(doc, picked, cands)
    _assign_ids(doc)


def _check_numbering(doc: Document, picked: list, cands: list) -> None:
    for fn in doc.footnotes:
        if not fn.anchored:
            doc.warn(f"footnote {fn.index + 1} (line {fn.body.line}) has no marker in the text: "
                     "placed at the end of the body")
    prev = None
    for c in picked:
        if prev is not None and c.num is not None and prev.num is not None:
            if c.num - prev.num > 1:
                doc.warn(f"footnote numbering jumps from {prev.raw} to {c.raw} "
                         f"(line {doc.blocks[c.block].body.line})")
            elif c.num == prev.num and c.suffix == prev.suffix:
                doc.warn(f"footnote marker {c.raw} used twice (line {doc.blocks[c.block].body.line})")
        prev = c
    chosen = {(c.block, c.start) for c in picked}
    expect = picked[-1].num + 1 if picked and picked[-1].num is not None else None
    for c in cands:
        if (c.block, c.start) in chosen or c.suffix or c.num is None:
            continue
        glued = c.before.islower()
        if not (c.num == expect or (not picked and glued and c.num <= 300)):
            continue
        if picked and (c.block, c.start) < (picked[-1].block, picked[-1].start):
            continue
        if c.before.isalpha() or c.before in ".,;’”":
            doc.warn(f"'{c.raw}' after '{c.before}' (line "
                     f"{doc.blocks[c.block].body.line}) looks like a footnote marker but has no "
                     "footnote line: kept as text")
            break


def _assign_ids(doc: Document) -> None:
    seen = set()
    for i, fn in enumerate(doc.footnotes):
        if fn.source and fn.anchored and not fn.n:
            continue  # an unnumbered source note: no marker, no id, as the Office has it
        n = fn.n if re.fullmatch(r"[A-Za-z0-9]+", fn.n or "") else str(i + 1)
        xml_id = f"{doc.doc_id}fn{n}"
        k = 2
        while xml_id in seen:
            xml_id = f"{doc.doc_id}fn{n}-{k}"
            k += 1
        seen.add(xml_id)
        fn.xml_id = xml_id
        if not fn.n:
            fn.n = str(i + 1)
