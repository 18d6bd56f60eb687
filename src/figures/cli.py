"""Command line: `python -m figures report ...` and `python -m figures execute-notebooks`.

Its conventions: `figures` alone shows the help; options are spelt in full (no prefixes: `--meth` is not
`--method`); a mistyped option, command or choice gets a "did you mean"; a warning about the build's inputs
is one line on stderr (`figures: warning: ...`), and `--strict` turns it into a failure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from figures import __version__
from figures.choices import (
    ARTICLE_LANGUAGES,
    DEFAULT_CURRENCY,
    DEFAULT_METHOD,
    FILINGS_ACCEPTED,
    METHODS,
    RATE_SOURCES,
    did_you_mean,
)
from figures.errors import FiguresError
from figures.i18n import DEFAULT_LOCALE, LOCALES


class _OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit status 2, options are never abbreviated,
    and a mistyped option, command or choice is answered with the closest ones (argparse suggests only
    from Python 3.14 on)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("allow_abbrev", False)  # `--meth` is a typo to point out, not `--method`
        super().__init__(*args, **kwargs)
        self.commands: argparse._SubParsersAction | None = None

    def add_subparsers(self, **kwargs):
        self.commands = super().add_subparsers(**kwargs)
        return self.commands

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        namespace, unknown = self.parse_known_args(args, namespace)
        if unknown:
            # An unknown option belongs to the command it was given to: suggest among that command's options.
            command = getattr(namespace, "command", None)
            parser = self.commands.choices[command] if self.commands and command in self.commands.choices else self
            options = [option for action in parser._actions for option in action.option_strings]
            first = next((word.split("=")[0] for word in unknown if word.startswith("-")), "")
            parser.error(f"unrecognized arguments: {' '.join(unknown)}{did_you_mean(first, options) if first else ''}")
        return namespace

    def _check_value(self, action, value) -> None:
        # argparse's own check of `choices` (here: the commands), with the closest ones named.
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(str, action.choices))
            raise argparse.ArgumentError(
                action, f"invalid choice: {value!r}{did_you_mean(value, action.choices)} (choose from {choices})"
            )

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def _one_of(kind: str, choices: tuple[str, ...], normalise=str):
    """An argparse type accepting one of `choices` (after `normalise`), with a one-line refusal."""

    def check(value: str) -> str:
        chosen = normalise(value)
        if chosen not in choices:
            raise argparse.ArgumentTypeError(
                f"unknown {kind} {value!r}{did_you_mean(value, choices)}: expected one of {', '.join(choices)}"
            )
        return chosen

    return check


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}: expected YYYY-MM-DD") from None


def _choice(parser: argparse.ArgumentParser, option: str, kind: str, choices: tuple[str, ...], **more) -> None:
    """An option taking one of `choices`: listed in the help as argparse lists `choices` (`{average,closing,spot}`),
    a value outside them refused in one line that names the closest."""
    parser.add_argument(option, type=_one_of(kind, choices), metavar="{" + ",".join(choices) + "}", **more)


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(prog="figures", description="Compare revenues across currencies, honestly.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND", parser_class=_OneLineParser)
    report = commands.add_parser(
        "report", help="build the HTML report (the notebooks' sections), its CSV, XLSX and claim reviews (claims.json)"
    )
    report.add_argument(
        "--comparison", type=Path, help="comparison folder: claims.csv, reported.csv, narrative/ (default: data/)"
    )
    report.add_argument("--figures", type=Path, help="claims CSV (default: the comparison's)")
    report.add_argument("--reported", type=Path, help="reported figures CSV (default: the comparison's)")
    report.add_argument(
        "--currency",
        type=str.upper,
        default=DEFAULT_CURRENCY,
        metavar="CODE",
        help="common currency: any ISO 4217 code of the rate data, EUR, USD, GBP, JPY, CHF, CNY... (default EUR;"
        " another is refused with the list)",
    )
    _choice(
        report,
        "--method",
        "method",
        METHODS,
        default=DEFAULT_METHOD,
        help="average: mean rate over each figure's period (default); closing: rate at its end; spot: one day's rate",
    )
    report.add_argument(
        "--spot-date", type=_date, metavar="YYYY-MM-DD", help="date for the spot method (default: publication date)"
    )
    _choice(
        report,
        "--rates",
        "rates",
        RATE_SOURCES,
        default="ecb",
        help="ecb: the embedded ECB snapshot (default); live: a live source, falling back to the ECB's",
    )
    report.add_argument(
        "--strict",
        action="store_true",
        help="fail, writing nothing, where a build would warn about its inputs (live rates falling back to the"
        " ECB's, a sidecar that no longer matches its file...)",
    )
    _choice(report, "--locale", "locale", LOCALES, default=DEFAULT_LOCALE, help="the report's language (default en)")
    report.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports/)")
    report.add_argument("--pdf", action="store_true", help="also write comparison.pdf, printed by headless Chromium")
    new = commands.add_parser("new", help="start a comparison: a folder with empty files, headers and sidecars")
    new.add_argument("folder", type=Path, help="the new comparison's folder")
    commands.add_parser("execute-notebooks", help="re-execute the notebooks in place, outputs kept for nbval")
    extract = commands.add_parser("extract", help="draft a claims file from a news article (text or HTML page)")
    extract.add_argument("article", type=Path, help="the article: a UTF-8 text file or a saved HTML page")
    extract.add_argument("--out", type=Path, required=True, help="the draft claims CSV to write, with its sidecar")
    _choice(extract, "--lang", "language", ARTICLE_LANGUAGES, help="the article's language (default: detected)")
    extract.add_argument("--published", type=_date, help="publication date, where the page or a dateline lacks it")
    extract.add_argument("--source", help="where the article was published (default: the page's site and title)")
    extract.add_argument("--accessed", type=_date, help="date the article was read (default: today)")
    extract.add_argument(
        "--review", type=Path, help="also write a review page (HTML, holds the article's text) with every figure marked"
    )
    extract.add_argument("--force", action="store_true", help="replace files that exist")
    imports = commands.add_parser(
        "import",
        help="write a reported figures file from filings (companyfacts, xBRL-JSON, inline XBRL, XBRL instance,"
        " report package)",
    )
    imports.add_argument(
        "filings",
        type=Path,
        nargs="+",
        help=f"the filings, each {FILINGS_ACCEPTED}",
    )
    imports.add_argument("--out", type=Path, required=True, help="the reported figures CSV to write, with its sidecar")
    imports.add_argument("--company", help="the company's name in the rows (default: the filer's name)")
    imports.add_argument("--accessed", type=_date, help="date the filings were obtained (default: today)")
    imports.add_argument("--force", action="store_true", help="replace files that exist")
    sidecar = commands.add_parser(
        "sidecar", help="record a claims or reported figures file's checksum in its sidecar, after editing it"
    )
    sidecar.add_argument("files", type=Path, nargs="+", help="the files: claims or reported figures CSV")
    rates = commands.add_parser(
        "rates", help="the ECB rates the reports use: `figures rates update` fetches newer ones"
    )
    rates_commands = rates.add_subparsers(dest="rates_command", required=True, parser_class=_OneLineParser)
    rates_commands.add_parser(
        "update",
        help="download the ECB's full history (FIGURES_ECB_URL), check it, keep it beside the embedded snapshot",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status.

    >>> main(["report", "--method", "median"])
    Traceback (most recent call last):
    SystemExit: 2
    """
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:  # `figures` alone: what it can do, not an error about what it lacks
        parser.print_help(sys.stderr)
        return 2
    try:
        if args.command == "report":
            return _report(args)
        if args.command == "new":
            return _new(args.folder)
        if args.command == "extract":
            return _extract(args)
        if args.command == "import":
            return _import(args)
        if args.command == "sidecar":
            return _sidecar(args.files)
        if args.command == "rates":
            return _rates_update()
        from figures.notebooks import execute_in_place

        for path in execute_in_place():
            print(f"executed {path}")
        return 0
    except FiguresError as error:
        print(f"figures: error: {error}", file=sys.stderr)
        return 1


