"""Every file in data/ has a valid provenance sidecar, and its checksum and columns match."""

import csv
import hashlib
import json

import pytest

from figures.provenance import REQUIRED_FIELDS
from helpers import ROOT

DATA = ROOT / "data"
DATA_FILES = sorted(p for p in DATA.iterdir() if p.is_file() and not p.name.endswith(".meta.json"))


def test_data_folder_has_files():
    assert {p.name for p in DATA_FILES} >= {"article_figures.csv", "ecb_eurofxref_hist.csv"}


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_data_file_has_a_valid_sidecar(path):
    sidecar_path = path.with_name(path.name + ".meta.json")
    assert sidecar_path.exists(), f"{path.name} has no sidecar"
    sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
    assert [f for f in REQUIRED_FIELDS if not sidecar.get(f)] == []
    payload = path.read_bytes()
    assert sidecar["size_bytes"] == len(payload)
    assert sidecar["sha256"] == hashlib.sha256(payload).hexdigest()
    header = next(csv.reader(payload.decode("utf-8").splitlines()))
    documented = set(sidecar["columns"])
    for column in header:
        assert column in documented or column in sidecar.get("currencies", []), f"{column} is undocumented"
    for entry in sidecar["columns"].values():
        assert entry["definition"] and entry["unit"]


def test_every_sidecar_has_its_data_file():
    for sidecar in DATA.glob("*.meta.json"):
        assert (DATA / sidecar.name.removesuffix(".meta.json")).is_file()
