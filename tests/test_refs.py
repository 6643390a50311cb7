"""Cross-references: FRUS citations and their targets."""
from tei_encode import encode_file, encode_text

from conftest import SEED

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def refs(text, volume="frus1925v02"):
    tree = encode_text("A to B\nBody.1\n- " + text + "↩\n", "d1", volume=volume).tree
    return [("".join(r.itertext()), r.get("target")) for r in tree.iterfind(".//t:ref", NS)]


def test_seed_citations():
    tree = encode_file(SEED, volume="frus1951v07p2").tree
    got = [("".join(r.itertext()), r.get("target")) for r in tree.iterfind(".//t:ref", NS)]
    assert got == [("vol. iii, Part 1, pp. 1086", "frus1951v03p1#pg_1086"),
                   ("p. 239", "frus1951v07p1#pg_239"), ("p. 290", "frus1951v07p1#pg_290")]


def test_same_volume_pages_and_documents():
    assert refs("Ante, p. 34.") == [("p. 34", "#pg_34")]
    assert refs("See telegram No. 5, May 2, printed on page 15.") == [("page 15", "#pg_15")]
    assert refs("See Document 52.") == [("Document 52", "#d52")]


def test_other_volumes():
    assert refs("Foreign Relations, 1933, vol. iv, p. 234.") == [
        ("Foreign Relations, 1933, vol. iv, p. 234", "frus1933v04#pg_234")]
    assert refs("Foreign Relations, 1917, supp. 2, vol. i, p. 139.") == [
        ("Foreign Relations, 1917, supp. 2, vol. i, p. 139", "frus1917Supp02v01#pg_139")]
    assert refs("Foreign Relations, 1906, pt. 2, p. 1495.") == [
        ("Foreign Relations, 1906, pt. 2, p. 1495", "frus1906p2#pg_1495")]
    assert refs("Foreign Relations, 1916, p. 3.") == [("Foreign Relations, 1916, p. 3", "frus1916#pg_3")]
    assert refs("Foreign Relations, Paris Peace Conference, 1919, vol. ii, p. 175.") == [
        ("Foreign Relations, Paris Peace Conference, 1919, vol. ii, p. 175", "frus1919Parisv02#pg_175")]


def test_ibid_takes_the_series_and_volume_before_it():
    got = refs("Foreign Relations, 1924, vol. ii, p. 5; ibid., p. 9; Ibid., 1923, vol. i, p. 189.")
    assert [t for _, t in got] == ["frus1924v02#pg_5", "frus1924v02#pg_9", "frus1923v01#pg_189"]


def test_lists_and_ranges_each_page_a_ref():
    got = refs("Foreign Relations, 1871, pp. 28, 29. See vol. i, pp. 747–749.", volume="frus1918Russiav03")
    assert [t for _, t in got] == ["frus1871#pg_28", "frus1871#pg_29",
                                   "frus1918Russiav01#pg_747", "frus1918Russiav01#pg_749"]
    assert got[1][0] == "29"


def test_relative_volume_and_earlier_part():
    assert refs("See vol. ii, p. 519.", volume="frus1918Russiav03") == [
        ("vol. ii, p. 519", "frus1918Russiav02#pg_519")]


def test_unknown_targets_are_left_untagged():
    assert refs("See p. 34.", volume=None) == []  # no --volume: the target cannot be known
    assert refs("Malloy, Treaties, 1910–1923, vol. iii, p. 3329.") == []
    assert refs("The American Passport, page 155.") == []
    assert refs("With reference to the first paragraph on page 2 of your despatch.") == []
