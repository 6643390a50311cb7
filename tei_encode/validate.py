"""Check: validate TEI files against RELAX NG, W3C XSD or ISO Schematron.

Verdicts are jing's: the grammar is TEI's own, cut down per document to the element
names it uses (which cannot change a verdict: a pattern for an element that does not occur
can match nothing), so it compiles in milliseconds instead of seconds.  The profile also
runs the project's Schematron rules.  Parsing is safe on hostile XML: no DTD loading, no
entity expansion, no network.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from dataclasses import dataclass, field

from lxml import etree

from . import grammar

# embedded (ODD Schematron), lxml.isoschematron, concurrent.futures and xml.sax.saxutils are
# imported where they are used: encode, which validates each output, needs none of them

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                         huge_tree=False, remove_blank_text=False)


@dataclass
class FileResult:
    path: str
    valid: bool
    errors: list = field(default_factory=list)  # dicts: line, column, message
    warnings: list = field(default_factory=list)  # the same, from embedded Schematron


def _err(line, col, msg):
    return {"line": int(line or 0), "column": int(col or 0), "message": " ".join(str(msg).split())}


def parse_safely(path: str):
    """Parse a file refusing DTD entities (billion laughs, external entities) outright."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    if b"<!ENTITY" in head or b"<!DOCTYPE" in head and b"SYSTEM" in head:
        raise ValueError("refused: the document declares entities or an external DTD "
                         "(entity expansion and external resources are not allowed)")
    return etree.parse(path, PARSER)


def used_elements(tree) -> frozenset:
    return frozenset(etree.QName(e).localname for e in tree.iter() if isinstance(e.tag, str))


def used_attributes(tree) -> frozenset:
    """Attribute local names, as "@name" (what an embedded Schematron context may need)."""
    return frozenset("@" + etree.QName(a).localname for e in tree.iter() if isinstance(e.tag, str) for a in e.attrib)


@dataclass
class _Schema:
    path: str
    kind: str  # rng, xsd, sch
    schematron: object = None


_SCH_CACHE = {}


def _schematron(path: str):
    key = (path, grammar.digest_of(path))
    if key not in _SCH_CACHE:
        from lxml import isoschematron

        _SCH_CACHE[key] = isoschematron.Schematron(etree.parse(path, PARSER), store_report=True)
    return _SCH_CACHE[key]


_XSD_CACHE = {}


def _xsd(path: str):
    key = (path, grammar.digest_of(path))
    if key not in _XSD_CACHE:
        _XSD_CACHE[key] = etree.XMLSchema(etree.parse(path, PARSER))
    return _XSD_CACHE[key]


def schema_for(name: str) -> _Schema:
    path = grammar.resolve(name)
    kind = path.suffix.lstrip(".").lower()
    if kind not in ("rng", "xsd", "sch"):
        raise ValueError(f"{path}: schema must be .rng, .xsd or .sch")
    s = _Schema(str(path), kind)
    if kind == "rng":
        sch = path.with_suffix(".sch")
        if sch.exists():
            s.schematron = str(sch)
    return s


def validate_tree(tree, schema: str = "profile") -> list:
    """Errors of one parsed document against a schema name or path ([] when valid)."""
    return _validate(tree, schema_for(schema))


def validator(schema: str = "profile"):
    """A function validating one tree after another against schema, compiled once (what a
    batch uses: no schema lookups per document).  The profile's own rules are checked by
    ``profile_rules`` rather than by running its Schematron (the same verdicts, five times
    faster)."""
    s = schema_for(schema)
    if s.kind == "rng" and grammar.is_large(s.path):
        return lambda tree: _validate(tree, s)  # cut down per document
    rng = grammar.relaxng(s.path) if s.kind == "rng" else None
    xsd = _xsd(s.path) if s.kind == "xsd" else None
    sch_path = s.path if s.kind == "sch" else s.schematron
    native = sch_path is not None and Path(sch_path).resolve() == PROFILE_RULES
    sch = _schematron(sch_path) if sch_path and not native else None

    def check(tree) -> list:
        return _errors(tree, rng or xsd, sch) + (profile_rules(tree) if native else [])
    return check


