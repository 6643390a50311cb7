"""Property tests: whatever the text, encoding loses nothing and gives well-formed TEI."""
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_encode import InputError, encode_bytes, encode_text
from tei_encode.check import normalise, render

WORDS = st.text(alphabet=string.ascii_letters + string.digits + " .,;:’”“()[]&<>*†—-'\"§é", min_size=1, max_size=60)
LINES = st.lists(WORDS.filter(lambda s: s.strip()), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES, st.lists(WORDS.filter(lambda s: s.strip() and "↩" not in s), max_size=3))
def test_no_text_lost(lines, notes):
    text = "\n".join(lines) + "\n" + "".join(f"- {n}↩\n" for n in notes)
    enc = encode_text(text, "d1")
    etree.fromstring(enc.xml)  # well-formed
    assert enc.lost_lines == 0, enc.text_diff
    # every non-space input character comes back, in order (markers glued back)
    assert "".join(normalise(render(enc.tree))).replace(" ", "") == "".join(normalise(text)).replace(" ", "")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_an_error_or_wellformed_tei(data):
    try:
        enc = encode_bytes(data, "d1", source_name="fuzz.txt")
    except InputError as exc:
        assert str(exc).startswith("fuzz.txt: ")
        return
    etree.fromstring(enc.xml)
