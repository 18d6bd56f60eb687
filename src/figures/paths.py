"""Where the project's inputs live: `data/` and `notebooks/` at the repository root."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# FIGURES_DATA_DIR lets an installed copy point at a data folder elsewhere.
DATA_DIR = Path(os.environ.get("FIGURES_DATA_DIR", ROOT / "data"))
NOTEBOOK_DIR = ROOT / "notebooks"
ARTICLE_FIGURES = DATA_DIR / "article_figures.csv"
REPORTED_FIGURES = DATA_DIR / "reported_figures.csv"
ECB_RATES = DATA_DIR / "ecb_eurofxref_hist.csv"


def user_data_dir() -> Path:
    """Where figures keeps what it downloads for a user (the updated ECB history): `$FIGURES_DATA_HOME`, else
    `$XDG_DATA_HOME/figures`, else `~/.local/share/figures`; never inside the repository's `data/`.

    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"FIGURES_DATA_HOME": "/srv/figures"}):
    ...     user_data_dir()
    PosixPath('/srv/figures')
    """
    own = os.environ.get("FIGURES_DATA_HOME")
    if own:
        return Path(own).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG specification: a relative path is ignored
        return Path(xdg) / "figures"
    return Path.home() / ".local" / "share" / "figures"


def user_cache_dir() -> Path:
    """Where figures keeps what it can fetch or compute again (live rates, imported filings): `$FIGURES_CACHE_DIR`,
    else `$XDG_CACHE_HOME/figures`, else `~/.cache/figures`.

    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"FIGURES_CACHE_DIR": "/srv/cache"}):
    ...     user_cache_dir()
    PosixPath('/srv/cache')
    """
    if os.environ.get("FIGURES_CACHE_DIR"):
        return Path(os.environ["FIGURES_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "figures"


def updated_ecb_rates() -> Path:
    """The ECB history `figures rates update` keeps, in the user's data folder, beside (never over) `ECB_RATES`.

    >>> updated_ecb_rates().name == ECB_RATES.name
    True
    """
    return user_data_dir() / "rates" / ECB_RATES.name


def display_path(path: Path) -> str:
    """A path as recorded in outputs: relative to the repository when inside it, else the file's name
    in its folder's. Outputs then depend neither on where the repository was cloned nor on where a
    user keeps a comparison, and a report does not show its reader the sender's directories.

    >>> display_path(ROOT / "data" / "article_figures.csv")
    'data/article_figures.csv'
    >>> display_path(Path("/home/ana/work/tesco/claims.csv"))
    'tesco/claims.csv'
    """
    resolved = Path(path).resolve()
    if resolved.is_relative_to(ROOT):
        return resolved.relative_to(ROOT).as_posix()
    return Path(resolved.parent.name, resolved.name).as_posix()
