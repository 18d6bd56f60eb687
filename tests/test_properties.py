"""Properties of any valid comparison: generated claims (and reported figures) go through the whole pipeline.

Hypothesis writes comparisons a user could write: 1 to 12 companies with unicode names, each stated
in a currency the ECB quotes on every day of the years used, in a calendar or April or July fiscal
year, with an optional growth claim and optional reported figures (2 to 4 years, optionally with
scope and currency effects). For each, the table and the report's pieces are built in both locales,
and checked against the CSV the report ships (every number shown must be a row of it) and against
the generated input (every company must appear). The expected values never come from the code under
test: the CSV is the reference for the page, and one test checks a translation against the raw ECB
file averaged by hand.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import math
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import numpy as np
import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from figures import caveats, charts, export, present, summary
from figures.load import load_figures, load_reported
from figures.rates import MAX_STALENESS_DAYS, load_ecb_rates
from figures.reconcile import reconcile
from figures.tabulate import comparison_table
from figures.text_policy import skeleton
from helpers import claim, hand_average, reported, write_figures, write_reported

D = dt.date
METHODS = ("average", "closing", "spot")
LOCALES = ("en", "fr")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
STATED = "stated in the source"
CSV_SLACK = 1e-12
"""The CSV writes each number exactly: what is left is the float arithmetic of the checks here."""


def _continuous_currencies() -> tuple[str, ...]:
    """Currencies with a fixing on every business day from 2005 to the end of the snapshot (EUR included).

    First fixing no later than 2005-01-03, covered to October 2026, and no gap longer than the rates'
    staleness limit since 2005 (ISK, unquoted from December 2008 to February 2018, is out).
    """
    rates = load_ecb_rates()
    kept = ["EUR"]
    for code in rates.currencies:
        if code == "EUR":
            continue
        dates, _, covered_to = rates.pair(code, "EUR")
        if dates[0] > np.datetime64("2005-01-03") or covered_to < D(2026, 10, 1):
            continue
        recent = dates[dates >= np.datetime64("2005-01-01")]
        if np.diff(recent).astype(int).max() > MAX_STALENESS_DAYS:
            continue
        kept.append(code)
    return tuple(sorted(kept))


CURRENCIES = _continuous_currencies()
FISCAL_YEARS = ("calendar", "april", "july")


def fiscal_period(kind: str, year: int) -> tuple[D, D]:
    """The fiscal year `year` (the year it ends in): January–December, April–March or July–June."""
    if kind == "calendar":
        return D(year, 1, 1), D(year, 12, 31)
    month = 4 if kind == "april" else 7
    return D(year - 1, month, 1), D(year, month - 1, 31 if month == 4 else 30)


@dataclass(frozen=True)
class Reported:
    """A company's own figures: revenue (millions) for consecutive years, latest first; effects of the latest."""

    values: tuple[str, ...]
    scope: str | None = None
    currency_effect: str | None = None


@dataclass(frozen=True)
class Company:
    name: str
    currency: str
    fiscal: str
    year: int
    value: str
    unit: str
    growth: str | None = None
    approximate: bool = False
    inferred: bool = False
    published_after_days: int = 90
    reported: Reported | None = None

    @property
    def period(self) -> tuple[D, D]:
        return fiscal_period(self.fiscal, self.year)

    @property
    def label(self) -> str:
        return str(self.year) if self.fiscal == "calendar" else f"FY{self.year}"


@dataclass(frozen=True)
class Case:
    companies: tuple[Company, ...]
    currency: str
    method: str
    locale: str

    @property
    def names(self) -> list[str]:
        return sorted(company.name for company in self.companies)

    @property
    def with_reported(self) -> list[Company]:
        return [company for company in self.companies if company.reported is not None]


# Names: unicode letters with spaces, apostrophes, ampersands, hyphens and full stops; never blank,
# never with spaces at either end (the loader strips cells); and a few names that mean something
# to a CSV reader or to markdown.
NAME_TEXT = (
    st.text(st.characters(categories=["L"]) | st.sampled_from(" '&-."), min_size=1, max_size=24)
    .map(str.strip)
    .filter(lambda name: any(char.isalpha() for char in name))
    # Valid names only (issue 19's text policy): in NFC (Hangul jamo compose), no invisible letter (U+3164).
    .filter(lambda name: name == unicodedata.normalize("NFC", name) and not INVISIBLE.search(name))
)
INVISIBLE = regex.compile(r"\p{Default_Ignorable_Code_Point}")
TRICKY_NAMES = st.sampled_from(
    ["NA", "nan", "None", "True", "O'Brien & Sons", "Société Générale", "AT&T", "A.", "Ørsted", "株式会社トヨタ", "İş"]
)
NAMES = st.one_of(TRICKY_NAMES, NAME_TEXT)


