"""Where the project's inputs live: `data/` and `notebooks/` at the repository root."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# FIGURES_DATA_DIR lets an installed copy point at a data folder elsewhere.
DATA_DIR = Path(os.environ.get("FIGURES_DATA_DIR", ROOT / "data"))
NOTEBOOK_DIR = ROOT / "notebooks"
ARTICLE_FIGURES = DATA_DIR / "article_figures.csv"
ECB_RATES = DATA_DIR / "ecb_eurofxref_hist.csv"
