"""The seed against the Office of the Historian's own encoding of it (FRUS 1951 VII/2, d52)."""
import re

from lxml import etree

from tei_encode import encode_file

from conftest import SEED

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def squash(s):
    return re.sub(r"\s+", " ", s or "").strip()


def main_text(div):
    """Text outside footnotes and source notes, spaces squashed (as the scorer compares)."""
    out = []

    def walk(el):
        name = etree.QName(el).localname
        if name == "note":
            return
        out.append(el.text or "")
        for c in el:
            walk(c)
            out.append(c.tail or "")

    walk(div)
    return re.sub(r"\s+", "", "".join(out))


def test_seed_matches_the_office(office_seed):
    ours = encode_file(SEED, volume="frus1951v07p2").tree
    gold = etree.parse(str(office_seed))
    od = ours.find(".//t:div[@type='document']", NS)
    gd = gold.find(".//t:div[@type='document']", NS)
    # heading and source note exact
    assert squash("".join(od.find("t:head", NS).itertext())) == squash("".join(gd.find("t:head", NS).itertext()))
    assert squash(od.findtext("t:note[@type='source']", namespaces=NS)) == squash(
        gd.findtext("t:note[@type='source']", namespaces=NS))
    # all six footnotes, same numbers, same texts, same anchors (the text before each)
    def notes(div):
        res = []
        for n in div.iterfind(".//t:note[@n]", NS):
            res.append((n.get("n"), squash("".join(n.itertext()))))
        return res
    assert notes(od) == notes(gd)
    # same main text (the Office's copy has a dateline and classification the reader's copy lacks)
    gold_text = main_text(gd)
    ours_text = main_text(od)
    assert ours_text in gold_text.replace("[Washington,]March24,1951.topsecret", "")
    # each note sits after the same word as in the Office's file
    def preceding(div):
        """The word each footnote follows, read through inline elements (persName, ref)."""
        res = []
        for n in div.iterfind(".//t:note[@n]", NS):
            block = n.getparent()
            while etree.QName(block).localname not in ("p", "head", "item"):
                block = block.getparent()
            out = []

            def walk(el):
                if el is n:
                    raise StopIteration
                if etree.QName(el).localname == "note":
                    return  # another footnote: its words are not the text's
                out.append(el.text or "")
                for c in el:
                    walk(c)
                    out.append(c.tail or "")
            try:
                walk(block)
            except StopIteration:
                pass
            words = "".join(out).split()
            res.append(words[-1] if words else "")
        return res
    assert preceding(od) == preceding(gd)
    # the page break
    pbs = od.findall(".//t:pb", NS)
    assert [p.get("n") for p in pbs] == ["1608"]
    assert pbs[0].tail.startswith("Moscow-Peiping")


def test_seed_is_valid_tei(tei_all_rng):
    from tei_encode.validate import validate_tree
    ours = encode_file(SEED, volume="frus1951v07p2").tree
    assert validate_tree(ours, str(tei_all_rng)) == []
    assert validate_tree(ours, "profile") == []
