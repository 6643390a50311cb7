"""Blocks: source note, heading, dateline, paragraphs, lists, signatures, page breaks."""
from tei_encode import encode_text
from tei_encode.dates import parse

NS = {"t": "http://www.tei-c.org/ns/1.0"}

TELEGRAM = """825.5151/164: Telegram
The Ambassador in Chile (Sevier) to the Secretary of State
Santiago, February 21, 1934—7 p.m. [Received 8:50 p.m.]
23. With reference to my telegram February 8, noon. The order [Page 12] will go to the American Company.
[Page 13]
2.
The second point.
Sevier
"""


def tree_of(text, **kw):
    return encode_text(text, "d16", volume="frus1934v05", **kw).tree


def test_telegram_blocks():
    t = tree_of(TELEGRAM)
    div = t.find(".//t:div[@type='document']", NS)
    assert div.get("{http://www.w3.org/XML/1998/namespace}id") == "d16"
    assert div.get("n") == "16"
    assert div.findtext("t:note[@type='source']", namespaces=NS) == "825.5151/164: Telegram"
    assert "".join(div.find("t:head", NS).itertext()) == "The Ambassador in Chile (Sevier) to the Secretary of State"
    dl = div.find("t:dateline", NS)
    assert dl.findtext("t:placeName", namespaces=NS) == "Santiago"
    assert dl.find("t:date", NS).get("when") == "1934-02-21T19:00:00"
    assert dl.find("t:date", NS).text == "February 21, 1934—7 p.m."
    assert "".join(div.find("t:closer/t:signed", NS).itertext()) == "Sevier"
    assert [x.text for x in div.findall(".//t:list/t:label", NS)] == ["2."]


def test_page_breaks_inline_and_between_blocks():
    t = tree_of(TELEGRAM)
    pbs = t.findall(".//t:pb", NS)
    assert [(p.get("n"), p.get("{http://www.w3.org/XML/1998/namespace}id")) for p in pbs] == [
        ("12", "pg_12"), ("13", "pg_13")]
    p = pbs[0].getparent()
    assert p.tag.endswith("}p") and pbs[0].tail.startswith("will go")
    assert pbs[1].getparent().tag.endswith("}div")


def test_header_is_complete():
    t = tree_of(TELEGRAM)
    h = t.find("t:teiHeader", NS)
    assert h.findtext(".//t:titleStmt/t:title", namespaces=NS).startswith("The Ambassador in Chile")
    assert h.find(".//t:publicationStmt", NS) is not None
    assert h.findtext(".//t:sourceDesc/t:bibl[@type='source']", namespaces=NS) == "825.5151/164: Telegram"
    assert h.find(".//t:encodingDesc/t:appInfo/t:application[@ident='tei-encode']", NS) is not None
    change = h.find(".//t:revisionDesc/t:change", NS)
    assert change.get("when") == "2023-11-14T22:13:20Z"  # SOURCE_DATE_EPOCH=1700000000


def test_dates_in_iso_form():
    assert parse("Washington, May 23, 1918, 4 p.m.")[2] == "1918-05-23T16:00:00"
    assert parse("Petrograd, May 11, 1917, midnight.")[2] == "1917-05-11T00:00:00"
    assert parse("Guatemala, July 21, 1925—noon.")[2] == "1925-07-21T12:00:00"
    assert parse("Rome, October 26, 1930—11 a.m.")[2] == "1930-10-26T11:00:00"
    assert parse("Paris, 12 June 1861.")[2] == "1861-06-12"
    assert parse("Port-au-Prince, July, 1934.")[2] == "1934-07"
    assert parse("Peking, September 17, 1918. [Received September 20, 2.52 a.m.]")[2] == "1918-09-17"


def test_enclosure_becomes_attachment_and_stays_valid_order():
    text = ("File No. 1\nMr. A to Mr. B.\nLondon, May 2, 1901.\nSir: I enclose a copy.\nI have, etc.,\n"
            "JOHN HAY.\n[Inclosure.]\nMr. C to Mr. A.\nParis, May 1, 1901.\nThe text.\nC. D.\n")
    t = tree_of(text)
    div = t.find(".//t:div[@type='document']", NS)
    att = div.find("t:div[@type='attachment']", NS)
    assert att.findtext("t:note[@type='source']", namespaces=NS) == "[Inclosure.]"
    assert "".join(att.find("t:head", NS).itertext()) == "Mr. C to Mr. A."
    assert att.find("t:dateline/t:date", NS).get("when") == "1901-05-01"
    assert "".join(div.find(".//t:div[@type='main']/t:closer/t:signed", NS).itertext()) == "JOHN HAY."


def test_captions_and_classifications_in_capitals_are_no_signatures():
    text = ("Memorandum From the Secretary of State to the President\n"
            "Washington, January 21, 1969.\n"
            "TOP SECRET\n"
            "SUBJECT\n"
            "Organization of the NSC System\n"
            "Attached is a memorandum. You may approve it.\n"
            "WILLIAM P. ROGERS\n")
    tree = tree_of(text)
    signed = ["".join(s.itertext()) for s in tree.iterfind(".//t:signed", NS)]
    assert signed == ["WILLIAM P. ROGERS"]
    names = {"".join(p.itertext()) for p in tree.iterfind(".//t:text//t:persName", NS)}
    assert names == {"WILLIAM P. ROGERS"}  # not "SUBJECT", "SECRET" or "You"


def test_file_number_without_a_slash_before_telegram_is_the_source_note():
    tree = tree_of("811.111 Firms—Sovkino: Telegram\n"
                   "The Secretary of State to the Consul General at Paris (Skinner)\n"
                   "Washington, May 19, 1925—4 p.m.\n"
                   "Your 143, May 16.\n")
    source = tree.find(".//t:div/t:note[@type='source']", NS)
    assert "".join(source.itertext()) == "811.111 Firms—Sovkino: Telegram"
    assert "".join(tree.find(".//t:div/t:head", NS).itertext()).startswith("The Secretary of State")