def _millions(company_value: str, unit: str) -> Decimal:
    return Decimal(company_value) * (1000 if unit == "billion" else 1)


@st.composite
def reported_figures(draw, company: Company) -> Reported | None:
    """2 to 4 consecutive years ending with the claim's, none starting before 2006; None when none fit."""
    earliest_start = company.year if company.fiscal == "calendar" else company.year - 1
    most = min(4, earliest_start - 2006 + 1)
    if most < 2:
        return None
    count = draw(st.integers(2, most))
    latest = _millions(company.value, company.unit)
    if not draw(st.booleans()):  # the company's figure need not be the claim's
        latest = Decimal(draw(st.integers(100, 50_000_000))).scaleb(-2)
    values = [latest]
    for _ in range(count - 1):
        growth = Decimal(draw(st.integers(-500, 2000))).scaleb(-3)  # -50% to +200%
        values.append((values[-1] / (1 + growth)).quantize(Decimal("0.01")))
    previous = values[1]
    effects = draw(st.sampled_from(["none", "scope", "currency", "both"]))
    scope = currency_effect = None
    if effects in ("scope", "both"):
        scope = str((previous * draw(st.integers(-50, 100)) / 100).quantize(Decimal(1)))
    if effects in ("currency", "both"):
        currency_effect = str((previous * draw(st.integers(-20, 20)) / 100).quantize(Decimal(1)))
    return Reported(tuple(str(value) for value in values), scope, currency_effect)


@st.composite
def companies(draw, name: str, with_reported: bool) -> Company:
    unit = draw(st.sampled_from(["million", "billion"]))
    # 1 to 500,000 million with up to two decimals (0.01 to 500 billion).
    hundredths = draw(st.integers(100, 50_000_000) if unit == "million" else st.integers(1, 50_000))
    company = Company(
        name=name,
        currency=draw(st.sampled_from(CURRENCIES)),
        fiscal=draw(st.sampled_from(FISCAL_YEARS)),
        year=draw(st.integers(2007, 2024)),
        value=str(Decimal(hundredths).scaleb(-2)),
        unit=unit,
        # Growth to one decimal, as sources print it (two decimals: see the tie test below).
        growth=draw(st.none() | st.integers(-500, 2000).map(lambda tenths: str(Decimal(tenths).scaleb(-1)))),
        approximate=draw(st.booleans()),
        inferred=draw(st.booleans()),
        published_after_days=draw(st.integers(30, 400)),
    )
    if with_reported and draw(st.booleans()):
        company = dataclasses.replace(company, reported=draw(reported_figures(company)))
    return company


@st.composite
def cases(draw) -> Case:
    names = draw(st.lists(NAMES, min_size=1, max_size=12, unique_by=skeleton))  # never look-alikes (I and l)
    with_reported = draw(st.booleans())
    return Case(
        companies=tuple(draw(companies(name, with_reported)) for name in names),
        currency=draw(st.sampled_from(CURRENCIES)),
        method=draw(st.sampled_from(METHODS)),
        locale=draw(st.sampled_from(LOCALES)),
    )


SINGLE_IN_COMMON_CURRENCY = Case(
    (Company("Solo SA", "EUR", "calendar", 2018, "18.3", "billion", growth="82"),),
    currency="EUR",
    method="average",
    locale="fr",
)
TWELVE = Case(
    tuple(
        Company(
            name,
            currency,
            FISCAL_YEARS[i % 3],
            2010 + i,
            f"{1000 + 37 * i}.5",
            "million",
            growth=None if i % 4 == 3 else f"{i * 7 - 20}.5",
            approximate=i % 5 == 0,
            inferred=i % 2 == 0,
            reported=None
            if i % 3 == 2
            else Reported(
                (f"{1000 + 37 * i}.5", "900", "800.25"), scope="40" if i % 2 else None, currency_effect="-12"
            ),
        )
        for i, (name, currency) in enumerate(
            zip(
                [
                    "Alpha & Omega",
                    "Béta Société",
                    "Gamma's Holdings",
                    "Δέλτα",
                    "Epsilon-Zeta Co.",
                    "Éta",
                    "Theta Ltd.",
                    "Iota",
                    "Kappa",
                    "Ламбда",
                    "ミュー",
                    "Nu & Xi",
                ],
                ["USD", "JPY", "GBP", "CHF", "AUD", "CAD", "SEK", "NOK", "KRW", "ZAR", "TRY", "EUR"],
                strict=True,
            )
        )
    ),
    currency="USD",
    method="closing",
    locale="en",
)


