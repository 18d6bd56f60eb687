"""Reported figures read from the companies' own filings (XBRL), written in the reported figures' format.

One module, one job: `facts` (a fact and the filing it comes from), `companyfacts` (the SEC's per-company
JSON of XBRL facts), `choose` (which revenue concept, which filing, which periods), `rows` (the rows of a
reported figures file, its sidecar, and writing them).
"""

from figures.filings.choose import REVENUE_CONCEPTS, choose_revenues
from figures.filings.companyfacts import read_companyfacts
from figures.filings.facts import Fact, Filing
from figures.filings.rows import import_filings, reported_rows, write_reported

__all__ = [
    "REVENUE_CONCEPTS",
    "Fact",
    "Filing",
    "choose_revenues",
    "import_filings",
    "read_companyfacts",
    "reported_rows",
    "write_reported",
]
