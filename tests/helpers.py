"""Independent references for the tests: the raw ECB file read with the csv module, and file writers."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ECB_FILE = ROOT / "data" / "ecb_eurofxref_hist.csv"
ARTICLE_FILE = ROOT / "data" / "article_figures.csv"


def ecb_rows() -> list[dict[str, str]]:
    with ECB_FILE.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def hand_average(quote_per_eur: str, base_per_eur: str, start: dt.date, end: dt.date) -> tuple[float, int]:
    """Mean over fixing days of (quote per EUR) / (base per EUR), written out by hand."""
    total, days = 0.0, 0
    for row in ecb_rows():
        day = dt.date.fromisoformat(row["date"])
        if start <= day <= end:
            quote = 1.0 if quote_per_eur == "EUR" else float(row[quote_per_eur])
            base = 1.0 if base_per_eur == "EUR" else float(row[base_per_eur])
            total += quote / base
            days += 1
    return total / days, days


def write_figures(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write a figures CSV with the article file's header."""
    with ARTICLE_FILE.open(encoding="utf-8", newline="") as stream:
        header = next(csv.reader(stream))
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def article_rows() -> list[dict[str, str]]:
    with ARTICLE_FILE.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))