# Twelve companies for the charts, in French: the same names in three currencies, two with reported
# figures (drawing a chart per currency and per reported company is what takes time).
TWELVE_IN_THREE_CURRENCIES = Case(
    tuple(
        dataclasses.replace(
            company, currency=("USD", "JPY", "EUR")[i % 3], reported=company.reported if i < 2 else None
        )
        for i, company in enumerate(TWELVE.companies)
    ),
    currency="USD",
    method="average",
    locale="fr",
)


def write_case(case: Case, directory: Path) -> tuple[Path, Path | bool]:
    """The claims file, and the reported-figures file (False when no company has any)."""
    claims, own = [], []
    for i, company in enumerate(case.companies):
        start, end = company.period
        published = (end + dt.timedelta(days=company.published_after_days)).isoformat()
        common = {"published": published, "approximate": str(company.approximate).lower()}
        common["period_inferred"] = str(company.inferred).lower()
        claims.append(
            claim(
                f"c{i}_revenue",
                company.name,
                "revenue",
                str(start),
                str(end),
                company.value,
                company.unit,
                company.currency,
                **common,
            )
        )
        if company.growth is not None:
            claims.append(
                claim(
                    f"c{i}_growth",
                    company.name,
                    "revenue_growth",
                    str(start),
                    str(end),
                    company.growth,
                    "percent",
                    company.currency,
                    **{**common, "approximate": "false"},
                )
            )
        if company.reported is None:
            continue
        for back, value in enumerate(company.reported.values):
            year = company.year - back
            first, last = fiscal_period(company.fiscal, year)
            label = str(year) if company.fiscal == "calendar" else f"FY{year}"
            own.append(
                reported(
                    f"c{i}_revenue_{year}",
                    company.name,
                    "revenue",
                    str(first),
                    str(last),
                    value,
                    "million",
                    company.currency,
                    fiscal_label=label,
                )
            )
        for metric, value in (
            ("revenue_change_scope", company.reported.scope),
            ("revenue_change_currency", company.reported.currency_effect),
        ):
            if value is not None:
                own.append(
                    reported(
                        f"c{i}_{metric}",
                        company.name,
                        metric,
                        str(start),
                        str(end),
                        value,
                        "million",
                        company.currency,
                        fiscal_label=company.label,
                    )
                )
    claims_path = write_figures(directory / "claims.csv", claims)
    return claims_path, (write_reported(directory / "reported.csv", own) if own else False)


def build(case: Case, directory: Path):
    claims_path, reported_path = write_case(case, directory)
    return comparison_table(claims_path, reported=reported_path, currency=case.currency), claims_path, reported_path


# The reference: the CSV as a reader reads it (text, parsed with the csv module), numbers rounded
# from their printed decimals, half to even.


def csv_rows(table, case: Case) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export.table_csv(table, case.currency, case.method))))


def shown(text: str, places: int, *, signed: bool = False) -> str:
    """A CSV number as an English page shows it: grouped, to `places` decimals, rounded half to even."""
    number = Decimal(text).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    return format(number, ("+" if signed else "") + ",f")


def unescaped(markdown: str) -> str:
    """Markdown with its backslash escapes removed: the text a reader sees."""
    return re.sub(r"\\(.)", r"\1", markdown)


def latest(rows: list[dict[str, str]], **match: str) -> list[dict[str, str]]:
    """The rows matching every column given, at the latest period_end among them."""
    found = [row for row in rows if all(row[column] == value for column, value in match.items())]
    if not found:
        return []
    end = max(row["period_end"] for row in found)
    return [row for row in found if row["period_end"] == end]


