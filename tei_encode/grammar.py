"""Schemas: find them, cut TEI's grammar down to what a document uses, cache compiled ones.

Compiling all of tei_all.rng takes seconds; a grammar in which every element pattern the
documents do not use is ``notAllowed`` gives the same verdicts and compiles in
milliseconds.  Compiled grammars are cached in memory, keyed by the schema's content hash
and the element names kept.
"""
from __future__ import annotations

import copy
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
    """A grammar equivalent to tree on documents whose elements are all named in keep:
    every other element pattern becomes notAllowed, which then propagates (RELAX NG
    §4.19 simplification), and only what can still match and be reached is kept.

    No verdict changes: a pattern for an element that does not occur in a document can
    match nothing in it, which is what notAllowed means."""
    return _Index.of(tree).reduce(frozenset(keep))


_PATTERNS = {"element", "attribute", "group", "interleave", "choice", "optional", "zeroOrMore", "oneOrMore",
             "list", "mixed", "ref", "parentRef", "empty", "text", "value", "data", "notAllowed",
             "externalRef", "grammar"}


def _na():
    return etree.Element("{%s}notAllowed" % RNG_NS)


def _replace(old, new):
    new.tail = old.tail
    old.getparent().replace(old, new)


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) and el.tag.startswith("{%s}" % RNG_NS) else ""


def _expr(p):
    """A pattern as nested tuples, for fast notAllowed analysis: ("na",), ("ok",),
    ("ref", name), ("all", [...]) (matches nothing if any part does), ("any", [...])
    (matches nothing if every part does), ("elem", localname or None, part)."""
    k = _local(p)
    kids = [c for c in p if _local(c) in _PATTERNS]
    if k == "notAllowed":
        return ("na",)
    if k == "ref":
        return ("ref", p.get("name"))
    if k == "choice":
        return ("any", [_expr(c) for c in kids]) if kids else ("ok",)
    if k == "element":
        name = p.get("name")
        return ("elem", name.split(":")[-1] if name else None, ("all", [_expr(c) for c in kids]))
    if k in ("group", "interleave", "oneOrMore", "list", "mixed", "attribute", "define"):
        return ("all", [_expr(c) for c in kids])
    return ("ok",)  # optional, zeroOrMore, empty, text, value, data


class _Index:
    """A grammar analysed once: each define as an expression, and who refers to whom."""

    _cache = {}

    def __init__(self, tree):
        self.tree = tree
        self.root = tree.getroot()
        self.defines = {}
        for d in self.root.iter("{%s}define" % RNG_NS):
            self.defines.setdefault(d.get("name"), []).append(d)
        self.exprs = {n: ("all", [_expr(d) for d in ds]) for n, ds in self.defines.items()}
        self.users = {}
        for n, ds in self.defines.items():
            for d in ds:
                for r in d.iter("{%s}ref" % RNG_NS):
                    self.users.setdefault(r.get("name"), set()).add(n)

    @classmethod
    def of(cls, tree):
        key = id(tree)
        if key not in cls._cache:
            cls._cache[key] = (tree, cls(tree))  # keep tree alive with its index
        return cls._cache[key][1]

    def dead(self, keep) -> set:
        dead = set()

        def na(e):
            t = e[0]
            if t == "na":
                return True
            if t == "ok":
                return False
            if t == "ref":
                return e[1] in dead
            if t == "all":
                return any(na(x) for x in e[1])
            if t == "any":
                return bool(e[1]) and all(na(x) for x in e[1])
            if t == "elem":
                return (e[1] is not None and e[1] not in keep) or na(e[2])
            return False

        todo = list(self.exprs)
        while todo:
            n = todo.pop()
            if n in dead:
                continue
            if na(self.exprs[n]):
                dead.add(n)
                todo.extend(self.users.get(n, ()))
        return dead

    def reduce(self, keep) -> etree._ElementTree:
        dead = self.dead(keep)
        root = etree.Element(self.root.tag, attrib=dict(self.root.attrib), nsmap=self.root.nsmap)
        for c in self.root:  # namespace declarations for the embedded Schematron
            if isinstance(c.tag, str) and c.tag == "{http://purl.oclc.org/dsdl/schematron}ns":
                root.append(copy.deepcopy(c))
        starts = [copy.deepcopy(st) for st in self.root.iter("{%s}start" % RNG_NS)]
        for st in starts:
            root.append(st)
        # copy what is reachable through defines that can still match
        reach, todo = set(), list(starts)
        while todo:
            p = todo.pop()
            for r in p.iter("{%s}ref" % RNG_NS):
                n = r.get("name")
                if n not in reach and n not in dead:
                    reach.add(n)
                    todo.extend(self.defines.get(n, []))
        for n in sorted(reach):
            for d in self.defines[n]:
                root.append(copy.deepcopy(d))
        for p in list(root):
            _rewrite(p, dead, keep)
        return etree.ElementTree(root)


