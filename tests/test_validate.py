"""Validation: jing's verdicts through RELAX NG and XSD, Schematron, formats, hostile XML."""
import json
import shutil
import subprocess
import time

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_encode import encode_file
from tei_encode.cli import main
from tei_encode.validate import validate_file, validate_files, validate_tree

from conftest import SEED

NS = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def sample(dev_corpus, tmp_path):
    """Some of the Office's own files (FRUS attributes make several invalid) and ours."""
    golds = sorted(dev_corpus.glob("*/gold/*.xml"))[::60]
    for g in golds:
        shutil.copy(g, tmp_path / f"{g.parent.parent.name}-{g.name}")
    return tmp_path


def test_seed_output_valid_everywhere(tei_all_rng, tei_all_xsd, tmp_path):
    tree = encode_file(SEED, volume="frus1951v07p2").tree
    assert validate_tree(tree, "profile") == []
    assert validate_tree(tree, str(tei_all_rng)) == []
    path = tmp_path / "seed.xml"
    tree.write(str(path))
    assert validate_file(str(path), str(tei_all_xsd)).valid


def test_cut_grammar_gives_the_full_grammars_verdicts(sample, tei_all_rng):
    """Cutting tei_all to the elements used must not change a verdict: compare with the
    whole grammar compiled by lxml on every sampled file."""
    full = etree.RelaxNG(etree.parse(str(tei_all_rng)))
    results = validate_files(sorted(sample.glob("*.xml")), str(tei_all_rng), jobs=1)
    assert any(not r.valid for r in results) and any(r.valid for r in results)
    for r in results:
        assert r.valid == full.validate(etree.parse(r.path)), r.path


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed (apt-get install jing)")
def test_same_verdicts_as_jing(sample, tei_all_rng):
    files = sorted(sample.glob("*.xml"))
    p = subprocess.run(["jing", str(tei_all_rng), *map(str, files)], capture_output=True, text=True)
    jing_invalid = {line.split(":")[0] for line in p.stdout.splitlines() if ": error:" in line}
    ours = {r.path for r in validate_files(files, str(tei_all_rng)) if not r.valid}
    assert ours == jing_invalid


def test_xsd_gives_the_same_verdicts(sample, tei_all_rng, tei_all_xsd):
    files = sorted(sample.glob("*.xml"))
    by_rng = {r.path: r.valid for r in validate_files(files, str(tei_all_rng))}
    by_xsd = {r.path: r.valid for r in validate_files(files, str(tei_all_xsd))}
    assert by_rng == by_xsd


def test_profile_is_within_tei_all(dev_corpus, tei_all_rng, tmp_path):
    """Every document the profile accepts, tei_all accepts: encoder outputs of each volume."""
    from tei_encode.batch import run as run_batch
    for vol in sorted(p.name for p in dev_corpus.iterdir()):
        inputs = sorted((dev_corpus / vol / "text").glob("*.txt"))[::40]
        run_batch(inputs, tmp_path / vol, volume=vol, jobs=1)
    outputs = sorted(tmp_path.glob("*/*.xml"))
    assert len(outputs) > 50
    profile = validate_files(outputs, "profile", jobs=1)
    assert all(r.valid for r in profile), [r.errors for r in profile if not r.valid][:3]
    tei_all = validate_files(outputs, str(tei_all_rng), jobs=1)
    assert all(r.valid for r in tei_all), [(r.path, r.errors[:1]) for r in tei_all if not r.valid][:3]


def test_schematron_rules_of_the_profile():
    tree = encode_file(SEED, volume="frus1951v07p2").tree
    next(tree.iter(NS + "persName")).set("ref", "#nobody")
    note = next(n for n in tree.iter(NS + "note") if n.get("n"))
    del note.attrib["n"]
    next(tree.iter(NS + "pb")).set(XML_ID, "p_lie")
    messages = " | ".join(e["message"] for e in validate_tree(tree, "profile"))
    assert "points to no person" in messages
    assert "must have @n" in messages
    assert "used more than once" in messages


def _broken_variants():
    """The seed's TEI, whole and with each of the profile's rules broken (alone, together)."""
    base = etree.tostring(encode_file(SEED, volume="frus1951v07p2").tree)

    def variant(*edits):
        root = etree.fromstring(base)
        for edit in edits:
            edit(root)
        return root.getroottree()

    def bad_ref(r):
        next(r.iter(NS + "persName")).set("ref", "#nobody")

    def no_hash(r):
        next(r.iter(NS + "persName")).set("ref", "p_lie")

    def no_n(r):
        del next(n for n in r.iter(NS + "note") if n.get("n")).attrib["n"]

    def blank_n(r):
        next(n for n in r.iter(NS + "note") if n.get("n")).set("n", " \t")

    def no_id(r):
        del next(n for n in r.iter(NS + "note") if n.get("n")).attrib[XML_ID]

    def dup_id(r):
        next(r.iter(NS + "pb")).set(XML_ID, "p_lie")

    def pb_no_n(r):
        del next(r.iter(NS + "pb")).attrib["n"]

    def ref_to_non_person(r):
        next(r.iter(NS + "persName")).set("ref", "#" + next(r.iter(NS + "pb")).get(XML_ID))

    edits = [bad_ref, no_hash, no_n, blank_n, no_id, dup_id, pb_no_n, ref_to_non_person]
    yield variant()
    for e in edits:
        yield variant(e)
    yield variant(*edits[2:])


