"""Recognise datelines: the place and the date, with ``date/@when`` in ISO 8601.

``Santiago, February 21, 1934—7 p.m. [Received 8:50 p.m.]`` gives
``<placeName>Santiago</placeName>, <date when="1934-02-21T19:00:00">February 21, 1934—7
p.m.</date>. [Received 8:50 p.m.]``, as the Office of the Historian encodes it.
"""
from __future__ import annotations

import re

from .model import Document

MONTH_NUM = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12}
MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
TIME = (r"(?:\s*\[\d{4}\])?"  # "January 3, 1924 [1925]": the printed year is kept
        r"(?:\s*[—–,-]\s*(?P<time>(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>[ap])\.\s?m\.?|(?:12\s+)?noon"
        r"|(?:12\s+)?midnight))?")
DATE_RE = re.compile(
    r"(?:" + MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:[–-]\d{1,2})?,?(?:\s*\(\d{1,2},?\))?\s+(?P<year>1[5-9]\d\d|20\d\d)"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+" + MONTH.replace("month", "month2") + r",?\s+(?P<year2>1[5-9]\d\d|20\d\d)"
    r"|" + MONTH.replace("month", "month3") + r",?\s+(?P<year3>1[5-9]\d\d|20\d\d))" + TIME)


def month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTH_NUM.get(key) or ABBR[key]


def parse(text: str):
    """Find the first date in text: (start, end, when) or None."""
    m = DATE_RE.search(text)
    if not m:
        return None
    g = m.groupdict()
    if g["year3"]:
        when = "%s-%02d" % (g["year3"], month_number(g["month3"]))
    else:
        year = g["year"] or g["year2"]
        month = month_number(g["month"] or g["month2"])
        day = int(g["day"] or g["day2"])
        if not 1 <= day <= 31:
            return None
        when = "%s-%02d-%02d" % (year, month, day)
        t = g["time"]
        if t:
            if t.endswith("noon"):
                h, mi = 12, 0
            elif t.endswith("midnight"):
                h, mi = 0, 0
            else:
                h, mi = int(g["h"]), int(g["m"] or 0)
                if h > 12 or mi > 59:
                    return m.start(), m.end(), when  # not a time of day: the date alone
                if g["ampm"] == "p" and h != 12:
                    h += 12
                if g["ampm"] == "a" and h == 12:
                    h = 0
            when += "T%02d:%02d:00" % (h, mi)
    end = m.end()
    return m.start(), end, when


def recognise(doc: Document) -> None:
    """Tag placeName and date in every dateline."""
    for block in doc.blocks:
        if block.kind != "dateline":
            continue
        text = block.body
        found = parse(text.text)
        if not found:
            und = re.search(r"\bundated\b", text.text)
            if und:
                text.add_span(und.start(), und.end(), "date")
            continue
        start, end, when = found
        text.add_span(start, end, "date", when=when)
        place = text.text[:start].rstrip(" ,")
        lead = len(place) - len(place.lstrip("[“\"( "))
        if place.strip("[“\"( ,"):
            text.add_span(lead, len(place), "placeName")
