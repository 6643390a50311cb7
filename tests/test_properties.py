"""Property tests: whatever the text, encoding loses nothing and gives well-formed TEI."""
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_encode import InputError, encode_bytes, encode_text
from tei_encode.check import normalise, render
from tei_encode.validate import validate_tree

WORDS = st.text(alphabet=string.ascii_letters + string.digits + " .,;:’”“()[]&<>*†—-'\"§é", min_size=1, max_size=60)
# FRUS-like lines: names, titles, citations, page marks and markers in odd places
FRUS = st.sampled_from(["Mr. C. B. Marshall", "Foreign Relations, 1933, vol. iv, p. 234", " [Page 12] ",
                        "Gromyko’s1", "(Sevier)", "p. 239", "Washington, May 23, 1918, 4 p.m.", "[Inclosure 1.]",
                        "Ibid., p. 9", "2.", "JOHN HAY.", "[Telegram]", "ante, p. 34", "19303", "*", "a"])
WORDS = st.one_of(WORDS, FRUS, st.lists(st.one_of(WORDS, FRUS), min_size=2, max_size=4).map(" ".join))
LINES = st.lists(WORDS.filter(lambda s: s.strip()), min_size=1, max_size=8)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES, st.lists(WORDS.filter(lambda s: s.strip() and "↩" not in s), max_size=3))
def test_no_text_lost(lines, notes):
    text = "\n".join(lines) + "\n" + "".join(f"- {n}↩\n" for n in notes)
    enc = encode_text(text, "d1", volume="frus1925v02")
    etree.fromstring(enc.xml)  # well-formed
    assert validate_tree(enc.tree, "profile") == []
    assert enc.lost_lines == 0, enc.text_diff
    # every non-space input character comes back, in order (markers glued back)
    assert "".join(normalise(render(enc.tree))).replace(" ", "") == "".join(normalise(text)).replace(" ", "")


@settings(deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_an_error_or_wellformed_tei(data):
    try:
        enc = encode_bytes(data, "d1", source_name="fuzz.txt")
    except InputError as exc:
        assert str(exc).startswith("fuzz.txt: ")
        return
    etree.fromstring(enc.xml)
    assert validate_tree(enc.tree, "profile") == []
