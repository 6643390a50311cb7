"""Persons: mentions tagged as the Office tags them, one person per individual, linked."""
from tei_encode import encode_file, encode_text
from tei_encode.authority import load_authority

from conftest import SEED

NS = {"t": "http://www.tei-c.org/ns/1.0", "xml": "http://www.w3.org/XML/1998/namespace"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def mentions(tree):
    return [("".join(p.itertext()), p.get("ref")) for p in tree.iterfind(".//t:text//t:persName", NS)]


def test_seed_persons_exactly():
    tree = encode_file(SEED, volume="frus1951v07p2").tree
    got = mentions(tree)
    names = sorted(n for n, _ in got)
    assert names == sorted(["John Paton Davies", "Lie", "Lie", "Trygve Lie", "Gross", "Gromyko", "Gromyko",
                            "Gromyko", "Andrei Gromyko", "Bohlen", "Bohlen", "Charles E. Bohlen", "Lavrentiev",
                            "Lavrentiev", "A. I. Lavrentiev", "Jessup", "Jessup", "Jessup", "C. B. Marshall"])
    ids = {p.get(XML_ID) for p in tree.iterfind(".//t:listPerson/t:person", NS)}
    # every mention linked to a person in the file; one id per person
    assert all(ref and ref[1:] in ids for _, ref in got)
    by_person = {}
    for name, ref in got:
        by_person.setdefault(ref, set()).add(name)
    assert {"Lie", "Trygve Lie"} in by_person.values()
    assert {"Gromyko", "Andrei Gromyko"} in by_person.values()
    assert len(ids) == 8
    # the footnote that identifies a person describes them
    lie = tree.find(".//t:person[@xml:id='p_lie']", NS)
    assert lie.findtext("t:note", namespaces=NS) == "Secretary-General of the United Nations."
    assert lie.findtext("t:persName/t:forename", namespaces=NS) == "Trygve"


def test_titles_stay_outside_and_possessives_are_cut():
    text = ("Memorandum by the Secretary of State\nI told Mr. Acheson’s assistant, Mr. J. E. Webb, that "
            "Ambassador Kennan would see Acheson-Kennan papers.\n")
    got = [n for n, _ in mentions(encode_text(text, "d1").tree)]
    assert got == ["Acheson", "J. E. Webb", "Kennan", "Acheson", "Kennan"]


def test_offices_are_not_persons():
    got = mentions(encode_text("The Secretary of State to the Ambassador in France\n"
                               "The Secretary of State and the President agreed.\n", "d1").tree)
    assert got == []


def test_head_and_signature():
    text = ("The Ambassador in Chile (Sevier) to the Secretary of State\nSantiago, February 21, 1934.\n"
            "Sevier reports nothing new.\nSevier\n")
    tree = encode_text(text, "d1").tree
    got = mentions(tree)
    assert [n for n, _ in got] == ["Sevier", "Sevier", "Sevier"]
    assert len({r for _, r in got}) == 1
    assert tree.find(".//t:head/t:persName", NS).get("type") == "from"


def test_one_surname_two_people():
    text = ("Memo\nJohn Smith, Consul at Riga, met Henry Smith, Minister at Oslo.\n"
            "John Smith wrote; Henry Smith replied.\n")
    got = mentions(encode_text(text, "d1").tree)
    refs = {n: r for n, r in got}
    assert refs["John Smith"] != refs["Henry Smith"]


def test_external_authority_frus_list(tmp_path):
    auth = tmp_path / "persons.xml"
    auth.write_text(
        '<div xmlns="http://www.tei-c.org/ns/1.0"><list>'
        '<item><persName xml:id="p_GAA1">Gromyko, Andrei A.</persName>, Soviet Deputy Minister.</item>'
        '<item><persName xml:id="p_LT1">Lie, Trygve</persName>, Secretary-General.</item>'
        '</list></div>', encoding="utf-8")
    authority = load_authority(auth)
    tree = encode_file(SEED, volume="frus1951v07p2", persons=authority).tree
    got = dict((n, r) for n, r in mentions(tree))
    assert got["Gromyko"] == "#p_GAA1" and got["Trygve Lie"] == "#p_LT1"
    person = tree.find(".//t:person[@xml:id='p_GAA1']", NS)
    assert person.findtext("t:note", namespaces=NS) == "Soviet Deputy Minister."


def test_external_authority_csv(tmp_path):
    auth = tmp_path / "persons.csv"
    auth.write_text("id,name,description\nbohlen,\"Bohlen, Charles E.\",Minister in Paris\n", encoding="utf-8")
    tree = encode_file(SEED, volume="frus1951v07p2", persons=load_authority(auth)).tree
    assert dict(mentions(tree))["Bohlen"] == "#bohlen"


def test_persons_link_valid_under_profile():
    from tei_encode.validate import validate_tree
    assert validate_tree(encode_file(SEED, volume="frus1951v07p2").tree, "profile") == []


def test_bad_authority_is_a_usage_error(tmp_path):
    from click.testing import CliRunner
    from tei_encode.cli import main
    bad = tmp_path / "persons.xml"
    bad.write_text("<not-closed>")
    r = CliRunner().invoke(main, ["encode", str(SEED), "--out", str(tmp_path / "o"), "--persons", str(bad)])
    assert r.exit_code == 2 and "not a person authority" in r.output
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())
