"""Scoring the extractor against a gold corpus: precision, recall and each field's accuracy, and the rows that differ.

A corpus is a folder of articles (`NAME.txt`), each with its provenance sidecar (`NAME.txt.meta.json`: `published`,
`language`, `outlet`) and its truth (`NAME.truth.csv`), written by a person reading the article before the
extractor ran on it (tests/corpus/README.md says how). `python -m figures.extract.score FOLDER...` prints the
scores, overall and per language, then every row that differs.

A drafted row matches a true row of the same article when both have the same metric and the same amount
(revenue in millions of its currency, growth in percent with its sign); among the rows that could match, the
pair that agrees on most fields is taken first. Over matched rows: the company is right when the drafted name is
the true one or one of its aliases once legal forms, accents, punctuation and case are set aside; the currency
when it is the same code; the period when it ends on the same day, starts within seven days (a 52/53-week year, a
13-week quarter) and is stated or inferred alike.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from figures.errors import FiguresError

UNIT_MILLIONS = {
    "thousand": Decimal("0.001"),
    "lakh": Decimal("0.1"),
    "million": Decimal(1),
    "crore": Decimal(10),
    "billion": Decimal(1000),
    "trillion": Decimal(1_000_000),
}
"""Millions in one of each unit a truth file may use (an Indian lakh is 100,000; a crore ten million)."""
TRUTH_HEADER = (
    "company",
    "aliases",
    "metric",
    "value",
    "unit",
    "currency",
    "period_start",
    "period_end",
    "period_inferred",
    "approximate",
    "wording",
    "comment",
)
START_TOLERANCE = dt.timedelta(days=7)
LEGAL_FORMS = frozenset(
    """
    ag sa se nv bv plc inc incorporated corp corporation co company ltd limited llc lp gmbh kgaa kg spa ab asa
    oyj as group groupe gruppe holding holdings konzern the le la les der die das cie et und and
    """.split()  # noqa: SIM905
)


class TruthError(ValueError):
    """A truth file or sidecar that does not follow tests/corpus/README.md (file, row and what was expected)."""


@dataclass(frozen=True)
class Row:
    """One claim, true or drafted, reduced to what is scored."""

    company: str
    metric: str
    amount: Decimal  # millions of the currency for revenue, percent for growth
    currency: str
    period_start: dt.date | None
    period_end: dt.date | None
    period_inferred: bool
    wording: str = ""
    aliases: tuple[str, ...] = ()

    def describe(self) -> str:
        period = f"{self.period_start}..{self.period_end}{' (inferred)' if self.period_inferred else ''}"
        unit = "%" if self.metric == "revenue_growth" else "m"
        return f"{self.metric} {_plain(self.amount)}{unit} {self.currency} {self.company or '(no company)'} {period}"


@dataclass
class ArticleScore:
    """One article's truth and draft, and how they matched."""

    name: str
    language: str
    truth: list[Row]
    drafted: list[Row] = field(default_factory=list)
    pairs: list[tuple[Row, Row]] = field(default_factory=list)  # (drafted, true)
    failure: str = ""

    @property
    def missed(self) -> list[Row]:
        matched = [id(true) for _, true in self.pairs]
        return [row for row in self.truth if id(row) not in matched]

    @property
    def spurious(self) -> list[Row]:
        matched = [id(drafted) for drafted, _ in self.pairs]
        return [row for row in self.drafted if id(row) not in matched]


@dataclass(frozen=True)
class Scores:
    """The measures over a set of articles."""

    articles: int
    failed: int
    true_rows: int
    drafted_rows: int
    matched: int
    company_right: int
    period_right: int
    period_dates_right: int
    currency_right: int

    @property
    def precision(self) -> float:
        return self.matched / self.drafted_rows if self.drafted_rows else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.true_rows if self.true_rows else 1.0

    def accuracy(self, right: int) -> float:
        return right / self.matched if self.matched else 1.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "articles": self.articles,
            "failed": self.failed,
            "true_rows": self.true_rows,
            "drafted_rows": self.drafted_rows,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "company": round(self.accuracy(self.company_right), 4),
            "period": round(self.accuracy(self.period_right), 4),
            "period_dates": round(self.accuracy(self.period_dates_right), 4),
            "currency": round(self.accuracy(self.currency_right), 4),
        }


