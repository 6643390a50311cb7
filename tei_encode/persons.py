"""Recognise persons: tag every person named, build the person authority, link mentions.

Mentions are found by the signs FRUS gives of a person, then every later mention of a
surname so found is tagged too:

* a title or honorific before a name (``Mr. C. B. Marshall``, ``Ambassador Jessup``,
  ``General Semenov``): the title stays outside the element;
* a name in parentheses in a heading (``The Ambassador in Chile (Sevier) to …``) or after
  ``by`` (``Memorandum by John Paton Davies of …``);
* a signature line;
* a footnote that identifies someone (``Trygve Lie, Secretary-General of the United
  Nations.``), whose words then describe that person;
* initials and a surname (``A. I. Lavrentiev``);
* with an authority (``--persons``), every surname it lists.

``Gromyko’s`` gives ``Gromyko``; ``Jessup-Gromyko level`` gives both.  Mentions of one
surname are one person unless their forenames disagree.  Each mention carries
``@ref="#id"``; the persons go in ``teiHeader/profileDesc/particDesc/listPerson``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .authority import Authority, Entry, fold
from .model import Document

LOWER = "a-zà-öø-ÿāăąćčďđēėęěğīįıķļľłńňōőœŕřśşšţťūůűųźżžß"
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĻĽŁŃŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
WORD = rf"(?:[{UPPER}][{LOWER}]+(?:[’'](?!s\b)[{UPPER}]?[{LOWER}]+)?|[{UPPER}][’'][{UPPER}][{LOWER}]+|Mc[{UPPER}][{LOWER}]+|Mac[{UPPER}][{LOWER}]+)"
CAPS = rf"[{UPPER}][{UPPER}’'\-]+"
INITIAL = rf"[{UPPER}]\."
PARTICLE = r"(?:de|von|van|der|den|da|del|della|di|du|la|le|y|d’|dos|das|ten|ter|zu)"

TITLES = (r"Mr|Mrs|Messrs|Miss|Mme|Mlle|Dr|Sir|Lord|Lady|Dame|General|Gen|Admiral|Adm|Colonel|Col|"
          r"Lieutenant|Lieut|Lt|Captain|Capt|Major|Maj|Commander|Comdr|Cmdr|Ensign|Sergeant|Sgt|Corporal|"
          r"Ambassador|Minister|Consul|Senator|Representative|Judge|Justice|Professor|Prof|"
          r"President|Premier|Prince|Princess|Count|Countess|Baron|Baroness|Viscount|Marquis|Marquess|Earl|"
          r"Duke|Duchess|Emperor|Empress|King|Queen|Czar|Tsar|Grand Duke|Señor|Señora|Señorita|Senhor|Sr|Sra|"
          r"Monsieur|Madame|M|Herr|Frau|Signor|Signora|Don|Doña|Father|Bishop|Archbishop|Cardinal|Rev|Reverend|"
          r"Chargé|Chancellor|Governor|Marshal|Field Marshal|Ataman|Hetman|Secretary|Commissioner|Commissar|"
          r"Chairman|Mayor|Hon|Honorable|Deputy|Delegate|Dr|Doctor|Sheikh|Sultan|Shah|Emir|Amir|Rajah|Maharaja|"
          r"Mikado|Mullah|Pasha|Bey|Effendi|Vice Consul|Consul General|Secretary of State|Acting Secretary")
RANKS_INSIDE = r"General|Gen|Colonel|Col|Maj|Lieut|Baron|Ataman|Hetman"
RANK_BEFORE_RE = re.compile(rf"(?<![\w])(?:{RANKS_INSIDE})\.?\s+$")
HONORIFICS = (r"Mr|Mrs|Messrs|Miss|Mme|Mlle|Dr|Sir|Lord|Lady|Dame|General|Gen|Admiral|Adm|Colonel|Col|"
              r"Lieutenant|Lieut|Lt|Captain|Capt|Major|Maj|Commander|Comdr|Baron|Baroness|Viscount|Count|"
              r"Countess|Marquis|Earl|Prince|Princess|Señor|Señora|Senhor|Monsieur|Madame|M|Herr|Signor|"
              r"Professor|Prof|Father|Rev|Ataman|Hetman|Doctor")


# Patterns that start with a character class: Python's re then skips ahead to the
# positions where it can match instead of trying every position (several times faster on
# long paragraphs).  WORD_TAIL is WORD after its first capital; "(?<![...].)" after that
# capital is the look-behind before it.
WORD_TAIL = rf"(?:[{LOWER}]+(?:[’'](?!s\b)[{UPPER}]?[{LOWER}]+)?|[’'][{UPPER}][{LOWER}]+|(?<=M)c[{UPPER}][{LOWER}]+|(?<=M)ac[{UPPER}][{LOWER}]+)"


def _led(words: str, boundary: str) -> str:
    """An alternation of words (in their order) that begins with a character class: each
    word's first letter, then the rest after a look-behind for that letter.  boundary is
    what may not stand before the word."""
    groups = {}
    for w in words.split("|"):
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    return (f"[{''.join(re.escape(c) for c in groups)}](?<!{boundary}.)(?:"
            + "|".join(f"(?<={re.escape(c)})(?:{'|'.join(tails)})" for c, tails in groups.items()) + ")")


_NOT_WORD = r"[\w]"
TITLE_RE = re.compile(rf"{_led(TITLES, _NOT_WORD)}\.?\s+(?:(?:{TITLES})\.?\s+)*(?=[{UPPER}])")
TITLE_WORDS = set(w for t in TITLES.split("|") for w in t.split())
NOT_NAMES = set("""The This That These Those There Then Thus It Its He She We They I In On At As For From To By With
Of And But Or If When While After Before Since Until His Her Their Our My Your Department Government Embassy
Legation Consulate Consulates State States United Secretary Ambassador Minister Ministers Consul President
General Foreign Affairs Office Ministry Council Conference Commission Committee Treaty Convention Article
Section Chapter Note Notes Telegram Despatch Dispatch Memorandum British French German Russian American Japanese
Chinese Italian Soviet Allied Allies Republic Kingdom Empire Imperial Royal Majesty Excellency Highness
Bolshevik Bolsheviki Bolsheviks Red Cross Army Navy War Peace January February March April May June July
August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday God
Christ Christian Catholic Protestant Board Bank Company Corporation Railway Railroad Trade Mission Delegation
Staff Policy Planning Assembly Nations Union Deputies Deputy Chief Director Bureau Service Division Senate
House Congress Parliament Cabinet Supreme Court Governor Provisional National Central Northern Southern
Eastern Western North South East West Far Near Middle Island Islands Canal Zone Port City County Province
River Sea Gulf Bay Lake Mount Street Avenue Square Hotel Club Church Cathedral University College School
Press Times Herald Tribune Post News Gazette Journal Review Associated Reuter Reuters Ibid Not See Foreign
Relations Vol Part Annex Enclosure Inclosure Appendix Paragraph Telegraph Cable Mail Steamer Ship
Secret Confidential Strictly Urgent Personal Private Yes No Sir Madam Gentlemen Excellency Lordship Honor
Honour Agreement Protocol Declaration Resolution Act Law Decree Order Regulation Regulations Code Customs
Tariff Commerce Commercial Industry Industrial Agriculture Labor Labour Finance Financial Treasury War Marine
Navy Naval Military Embassy’s Department’s Government’s Legation’s Minister’s Ambassador’s Secretary’s
Manager Counsellor Counselor Attaché Commissioner Commissar Chargé Agent Representative Representatives
Consuls General’s Consul’s Governments Embassies Legations Mr Mrs Great Britain England Scotland Ireland
France Germany Russia Japan China Italy Spain Portugal Mexico America Europe Asia Africa Australia Canada Cuba
Brazil Argentina Chile Peru Bolivia Colombia Venezuela Ecuador Paraguay Uruguay Panama Nicaragua Honduras
Guatemala Salvador Haiti Liberia Egypt Turkey Persia Greece Austria Hungary Belgium Holland Netherlands Sweden
Norway Denmark Switzerland Poland Siberia Korea Manchuria India Washington London Paris Berlin Rome Tokyo Peking
Out Also Only Such Under Upon Within Without Whereas Therefore However Moreover Accordingly Associate Counsel
Adviser Advisor Assistant Acting Special Economic Legal Political Commercial Financial Technical Military
Subject Participants Summary Reference Discussion Background Recommendation Recommendations Attachment
Tab Source Nodis Exdis Limdis Unclassified Immediate Priority You Yours Me Him Them Us Fort Claims Constitution
Commissioners Commissions""".split())
ROLE_WORDS = re.compile(
    r"\b(Minister|Secretary|Ambassador|Consul|President|Chief|Commissioner|Commissar|Director|member|head|"
    r"Chairman|representative|Chargé|Counselor|Counsellor|Agent|General|officer|delegate|Delegate|Commander|"
    r"Governor|Premier|Prime|Foreign|Under|Assistant|Adviser|Advisor|Attaché|Senator|Representative|Justice|"
    r"Judge|leader|Leader|King|Queen|Emperor|Prince|Admiral|Colonel|Captain|Major|Lieutenant|correspondent|"
    r"journalist|editor|banker|merchant|citizen|subject|national|manager|president|secretary|chairman|"
    r"Envoy|envoy|Mayor|Ataman|Deputy|deputy|Vice|professor|Professor|former|formerly|later|one of)\b")
TOKEN_RE = re.compile(rf"[{UPPER}](?<![\w’'].)(?:{WORD_TAIL}|[{UPPER}’'\-]+)(?![\w])")
PLACE_CONTEXT_RE = re.compile(rf"{_led('at|in|near|via', _NOT_WORD)}\s+({WORD})(?![\w’'-])(?!\s+(?:{INITIAL}|{WORD}))")
# each with the words a text must hold for it to match (a quick test before the scan)
# (pattern, words a text must hold for it to match, what must stand right before the name).
# "told Gross that" is found from the name on, then its verb is looked for before it: a
# scan led by a capital letter is several times quicker than one led by "to".
_SPOKEN_TO_BEFORE_RE = re.compile(r"\b(?:to|told|informed|asked|assured|advised|reminded|warned|urged)\s+$")
SPEECH_RES = [
    (re.compile(rf"(?P<name>[{UPPER}](?<![\w’'-].){WORD_TAIL})(?![\w’'-])\s+(?:that|whether)\b"),
     ("that", "whether"), _SPOKEN_TO_BEFORE_RE),
    (re.compile(rf"(?P<name>[{UPPER}](?<![\w’'-].){WORD_TAIL})(?:[’']s)?\s+(?:told|informed|assured|asked|reminded)"
                rf"\s+(?:me|us|him|her)\b"), ("told", "informed", "assured", "asked", "reminded"), None),
    (re.compile(rf"(?P<name>[{UPPER}](?<![\w’'-].){WORD_TAIL})\s+(?:said|says|stated|states|remarked|replied|added|"
                rf"observed|declared)\s+(?:that|to me|to us|he|she)\b"),
     ("said", "says", "stated", "states", "remarked", "replied", "added", "observed", "declared"), None),
]
APPOSITION_RE = re.compile(
    rf"(?P<name>[{UPPER}](?<![\w’'-].){WORD_TAIL}\s(?:{WORD}\s)*(?:{INITIAL}\s)*(?:{PARTICLE}\s)*{WORD}(?:-{WORD})?),"
    rf"\s(?:the\s|a\s)?(?=\S)")
_TRIM_RE = re.compile(rf"{INITIAL}|{WORD}(?:-{WORD})?|{PARTICLE}|{CAPS}")
_HAS_NAME_RE = re.compile(rf"[{LOWER}]|{CAPS}")
_AFTER_TITLE_RE = re.compile(rf"(?:(?:{WORD}|{INITIAL}|{CAPS})\s?)*(?:{PARTICLE}\s)*(?:{WORD}|{CAPS})(?:-{WORD})?(?![\w-])")
_HONORIFIC_END_RE = re.compile(rf"(?:{HONORIFICS})\.?\s+$")
_NAME_ONLY_RE = re.compile(rf"(?:(?:{WORD}|{INITIAL})\s?)*(?:{PARTICLE}\s)*{WORD}(?:-{WORD})?")
_BY_NAME_RE = re.compile(rf"\bby\s+((?:(?:{WORD}|{INITIAL})\s)+(?:{PARTICLE}\s)*{WORD})")
_SIGNED_RE = re.compile(rf"\s*(?:(?:{TITLES})\.?\s+)?((?:(?:{WORD}|{INITIAL}|{CAPS})\s?)+)")
_FOOTNOTE_NAME_RE = re.compile(rf"((?:(?:{TITLES})\.?\s+)?)((?:(?:{WORD}|{INITIAL})\s?)+(?:{PARTICLE}\s)*{WORD}(?:-{WORD})?),\s")
_INITIALS_RE = re.compile(rf"[{UPPER}](?<![\w.].)(?:{WORD_TAIL}\s{INITIAL}\s?|\.\s?)(?:{INITIAL}\s?){{0,2}}"
                          rf"(?:{PARTICLE}\s)*{WORD}(?:-{WORD})?(?![\w-])")
_PREV_WORD_RE = re.compile(rf"({INITIAL}|{WORD})\s$")
SPEECH_WORDS = (" that", " whether", "told", "informed", "assured", "asked", "reminded", "advised", "warned",
                "urged", "said", "says", "stated", "states", "remarked", "replied", "added", "observed", "declared")
SKIP_INITIALS = {"U. S.", "S. S.", "D. C.", "N. Y.", "U. S. S.", "H. M.", "H. M. S.", "U. S. A.", "P. S.",
                 "N. B.", "A. M.", "P. M.", "S. A.", "L. S."}


Person = Entry  # a person the document names is an authority entry of its own


@dataclass
class _Mention:
    text: object
    start: int
    end: int
    surname: str
    forenames: str
    order: tuple
    role: str | None = None
    description: str = ""
    strong: bool = True  # a clear sign (not just an office title before a word)


def _clean_caps(s: str) -> str:
    """WILLIAM H. SEWARD → William H. Seward (for keys and name parts)."""
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in s.split())


@lru_cache(maxsize=4096)
def _parts(name: str):
    """(forenames, surname) of a name as found; names recur, so the answers are kept."""
    words = name.replace("-", " - ").split()
    surname_words = []
    # surname: the last word (with its particles before it, and a hyphenated pair)
    i = len(words) - 1
    surname_words.insert(0, words[i])
    while i - 2 >= 0 and words[i - 1] == "-":
        surname_words[:0] = [words[i - 2], "-"]
        i -= 2
    while i - 1 >= 0 and _PARTICLE_FULL.fullmatch(words[i - 1]):
        surname_words.insert(0, words[i - 1])
        i -= 1
    surname = " ".join(surname_words).replace(" - ", "-")
    forenames = " ".join(words[:i])
    return _clean_caps(forenames), _clean_caps(surname)


def _ok_name(words: list) -> bool:
    return bool(words) and all(w.rstrip("’'s") not in NOT_NAMES and w not in NOT_NAMES and w not in TITLE_WORDS
                               for w in words if not _INITIAL_FULL.fullmatch(w))


def _trim(text: str, start: int, end: int):
    """Cut a found name down to name words (no trailing possessive, no NOT_NAMES at the ends)."""
    cut = _trim_words(text[start:end])
    return None if cut is None else (start + cut[0], start + cut[1])


@lru_cache(maxsize=4096)
def _trim_words(s: str):
    words = list(_TRIM_RE.finditer(s))
    while words and (words[0].group(0) in NOT_NAMES or words[0].group(0) in TITLE_WORDS
                     or _PARTICLE_FULL.fullmatch(words[0].group(0))
                     or (len(words) > 1 and words[0].group(0).rstrip(".") in TITLE_WORDS)):
        words.pop(0)
    while words and (words[-1].group(0) in NOT_NAMES or _INITIAL_OR_PARTICLE_FULL.fullmatch(words[-1].group(0))):
        words.pop()
    if not words:
        return None
    return words[0].start(), words[-1].end()


class _Finder:
    def __init__(self, doc: Document, authority: Authority | None):
        self.doc = doc
        self.authority = authority
        self.mentions = []
        self.descriptions = {}

    def add(self, text, start, end, order, role=None, description="", strong=True):
        span = _trim(text.text, start, end)
        if span is None:
            return
        start, end = span
        # the Office keeps military ranks and some styles inside the name: "General Graves"
        while True:
            rank = _rank_before(text.text, start)
            if not rank:
                break
            start = rank.start()
        name = text.text[start:end]
        if name in SKIP_INITIALS or not _HAS_NAME_RE.search(name):
            return
        forenames, surname = _parts(name)
        if len(surname) < 2 or surname in NOT_NAMES:
            return
        self.mentions.append(_Mention(text, start, end, surname, forenames, order, role, description, strong))

    # -- signals -------------------------------------------------------------------------
    def titled(self, text, order):
        for m in TITLE_RE.finditer(text.text):
            nm = _AFTER_TITLE_RE.match(text.text, m.end())
            if not nm:
                continue
            words = nm.group(0).split()
            if not _ok_name(words) and not (len(words) == 1 and words[0] not in NOT_NAMES):
                # keep the name words before the first non-name
                keep = []
                for w in words:
                    if w in NOT_NAMES:
                        break
                    keep.append(w)
                if not keep:
                    continue
                end = m.end() + len(" ".join(keep))
            else:
                end = nm.end()
            honorific = _HONORIFIC_END_RE.search(m.group(0)) is not None
            self.add(text, m.end(), end, order, strong=honorific)

    def head(self, text, order):
        t = text.text
        to_at = t.find(" to ")
        for m in re.finditer(r"\(([^()]{2,60})\)", t):
            inner = m.group(1)
            if _NAME_ONLY_RE.fullmatch(inner) and _ok_name(inner.split()):
                role = "to" if 0 <= to_at < m.start() else "from"
                self.add(text, m.start(1), m.end(1), order, role=role)
        for m in _BY_NAME_RE.finditer(t):
            if _ok_name(m.group(1).split()):
                self.add(text, m.start(1), m.end(1), order, role="from")

    def signed(self, text, order):
        t = text.text
        body = re.split(r",|\s—", t)[0]
        m = _SIGNED_RE.match(body)
        if m and m.group(1).strip():
            words = m.group(1).split()
            if _ok_name([_clean_caps(w) for w in words]):
                self.add(text, m.start(1), m.start(1) + len(m.group(1).rstrip()), order)

    def footnote(self, fn, order):
        t = fn.body.text
        m = _FOOTNOTE_NAME_RE.match(t)
        if not m:
            return
        words = m.group(2).split()
        if (len(words) >= 2 or m.group(1)) and _ok_name(words) and ROLE_WORDS.search(t[m.end():m.end() + 90]):
            desc = t[m.end():].strip()
            self.add(fn.body, m.start(2), m.end(2), order, description=desc)

    def speech(self, text, order, places=frozenset()):
        """Someone spoken to or speaking: "suggestion to Gross that", "Riggs states that"."""
        t = text.text
        if not any(map(t.__contains__, SPEECH_WORDS)):
            return
        for m in speech_matches(t):
            w = m.group("name")
            if (w in NOT_NAMES or w in TITLE_WORDS or w in places or w.isupper()
                    or _after_article(t, m.start("name"))):
                continue
            self.add(text, m.start("name"), m.end("name"), order, strong=False)

    def apposition(self, text, order):
        """"John Smith, Consul at Riga": a full name with its office after a comma."""
        t = text.text
        if ", " not in t:
            return
        for m in APPOSITION_RE.finditer(t):
            words = m.group("name").split()
            if len(words) < 2 or not _ok_name(words):
                continue
            if ROLE_WORDS.match(t, m.end()) or _OFFICE_AFTER_RE.match(t, m.end()):
                self.add(text, m.start("name"), m.end("name"), order)

    def initials(self, text, order):
        if "." not in text.text:
            return
        for m in _INITIALS_RE.finditer(text.text):
            name = m.group(0)
            if any(name.startswith(s) for s in SKIP_INITIALS):
                continue
            if re.match(rf"{INITIAL}\s\S+$", name) and not text.text[:m.start()].strip(" “‘\"("):
                continue  # "A. Out of the amounts": an enumeration, not an initial
            if _ok_name(name.split()):
                self.add(text, m.start(), m.end(), order)

    # -- propagation ---------------------------------------------------------------------
    def known(self, texts, lexicon=frozenset()):
        """Tag the other mentions of surnames found in the document (anywhere), and of
        surnames found elsewhere in the batch or in the authority (mid-sentence only)."""
        here = {}
        forenames = {}
        for mt in self.mentions:
            for part in [mt.surname] + mt.surname.split("-"):
                if len(part) > 1 and part not in NOT_NAMES:
                    here.setdefault(part, mt)
            if mt.forenames:
                forenames.setdefault(mt.surname, set()).update(mt.forenames.split())
        elsewhere = _elsewhere(frozenset(lexicon), self.authority)
        if not here and not elsewhere:
            return
        here_ok = {k for k in here if k not in NOT_NAMES and k not in TITLE_WORDS}  # elsewhere is so already
        for text, order, kind in texts:
            if kind in ("source", "dateline"):
                continue
            t = text.text
            for m in TOKEN_RE.finditer(t):
                key = m.group()
                if key.isupper():
                    key = _clean_caps(key)
                if key not in here_ok:
                    if key not in elsewhere:
                        continue
                    if _DIGIT_AFTER_RE.match(t, m.end()) or (
                            _sentence_initial(t, m.start()) and not _LOWER_AFTER_RE.match(t, m.end())):
                        continue
                start = m.start()
                # forenames and initials before it: "Charles E. Bohlen", "A. I. Lavrentiev"
                known_fore = forenames.get(key, set())
                while True:
                    prev = _PREV_WORD_RE.search(t, max(0, start - 40), start)
                    if not prev:
                        break
                    w = prev.group(1)
                    if not (_INITIAL_FULL.fullmatch(w) or w in known_fore or (
                            w not in NOT_NAMES and w not in TITLE_WORDS and w not in here
                            and not _sentence_initial(t, prev.start(1))
                            and not _PREV_WORD_RE.search(t, max(0, prev.start(1) - 40), prev.start(1)))):
                        break
                    start = prev.start(1)
                self.add(text, start, m.end(), order)


_ELSEWHERE = {}


def _elsewhere(lexicon: frozenset, authority) -> frozenset:
    """The batch's and the authority's surnames that may be tagged (made once a batch)."""
    key = (lexicon, id(authority))
    if key not in _ELSEWHERE:
        names = set(lexicon)
        if authority:
            names.update(_clean_caps(e.surname) for e in authority.entries)
        if len(_ELSEWHERE) > 8:
            _ELSEWHERE.clear()
        _ELSEWHERE[key] = frozenset(x for x in names if len(x) > 2 and x not in NOT_NAMES and x not in TITLE_WORDS)
    return _ELSEWHERE[key]


def _sentence_initial(t: str, pos: int) -> bool:
    """Whether pos starts a sentence (spaces, quotes and brackets aside): at the start of
    the text or after . : ; ! ? (not after "Mr." or an initial).  Looks back only as far as
    it must: texts can be long paragraphs."""
    j = pos
    while j > 0 and t[j - 1] in " “‘\"(":
        j -= 1
    return j == 0 or t[j - 1] in ".:;!?" and not _ABBREV_END_RE.search(t, max(0, j - 4), j)


def speech_matches(t: str):
    """The matches of the speech patterns in t, pattern by pattern, each in text order."""
    for rx, needs, before in SPEECH_RES:
        if not any(map(t.__contains__, needs)):
            continue
        for m in rx.finditer(t):
            if before is None or _ends_before(t, m.start("name"), before, 8):
                yield m


def _ends_before(t: str, pos: int, rx, longest: int) -> bool:
    """Whether rx (a word of at most longest letters, then spaces, to the end) matches
    right before pos: looked for only as far back as it can reach."""
    j = pos
    while j > 0 and t[j - 1].isspace():
        j -= 1
    return j < pos and rx.search(t, max(0, j - longest), pos) is not None


def _rank_before(t: str, pos: int):
    """A rank kept inside the name ("General ") right before pos, looked for only as far
    back as one can reach."""
    j = pos
    while j > 0 and t[j - 1].isspace():
        j -= 1
    return RANK_BEFORE_RE.search(t, max(0, j - 8), pos) if j < pos else None


def _after_article(t: str, pos: int) -> bool:
    """Whether "the", "a", "an" or "of" and spaces stand right before pos."""
    return _ends_before(t, pos, _ARTICLE_END_RE, 3)


_ABBREV_END_RE = re.compile(r"\b(?:Mr|Mrs|Dr|St|No|[A-Z])\.$")
_ARTICLE_END_RE = re.compile(r"\b(?:the|The|a|an|of)\s+$")
_OFFICE_AFTER_RE = re.compile(r"(?:the|a|an)\s+\S+\s+(?:of|to|at|in)\b")
_DIGIT_AFTER_RE = re.compile(r"\s*\d")
_LOWER_AFTER_RE = re.compile(r"(?:[’']s)?\s+[a-z]")
_INITIAL_FULL = re.compile(INITIAL)
_PARTICLE_FULL = re.compile(PARTICLE)
_INITIAL_OR_PARTICLE_FULL = re.compile(INITIAL + "|" + PARTICLE)


def _reading_order(doc: Document):
    """(text, order key, block kind) for body blocks and footnotes, as they are read."""
    out = []
    pos_of = {}
    for bi, b in enumerate(doc.blocks):
        out.append((b.body, (bi, 0, 0), b.kind))
        for a in b.body.anchors:
            if a.kind == "note" and a.footnote is not None:
                pos_of[id(a.footnote)] = (bi, a.pos, 1)
    for fi, fn in enumerate(doc.footnotes):
        out.append((fn.body, pos_of.get(id(fn), (len(doc.blocks), fi, 1)), "footnote"))
    out.sort(key=lambda x: x[1])
    return out


def survey(doc: Document) -> tuple:
    """Surnames the document gives clear signs of (for a batch-wide lexicon), and the
    capitalised words it uses as places ("at Omsk", "in Peking"), which a batch keeps out."""
    f = _Finder(doc, None)
    texts = _reading_order(doc)
    places = _signals(doc, f, texts)
    doc.person_signals = list(f.mentions)  # recognise() goes on from these
    names = {m.surname for m in f.mentions if m.strong and len(m.surname) > 2}
    return names, places


def _signals(doc, f, texts):
    fn_by_text = {id(fn.body): fn for fn in doc.footnotes}
    places = set()
    for text, _, _ in texts:
        places.update(PLACE_CONTEXT_RE.findall(text.text))
    for text, order, kind in texts:
        if kind in ("source", "dateline", "pb"):
            continue
        if kind == "head":
            f.head(text, order)
        if kind == "signed":
            f.signed(text, order)
        if kind == "footnote":
            f.footnote(fn_by_text[id(text)], order)
        f.titled(text, order)
        f.initials(text, order)
        f.speech(text, order, places)
        if kind != "footnote":
            f.apposition(text, order)
    return places


def recognise(doc: Document, authority: Authority | None = None, lexicon=frozenset()) -> None:
    f = _Finder(doc, authority)
    texts = _reading_order(doc)
    if doc.person_signals is not None:
        f.mentions = list(doc.person_signals)  # found by survey() already
    else:
        _signals(doc, f, texts)
    f.known(texts, lexicon)
    _resolve(doc, f, authority)


def _slug(s: str) -> str:
    s = fold(s)
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return s or "x"


def _compatible(a: str, b: str) -> bool:
    """Forenames that may be one person's: "Charles E." / "C. E." / "Charles"."""
    if not a or not b:
        return True
    wa = [w[0].lower() for w in a.split()]
    wb = [w[0].lower() for w in b.split()]
    n = min(len(wa), len(wb))
    if wa[:n] != wb[:n]:
        return False
    full_a = [w for w in a.split() if not w.endswith(".")]
    full_b = [w for w in b.split() if not w.endswith(".")]
    return not (full_a and full_b and full_a[0] != full_b[0])


