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


def write_figures(path: Path, rows: list[dict[str, str]], *, like: Path = ARTICLE_FILE) -> Path:
    """Write a figures CSV with the header of `like` (default: the article file's)."""
    with like.open(encoding="utf-8", newline="") as stream:
        header = next(csv.reader(stream))
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def article_rows() -> list[dict[str, str]]:
    with ARTICLE_FILE.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


REPORTED_FILE = ROOT / "data" / "reported_figures.csv"


def claim(figure_id: str, company: str, metric: str, start: str, end: str, value, unit: str, currency: str, **more):
    """A claims-file row with every column filled: the source, its date and the wording default.

    Published on 1 July 2019 by default, or for a period not over by then, on the first of the second month after
    it ends (a claims file refuses a publication before the end of the period it reports)."""
    return {
        "figure_id": figure_id,
        "company": company,
        "metric": metric,
        "period_start": start,
        "period_end": end,
        "period_inferred": "false",
        "period_note": "",
        "value": str(value),
        "unit": unit,
        "currency": currency,
        "approximate": "false",
        "wording": "",
        "source": "Test Wire, a made-up news source",
        "published": _published_after(end, "2019-07-01"),
        "note": "",
        **more,
    }


def _published_after(end: str, default: str) -> str:
    """`default`, or for a period not over by then, the first of the second month after it ends: a figures file
    refuses a publication before the end of the period it reports."""
    end_date = dt.date.fromisoformat(end)
    if end_date < dt.date.fromisoformat(default):
        return default
    month = end_date.month + 2
    return dt.date(end_date.year + (month - 1) // 12, (month - 1) % 12 + 1, 1).isoformat()


def reported(figure_id: str, company: str, metric: str, start: str, end: str, value, unit: str, currency: str, **more):
    """A reported-figures row with every column filled (published as `_published_after` says)."""
    return {
        "figure_id": figure_id,
        "company": company,
        "metric": metric,
        "component": "",
        "period_start": start,
        "period_end": end,
        "fiscal_label": "",
        "value": str(value),
        "unit": unit,
        "currency": currency,
        "approximate": "false",
        "translated_from": "",
        "fx_rate": "",
        "fx_rate_unit": "",
        "fx_rate_date": "",
        "fx_rate_source": "",
        "source": "Made-up Group annual report",
        "published": _published_after(end, "2019-03-01"),
        "note": "",
        **more,
    }


def write_reported(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write a reported-figures CSV with the default file's header."""
    return write_figures(path, rows, like=REPORTED_FILE)


def extracted_rows(text, published, lang=None):
    """`figures extract`'s rows for a short text, against no reported figures (the rule tests' one way in)."""
    from figures.extract import extract_claims

    return extract_claims(text, published=published, lang=lang, reported=False)


def row_briefs(rows):
    """Rows as sorted (company, metric, value, currency, period start, period end) tuples."""
    return sorted(
        (row["company"], row["metric"], row["value"], row["currency"], row["period_start"], row["period_end"])
        for row in rows
    )


def row_values(rows):
    """Rows' values, sorted (the rule tests' way of saying which figures a text gives)."""
    return sorted(row["value"] for row in rows)


def row_companies(rows):
    """Rows' companies, as a set."""
    return {row["company"] for row in rows}


def row_periods(rows):
    """Rows' periods as (start, end, inferred) tuples, as a set."""
    return {(row["period_start"], row["period_end"], row["period_inferred"]) for row in rows}


def page_text(page_html: str) -> str:
    """A report page as a reader meets it: its visible text, one block a line, and each image's alternative text.

    Style and data blocks are not text; whitespace inside a block is one space.
    """
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.lines, self.hidden = [""], 0

        def handle_starttag(self, tag, attrs):
            if tag in ("style", "script"):
                self.hidden += 1
            elif tag == "img":
                self.lines += [f"[image: {dict(attrs).get('alt', '')}]", ""]
            elif tag in ("p", "li", "tr", "h1", "h2", "h3", "h4", "div", "section", "pre", "figure", "br", "dt", "dd"):
                self.lines.append("")

        def handle_endtag(self, tag):
            if tag in ("style", "script"):
                self.hidden -= 1
            elif tag in ("td", "th"):
                self.lines[-1] += " | "

        def handle_data(self, data):
            if not self.hidden:
                self.lines[-1] += data

    parser = _Text()
    parser.feed(page_html)
    lines = (" ".join(line.split()) for line in parser.lines)
    return "\n".join(line for line in lines if line) + "\n"


def import_error(tmp_path: Path, filing: Path) -> str:
    """The one-line error `figures import` gives for `filing` (a `FiguresError` naming the file), for the
    tests of each reader."""
    import pytest

    from figures.errors import FiguresError
    from figures.filings import write_reported

    with pytest.raises(FiguresError) as caught:
        write_reported([filing], tmp_path / "out.csv")
    message = str(caught.value)
    assert "\n" not in message and str(filing) in message
    return message
