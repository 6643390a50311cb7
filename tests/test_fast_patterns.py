"""The scan-friendly regular expressions match exactly what their plain forms match.

Several patterns are written to start with a character class (so that Python's re can skip
ahead to where they may match); the plain, readable form of each is kept here and the two
are compared on arbitrary text drawn from the characters that matter to them."""
import re

from hypothesis import given, strategies as st

from tei_encode import markers, persons as P, refs

W, U, I = P.WORD, P.UPPER, P.INITIAL
PLAIN = {
    "TITLE_RE": (P.TITLE_RE, rf"(?=[{U}])(?<![\w])(?:(?:{P.TITLES})\.?\s+)+(?=[{U}])"),
    "TOKEN_RE": (P.TOKEN_RE, rf"(?=[{U}])(?<![\w’'])(?:{W}|{P.CAPS})(?![\w])"),
    "PLACE_CONTEXT_RE": (P.PLACE_CONTEXT_RE, rf"\b(?:at|in|near|via)\s+({W})(?![\w’'-])(?!\s+(?:{I}|{W}))"),
    "APPOSITION_RE": (P.APPOSITION_RE,
                      rf"(?=[{U}])(?<![\w’'-])(?P<name>(?:{W}\s)+(?:{I}\s)*(?:{P.PARTICLE}\s)*{W}(?:-{W})?),"
                      rf"\s(?:the\s|a\s)?(?=\S)"),
    "_INITIALS_RE": (P._INITIALS_RE,
                     rf"(?=[{U}])(?<![\w.])(?:{W}\s)?(?:{I}\s?){{1,3}}(?:{P.PARTICLE}\s)*{W}(?:-{W})?(?![\w-])"),
    "DIGIT_CAND_RE": (markers.DIGIT_CAND_RE,
                      r"(?:\d(?<=" + markers._NOT_BEFORE + r"\d)\d{0,2}[a-d]?|[*†‡¶§](?<=" + markers._NOT_BEFORE
                      + r"[*†‡¶§]))" + markers._TERM),
    "HINT_RE": (refs.HINT_RE, r"\bp\.|\bpp\.|\bpages?\b|\b[Vv]ol|\bDocument\b"),
    "LETTER_RE": (markers.LETTER_RE,
                  r"(?=[ab](?:$|[\s.,;:)\]’”—!?]))(?:(?<=[a-zà-öø-ÿāēīōū]{3})[ab]|(?<=\s\d)[ab]|(?<=\s\d\d)[ab]"
                  r"|(?<=\s\d\d\d)[ab])(?=$|[\s.,;:)\]’”—!?])"),
}

PIECES = ["Col.", "Maj ", "Baron ", "reminded ", "urged  ", "asked\n", "Gross", " whether", "Mr.", "Mrs", "Dr ", "General ", "Grand Duke ", "M. ", "McDonald", "MacArthur", "O’Brien", "D’Arcy",
          "Lie’s", "Gromyko", "GROMYKO", "A. I. ", "C. B. ", "U. S. ", "de ", "von ", "Smith-Jones", " at ",
          " in ", "near ", "via ", "Omsk", " told ", "to ", "informed ", " that", " whether", " said ", " me",
          " him", " he", ", the ", ", a ", "Consul ", "Secretary of State ", "Ambassador", "Señor ", "É", "é",
          "a", "b", "s", " ", ",", ".", "-", "’", "'", "\n", "1", "19", "1951", "21a", "*", "†", "(", "[", "$",
          "memoranduma", "idea", "No. 42a", "x", "p.", "pp.", "page", "pages", "Vol", "vol", "Document", "up",
          "D", "V"]
texts = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


GLUED_PLAIN = re.compile(
    r"(?=[1JFMASOND])(?:\b(?P<year>1[6-9]\d\d)(?P<ym>[1-9]\d{0,2})"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r" (?P<daym>(?:[1-9]|[12]\d|3[01])[1-9]\d{0,2}))"
    r"(?=$|[\s.,;:)\]’”—–!?]|\[)")


def _matches(rx, text):
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


@given(texts)
def test_each_fast_pattern_matches_as_its_plain_form(text):
    for name, (fast, plain) in PLAIN.items():
        assert _matches(fast, text) == _matches(re.compile(plain), text), name


SPEECH_PLAIN = [re.compile(p) for p in (
    rf"\b(?:to|told|informed|asked|assured|advised|reminded|warned|urged)\s+(?P<name>{W})"
    rf"(?![\w’'-])(?!\s+(?:{W}|{I}))\s+(?:that|whether)\b",
    rf"(?=[{U}])(?<![\w’'-])(?P<name>{W})(?:[’']s)?\s+(?:told|informed|assured|asked|reminded)\s+(?:me|us|him|her)\b",
    rf"(?=[{U}])(?<![\w’'-])(?P<name>{W})\s+(?:said|says|stated|states|remarked|replied|added|observed|declared)"
    rf"\s+(?:that|to me|to us|he|she)\b")]


@given(texts)
def test_speech_is_found_as_its_plain_patterns_find_it(text):
    # the first is looked for from the name on, its verb checked before it; all three are
    # tried only on texts holding the words they need
    plain = [m.span("name") for rx in SPEECH_PLAIN for m in rx.finditer(text)]
    assert [m.span("name") for m in P.speech_matches(text)] == plain


def test_the_quick_word_test_never_skips_a_text_the_speech_pattern_matches():
    # the words each speech pattern needs are in every one of its matches
    for rx, needs, _ in P.SPEECH_RES:
        for m in rx.finditer("they told Gross that; Riggs told me; Riggs said that; to Lie whether"):
            assert any(w in m.group(0) for w in needs)


@given(texts)
def test_rank_before_a_name_is_found_looking_back_a_short_way(text):
    for pos in range(len(text) + 1):
        fast = P._rank_before(text, pos)
        plain = P.RANK_BEFORE_RE.search(text, 0, pos)
        assert (fast and fast.span()) == (plain and plain.span())


@given(st.lists(st.sampled_from(PIECES + ["May ", "June ", "December ", "Mayo ", "2185", "19303", "1934", "3",
                                          "31", "0", "x1930"]), max_size=25).map("".join))
def test_a_marker_glued_to_a_year_or_day_is_found_as_before(text):
    # the year group now holds the year's last three digits: only whether it took part is read
    def seen(rx):
        return [(m.span(), bool(m.group("year")), m.span("ym"), m.span("daym")) for m in rx.finditer(text)]
    assert seen(markers.GLUED_TO_NUMBER_RE) == seen(GLUED_PLAIN)


lines = st.lists(st.sampled_from(["Lie’s1 suggestion", "Lie’s1  suggestion", " ", "", "\t", "- note↩", "-  note ↩",
                                  "[Page 3]", "a b", "ab", "\u00a0", "x\u2003y"]), max_size=8).map("\n".join)


@given(lines, lines)
def test_quick_text_check_agrees_with_the_line_by_line_one(a, b):
    from tei_encode.check import _nospace_lines, same_but_spacing
    assert same_but_spacing(a, b) == (_nospace_lines(a) == _nospace_lines(b))
