"""Check: the Schematron rules an ODD-generated RELAX NG schema carries (TEI's tei_all
embeds 90 patterns).

lxml runs ISO Schematron through XSLT 1.0, so patterns written for XPath 2 cannot be
compiled: they are counted and reported as not run.  Each pattern is one pass over the
document, so only the patterns whose rule contexts name elements the documents contain
are run (a rule whose context path needs an absent element cannot fire).  Findings are
reported as warnings: jing, the reference validator, does not run them, and the verdict
stays the grammar's.
"""
from __future__ import annotations

import copy
import re
from functools import lru_cache

from lxml import etree, isoschematron

from . import grammar

SCH = "http://purl.oclc.org/dsdl/schematron"
SVRL = "http://purl.oclc.org/dsdl/svrl"


class _Patterns:
    def __init__(self, path: str):
        root = grammar._parsed(path, grammar.digest_of(path)).getroot()
        self.ns = []
        seen = set()
        for n in root.iter("{%s}ns" % SCH):
            if n.get("prefix") not in seen:
                seen.add(n.get("prefix"))
                self.ns.append(copy.deepcopy(n))
        self.usable = []  # (pattern element, element names one of which groups must all occur)
        self.skipped = 0
        for p in root.iter("{%s}pattern" % SCH):
            try:
                isoschematron.Schematron(self._schema([p]))
            except (etree.XSLTParseError, etree.SchematronParseError, etree.XPathError):
                self.skipped += 1  # needs XPath 2
                continue
            self.usable.append((p, _needs(p)))

    def _schema(self, patterns):
        s = etree.Element("{%s}schema" % SCH, nsmap={None: SCH})
        s.set("queryBinding", "xslt")
        for n in self.ns:
            s.append(copy.deepcopy(n))
        for p in patterns:
            s.append(copy.deepcopy(p))
        return s


def _needs(pattern) -> list | None:
    """For each rule, the alternatives of element names its context path needs; None
    when some rule's context cannot be read that way (then the pattern always runs)."""
    needs = []
    for rule in pattern.iter("{%s}rule" % SCH):
        ctx = rule.get("context") or ""
        depth, out = 0, []
        for ch in ctx:  # predicates may name elements that need not exist: drop them
            depth += ch == "["
            if depth == 0:
                out.append(ch)
            depth -= ch == "]"
        alts = []
        for alt in "".join(out).split("|"):
            names = re.findall(r"tei:([A-Za-z][\w.-]*)", alt)
            if not names:
                # "tei:*[@when]": any element, but only one with that attribute
                attrs = re.findall(r"@([A-Za-z][\w.:-]*)", ctx) if alt.strip() == "tei:*" else []
                if not attrs:
                    return None
                names = ["@" + attrs[-1].split(":")[-1]]
            alts.append(frozenset(names))
        needs.append(alts)
    return needs


@lru_cache(maxsize=4)
def _patterns(path: str, digest: str) -> _Patterns:
    return _Patterns(path)


@lru_cache(maxsize=64)
def _compiled(path: str, digest: str, chosen: tuple):
    pats = _patterns(path, digest)
    # TEI writes most of its constraints as sch:report: those are findings too
    return isoschematron.Schematron(pats._schema([pats.usable[i][0] for i in chosen]), store_report=True,
                                    error_finder=isoschematron.Schematron.ASSERTS_AND_REPORTS)


def has_embedded(path: str) -> bool:
    root = grammar._parsed(path, grammar.digest_of(path)).getroot()
    return root.find(".//{%s}pattern" % SCH) is not None


def summary(path: str) -> tuple:
    """(patterns that can run, patterns that need XPath 2)."""
    pats = _patterns(path, grammar.digest_of(path))
    return len(pats.usable), pats.skipped


def checker(path: str, used: frozenset):
    """A compiled Schematron of the embedded patterns that can fire on documents whose
    elements are all in used (None when there is nothing to run)."""
    digest = grammar.digest_of(path)
    pats = _patterns(path, digest)
    chosen = []
    for i, (_, needs) in enumerate(pats.usable):
        if needs is None or any(any(alt <= used for alt in rule) for rule in needs):
            chosen.append(i)
    return _compiled(path, digest, tuple(chosen)) if chosen else None


def check(sch, tree) -> list:
    """Warnings (line, column, message) from one compiled checker on one tree."""
    if sch is None or sch.validate(tree):
        return []
    out = []
    for fa in sch.validation_report.iter("{%s}failed-assert" % SVRL, "{%s}successful-report" % SVRL):
        text = " ".join("".join(fa.itertext()).split())
        line = 0
        loc = fa.get("location")
        if loc:
            try:
                hit = tree.xpath(loc)
                line = hit[0].sourceline if hit and hasattr(hit[0], "sourceline") else 0
            except etree.XPathError:
                pass
        out.append({"line": line or 0, "column": 0, "message": f"schematron (embedded): {text}"})
    return out