PROFILE_RULES = (grammar.profile_dir() / "tei_encode.sch").resolve()
_T = {"t": "http://www.tei-c.org/ns/1.0"}
_WITH_ID = etree.XPath("//*[@xml:id]")
_LINKS_ETC = etree.XPath("//t:text//t:note[not(@type='source')] | //t:persName[@ref] | //t:pb", namespaces=_T)
_PERSON_IDS = etree.XPath("//t:person/@xml:id", namespaces=_T)
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def profile_rules(tree) -> list:
    """The rules of schemas/tei_encode.sch, checked with XPath and Python: the same
    messages, in the same order (tests/test_validate.py holds the two equal)."""
    errors = []
    elements = _WITH_ID(tree)
    counts = {}
    for el in elements:
        counts[el.get(_XML_ID)] = counts.get(el.get(_XML_ID), 0) + 1
    for el in elements:
        if counts[el.get(_XML_ID)] > 1:
            errors.append(_rule(el, f'xml:id "{el.get(_XML_ID)}" is used more than once'))
    persons = None
    for el in _LINKS_ETC(tree):
        name = el.tag.rpartition("}")[2]
        if name == "note":
            if not (el.get("n") or "").strip(" \t\r\n"):
                errors.append(_rule(el, "a footnote must have @n (its marker)"))
            if el.get(_XML_ID) is None:
                errors.append(_rule(el, "a footnote must have an xml:id"))
        elif name == "persName":
            if persons is None:
                persons = set(_PERSON_IDS(tree))
            ref = el.get("ref")
            if not (ref.startswith("#") and ref[1:] in persons):
                errors.append(_rule(el, f'persName/@ref "{ref}" points to no person in this file'))
        elif el.get("n") is None:
            errors.append(_rule(el, "a page break must have @n"))
    return errors


def _rule(el, message: str) -> dict:
    return _err(el.sourceline or 0, 0, f"schematron: {message}")


def _validate(tree, s: _Schema, keep=None) -> list:
    grammar_ = None
    if s.kind == "rng":
        # a large grammar (tei_all) is cut to the elements the document uses (or keep, a
        # superset); a small one (the profile) compiles whole in milliseconds
        if grammar.is_large(s.path):
            keep = keep if keep is not None else used_elements(tree)
        else:
            keep = None
        grammar_ = grammar.relaxng(s.path, keep=keep)
    elif s.kind == "xsd":
        grammar_ = _xsd(s.path)
    sch = None
    if s.kind == "sch" or s.schematron:
        sch = _schematron(s.path if s.kind == "sch" else s.schematron)
    return _errors(tree, grammar_, sch)


def _errors(tree, grammar_, sch) -> list:
    """Errors of tree against a compiled RELAX NG or XSD and a compiled Schematron."""
    errors = []
    if grammar_ is not None and not grammar_.validate(tree):
        errors += [_err(e.line, e.column, e.message) for e in grammar_.error_log]
    if sch is not None and not sch.validate(tree):
        rep = sch.validation_report
        for fa in rep.iter("{http://purl.oclc.org/dsdl/svrl}failed-assert"):
            text = "".join(fa.itertext()).strip()
            line = 0
            loc = fa.get("location")
            if loc:
                try:
                    hit = tree.xpath(loc)
                    line = hit[0].sourceline if hit else 0
                except etree.XPathError:
                    pass
            errors.append(_err(line, 0, f"schematron: {text}"))
    return errors


def validate_file(path: str, schema: str = "profile") -> FileResult:
    """Validate one file; unreadable or ill-formed files are invalid with one error."""
    try:
        tree = parse_safely(path)
    except (etree.XMLSyntaxError, ValueError, OSError) as exc:
        line = getattr(exc, "lineno", 0) or 0
        col = getattr(exc, "offset", 0) or 0
        msg = getattr(exc, "msg", None) or str(exc)
        if isinstance(exc, OSError):
            msg = f"cannot read: {exc.strerror or exc}"
        return FileResult(path, False, [_err(line, col, msg)])
    errs = _validate(tree, schema_for(schema))
    return FileResult(path, not errs, errs)


