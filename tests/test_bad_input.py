"""Bad input and failure: a clear message, nothing lost, no traceback."""
import hashlib
import shutil
import subprocess
import sys

from click.testing import CliRunner
from lxml import etree

from tei_encode import encode_bytes, encode_text
from tei_encode.cli import main
from tei_encode.validate import validate_tree

from conftest import SEED

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def body(xml: bytes) -> bytes:
    return xml[xml.index(b"<text>"):]


def test_cp1252_twin_encodes_like_utf8(tmp_path):
    text = "Mr. Smith to Mr. Jones\n“Quoted” text — with a dash, and café.\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "d1.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "b" / "d1.txt").write_bytes(text.encode("cp1252"))
    assert run("encode", tmp_path / "a", "--out", tmp_path / "oa").exit_code == 0
    r = run("encode", tmp_path / "b", "--out", tmp_path / "ob")
    assert r.exit_code == 0
    assert "not UTF-8" in r.output and "cp1252" in r.output
    assert body((tmp_path / "oa" / "d1.xml").read_bytes()) == body((tmp_path / "ob" / "d1.xml").read_bytes())


def test_bom_crlf_and_cr_line_ends():
    text = "Mr. Smith to Mr. Jones\nFirst paragraph.1\nSecond.\n- A note.↩\n"
    plain = body(encode_bytes(text.encode(), "d1").xml)
    for variant in (b"\xef\xbb\xbf" + text.encode(), text.replace("\n", "\r\n").encode(),
                    text.replace("\n", "\r").encode()):
        enc = encode_bytes(variant, "d1")
        assert body(enc.xml) == plain
        assert enc.lost_lines == 0


def test_empty_and_binary_are_refused_with_one_line(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    for name in ("empty.txt", "blank.txt", "bin.txt"):
        r = run("encode", tmp_path / name, "--out", tmp_path / "o")
        assert r.exit_code == 1
        lines = [l for l in r.output.splitlines() if name in l]
        assert len(lines) == 1 and "Traceback" not in r.output
        assert not (tmp_path / "o" / name.replace(".txt", ".xml")).exists()


def test_footnote_trouble_is_warned_and_output_valid():
    cases = {
        "no marker for a note": ("A to B\nText without markers.\n- Lonely note.↩\n", "no marker"),
        "marker without note": ("A to B\nSee the despatch4 of May.\n", "looks like a footnote marker"),
        "numbering gap": ("A to B\nOne.1 Two.3\n- a↩\n- b↩\n", "jumps from 1 to 3"),
        "duplicate": ("A to B\nOne.5 Two.5\n- a↩\n- b↩\n", "used twice"),
    }
    for label, (text, expect) in cases.items():
        enc = encode_text(text, "d1")
        assert any(expect in w for w in enc.warnings), (label, enc.warnings)
        assert enc.lost_lines == 0, label
        assert validate_tree(enc.tree, "profile") == [], label


def test_xml_special_characters_are_kept():
    enc = encode_text("A & B to <C>\nText with & and < and ]]> inside.\n", "d1")
    etree.fromstring(enc.xml)
    p = enc.tree.find(".//t:div/t:p", NS)
    assert "".join(p.itertext()) == "Text with & and < and ]]> inside."
    assert enc.lost_lines == 0


def test_forbidden_characters_replaced_with_warning():
    enc = encode_bytes("A to B\nbad\x0bchar and\x0cform and\x00nul.\n".encode(), "d1")
    assert any("XML 1.0 forbids" in w for w in enc.warnings)
    etree.fromstring(enc.xml)
    assert validate_tree(enc.tree, "profile") == []


def test_unwritable_output_folder(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = run("encode", SEED, "--out", blocker / "sub")
    assert r.exit_code == 1
    assert "cannot write output folder" in r.output and "Traceback" not in r.output


def test_inputs_are_never_modified(tmp_path):
    shutil.copy(SEED, tmp_path / SEED.name)
    before = hashlib.sha256((tmp_path / SEED.name).read_bytes()).hexdigest()
    run("encode", tmp_path, "--out", tmp_path / "out")
    assert hashlib.sha256((tmp_path / SEED.name).read_bytes()).hexdigest() == before


def test_bad_option_is_usage_error(tmp_path):
    r = CliRunner().invoke(main, ["encode", str(SEED), "--out", str(tmp_path), "--jobs", "0"])
    assert r.exit_code == 2


def test_no_traceback_without_debug(tmp_path):
    """An unexpected failure is one line; --debug shows the traceback."""
    p = subprocess.run([sys.executable, "-m", "tei_encode", "validate", "--schema", str(tmp_path / "x.rng"),
                        str(SEED)], capture_output=True, text=True)
    assert p.returncode == 2 and "Traceback" not in p.stderr