def _resolve(doc: Document, f: _Finder, authority: Authority | None) -> None:
    """Group mentions into persons, give each an id, tag each mention."""
    mentions = sorted(f.mentions, key=lambda m: (m.order, m.start))
    # keep the longest of overlapping mentions in one text
    chosen = []
    by_text = {}
    for m in sorted(mentions, key=lambda m: (m.order, m.start, -(m.end - m.start))):
        lst = by_text.setdefault(id(m.text), [])
        if any(not (m.end <= o.start or m.start >= o.end) for o in lst):
            continue
        lst.append(m)
        chosen.append(m)
    chosen.sort(key=lambda m: (m.order, m.start))
    persons = []
    by_key = {}
    used_ids = set()
    for m in chosen:
        key = fold(m.surname)
        group = by_key.setdefault(key, [])
        person = None
        if m.forenames:
            person = next((p for p in group if _compatible(p.forenames, m.forenames)), None)
        elif group:
            person = group[-1]
        if person is None:
            entry = authority.lookup(m.surname, m.forenames) if authority else None
            if entry is not None:
                person = next((p for p in persons if p.xml_id == entry.xml_id), None)
                if person is None:
                    person = Person(entry.xml_id, entry.surname, entry.forenames, entry.title,
                                    entry.description, external=True)  # a copy: names stay per document
                    persons.append(person)
                    used_ids.add(person.xml_id)
            else:
                base = "p_" + _slug(m.surname)
                xml_id, k = base, 2
                while xml_id in used_ids:
                    xml_id = f"{base}_{k}"
                    k += 1
                used_ids.add(xml_id)
                person = Person(xml_id, m.surname, m.forenames)
                persons.append(person)
            group.append(person)
        if m.forenames and not person.external and len(m.forenames) > len(person.forenames):
            person.forenames = m.forenames
        if m.description and not person.description:
            person.description = m.description
        name = m.text.text[m.start:m.end]
        if name not in person.names:
            person.names.append(name)
        attrs = {"ref": "#" + person.xml_id}
        if m.role:
            attrs["type"] = m.role
        m.text.add_span(m.start, m.end, "persName", **attrs)
    doc.persons = persons


def list_person(parent, doc: Document):
    """The document's persons as a listPerson, parent's last child."""
    from .build import sub

    lp = sub(parent, "listPerson")
    for p in doc.persons:
        person = sub(lp, "person", xml_id=p.xml_id)
        pn = sub(person, "persName")
        parts = ([("roleName", p.title)] if p.title else []) + (
            [("forename", p.forenames)] if p.forenames else []) + [("surname", p.surname)]
        for k, (tag, value) in enumerate(parts):
            el = sub(pn, tag, value)
            if k < len(parts) - 1:
                el.tail = " "
        if p.description:
            sub(person, "note", p.description)
    return lp
