"""figures: compare companies' revenues across currencies, with every number traceable.

The public API: `build_context` (one build's comparison, rates, table and findings), the report's
sections in `figures.story`, `build_report` and `ReportParameters` (the whole report), `extract`
(an article's claims), and `FiguresError` (every refusal, a `ValueError`).

>>> import figures
>>> figures.__version__ == __import__("importlib.metadata").metadata.version("figures")
True
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("figures")  # one source: pyproject.toml's, as installed
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["FiguresError", "ReportParameters", "__version__", "build_context", "build_report"]


def __getattr__(name: str):
    """The public API, imported on first use (pandas and matplotlib only when asked for)."""
    if name == "FiguresError":
        from figures.errors import FiguresError

        return FiguresError
    if name == "ReportParameters":
        from figures.parameters import ReportParameters

        return ReportParameters
    if name == "build_context":
        from figures.context import build_context

        return build_context
    if name == "build_report":
        from figures.report import build_report

        return build_report
    raise AttributeError(f"module 'figures' has no attribute {name!r}")