def test_profile_rules_give_the_schematrons_verdicts():
    # encode checks the profile's rules natively; `validate` runs schemas/tei_encode.sch
    from tei_encode import grammar
    from tei_encode.validate import _errors, _schematron, profile_rules
    sch = _schematron(str(grammar.profile_dir() / "tei_encode.sch"))
    seen = 0
    for tree in _broken_variants():
        expected = _errors(tree, None, sch)
        assert profile_rules(tree) == expected
        seen += bool(expected)
    assert seen == 9  # every broken variant was caught


def test_json_and_junit_formats(sample, tei_all_rng):
    r = run("validate", "--schema", tei_all_rng, "--format", "json", sample)
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert data["schema"] == str(tei_all_rng)
    bad = [f for f in data["files"] if not f["valid"]]
    assert bad and set(bad[0]["errors"][0]) == {"line", "column", "message"}
    r = run("validate", "--schema", tei_all_rng, "--format", "junit", sample)
    suite = etree.fromstring(r.output.encode())
    assert suite.tag == "testsuite" and int(suite.get("failures")) == len(bad)


def test_text_format_reads_like_jing(sample, tei_all_rng):
    r = run("validate", "--schema", tei_all_rng, sample)
    assert r.exit_code == 1
    first = r.output.splitlines()[0]
    path, line, col, rest = first.split(":", 3)
    assert path.endswith(".xml") and line.isdigit() and col.isdigit() and rest.startswith(" error: ")


def test_valid_files_exit_zero_and_usage_errors_exit_two(tmp_path):
    tree = encode_file(SEED).tree
    tree.write(str(tmp_path / "ok.xml"))
    assert run("validate", tmp_path / "ok.xml").exit_code == 0
    assert run("validate", tmp_path / "missing.xml").exit_code == 2
    assert run("validate", "--schema", "nonsense", tmp_path / "ok.xml").exit_code == 2


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0">&lol9;</TEI>
"""


def test_hostile_xml_is_refused_quickly(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    (tmp_path / "bomb.xml").write_text(BOMB)
    (tmp_path / "xxe.xml").write_text(
        f'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>')
    (tmp_path / "net.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE TEI SYSTEM "http://example.invalid/tei.dtd">'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"/>')
    t0 = time.monotonic()
    r = run("validate", "--format", "json", tmp_path)
    assert time.monotonic() - t0 < 10
    assert r.exit_code == 1
    assert "TOP SECRET" not in r.output and "lollollol" not in r.output
    files = {f["path"].rsplit("/", 1)[-1]: f for f in json.loads(r.output)["files"]}
    for name in ("bomb.xml", "xxe.xml", "net.xml"):
        assert not files[name]["valid"]
        assert "refused" in files[name]["errors"][0]["message"]


def test_schemas_fetch_from_a_folder_checks_hashes(tmp_path, tei_all_rng, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("TEI_ENCODE_SCHEMAS", raising=False)
    r = run("schemas", "fetch", "--from", tei_all_rng.parent)
    assert r.exit_code == 0, r.output
    assert (tmp_path / "cache" / "tei-encode" / "schemas" / "tei_all.rng").exists()
    tree = encode_file(SEED).tree
    tree.write(str(tmp_path / "ok.xml"))
    assert run("validate", "--schema", "tei_all", tmp_path / "ok.xml").exit_code == 0
    # a tampered copy is refused
    bad = tmp_path / "bad"
    shutil.copytree(tei_all_rng.parent, bad)
    (bad / "tei_all.rng").write_bytes((bad / "tei_all.rng").read_bytes() + b"\n")
    r = run("schemas", "fetch", "--from", bad)
    assert r.exit_code == 1 and "not the pinned" in r.output


def test_tei_all_missing_is_a_clear_usage_error(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty"))
    monkeypatch.delenv("TEI_ENCODE_SCHEMAS", raising=False)
    tree = encode_file(SEED).tree
    tree.write(str(tmp_path / "ok.xml"))
    r = run("validate", "--schema", "tei_all", tmp_path / "ok.xml")
    assert r.exit_code == 2 and "schemas fetch" in r.output


def test_embedded_schematron_of_tei_all_runs_as_warnings(tmp_path, tei_all_rng):
    (tmp_path / "divinp.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
        '<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>'
        '<text><body><p>a <list><item><div><p>x</p></div></item></list></p></body></text></TEI>')
    r = run("validate", "--schema", tei_all_rng, "--format", "json", tmp_path)
    data = json.loads(r.output)
    assert data["schematron"]["embedded_patterns_run"] > 0
    warnings = data["files"][0]["warnings"]
    assert any("Abstract model violation" in w["message"] for w in warnings)
    r = run("validate", "--schema", tei_all_rng, tmp_path)
    assert "warning: schematron (embedded)" in r.output
