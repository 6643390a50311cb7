"""The command line as a user runs it: exit codes, one-line errors, files written."""
import json
import subprocess
import sys

from click.testing import CliRunner

from tei_encode.cli import main

from conftest import SEED


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_encode_seed(tmp_path):
    r = run("encode", str(SEED.parent), "--out", str(tmp_path), "--volume", "frus1951v07p2")
    assert r.exit_code == 0, r.output
    stem = SEED.stem
    assert (tmp_path / f"{stem}.xml").exists()
    assert (tmp_path / f"{stem}.text.diff").read_text() == ""
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["documents"][stem]["status"] == "encoded"
    assert "1 of 1 documents encoded" in r.output
    assert "6 footnotes, 1 page breaks" in r.output


def test_missing_path_is_usage_error(tmp_path):
    r = run("encode", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o"))
    assert r.exit_code == 2
    assert "nope.txt" in r.output


def test_empty_and_binary_files_fail_with_one_line(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "bin.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "in" / "good.txt").write_text("A to B\nText.\n", encoding="utf-8")
    r = run("encode", str(tmp_path / "in"), "--out", str(tmp_path / "o"))
    assert r.exit_code == 1
    lines = [l for l in r.output.splitlines() if "empty.txt" in l or "bin.txt" in l]
    assert len(lines) == 2 and all("Traceback" not in l for l in lines)
    assert not (tmp_path / "o" / "empty.xml").exists()
    assert not (tmp_path / "o" / "bin.xml").exists()
    assert (tmp_path / "o" / "good.xml").exists()


def test_python_dash_m(tmp_path):
    p = subprocess.run([sys.executable, "-m", "tei_encode", "encode", str(SEED), "--out", str(tmp_path)],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / f"{SEED.stem}.xml").exists()


def test_reproducible_bytes(tmp_path):
    run("encode", str(SEED), "--out", str(tmp_path / "a"), "--volume", "frus1951v07p2")
    run("encode", str(SEED), "--out", str(tmp_path / "b"), "--volume", "frus1951v07p2")
    a = (tmp_path / "a" / f"{SEED.stem}.xml").read_bytes()
    b = (tmp_path / "b" / f"{SEED.stem}.xml").read_bytes()
    assert a == b
