import os
from pathlib import Path

import pytest
from hypothesis import settings

# python -m pytest --hypothesis-profile=long  for a longer fuzzing run
settings.register_profile("default", max_examples=150)
settings.register_profile("long", max_examples=3000)

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TEI_ENCODE_SHARED", ROOT.parent / "shared"))
SEED = ROOT / "seeds" / "000_338072569ae92bc4.txt"


def schemas_dir():
    d = os.environ.get("TEI_ENCODE_SCHEMAS")
    if d:
        return Path(d)
    return SHARED / "schemas"


def tei_schema(name):
    """TEI P5's schema file, or a skip saying where it was looked for."""
    p = schemas_dir() / name
    if not p.exists():
        pytest.skip(f"TEI P5 {name} not found in {p.parent} (set TEI_ENCODE_SCHEMAS to the folder holding it)")
    return p


@pytest.fixture
def tei_all_rng():
    return tei_schema("tei_all.rng")


@pytest.fixture
def tei_all_xsd():
    return tei_schema("tei_all.xsd")


@pytest.fixture
def office_seed():
    p = SHARED / "examples" / "frus1951v07p2-d52.xml"
    if not p.exists():
        pytest.skip(f"the Office's encoding of the seed is not at {p}")
    return p


@pytest.fixture
def dev_corpus():
    p = SHARED / "corpus" / "dev"
    if not p.exists():
        pytest.skip(f"dev corpus not found at {p}")
    return p


@pytest.fixture(autouse=True)
def _fixed_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
