"""Command line: `python -m figures report ...` and `python -m figures execute-notebooks`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from figures.choices import DEFAULT_CURRENCY, DEFAULT_METHOD, METHODS, RATE_SOURCES
from figures.errors import FiguresError
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
    report = commands.add_parser("report", help="execute the notebooks and write the HTML report and its CSV")
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
    new = commands.add_parser("new", help="start a comparison: a folder with empty files, headers and sidecars")
    new.add_argument("folder", type=Path, help="the new comparison's folder")
    commands.add_parser("execute-notebooks", help="re-execute the notebooks in place, outputs kept for nbval")
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
    html_path, csv_path = build_report(args.out, parameters)
    print(f"wrote {html_path} and {csv_path}")
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