def check_summary_traces_to_csv(frame, rows: list[dict[str, str]], case: Case, basis: str) -> None:
    """Each company's revenue and growth cells in the (English) summary are a CSV row's value, formatted."""
    currency, method = case.currency, case.method
    expected = case.names if basis == "article" else sorted(company.name for company in case.with_reported)
    if not expected:
        assert frame is None
        return
    assert sorted(frame["Company"]) == expected
    approximate = {company.name: company.approximate for company in case.companies}
    for cells in frame.to_dict("records"):
        company = cells["Company"]
        in_csv = export.spreadsheet_safe(company)  # the CSV neutralises a name a spreadsheet would read as a formula
        revenue = latest(
            rows, company=in_csv, basis=basis, metric="revenue", currency=currency, fx_method=method, component=""
        )
        assert len(revenue) == 1, (company, revenue)
        shown_revenue = cells[f"Revenue, {currency} m"]
        if basis == "article":
            assert shown_revenue.endswith(" (approx.)") == approximate[company]
        assert shown_revenue.removesuffix(" (approx.)") == shown(revenue[0]["value"], 0)
        end = revenue[0]["period_end"]
        growth = [
            row
            for row in rows
            if (row["company"], row["basis"], row["metric"], row["period_end"])
            == (in_csv, basis, "revenue_growth", end)
        ]
        in_common = [row for row in growth if (row["currency"], row["fx_method"]) == (currency, method)]
        if cells[f"Growth in {currency}"] == "–":
            assert not in_common
        else:
            assert len(in_common) == 1
            assert cells[f"Growth in {currency}"] == f"{shown(in_common[0]['value'], 1, signed=True)}% in {currency}"
        stated = [row for row in growth if row["fx_method"] == "none" and row["derivation"] == STATED]
        if cells["Growth as stated"] == "–":
            assert not stated
        else:
            assert len(stated) == 1
            text = f"{shown(stated[0]['value'], 1, signed=True)}% in {stated[0]['currency']}"
            assert cells["Growth as stated"] == text


def check_translations(table, rows: list[dict[str, str]], case: Case) -> None:
    """Translated value = stated value x rate, in the table and in the CSV; every revenue in every method."""
    stated = {}
    for row in rows:
        if row["fx_method"] == "none" and row["metric"] == "revenue" and row["basis"] != "reconciliation":
            key = (row["figure_id"], row["basis"])
            assert key not in stated, key
            stated[key] = row
    translated = [row for row in rows if row["metric"] == "revenue" and row["fx_method"] in METHODS]
    assert translated
    for row in translated:
        source = stated[(row["figure_id"], row["basis"])]
        assert row["fx_from_currency"] == source["currency"]
        value, rate, result = float(source["value"]), float(row["fx_rate"]), float(row["value"])
        assert math.isclose(result, value * rate, rel_tol=1e-9 + CSV_SLACK), row
        assert row["selected"] == str(row["currency"] == case.currency and row["fx_method"] == case.method)
    # At full precision, in the table itself.
    none = table.rows[
        (table.rows["fx_method"] == "none")
        & (table.rows["metric"] == "revenue")
        & (table.rows["basis"] != "reconciliation")
    ]
    done = table.rows[(table.rows["metric"] == "revenue") & table.rows["fx_method"].isin(METHODS)]
    pairs = done.merge(none[["figure_id", "basis", "value"]], on=["figure_id", "basis"], suffixes=("", "_stated"))
    assert len(pairs) == len(done)
    assert np.allclose(pairs["value"], pairs["value_stated"] * pairs["fx_rate"], rtol=1e-9, atol=0)
    # Every stated (or implied) revenue has a row in the common currency by every method.
    have = {(row["figure_id"], row["basis"], row["fx_method"]) for row in rows if row["currency"] == case.currency}
    for figure_id, basis in stated:
        for method in METHODS:
            assert (figure_id, basis, method) in have, (figure_id, basis, method)
    claimed = {(f"c{i}_revenue", "article") for i in range(len(case.companies))}
    assert claimed <= set(stated)


