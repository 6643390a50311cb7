"""Archive-ready output: reproducible files, diffs, report, BagIt bags, the repo's output/."""
import hashlib
import json
import shutil
import subprocess
import sys

from click.testing import CliRunner

from tei_encode.cli import main

from conftest import ROOT, SEED

STEM = SEED.stem


def encode(*args):
    return CliRunner().invoke(main, ["encode", *map(str, args)], catch_exceptions=False)


def test_output_folder_is_current(tmp_path):
    """output/ holds the seed's deposit; it must be what the encoder makes now."""
    r = encode(SEED.parent, "--out", tmp_path, "--volume", "frus1951v07p2")
    assert r.exit_code == 0, r.output
    for name in (f"{STEM}.xml", f"{STEM}.text.diff"):
        assert (tmp_path / name).read_bytes() == (ROOT / "output" / name).read_bytes(), (
            f"output/{name} is stale: run SOURCE_DATE_EPOCH=1700000000 tei-encode encode seeds --out output "
            "--volume frus1951v07p2")
    report = json.loads((ROOT / "output" / "report.json").read_text())
    entry = report["documents"][STEM]
    assert entry["status"] == "encoded" and entry["valid"] is True
    from tei_encode.batch import CODE_HASH
    assert entry["code"] == CODE_HASH, "output/report.json is stale: re-encode with --force (see above)"
    assert entry["sha256"] == hashlib.sha256((ROOT / "output" / f"{STEM}.xml").read_bytes()).hexdigest()


def test_xml_declaration_and_schema_pi(tmp_path):
    encode(SEED, "--out", tmp_path)
    head = (tmp_path / f"{STEM}.xml").read_bytes()[:300]
    assert head.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert b"<?xml-model href=" in head


def test_text_diff_has_no_changed_line(tmp_path):
    encode(SEED, "--out", tmp_path)
    assert (tmp_path / f"{STEM}.text.diff").read_text() == ""


def test_changed_word_shows_in_xml_diff_and_summary(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    out = tmp_path / "out"
    assert encode(src, "--out", out).exit_code == 0
    text = (src / SEED.name).read_text(encoding="utf-8").replace("bilateral", "trilateral", 1)
    (src / SEED.name).write_text(text, encoding="utf-8")
    r = encode(src, "--out", out)
    assert r.exit_code == 0
    diff = (out / f"{STEM}.xml.diff").read_text()
    minus = [l for l in diff.splitlines() if l.startswith("-") and "bilateral" in l]
    plus = [l for l in diff.splitlines() if l.startswith("+") and "trilateral" in l]
    assert minus and plus
    assert "changed since the last run" in r.output and STEM in r.output


def test_unchanged_inputs_are_skipped_unless_forced(tmp_path):
    encode(SEED, "--out", tmp_path)
    r = encode(SEED, "--out", tmp_path)
    assert "1 unchanged, skipped" in r.output
    r = encode(SEED, "--out", tmp_path, "--force")
    assert "unchanged, skipped" not in r.output


def test_atomic_writes_leave_no_temporaries(tmp_path):
    encode(SEED, "--out", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{STEM}.xml", f"{STEM}.text.diff", "report.json"])


def test_report_records_each_document(tmp_path):
    encode(SEED, "--out", tmp_path, "--volume", "frus1951v07p2")
    doc = json.loads((tmp_path / "report.json").read_text())["documents"][STEM]
    assert doc["status"] == "encoded" and doc["valid"] is True and doc["warnings"] == []
    assert doc["counts"]["footnotes"] == 6 and doc["counts"]["page_breaks"] == 1
    assert doc["sha256"] == hashlib.sha256((tmp_path / f"{STEM}.xml").read_bytes()).hexdigest()


def test_bag_is_valid_and_detects_tampering(tmp_path):
    out, bag = tmp_path / "out", tmp_path / "bag"
    encode(SEED, "--out", out, "--volume", "frus1951v07p2")
    r = CliRunner().invoke(main, ["package", str(out), "--bag", str(bag), "--info", "Source-Organization=Test"])
    assert r.exit_code == 0, r.output
    info = (bag / "bag-info.txt").read_text()
    for field in ("Source-Organization: Test", "External-Description:", "Bagging-Date:", "Payload-Oxum:"):
        assert field in info
    assert (bag / "manifest-sha256.txt").exists() and (bag / "manifest-sha512.txt").exists()
    assert (bag / "data" / "sources" / SEED.name).exists()
    bagit_cli = [sys.executable, "-m", "bagit", "--validate", str(bag)]
    assert subprocess.run(bagit_cli, capture_output=True).returncode == 0
    assert CliRunner().invoke(main, ["package", "--verify", str(bag)]).exit_code == 0
    xml = bag / "data" / "tei" / f"{STEM}.xml"
    xml.write_bytes(xml.read_bytes().replace(b"Korean", b"Corean", 1))
    assert subprocess.run(bagit_cli, capture_output=True).returncode != 0
    r = CliRunner().invoke(main, ["package", "--verify", str(bag)])
    assert r.exit_code == 1


def test_package_refuses_existing_bag_and_missing_report(tmp_path):
    r = CliRunner().invoke(main, ["package", str(tmp_path), "--bag", str(tmp_path / "bag")])
    assert r.exit_code == 1 and "report.json" in r.output
    assert not (tmp_path / "bag").exists()


def test_interrupted_batch_resumes(tmp_path, monkeypatch, dev_corpus):
    """Documents finished before an interruption are not encoded again."""
    import pytest
    from tei_encode import batch

    inputs = sorted((dev_corpus / "frus1934v05" / "text").glob("*.txt"))[:6]
    calls = []
    real = batch._Worker.stage_two

    def flaky(self, path, lexicon):
        if len(calls) == 3:
            raise KeyboardInterrupt
        calls.append(path)
        return real(self, path, lexicon)

    monkeypatch.setattr(batch._Worker, "stage_two", flaky)
    with pytest.raises(KeyboardInterrupt):
        batch.run(inputs, tmp_path, volume="frus1934v05", jobs=1)
    monkeypatch.setattr(batch._Worker, "stage_two", real)
    results = batch.run(inputs, tmp_path, volume="frus1934v05", jobs=1)
    assert [o.status for o in results] == ["unchanged"] * 3 + ["encoded"] * 3
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no stray temporaries