def _report(args: argparse.Namespace) -> int:
    from figures.report import ReportParameters, build_report

    paths = {}
    for name in ("figures", "reported"):
        given = getattr(args, name)
        if given is not None and not given.is_file():
            raise FiguresError(f"expected a readable {name} file (CSV), found none", path=given)
        paths[name] = None if given is None else str(given.resolve())
    if args.comparison is not None and not args.comparison.is_dir():
        raise FiguresError("expected a comparison folder, found none", path=args.comparison)
    parameters = ReportParameters(
        paths["figures"],
        paths["reported"],
        None if args.comparison is None else str(args.comparison.resolve()),
        args.currency,
        args.method,
        args.spot_date,
        args.rates,
        args.strict,
        args.locale,
    )
    html_path, csv_path = build_report(args.out, parameters, warn=_warn, pdf=args.pdf)
    written = [html_path, csv_path, *(html_path.with_name(name) for name in ("comparison.xlsx", "claims.json"))]
    print(f"wrote {', '.join(str(path) for path in written)}")
    if args.pdf:
        print(f"wrote {html_path.with_suffix('.pdf')}")
    return 0


def _new(folder: Path) -> int:
    from figures.case import new_comparison

    for path in new_comparison(folder):
        print(f"wrote {path}")
    print(
        f"next: fill in {folder / 'claims.csv'} (and reported.csv, narrative/en.md if you have them) and the"
        f" sidecars, record the files with `figures sidecar {folder / 'claims.csv'}`, then"
        f" `figures report --comparison {folder}`"
    )
    return 0


def _extract(args: argparse.Namespace) -> int:
    from figures.extract import check_targets, extract, save_draft

    check_targets(args.out, args.review, force=args.force)
    extraction = extract(args.article, lang=args.lang, published=args.published, source=args.source)
    written = save_draft(extraction, args.out, accessed=args.accessed, review=args.review, force=args.force)
    flagged = extraction.flagged
    for path in written:
        print(f"wrote {path}")
    claims, left_out = len(extraction.claims), len(extraction.left_out)
    print(
        f"{claims} claim{'' if claims == 1 else 's'} drafted, {flagged} with something to review (see each row's"
        f" note), {left_out} figure{'' if left_out == 1 else 's'} left out; review the draft before"
        f" `figures report --figures {args.out}`"
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from figures.filings import write_reported

    accessed = dt.date.fromisoformat(args.accessed) if args.accessed else None
    written = write_reported(args.filings, args.out, company=args.company, accessed=accessed, force=args.force)
    for path in written:
        print(f"wrote {path}")
    print(f"next: `figures report --reported {args.out}` (with claims of the same company name)")
    return 0


def _warn(warning: str) -> None:
    """A warning about the build's inputs: one line on stderr, apart from what the command writes on stdout."""
    print(f"figures: warning: {warning}", file=sys.stderr)


def _sidecar(files: list[Path]) -> int:
    from figures.case import refresh_sidecar

    for path in files:
        print(f"wrote {refresh_sidecar(path)}")
    return 0


def _rates_update() -> int:
    from figures.rates_update import update_rates

    print(update_rates().summary())
    return 0