def check_pieces(table, case: Case, claims_path: Path, reported_path, locale: str) -> dict[str, object]:
    """Every piece of the report builds in `locale` and names every company it should; the summaries, by basis."""
    currency, method = case.currency, case.method
    names = case.names
    context = export.page_context(table, currency=currency, method=method, locale=locale)
    if len(names) <= export.TITLE_COMPANIES:
        assert all(name in context["title"] for name in names)
    # The headline is the page's summary (summary.headline, computed once here: it is slow on 12 companies):
    # with two companies or more the answer first, then one line per company, then at most the top caveat.
    lines = context["summary"]
    label = "**The caveat that matters most:**" if locale == "en" else "**La réserve"
    caveat = lines[-1:] if lines and lines[-1].startswith(label) else []
    own = [line for line in lines if re.match(r"\*\*(.+?)\*\*\u00a0?: ", unescaped(line))]
    assert sorted(re.match(r"\*\*(.+?)\*\*", unescaped(line)).group(1) for line in own) == names
    answer = [line for line in lines if line not in own and line not in caveat]
    assert len(answer) == (1 if len(names) > 1 else 0), lines
    assert lines == answer + own + caveat
    frames = {}
    for basis in ("article", "reported"):
        frames[basis] = summary.summary(table, currency, method, basis, locale=locale)
        present.method_table(table, currency, basis, locale=locale)
        present.growth_table(table, currency, basis, locale=locale)
        present.growth_explanation(table, currency, method, basis, locale=locale)
    assert sorted(frames["article"].iloc[:, 0]) == names
    assert sorted(set(present.article_figures_table(table, locale=locale).iloc[:, 0])) == names
    assert sorted(set(present.method_table(table, currency, "article", locale=locale).iloc[:, 0])) == names
    figures = load_figures(claims_path)
    own = load_reported(reported_path) if reported_path else None
    present.reconciliation_table(reconcile(figures, own), locale=locale)
    return frames


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(SINGLE_IN_COMMON_CURRENCY)
@example(TWELVE)
@given(cases())
def test_any_valid_comparison_builds_and_every_number_shown_is_a_csv_row(case):
    with tempfile.TemporaryDirectory() as directory:
        table, claims_path, reported_path = build(case, Path(directory))
        frames = {locale: check_pieces(table, case, claims_path, reported_path, locale) for locale in LOCALES}
    assert sorted(table.rows["company"].unique()) == case.names
    for caveat in caveats.detect(table, case.currency, case.method):
        for locale in LOCALES:
            for markdown in (False, True):
                text = caveat.text(locale, markdown=markdown)
                assert text and "{" not in text and "}" not in text, text
    rows = csv_rows(table, case)
    assert len(rows) == len(table.rows)
    for basis in ("article", "reported"):
        check_summary_traces_to_csv(frames["en"][basis], rows, case, basis)
    check_translations(table, rows, case)


# Charts: slow (a fraction of a second each), so fewer examples.


def expected_in_charts(case: Case) -> dict[str, set[str]]:
    """The companies each chart must show, from the input alone (empty: no chart)."""
    everyone = set(case.names)
    own = {company.name for company in case.with_reported}
    foreign = {company.name for company in case.companies if company.currency != case.currency}
    return {
        "revenue article": everyone,
        "revenue reported": own,
        "growth article": {company.name for company in case.companies if company.growth is not None},
        "growth reported": own,
        "prior article": everyone if any(company.growth is not None for company in case.companies) else set(),
        "prior reported": own,
        "history": {
            company.name
            for company in case.with_reported
            if len(company.reported.values) >= 3 and company.currency != case.currency
        },
        "rates article": foreign,
        "rates reported": own & foreign,
        "bridge": {
            company.name
            for company in case.with_reported
            if company.reported.scope is not None or company.reported.currency_effect is not None
        },
    }