# ---------------------------------------------------------------------------------------------------------------
# Reading the corpus


def corpus_articles(folders: Iterable[str | Path]) -> list[Path]:
    """The articles (`*.txt`) of the folders, in name order."""
    found: list[Path] = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            raise TruthError(f"{folder}: expected a corpus folder, found none")
        found += sorted(folder.glob("*.txt"))
    return found


def read_meta(article: Path) -> dict[str, str]:
    """An article's sidecar, with the fields the scorer needs checked."""
    path = article.with_name(article.name + ".meta.json")
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise TruthError(f"{path}: expected the article's JSON sidecar ({error})") from None
    for key in ("published", "language", "outlet", "url"):
        if not isinstance(meta.get(key), str) or not meta[key]:
            raise TruthError(f"{path}: expected a non-empty {key!r}")
    try:
        dt.date.fromisoformat(meta["published"])
    except ValueError:
        raise TruthError(f"{path}: expected 'published' as YYYY-MM-DD, found {meta['published']!r}") from None
    return meta


def read_truth(article: Path) -> list[Row]:
    """An article's true claims (`NAME.truth.csv`)."""
    path = article.with_name(article.stem + ".truth.csv")
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            reader = csv.DictReader(stream)
            if tuple(reader.fieldnames or ()) != TRUTH_HEADER:
                raise TruthError(f"{path}: expected the header {','.join(TRUTH_HEADER)}, found {reader.fieldnames}")
            rows = list(reader)
    except OSError as error:
        raise TruthError(f"{path}: expected the article's truth file ({error.strerror})") from None
    truth = []
    for number, row in enumerate(rows, start=2):
        try:
            truth.append(_true_row(row))
        except (KeyError, ValueError, InvalidOperation) as error:
            raise TruthError(f"{path}, row {number}: {error}") from None
    return truth


def _true_row(row: dict[str, str]) -> Row:
    metric = row["metric"]
    if metric not in ("revenue", "revenue_growth"):
        raise ValueError(f"column metric: expected revenue or revenue_growth, found {metric!r}")
    value = Decimal(row["value"])
    unit = row["unit"]
    if metric == "revenue_growth":
        if unit != "percent":
            raise ValueError(f"column unit: expected percent for a growth rate, found {unit!r}")
        amount = value
    else:
        if unit not in UNIT_MILLIONS:
            raise ValueError(f"column unit: expected one of {', '.join(UNIT_MILLIONS)}, found {unit!r}")
        amount = value * UNIT_MILLIONS[unit]
    if row["period_inferred"] not in ("true", "false"):
        raise ValueError(f"column period_inferred: expected true or false, found {row['period_inferred']!r}")
    if not re.fullmatch(r"[A-Z]{3}", row["currency"]):
        raise ValueError(f"column currency: expected an ISO 4217 code, found {row['currency']!r}")
    start, end = dt.date.fromisoformat(row["period_start"]), dt.date.fromisoformat(row["period_end"])
    if start > end:
        raise ValueError(f"columns period_start, period_end: expected start <= end, found {start} > {end}")
    aliases = tuple(alias.strip() for alias in row["aliases"].split("|") if alias.strip())
    return Row(
        company=row["company"],
        metric=metric,
        amount=amount,
        currency=row["currency"],
        period_start=start,
        period_end=end,
        period_inferred=row["period_inferred"] == "true",
        wording=row["wording"],
        aliases=aliases,
    )