def _rewrite(p, dead, keep):
    """Prune one pattern given the dead defines and the element names kept."""
    for c in list(p):
        if _local(c) in _PATTERNS:
            _rewrite(c, dead, keep)
    k = _local(p)
    if k == "ref" and p.get("name") in dead:
        _replace(p, _na())
        return
    if k == "element":
        name = p.get("name")
        if name is not None and name.split(":")[-1] not in keep:
            _replace(p, _na())
            return
    kids = [c for c in p if _local(c) in _PATTERNS]
    if k == "choice":
        if not kids:
            return  # a choice of names (a name class), not of patterns
        alive = [c for c in kids if _local(c) != "notAllowed"]
        if not alive:
            _replace(p, _na())
        else:
            for c in kids:
                if _local(c) == "notAllowed":
                    p.remove(c)
        return
    if k in ("optional", "zeroOrMore") and kids and (
            any(_local(c) == "notAllowed" for c in kids) or all(_local(c) == "empty" for c in kids)):
        # several children are a group: one notAllowed makes it match nothing
        _replace(p, etree.Element("{%s}empty" % RNG_NS))
        return
    if k in ("group", "interleave", "oneOrMore", "list", "mixed", "element", "attribute"):
        if any(_local(c) == "notAllowed" for c in kids):
            _replace(p, _na())
            return
    if k in ("optional", "zeroOrMore", "oneOrMore", "group", "interleave"):
        # "p, empty" is "p": drop the empties pruning left (libxml2 mishandles them)
        empties = [c for c in kids if _local(c) == "empty"]
        if empties and len(empties) < len(kids):
            for c in empties:
                p.remove(c)


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
    """The content hash of a schema file (cached by path, size and modification time)."""
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


@lru_cache(maxsize=32)
def _large(path: str, digest: str) -> bool:
    tree = _parsed(path, digest)
    n = sum(1 for el in tree.iter("{%s}element" % RNG_NS))
    return n > 300


def is_large(path: str) -> bool:
    """Whether the grammar has so many element patterns that cutting it down pays."""
    return _large(path, digest_of(path))


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


# TEI P5 4.11.0 (February 2026). The hashes are those of the copies this project is
# tested with (generated from the 4.11.0 ODD); a download that differs is refused.
TEI_VERSION = "4.11.0"
TEI_VAULT = f"https://www.tei-c.org/Vault/P5/{TEI_VERSION}/xml/tei/custom/schema"
PINNED = {
    "tei_all.rng": ("relaxng/tei_all.rng", "42ec49d9a590d156e989780c1b78b550cf27ad29d906763bb0904c3a36ec7f13"),
    "tei_all.xsd": ("xsd/tei_all.xsd", "e2e5941c47f3711dcc57792744ca8aa5cde639e72b957db5f7dbb8c4fd0f9a85"),
    "xml.xsd": ("xsd/xml.xsd", "d7f4e568e5409578db31b1fb92b82604309134e1d47c9c875f5e530749468c6d"),
    "teix.xsd": ("xsd/teix.xsd", "e25cbe1d8859e48af45253a31f03f1eec3941e05ecdab5bc44db445e4bff81e6"),
}


class FetchError(Exception):
    pass


def fetch(source: str | None = None, dest: Path | None = None, timeout: float = 30) -> list:
    """Put TEI P5's schemas in the user cache (or dest), from the TEI Vault or from source
    (a folder or base URL holding them), checking each against its pinned sha256."""
    import tempfile
    import urllib.error
    import urllib.request

    dest = Path(dest) if dest else cache_dir()
    dest.mkdir(parents=True, exist_ok=True)
    done = []
    for name, (sub, want) in PINNED.items():
        if source and Path(source).is_dir():
            p = Path(source) / name
            if not p.exists():
                raise FetchError(f"{p}: not found")
            data = p.read_bytes()
        else:
            url = f"{source.rstrip('/')}/{name}" if source else f"{TEI_VAULT}/{sub}"
            try:
                with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 - https, pinned hash
                    data = resp.read()
            except (urllib.error.URLError, OSError) as exc:
                raise FetchError(f"cannot download {url} ({getattr(exc, 'reason', exc)}); offline? "
                                 "Use --from with a folder holding the TEI P5 schemas, or set TEI_ENCODE_SCHEMAS") from None
        got = hashlib.sha256(data).hexdigest()
        if got != want:
            raise FetchError(f"{name}: sha256 {got} is not the pinned {want} (TEI P5 {TEI_VERSION}); not installed")
        fd, tmp = tempfile.mkstemp(dir=dest, prefix="." + name)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, dest / name)
        done.append(dest / name)
    return done