def draw_every_chart(table, currency: str, method: str, locale: str) -> dict[str, charts.Chart | None]:
    rates = load_ecb_rates()
    drawn = {}
    for basis in ("article", "reported"):
        drawn[f"revenue {basis}"] = charts.revenue_chart(table, currency, method, basis, locale=locale)
        drawn[f"growth {basis}"] = charts.growth_chart(table, currency, method, basis, locale=locale)
        drawn[f"prior {basis}"] = charts.prior_current_chart(table, currency, method, basis, locale=locale)
        drawn[f"rates {basis}"] = charts.rate_history_chart(table, rates, currency, basis, locale=locale)
    drawn["history"] = charts.revenue_history_chart(table, currency, method, locale=locale)
    drawn["bridge"] = charts.bridge_chart(table, locale=locale)
    return drawn


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(SINGLE_IN_COMMON_CURRENCY)
@example(TWELVE_IN_THREE_CURRENCIES)
@given(cases())
def test_no_chart_is_drawn_empty_and_each_names_its_companies(case):
    currency, method, locale = case.currency, case.method, case.locale
    with tempfile.TemporaryDirectory() as directory:
        table, _, _ = build(case, Path(directory))
    drawn = draw_every_chart(table, currency, method, locale)
    for name, companies_shown in expected_in_charts(case).items():
        chart = drawn[name]
        if not companies_shown:
            assert chart is None, name
            continue
        assert chart is not None, name
        assert chart.png.startswith(PNG_SIGNATURE), name
        assert not chart.alt.endswith(". ."), (name, chart.alt)
        missing = [company for company in companies_shown if company not in chart.alt]
        assert not missing, (name, missing, chart.alt)


# By hand.


def test_eur_1000_m_in_gbp_at_the_2018_average_is_the_hand_averaged_ecb_rate(tmp_path):
    rate, days = hand_average("GBP", "EUR", D(2018, 1, 1), D(2018, 12, 31))
    assert days == 255
    path = write_figures(
        tmp_path / "claims.csv", [claim("e", "Euro Co", "revenue", "2018-01-01", "2018-12-31", 1000, "million", "EUR")]
    )
    table = comparison_table(path, reported=False, currency="GBP")
    row = table.rows[
        (table.rows["figure_id"] == "e") & (table.rows["currency"] == "GBP") & (table.rows["fx_method"] == "average")
    ]
    assert math.isclose(row["value"].item(), 1000 * rate, rel_tol=1e-12)
    assert math.isclose(row["fx_rate"].item(), rate, rel_tol=1e-12) and row["fx_fixing_days"].item() == days
    frame = summary.summary(table, "GBP", "average", "article")
    assert frame["Revenue, GBP m"].tolist() == [f"{1000 * rate:,.0f}"]


# Found by the property above with growth to two decimals (a stated 20.15% in AUD shown as +20.1% in AUD,
# the CSV giving 20.15); minimal input. Growth in its own currency is now the stated one exactly.


def test_growth_in_its_own_currency_is_shown_as_stated(tmp_path):
    rows = [
        claim("a_rev", "Alpha", "revenue", "2018-01-01", "2018-12-31", 1000, "million", "EUR"),
        claim("a_growth", "Alpha", "revenue_growth", "2018-01-01", "2018-12-31", "12.35", "percent", "EUR"),
    ]
    table = comparison_table(write_figures(tmp_path / "claims.csv", rows), reported=False, currency="EUR")
    cells = summary.summary(table, "EUR", "average", "article").iloc[0]
    assert cells["Growth as stated"] == "+12.4% in EUR"
    assert cells["Growth in EUR"] == "+12.4% in EUR"


# Found by the property above: 123.58 bn USD in KRW at the 2012 average is 139,285,750.54 million,
# shown as 139,285,751; the CSV kept ten significant digits (139285750.5), which round half to even
# to 139,285,750. The CSV now writes each number exactly.


def test_a_large_translated_value_rounds_the_same_on_the_page_and_from_the_csv(tmp_path):
    rate, days = hand_average("KRW", "USD", D(2012, 1, 1), D(2012, 12, 31))
    assert days == 256
    by_hand = f"{123_580 * rate:,.0f}"
    assert by_hand == "139,285,751"  # 139,285,750.54: the case's point is a fraction just above a half
    path = write_figures(
        tmp_path / "claims.csv",
        [claim("n", "Big Co", "revenue", "2012-01-01", "2012-12-31", "123.58", "billion", "USD")],
    )
    table = comparison_table(path, reported=False, currency="KRW")
    assert summary.summary(table, "KRW", "average", "article")["Revenue, KRW m"].tolist() == [by_hand]
    rows = list(csv.DictReader(io.StringIO(export.table_csv(table, "KRW", "average"))))
    (row,) = [r for r in rows if r["figure_id"] == "n" and r["currency"] == "KRW" and r["fx_method"] == "average"]
    assert shown(row["value"], 0) == by_hand
    assert math.isclose(float(row["value"]), 123_580 * rate, rel_tol=1e-14)
