"""Command line: `python -m figures report ...` and `python -m figures execute-notebooks`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from figures.choices import DEFAULT_CURRENCY, DEFAULT_METHOD, METHODS, RATE_SOURCES
from figures.errors import FiguresError
from figures.extract.language import LANGUAGES
from figures.i18n import DEFAULT_LOCALE, LOCALES


class _OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def _one_of(kind: str, choices: tuple[str, ...], normalise=str):
    """An argparse type accepting one of `choices` (after `normalise`), with a one-line refusal."""

    def check(value: str) -> str:
        chosen = normalise(value)
        if chosen not in choices:
            raise argparse.ArgumentTypeError(f"unknown {kind} {value!r}: expected one of {', '.join(choices)}")
        return chosen

    return check


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}: expected YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(prog="figures", description="Compare revenues across currencies, honestly.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_OneLineParser)
    report = commands.add_parser("report", help="build the HTML report (the notebooks' sections) and its CSV")
    report.add_argument(
        "--comparison", type=Path, help="comparison folder: claims.csv, reported.csv, narrative/ (default: data/)"
    )
    report.add_argument("--figures", type=Path, help="claims CSV (default: the comparison's)")
    report.add_argument("--reported", type=Path, help="reported figures CSV (default: the comparison's)")
    report.add_argument(
        "--currency",
        type=str.upper,
        default=DEFAULT_CURRENCY,
        help="common currency: any ISO 4217 code of the rate data (default EUR)",
    )
    report.add_argument(
        "--method", type=_one_of("method", METHODS), default=DEFAULT_METHOD, help="average (default), closing or spot"
    )
    report.add_argument("--spot-date", type=_date, help="date for the spot method (default: publication date)")
    report.add_argument(
        "--rates", type=_one_of("rates", RATE_SOURCES), default="ecb", help="ecb (embedded snapshot, default) or live"
    )
    report.add_argument(
        "--strict", action="store_true", help="with --rates live: fail instead of falling back to the ECB rates"
    )
    report.add_argument("--locale", type=_one_of("locale", LOCALES), default=DEFAULT_LOCALE, help="en (default) or fr")
    report.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports/)")
    report.add_argument("--pdf", action="store_true", help="also write comparison.pdf, printed by headless Chromium")
    new = commands.add_parser("new", help="start a comparison: a folder with empty files, headers and sidecars")
    new.add_argument("folder", type=Path, help="the new comparison's folder")
    commands.add_parser("execute-notebooks", help="re-execute the notebooks in place, outputs kept for nbval")
    extract = commands.add_parser("extract", help="draft a claims file from a news article (text or HTML page)")
    extract.add_argument("article", type=Path, help="the article: a UTF-8 text file or a saved HTML page")
    extract.add_argument("--out", type=Path, required=True, help="the draft claims CSV to write, with its sidecar")
    extract.add_argument("--lang", type=_one_of("language", LANGUAGES), help="fr, en or de (default: detected)")
    extract.add_argument("--published", type=_date, help="publication date, where the page or a dateline lacks it")
    extract.add_argument("--source", help="where the article was published (default: the page's site and title)")
    extract.add_argument("--accessed", type=_date, help="date the article was read (default: today)")
    extract.add_argument(
        "--review", type=Path, help="also write a review page (HTML, holds the article's text) with every figure marked"
    )
    extract.add_argument("--force", action="store_true", help="replace files that exist")
    imports = commands.add_parser("import", help="write a reported figures file from filings (SEC companyfacts JSON)")
    imports.add_argument("filings", type=Path, nargs="+", help="the filings: SEC companyfacts JSON files")
    imports.add_argument("--out", type=Path, required=True, help="the reported figures CSV to write, with its sidecar")
    imports.add_argument("--company", help="the company's name in the rows (default: the filer's name)")
    imports.add_argument("--accessed", type=_date, help="date the filings were obtained (default: today)")
    imports.add_argument("--force", action="store_true", help="replace files that exist")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status.

    >>> main(["report", "--method", "median"])
    Traceback (most recent call last):
    SystemExit: 2
    """
    args = _parser().parse_args(argv)
    try:
        if args.command == "report":
            return _report(args)
        if args.command == "new":
            return _new(args.folder)
        if args.command == "extract":
            return _extract(args)
        if args.command == "import":
            return _import(args)
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
    if args.strict and args.rates != "live":
        raise FiguresError("--strict applies to --rates live only")
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
    html_path, csv_path = build_report(args.out, parameters, pdf=args.pdf)
    print(f"wrote {html_path} and {csv_path}")
    if args.pdf:
        print(f"wrote {html_path.with_suffix('.pdf')}")
    return 0


def _new(folder: Path) -> int:
    from figures.comparison import new_comparison

    for path in new_comparison(folder):
        print(f"wrote {path}")
    print(
        f"next: fill in {folder / 'claims.csv'} (and reported.csv, narrative/en.md if you have them), then"
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
