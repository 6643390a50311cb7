"""Schemas: find them, cut TEI's grammar down to what a document uses, cache compiled ones.

Compiling all of tei_all.rng takes seconds; a grammar in which every element pattern the
documents do not use is ``notAllowed`` gives the same verdicts and compiles in
milliseconds.  Compiled grammars are cached in memory, keyed by the schema's content hash
and the element names kept.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
TEI_NS = "http://www.tei-c.org/ns/1.0"
HERE = Path(__file__).resolve().parent

PROFILE_ELEMENTS = frozenset("""TEI teiHeader fileDesc titleStmt title publicationStmt authority availability
p idno sourceDesc bibl encodingDesc appInfo application label projectDesc editorialDecl profileDesc
particDesc listPerson person persName forename surname addName roleName nameLink note revisionDesc change
text body div head dateline placeName date list item closer signed lb seg pb ref hi occupation
desc""".split())

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def profile_dir() -> Path:
    """The packaged schemas folder (the repository's schemas/)."""
    for cand in (HERE / "schemas", HERE.parent / "schemas"):
        if (cand / "tei_encode.rng").exists():
            return cand
    return HERE.parent / "schemas"


def reduce_rng(tree: etree._ElementTree, keep) -> etree._ElementTree:
    """A copy of an RNG grammar with every element not named in keep made notAllowed."""
    tree = etree.ElementTree(etree.fromstring(etree.tostring(tree)))
    for el in list(tree.iter("{%s}element" % RNG_NS)):
        name = el.get("name")
        if name is None:
            continue
        local = name.split(":")[-1]
        if local not in keep:
            parent = el.getparent()
            na = etree.Element("{%s}notAllowed" % RNG_NS)
            na.tail = el.tail
            parent.replace(el, na)
    return tree


@lru_cache(maxsize=8)
def _parsed(path: str, digest: str):
    return etree.parse(path, SAFE_PARSER)


def file_digest(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


_DIGESTS = {}


def digest_of(path: str) -> str:
    st = os.stat(path)
    key = (path, st.st_mtime_ns, st.st_size)
    if key not in _DIGESTS:
        _DIGESTS[key] = file_digest(path)
    return _DIGESTS[key]


@lru_cache(maxsize=64)
def _compiled_rng(path: str, digest: str, keep):
    tree = _parsed(path, digest)
    if keep is not None:
        tree = reduce_rng(tree, keep)
    return etree.RelaxNG(tree)


def relaxng(path: str, keep=None):
    """A compiled RelaxNG for path, cut down to the element names in keep (None: whole)."""
    return _compiled_rng(path, digest_of(path), frozenset(keep) if keep is not None else None)


def grammar_elements(path: str) -> frozenset:
    """Every element name the grammar defines."""
    tree = _parsed(path, digest_of(path))
    return frozenset(el.get("name").split(":")[-1] for el in tree.iter("{%s}element" % RNG_NS) if el.get("name"))


def resolve(name: str) -> Path:
    """A schema named on the command line: profile, tei_all, tei_all.rng/.xsd, or a path."""
    if name == "profile":
        return profile_dir() / "tei_encode.rng"
    p = Path(name)
    if p.exists():
        return p
    if name in ("tei_all", "tei_all.rng", "tei_all.xsd"):
        fname = name if name.endswith((".rng", ".xsd")) else "tei_all.rng"
        dirs = []
        if os.environ.get("TEI_ENCODE_SCHEMAS"):
            dirs.append(Path(os.environ["TEI_ENCODE_SCHEMAS"]))
        dirs.append(cache_dir())
        for d in dirs:
            if (d / fname).exists():
                return d / fname
        raise FileNotFoundError(
            f"{fname} not found: set TEI_ENCODE_SCHEMAS to a folder holding TEI P5's schemas, "
            f"or run 'tei-encode schemas fetch' (looked in: {', '.join(str(d) for d in dirs)})")
    raise FileNotFoundError(f"no such schema: {name}")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tei-encode" / "schemas"