def drafted_row(row: dict[str, str]) -> Row:
    """A row of a draft claims file, reduced to what is scored."""
    from figures.load import REVENUE_SCALE_TO_MILLIONS

    value = Decimal(row["value"])
    scale = Decimal(1) if row["metric"] == "revenue_growth" else Decimal(str(REVENUE_SCALE_TO_MILLIONS[row["unit"]]))
    amount = value * scale
    return Row(
        company=row["company"],
        metric=row["metric"],
        amount=amount,
        currency=row["currency"],
        period_start=dt.date.fromisoformat(row["period_start"]) if row["period_start"] else None,
        period_end=dt.date.fromisoformat(row["period_end"]) if row["period_end"] else None,
        period_inferred=row["period_inferred"] == "true",
        wording=row["wording"],
    )


# ---------------------------------------------------------------------------------------------------------------
# Comparing


def company_key(name: str) -> str:
    """A company's name with legal forms, accents, punctuation and case set aside.

    >>> company_key("Infosys Ltd."), company_key("L'Oréal SA"), company_key("Samsung Electronics Co., Ltd")
    ('infosys', 'l oreal', 'samsung electronics')
    """
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").casefold()
    words = [word for word in re.split(r"[^a-z0-9]+", plain) if word]
    core = [word for word in words if word not in LEGAL_FORMS]
    return " ".join(core or words)


def company_right(drafted: Row, true: Row) -> bool:
    """Whether a drafted company names the true one (or one of its aliases).

    >>> true = Row("Infosys", "revenue", Decimal(1), "INR", None, None, False, aliases=("Infosys Limited",))
    >>> company_right(Row("Infosys Ltd", "revenue", Decimal(1), "INR", None, None, False), true)
    True
    >>> company_right(Row("Bengaluru-based", "revenue", Decimal(1), "INR", None, None, False), true)
    False
    """
    key = company_key(drafted.company)
    return bool(drafted.company.strip()) and key in {company_key(name) for name in (true.company, *true.aliases)}


def period_dates_right(drafted: Row, true: Row) -> bool:
    if drafted.period_start is None or drafted.period_end is None or true.period_start is None:
        return False
    return drafted.period_end == true.period_end and abs(drafted.period_start - true.period_start) <= START_TOLERANCE


def period_right(drafted: Row, true: Row) -> bool:
    """The same end, a start within seven days, and stated or inferred alike."""
    return period_dates_right(drafted, true) and drafted.period_inferred == true.period_inferred


def same_amount(drafted: Row, true: Row) -> bool:
    if drafted.metric != true.metric or true.amount == 0:
        return drafted.metric == true.metric and drafted.amount == true.amount
    return abs(drafted.amount - true.amount) <= abs(true.amount) * Decimal("1e-9")


def match(drafted: Sequence[Row], truth: Sequence[Row]) -> list[tuple[Row, Row]]:
    """Pairs (drafted, true) of the same metric and amount, those agreeing on most fields first."""
    options = []
    for i, d in enumerate(drafted):
        for j, t in enumerate(truth):
            if same_amount(d, t):
                agreement = company_right(d, t) + period_right(d, t) + (d.currency == t.currency)
                options.append((-agreement, i, j))
    pairs, used_d, used_t = [], set(), set()
    for _, i, j in sorted(options):
        if i not in used_d and j not in used_t:
            used_d.add(i)
            used_t.add(j)
            pairs.append((drafted[i], truth[j]))
    return pairs


def score_article(article: Path) -> ArticleScore:
    """Extract one corpus article as a user would (its language and publication date given) and match its rows."""
    from figures.extract.claims import extract

    meta = read_meta(article)
    result = ArticleScore(article.stem, meta["language"], read_truth(article))
    try:
        extraction = extract(
            article, lang=meta["language"], published=meta["published"], source=meta["outlet"], reported=False
        )
        result.drafted = [drafted_row(row) for row in extraction.rows()]
    except FiguresError as error:
        result.failure = str(error)
    result.pairs = match(result.drafted, result.truth)
    return result