def _chunk(args) -> list:
    """Validate a chunk of files with one grammar: for a large grammar, the one cut down
    to the union of the elements the chunk uses (the same verdicts, one compile)."""
    from . import embedded

    paths, schema = args
    s = schema_for(schema)
    parsed, out = [], []
    for p in paths:
        try:
            parsed.append((p, parse_safely(p)))
        except (etree.XMLSyntaxError, ValueError, OSError):
            parsed.append((p, None))
    keep = None
    used = frozenset().union(*(used_elements(t) for _, t in parsed if t is not None))
    if s.kind == "rng" and grammar.is_large(s.path):
        keep = used
    sch = None
    if s.kind == "rng" and embedded.has_embedded(s.path):
        attrs = frozenset().union(*(used_attributes(t) for _, t in parsed if t is not None))
        sch = embedded.checker(s.path, used | attrs)
    for p, tree in parsed:
        if tree is None:
            out.append(validate_file(p, schema))  # says why it cannot be read or parsed
            continue
        errs = _validate(tree, s, keep=keep)
        out.append(FileResult(p, not errs, errs, embedded.check(sch, tree)))
    return out


def validate_files(paths, schema: str = "profile", jobs: int | None = None) -> list:
    """Validate many files, in parallel on all cores when there are enough of them."""
    s = schema_for(schema)  # fail early on a bad schema name
    jobs = jobs or os.cpu_count() or 1
    if s.kind == "xsd":
        # compiling TEI's XSD (seconds, in lxml; measured 3x faster than xmlschema, whose
        # per-document validation is also ~40x slower) costs more than a second core saves
        jobs = 1
    paths = [str(p) for p in paths]
    if jobs <= 1 or len(paths) < 40:
        return _chunk((paths, schema))
    n = (len(paths) + jobs - 1) // jobs
    chunks = [(paths[i:i + n], schema) for i in range(0, len(paths), n)]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as ex:
        return [r for part in ex.map(_chunk, chunks) for r in part]


def format_text(results) -> str:
    out = []
    for r in results:
        for e in r.errors:
            out.append(f"{r.path}:{e['line']}:{e['column']}: error: {e['message']}")
        for e in r.warnings:
            out.append(f"{r.path}:{e['line']}:{e['column']}: warning: {e['message']}")
    return "\n".join(out)


def embedded_note(schema: str) -> dict | None:
    """What was run of the Schematron an .rng schema embeds, for the output."""
    from . import embedded

    s = schema_for(schema)
    if s.kind != "rng" or not embedded.has_embedded(s.path):
        return None
    run, skipped = embedded.summary(s.path)
    return {"embedded_patterns_run": run, "embedded_patterns_not_run_xpath2": skipped}


def format_json(results, schema: str) -> str:
    data = {"schema": schema, "files": [
        {"path": r.path, "valid": r.valid, "errors": r.errors, "warnings": r.warnings} for r in results]}
    note = embedded_note(schema)
    if note:
        data["schematron"] = note
    return json.dumps(data, indent=1)


def format_junit(results, schema: str) -> str:
    from xml.sax.saxutils import escape, quoteattr

    failures = sum(1 for r in results if not r.valid)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuite name={quoteattr("tei-encode validate " + schema)} tests="{len(results)}" '
           f'failures="{failures}" errors="0">']
    for r in results:
        out.append(f'  <testcase classname="tei-encode.validate" name={quoteattr(r.path)}>')
        if not r.valid:
            msg = r.errors[0]["message"] if r.errors else "invalid"
            body = "\n".join(f"{e['line']}:{e['column']}: {e['message']}" for e in r.errors)
            out.append(f'    <failure message={quoteattr(msg)}>{escape(body)}</failure>')
        out.append("  </testcase>")
    out.append("</testsuite>")
    return "\n".join(out) + "\n"
