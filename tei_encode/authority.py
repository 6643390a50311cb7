"""Person authorities to link against: TEI ``listPerson``, a FRUS "List of Persons", or CSV.

* TEI: ``<person xml:id="…"><persName>…</persName>…</person>`` (``forename``/``surname``
  used where given; ``note``/``occupation`` as the description)
* FRUS: ``<item><persName xml:id="p_…">Surname, Forenames</persName>, description</item>``
* CSV: a header row ``id,name,description``; ``name`` as ``Surname, Forenames`` or
  ``Forenames Surname``.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def fold(s: str) -> str:
    """Case- and accent-free form of a name, for matching."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")


@dataclass
class Entry:
    """One person: of an authority, or of the persons a document names."""

    xml_id: str
    surname: str
    forenames: str = ""
    title: str = ""
    description: str = ""
    names: list = field(default_factory=list)  # the forms the document uses
    external: bool = False  # from a --persons authority

    @property
    def initials(self) -> str:
        return "".join(w[0].lower() for w in re.findall(r"[A-Za-z][\w’']*", self.forenames))


class Authority:
    """Entries by folded surname."""

    def __init__(self, entries):
        self.entries = list(entries)
        self.by_surname = {}
        for e in self.entries:
            for key in surname_keys(e.surname):
                self.by_surname.setdefault(key, []).append(e)

    def lookup(self, surname: str, forenames: str = "") -> Entry | None:
        cands = self.by_surname.get(fold(surname), [])
        if len(cands) <= 1 or not forenames:
            return cands[0] if cands else None
        ini = "".join(w[0].lower() for w in re.findall(r"[A-Za-z][\w’']*", forenames))
        for e in cands:
            if e.initials.startswith(ini) or fold(e.forenames).startswith(fold(forenames)):
                return e
        return cands[0]


def surname_keys(surname: str):
    keys = {fold(surname)}
    parts = surname.split()
    if len(parts) > 1:  # "de Martens" → also "martens"
        keys.add(fold(parts[-1]))
    return keys


def split_name(text: str):
    """(title, forenames, surname) of "Surname, Forenames" or "Forenames Surname"."""
    text = " ".join(text.split()).strip(" ,.")
    from nameparser import HumanName  # only when an authority is read (60 ms to import)

    h = HumanName(text)
    forenames = " ".join(x for x in (h.first, h.middle) if x)
    return h.title, forenames, h.last or text


def _from_tei(root) -> list:
    out = []
    persons = root.iter("{%s}person" % TEI_NS)
    for p in persons:
        pid = p.get(XML_ID)
        pn = p.find("{%s}persName" % TEI_NS)
        if not pid or pn is None:
            continue
        sur = pn.findtext("{%s}surname" % TEI_NS)
        fore = " ".join(x.text or "" for x in pn.findall("{%s}forename" % TEI_NS)).strip()
        if not sur:
            _, fore, sur = split_name("".join(pn.itertext()))
        desc = " ".join("".join(x.itertext()) for x in p if etree.QName(x).localname in ("note", "occupation", "roleName"))
        out.append(Entry(pid, sur.strip(), fore, "", " ".join(desc.split())))
    if out:
        return out
    # FRUS list of persons: persName[@xml:id] inside items
    for pn in root.iter("{%s}persName" % TEI_NS):
        pid = pn.get(XML_ID)
        if not pid:
            continue
        title, fore, sur = split_name("".join(pn.itertext()))
        desc = (pn.tail or "")
        for sib in pn.itersiblings():
            desc += "".join(sib.itertext()) + (sib.tail or "")
        desc = " ".join(desc.split()).lstrip(",; ").strip()
        out.append(Entry(pid, sur, fore, title, desc))
    return out


def load_authority(path) -> Authority:
    path = Path(path)
    if path.suffix.lower() == ".csv":
        entries = []
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                if not row.get("id") or not row.get("name"):
                    continue
                title, fore, sur = split_name(row["name"])
                entries.append(Entry(row["id"].strip(), sur, fore, title, (row.get("description") or "").strip()))
        return Authority(entries)
    root = etree.parse(str(path), PARSER).getroot()
    entries = _from_tei(root)
    if not entries:
        raise ValueError(f"{path}: no persons found (expected TEI listPerson, a FRUS list of persons, or CSV)")
    return Authority(entries)