def score_reader(article: Path, reader: Path) -> ArticleScore:
    """Match a second reader's truth for one article (`READER/NAME.truth.csv`) against its truth, as if drafted.

    Scoring one person's reading against another's measures how far careful readers agree: the ceiling no
    extractor can be shown to pass, since beyond it the corpus cannot tell a right draft from a wrong one.
    """
    meta = read_meta(article)
    result = ArticleScore(article.stem, meta["language"], read_truth(article))
    result.drafted = read_truth(reader / article.name)
    result.pairs = match(result.drafted, result.truth)
    return result


def scores(results: Iterable[ArticleScore]) -> Scores:
    results = list(results)
    pairs = [pair for result in results for pair in result.pairs]
    return Scores(
        articles=len(results),
        failed=sum(1 for result in results if result.failure),
        true_rows=sum(len(result.truth) for result in results),
        drafted_rows=sum(len(result.drafted) for result in results),
        matched=len(pairs),
        company_right=sum(company_right(d, t) for d, t in pairs),
        period_right=sum(period_right(d, t) for d, t in pairs),
        period_dates_right=sum(period_dates_right(d, t) for d, t in pairs),
        currency_right=sum(d.currency == t.currency for d, t in pairs),
    )


# ---------------------------------------------------------------------------------------------------------------
# Printing


def differences(result: ArticleScore) -> list[str]:
    """The rows of one article that differ, a line each."""
    lines = []
    if result.failure:
        lines.append(f"  FAILED: {result.failure}")
    for true in result.missed:
        lines.append(f"  missed    {true.describe()}  «{true.wording}»")
    for drafted in result.spurious:
        lines.append(f"  spurious  {drafted.describe()}  «{drafted.wording}»")
    for drafted, true in result.pairs:
        wrong = []
        if not company_right(drafted, true):
            wrong.append(f"company {drafted.company or '(none)'!r}, true {true.company!r}")
        if not period_right(drafted, true):
            wrong.append(
                f"period {drafted.period_start}..{drafted.period_end}{' inferred' * drafted.period_inferred}, true"
                f" {true.period_start}..{true.period_end}{' inferred' * true.period_inferred}"
            )
        if drafted.currency != true.currency:
            wrong.append(f"currency {drafted.currency}, true {true.currency}")
        if wrong:
            lines.append(f"  differs   «{true.wording}»: {'; '.join(wrong)}")
    return lines


def table(groups: dict[str, Scores]) -> str:
    """The scores as a fixed-width table, a line per group."""
    columns = ("articles", "failed", "true_rows", "drafted_rows", "matched", "precision", "recall", "company")
    columns += ("period", "period_dates", "currency")
    lines = ["group    " + " ".join(f"{name:>12}" for name in columns)]
    for name, group in groups.items():
        values = group.as_dict()
        lines.append(f"{name:<8} " + " ".join(f"{values[column]:>12}" for column in columns))
    return "\n".join(lines)


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m figures.extract.score", description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", help="corpus folders (tests/corpus/dev, tests/corpus/heldout)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON only")
    parser.add_argument("--quiet", action="store_true", help="print the scores only, not the rows that differ")
    parser.add_argument(
        "--reader",
        metavar="FOLDER",
        type=Path,
        help="score a second reader's truth (FOLDER/SPLIT/NAME.truth.csv), not the extractor: how far readers agree",
    )
    args = parser.parse_args(argv)
    try:
        articles = corpus_articles(args.folders)
        if args.reader:
            results = [score_reader(article, args.reader / article.parent.name) for article in articles]
        else:
            results = [score_article(article) for article in articles]
    except TruthError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    groups = {"all": scores(results)}
    for language in sorted({result.language for result in results}):
        groups[language] = scores(result for result in results if result.language == language)
    if args.json:
        print(json.dumps({name: group.as_dict() for name, group in groups.items()}, indent=2))
        return 0
    if not args.quiet:
        for result in results:
            lines = differences(result)
            if lines:
                print(result.name)
                print("\n".join(lines))
        print()
    print(table(groups))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
