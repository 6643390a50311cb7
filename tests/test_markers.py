"""Footnote markers: which numbers are markers, and which belong to the text."""
from tei_encode import encode_text
from tei_encode.encoder import recognise
from tei_encode.reader import read_text

from conftest import SEED


def notes_of(text):
    doc = read_text(text, "d1")
    recognise(doc)
    out = []
    for b in doc.blocks:
        for a in b.body.anchors:
            if a.kind == "note":
                out.append((a.n, b.body.text[:a.pos]))
    return doc, out


def test_seed_six_markers_at_their_anchors():
    doc, notes = notes_of(SEED.read_text(encoding="utf-8"))
    assert [n for n, _ in notes] == ["1", "2", "3", "4", "5", "6"]
    ends = [before[-16:] for _, before in notes]
    assert ends[0].endswith("Lie’s")
    assert ends[1].endswith("that Gromyko")
    assert ends[2].endswith("about Korea")
    assert ends[3].endswith("that Bohlen")
    assert ends[4].endswith("Lavrentiev,")
    assert ends[5].endswith("recommendation.")
    # numbers of the text stay text
    all_text = "\n".join(t.text for t in doc.texts())
    for kept in ("telegram 1293", "pp. 1086", "March 16, 1951", "p. 239", "telegram 5207"):
        assert kept in all_text


def test_markers_continue_numbering_from_earlier_documents():
    text = ("Heading to Somebody\nThe treaty of 1846 was signed on May 4, 1934,8 and article 12 says so.9\n"
            "- Not printed.↩\n- Ibid., p. 12.↩\n")
    _, notes = notes_of(text)
    assert [n for n, _ in notes] == ["8", "9"]
    assert notes[0][1].endswith("1934,")


def test_symbol_and_letter_markers():
    _, notes = notes_of("A to B\nThe note*\nanother,a here.\n- first↩\n- second↩\n")
    assert [n for n, _ in notes] == ["*", "a"]


def test_marker_glued_to_a_year():
    _, notes = notes_of("A to B\nThe convention signed in 191470 was renewed.\n- Not printed.↩\n")
    assert notes == [("70", "The convention signed in 1914")]


def test_more_footnotes_than_markers_warns_and_keeps_text():
    enc = encode_text("A to B\nNo marker here.\n- Orphan note.↩\n", "d1")
    assert any("no marker" in w for w in enc.warnings)
    assert b"Orphan note." in enc.xml
    assert enc.lost_lines == 0


def test_marker_without_footnote_line_is_warned():
    enc = encode_text("A to B\nSee the despatch3 of May.\n", "d1")
    assert any("looks like a footnote marker" in w for w in enc.warnings)
    assert b"despatch3 of May" in enc.xml


def test_repeated_and_inserted_numbers():
    _, notes = notes_of("A to B\nOne25 two25 three25a four26.\n- a↩\n- b↩\n- c↩\n- d↩\n")
    assert [n for n, _ in notes] == ["25", "25", "25a", "26"]


NS = {"t": "http://www.tei-c.org/ns/1.0"}


def _source_and_notes(text):
    """The heading's source note and all the document's notes; the text must come back whole."""
    enc = encode_text(text, "d1")
    assert enc.lost_lines == 0 and not enc.warnings
    source = enc.tree.find(".//t:div[@type='document']/t:head/t:note[@type='source']", NS)
    assert source is not None
    return enc, source, enc.tree.findall(".//t:div[@type='document']//t:note", NS)


def test_numbered_source_note_on_the_heading_is_the_source_note():
    # later volumes: the first note, on the heading, gives the document's source
    text = ("1. Memorandum From the Secretary of State to President Nixon1\n"
            "Washington, January 21, 1969.\n"
            "Attached is a memorandum2 on the organization of the groups.\n"
            "- Source: Department of State, Central Files, POL 1 US. Secret.↩\n"
            "- Not printed.↩\n")
    enc, source, notes = _source_and_notes(text)
    assert source.get("n") == "1" and "".join(source.itertext()).startswith("Source: Department of State")
    assert [(n.get("n"), n.get("type")) for n in notes] == [("1", "source"), ("2", None)]


def test_unnumbered_source_note_takes_no_number_from_the_text():
    # no marker ends the heading: the note stands at its end, and "18345" stays text
    text = ("2. Telegram From the Department of State to the Embassy in France\n"
            "Washington, February 3, 1969, 2152Z.\n"
            "18345. Subject: President’s trip.1\n"
            "- Source: Department of State, Central Files, POL 7 US/NIXON. Confidential.↩\n"
            "- See Document 1.↩\n")
    enc, source, notes = _source_and_notes(text)
    assert source.get("n") is None and [n.get("n") for n in notes] == [None, "1"]
    assert "18345. Subject" in "".join(enc.tree.find(".//t:div/t:p", NS).itertext())


def test_a_symbol_after_a_year_is_a_marker_and_an_elided_year_is_not():
    text = ("Mr. Adams to Lord Clarendon.\n"
            "See British and Foreign State Papers, 1860–’61, vol. li, and his dispatch of the 14th April, 1866.* "
            "Mr. Seward then said so.\n"
            "- See appendix.↩\n")
    doc, notes = notes_of(text)
    assert [(n, before[-6:]) for n, before in notes] == [("*", " 1866.")]
    assert "1860–’61, vol." in doc.blocks[1].body.text


def test_et_cetera_is_no_letter_marker():
    text = ("Mr. Wu to Mr. Hay.\n"
            "The words “or pleasure” are followed by the words “et cetera” in the treaty. "
            "I beg to append a tablea showing the figures.\n"
            "- Not printed.↩\n")
    doc, notes = notes_of(text)
    assert [(n, before[-8:]) for n, before in notes] == [("a", " a table")]
