"""Tabulate a case's figures in common currencies: one tidy table of every number the report shows.

Each revenue figure is translated into every common currency by every method; the prior year
implied by a growth figure is derived and translated the same way; growth is then recomputed in
each common currency from the two translated years. Every row keeps the rate, its dates, its
source and how the number was derived, so each can be checked by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from figures.choices import DEFAULT_CURRENCY, METHODS, check_choice, did_you_mean
from figures.errors import FiguresError, LiveRatesFailed
from figures.load import check_look_alike_companies, load_figures, load_reported
from figures.lookup import STATED
from figures.periods import consecutive_revenues, period_a_year_earlier
from figures.provenance import short_source
from figures.rates import AppliedRate, RateTable, load_ecb_rates
from figures.table import ComparisonTable, RatesUsed

FX_COLUMNS = (
    "fx_method",
    "fx_rate",
    "fx_rate_source",
    "fx_rate_detail",
    "fx_from_currency",
    "fx_first_fixing",
    "fx_last_fixing",
    "fx_fixing_days",
    "fx_missing_date_policy",
)
"""How a translated number was obtained: the columns every translation carries, in the report and in
`figures.convert`."""
TABLE_COLUMNS = (
    "company",
    "metric",
    "component",
    "period_start",
    "period_end",
    "fiscal_label",
    "basis",
    "currency",
    "value",
    "unit",
    *FX_COLUMNS,
    "fx_provider",
    "fx_fell_back",
    "fx_rate_prior",
    "fx_rate_prior_detail",
    "derivation",
    "derived",
    "verdict",
    "figure_id",
    "approximate",
    "period_inferred",
    "source_file",
    "source_row",
)


def comparison_table(
    figures: pd.DataFrame | str | Path | None = None,
    *,
    reported: pd.DataFrame | str | Path | bool | None = None,
    spot_date: dt.date | str | None = None,
    rates: RateTable | None = None,
    currency: str = DEFAULT_CURRENCY,
) -> ComparisonTable:
    """Every figure as stated, translated, implied and recomputed, one row per number.

    `figures` are what the source (the article) states, `basis` "article"; `reported` are what
    the companies reported, `basis` "reported" (default: data/reported_figures.csv, kept to the
    companies in `figures`; False: none). `spot_date` defaults to the figures' publication date.
    Every amount is translated into `currency`, the common currency (any currency of the rate
    data), and into each currency a figure is stated in, so that every figure can be read in
    every other's currency.

    >>> table = comparison_table()
    >>> row = table.rows.query("figure_id == 'bollore_revenue' and currency == 'USD' and fx_method == 'average'")
    >>> round(row["value"].item(), 1), round(row["fx_rate"].item(), 4)
    (20673.2, 1.1297)
    """
    from figures.bridge import bridge_rows
    from figures.reconcile import reconciliation_rows

    if not isinstance(figures, pd.DataFrame):
        figures = load_figures(figures)
    reported = _reported_for(figures, reported)
    rates = load_ecb_rates() if rates is None else rates
    stated = set(figures["currency"]) | (set(reported["currency"]) if reported is not None else set())
    if stated != {currency}:  # a comparison stated wholly in the common currency needs no rate
        check_currency(currency, rates)
    spot = default_spot_date(figures) if spot_date is None else _as_date(spot_date)
    latest = figures.loc[figures["published"].map(lambda day: day.toordinal()).idxmax()]
    files = {frame.attrs.get("path"): frame.attrs.get("file") for frame in (figures, reported) if frame is not None}
    targets = _Targets(
        rates,
        spot,
        table_currencies(currency, figures, reported),
        currency,
        spot_date is not None,
        (files.get(latest["source_file"]) or latest["source_file"], int(latest["source_row"])),
        files,
    )
    rows = _article_rows(figures, targets)
    if reported is not None:
        rows += _reported_rows(reported, targets)
        rows += reconciliation_rows(figures, reported)
        rows += bridge_rows(reported)
    frame = pd.DataFrame.from_records(rows, columns=list(TABLE_COLUMNS))
    # Counts stay integers where some rows have none (derived rows have no source row).
    frame = frame.astype({"source_row": "Int64", "fx_fixing_days": "Int64"})
    dates = [] if reported is None else [day for day in reported["published"] if isinstance(day, dt.date)]
    sources = figures["source"] if reported is None else pd.concat([figures["source"], reported["source"]])
    return ComparisonTable(
        rows=frame,
        currency=currency,
        currencies=tuple(targets.currencies),
        spot_date=spot,
        rates_source=_rates_used(frame, rates),
        published=default_spot_date(figures),
        published_first=min(figures["published"]),  # sources of different dates: a range
        reported_published=max(dates) if dates else None,  # the latest company report's date
        source_citations=tuple(sorted(set(sources))),
        figure_sources="; ".join(
            sorted({short_source(s, p) for s, p in zip(figures["source"], figures["published"], strict=True)})
        ),
        reported_sources=() if reported is None else tuple(sorted(set(reported["company"]))),
        untranslated=tuple(targets.skipped),
        translation_gaps=dict(targets.gaps),  # {figure_id: the source amount at the company's rate}
        fallbacks=tuple(getattr(rates, "fallbacks", [])),
        # What the claims are called ("the article's figures"): their kind of source, and one source or several.
        claims_source_kind=figures.attrs.get("source_kind", "other"),
        claims_sources=int(figures["source"].nunique()),
    )


def fell_back(rows: pd.DataFrame) -> pd.Series:
    """For each of the table's `rows` translated at a rate (not the identity), whether that rate is the ECB's
    fallback for a live source that failed.

    >>> fell_back(comparison_table().rows).any()
    np.False_
    """
    translated = rows[rows["fx_method"].isin(METHODS) & (rows["fx_rate_source"] != "identity")]
    return translated["fx_fell_back"].astype(bool)


def _rates_used(rows: pd.DataFrame, rates: RateTable) -> RatesUsed:
    """The source of the rates the table's numbers rest on: the rate table's, or where a live source
    failed, the ECB's for every rate or beside the live source's for some."""
    if not getattr(rates, "fallbacks", None):
        return RatesUsed(rates.origin)
    return RatesUsed(rates.origin, rates.fallback.origin, "all" if fell_back(rows).all() else "some")


def table_currencies(currency: str, figures: pd.DataFrame, reported: pd.DataFrame | None = None) -> tuple[str, ...]:
    """The currencies a table translates into: the common one and every currency a figure is stated in.

    >>> table_currencies("GBP", load_figures())
    ('EUR', 'GBP', 'USD')
    """
    stated = set(figures["currency"]) | (set() if reported is None else set(reported["currency"]))
    return tuple(sorted(stated | {currency}))


def check_currency(currency: str, rates: RateTable) -> None:
    """Raise unless the rate data has `currency`, naming the currencies it has.

    >>> check_currency("XYZ", load_ecb_rates())
    Traceback (most recent call last):
    figures.errors.FiguresError: expected a common currency among the rate data's (AUD, ..., ZAR), found 'XYZ'
    >>> check_currency("RMB", load_ecb_rates())
    Traceback (most recent call last):
    figures.errors.FiguresError: expected a common currency among ..., found 'RMB' (did you mean CNY?)
    """
    if currency not in rates.currencies:
        raise FiguresError(
            f"expected a common currency among the rate data's ({', '.join(rates.currencies)}), found {currency!r}"
            + _currency_hint(currency, rates.currencies)
        )


def _currency_hint(value: str, currencies: tuple[str, ...]) -> str:
    """ " (did you mean CNY?)": the code of a currency's symbol or name in any language the extractor reads
    ("RMB", "yen", "€"), else the codes spelt alike ("GPB": GBP), else ""."""
    from figures.extract.language import LANGUAGES, SYMBOLS, grammar  # an error's hint only: loaded then

    named = {word.casefold(): code for word, code in SYMBOLS.items()}
    for language in LANGUAGES:
        named |= {word.casefold(): code for word, code in grammar(language).currencies.items()}
    code = named.get(value.strip().casefold())
    return did_you_mean(code, currencies) if code else did_you_mean(value, currencies)


def _reported_for(figures: pd.DataFrame, reported) -> pd.DataFrame | None:
    if reported is False:
        return None
    if not isinstance(reported, pd.DataFrame):
        reported = load_reported(None if reported in (None, True) else reported)
    check_look_alike_companies(figures, reported)
    reported = reported[reported["company"].isin(set(figures["company"]))]
    return None if reported.empty else reported


@dataclass
class _Targets:
    """What translations a table makes: into which currencies, with which rates and spot date.

    The common currency is required of every figure; another stated currency is a view the table
    adds where the rate data covers the figure's period, and a figure it cannot translate into is
    recorded in `skipped` (the table's `untranslated` attribute, shown in the report's appendix).
    """

    rates: RateTable
    spot: dt.date
    currencies: tuple[str, ...]
    common: str
    spot_given: bool
    spot_row: tuple[str, int]  # the claim whose publication date is the default spot date
    files: dict[str, str] = field(default_factory=dict)  # each file as recorded: as the user named it
    skipped: list[str] = field(default_factory=list)
    gaps: dict[str, float] = field(default_factory=dict)  # company translations beyond their rounding


def _article_rows(figures: pd.DataFrame, targets: _Targets) -> list[dict[str, object]]:
    rows = list(_stated_rows(figures))
    for revenue, growth in _revenue_with_growth(figures):
        current_rows = list(_translated_rows(revenue, targets, derived="translated"))
        rows.extend(current_rows)
        if growth is None:
            continue
        prior = _implied_prior(revenue, growth)
        try:
            prior_rows = list(_translated_rows(prior, targets, derived="implied"))
        except FiguresError:
            # The year before, implied by a stated growth, may fall before the rate data begins: a view the
            # table cannot add (listed as untranslated), not bad input.
            targets.skipped.append(f"{prior['figure_id']} (no rates for its period)")
            prior_rows = []
        rows.append(_stated(prior, "implied"))
        rows.extend(prior_rows)
        rows.extend(_growth_rows(growth, growth["value"], current_rows, prior_rows))
    for growth in _growth_alone(figures):
        rows.extend(_growth_from_rates(growth, targets))
    return rows


def _growth_alone(figures: pd.DataFrame) -> Iterator[dict[str, object]]:
    """Each growth figure with no revenue figure for the same company and period."""
    records = figures.to_dict("records")
    revenues = {(r["company"], r["period_start"], r["period_end"]) for r in records if r["metric"] == "revenue"}
    for growth in records:
        key = (growth["company"], growth["period_start"], growth["period_end"])
        if growth["metric"] == "revenue_growth" and key not in revenues:
            yield growth


def _growth_from_rates(growth: dict[str, object], targets: _Targets) -> list[dict[str, object]]:
    """A stated growth in each currency of the table without any amount: (1 + growth) × (rate now / rate then) − 1
    needs only the rates of the period and of the same period a year before (one unit of the stated currency
    translated over each)."""
    unit = {**growth, "metric": "revenue", "value": 1.0, "unit": "million", "derivation": "one unit"}
    before_start, before_end = period_a_year_earlier(growth["period_start"], growth["period_end"])
    before = {**unit, "period_start": before_start, "period_end": before_end}
    try:
        now, then = (list(_translated_rows(one, targets, derived="translated")) for one in (unit, before))
    except FiguresError:
        targets.skipped.append(f"{growth['figure_id']} (no rates for its period or the year before)")
        return []
    return list(_growth_rows(growth, growth["value"], now, then))


def _reported_rows(reported: pd.DataFrame, targets: _Targets) -> list[dict[str, object]]:
    """Reported figures as stated; revenues translated; company translations; growth recomputed."""
    records = reported.to_dict("records")
    rows = []
    translated: dict[str, list[dict[str, object]]] = {}
    for figure in records:
        if figure["translated_from"]:
            continue
        rows.append(_stated({**figure, "derivation": STATED}, "stated"))
        if figure["metric"] == "revenue":
            translated[figure["figure_id"]] = list(_translated_rows(figure, targets, derived="translated"))
            rows.extend(translated[figure["figure_id"]])
    by_id = {figure["figure_id"]: figure for figure in records}
    for figure in records:
        if figure["translated_from"]:
            rows.append(_company_translation(figure, by_id[figure["translated_from"]], targets))
    for current, prior in consecutive_revenues(records):
        growth = {
            **current,
            "metric": "revenue_growth",
            "unit": "percent",
            "figure_id": f"{current['figure_id']}__growth",
        }
        own_percent = (current["value"] / prior["value"] - 1) * 100
        rows.append(
            {
                **_stated(
                    {**growth, "derivation": f"recomputed: {current['figure_id']} / {prior['figure_id']} - 1"},
                    "recomputed",
                ),
                "value": own_percent,
            }
        )
        rows.extend(_growth_rows(growth, own_percent, translated[current["figure_id"]], translated[prior["figure_id"]]))
    return rows


def _company_translation(figure: dict[str, object], source: dict[str, object], targets: _Targets) -> dict[str, object]:
    """The company's own convenience translation, as the company states it, with the source amount at
    the company's rate beside it in `derivation`; where the two differ by more than the stated
    figure's rounding (a typo, or a rate more precise than printed), `targets.gaps` keeps the latter."""
    from figures.reconcile import half_unit

    reproduced = source["value"] / figure["fx_rate"]
    if abs(reproduced - figure["value"]) > half_unit(figure) * (1 + 1e-9):
        targets.gaps[figure["figure_id"]] = reproduced
    return {
        **_identity_columns(figure),
        "currency": figure["currency"],
        "value": figure["value"],
        "fx_method": "company",
        "fx_rate": 1 / figure["fx_rate"],
        "fx_rate_source": f"{figure['fx_rate_source']}, as used in {figure['source']}",
        "fx_rate_detail": f"{figure['fx_rate']:g} {figure['fx_rate_unit']} on {figure['fx_rate_date']}",
        "fx_from_currency": source["currency"],
        "fx_first_fixing": figure["fx_rate_date"],
        "fx_last_fixing": figure["fx_rate_date"],
        "fx_fixing_days": 1,
        "fx_missing_date_policy": "none",
        "fx_provider": "company",
        "fx_fell_back": False,
        "derived": "company translation",
        "derivation": (
            f"company translation as stated ({figure['stated_text']} {figure['stated_unit']});"
            f" reproduced: {source['figure_id']} / {figure['fx_rate']:g} = {reproduced:.2f} million"
        ),
    }


def default_spot_date(figures: pd.DataFrame) -> dt.date:
    """The figures' publication date: the date a reader of the source met the numbers.

    >>> default_spot_date(load_figures())
    datetime.date(2018, 7, 3)
    """
    return max(figures["published"])


def selected(
    table: ComparisonTable, currency: str, method: str, basis: str | None = None, rows: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The rows a headline uses: figures in `currency` by `method` (on one `basis`, if given), of the table's
    rows or of some of them (`rows`).

    >>> rows = selected(comparison_table(), "USD", "closing", "reported")
    >>> set(rows["currency"]), set(rows["fx_method"]), set(rows["basis"])
    ({'USD'}, {'closing'}, {'reported'})
    >>> selected(comparison_table(), "GBP", "average")
    Traceback (most recent call last):
    figures.errors.FiguresError: expected a currency the table was translated into (CNY, EUR, USD), found 'GBP'; ...
    """
    check_choice("method", method)
    if currency not in table.currencies:
        raise FiguresError(
            f"expected a currency the table was translated into ({', '.join(table.currencies)}), found {currency!r};"
            " build the table with comparison_table(..., currency=...)"
        )
    rows = table.rows if rows is None else rows
    chosen = rows[(rows["currency"] == currency) & (rows["fx_method"] == method)]
    return chosen if basis is None else chosen[chosen["basis"] == basis]


def _stated_rows(figures: pd.DataFrame) -> Iterator[dict[str, object]]:
    for figure in figures.to_dict("records"):
        yield _stated({**figure, "derivation": STATED}, "stated")


def _stated(figure: dict[str, object], derived: str) -> dict[str, object]:
    """A figure in its own currency: stated, or `derived` ("implied", "recomputed") from stated ones."""
    return {
        **_identity_columns(figure),
        "currency": figure["currency"],
        "value": figure["value"],
        "fx_method": "none",
        "fx_rate_source": "",
        "fx_rate_detail": "",
        "fx_provider": "",
        "fx_fell_back": False,
        "derivation": figure["derivation"],
        "derived": derived,
    }


def _identity_columns(figure: dict[str, object]) -> dict[str, object]:
    return {
        "company": figure["company"],
        "metric": figure["metric"],
        "period_start": figure["period_start"],
        "period_end": figure["period_end"],
        "component": figure.get("component", ""),
        "fiscal_label": figure.get("fiscal_label", ""),
        "basis": figure["basis"],
        "unit": figure["unit"],
        "fx_from_currency": figure["currency"],
        "figure_id": figure["figure_id"],
        "approximate": figure["approximate"],
        "period_inferred": figure.get("period_inferred", False),
        "source_file": figure["source_file"],
        "source_row": figure["source_row"],
    }


def _revenue_with_growth(figures: pd.DataFrame) -> Iterator[tuple[dict[str, object], dict[str, object] | None]]:
    """Each revenue figure with the growth figure for the same company and period, if any."""
    records = figures.to_dict("records")
    growth_by_key = {
        (g["company"], g["period_start"], g["period_end"]): g for g in records if g["metric"] == "revenue_growth"
    }
    for revenue in records:
        if revenue["metric"] == "revenue":
            yield revenue, growth_by_key.get((revenue["company"], revenue["period_start"], revenue["period_end"]))


def _implied_prior(revenue: dict[str, object], growth: dict[str, object]) -> dict[str, object]:
    """The previous period's revenue that the stated growth implies: revenue / (1 + growth)."""
    before_start, before_end = period_a_year_earlier(revenue["period_start"], revenue["period_end"])
    return {
        **revenue,
        "period_start": before_start,
        "period_end": before_end,
        "value": revenue["value"] / (1 + growth["value"] / 100),
        "derivation": f"implied: {revenue['figure_id']} / (1 + {growth['figure_id']} / 100)",
        "figure_id": f"{revenue['figure_id']}__prior_implied",
    }


def _translated_rows(figure: dict[str, object], targets: _Targets, *, derived: str) -> Iterator[dict[str, object]]:
    """The figure translated into each currency of the table by each method; `derived` says what it is."""
    derivation = "translated" if derived == "translated" else f"{figure['derivation']}, translated"
    for currency in targets.currencies:
        try:
            applied_by_method = {method: _apply(figure, targets, currency, method) for method in METHODS}
        except FiguresError:
            figure_covered = _covers(targets.rates, figure["currency"], figure["period_start"], figure["period_end"])
            if currency == targets.common:
                raise
            if not figure_covered:  # the same error for the currency the reader asked for, not this one
                for method in METHODS:
                    _apply(figure, targets, targets.common, method)
                raise  # stated in the common currency, it needs no rate there: a date outside the data still is one
            targets.skipped.append(f"{figure['figure_id']} into {currency} (no rates for its period)")
            continue
        for method, applied in applied_by_method.items():
            yield {
                **_identity_columns(figure),
                "currency": currency,
                "value": figure["value"] * applied.rate,
                "fx_method": method,
                "fx_rate": applied.rate,
                "fx_rate_source": applied.source,
                "fx_rate_detail": applied.describe(),
                "fx_first_fixing": applied.first_fixing,
                "fx_last_fixing": applied.last_fixing,
                "fx_fixing_days": applied.fixing_days,
                "fx_missing_date_policy": applied.missing_policy,
                "fx_provider": applied.provider,
                "fx_fell_back": applied.fell_back,
                "derivation": derivation,
                "derived": derived,
            }


def _apply(figure: dict[str, object], targets: _Targets, currency: str, method: str) -> AppliedRate:
    rates, spot = targets.rates, targets.spot
    base, start, end = figure["currency"], figure["period_start"], figure["period_end"]
    column = "currency" if base not in rates.currencies else "published" if method == "spot" else "period_end"
    try:
        if method == "average":
            return rates.average_rate(base, currency, start, end)
        if method == "closing":
            return rates.closing_rate(base, currency, end)
        return rates.rate_on(base, currency, spot)
    except LiveRatesFailed:
        raise  # the source failed (--strict), not a row of the file: told as it is
    except FiguresError as error:
        if method == "spot" and targets.spot_given:  # the reader's choice of date, not the file's
            raise FiguresError(f"{error.message} (the spot date {spot} that was asked for)") from None
        if method == "spot":  # the latest publication date: name the row that gives it
            path, row = targets.spot_row
            raise FiguresError(
                f"{error.message} (the latest publication date, this row's, is the spot date: the spot method"
                " translates every figure at its rates)",
                path=path,
                row=row,
                column="published",
            ) from None
        if _covers(rates, base, start, end) and not _covers(rates, currency, start, end):
            raise FiguresError(
                f"expected a common currency with ECB rates over every figure's period: {currency} has none for"
                f" {figure['figure_id']} ({start} to {end}); {error.message}"
            ) from None
        raise FiguresError(
            f"{error.message} (translating {figure['figure_id']} into {currency} by the {method} method)",
            path=targets.files.get(figure["source_file"]) or figure["source_file"],
            row=figure["source_row"],
            column=column,
        ) from None


def _covers(rates: RateTable, code: str, start: dt.date, end: dt.date) -> bool:
    """Whether the rate data quotes `code` from `start` to `end` (EUR: whether the data spans those dates)."""
    if not (rates.first_date <= start and end <= rates.last_date):
        return False
    if code == "EUR":
        return True
    try:
        dates, _, covered_to = rates.pair(code, "EUR")
    except (FiguresError, AttributeError):  # unknown, or a live table that does not say
        return code in getattr(rates, "currencies", ())
    return str(dates[0]) <= start.isoformat() and end <= covered_to


def _growth_rows(
    growth: dict[str, object],
    own_percent: float,
    current_rows: list[dict[str, object]],
    prior_rows: list[dict[str, object]],
) -> Iterator[dict[str, object]]:
    """Growth in each currency: the growth in the stated currency, moved by how the rate moved.

    (current × rate now) / (previous × rate then) − 1, written as own growth plus the rate's share,
    so that where the rate did not move (same currency, spot) the growth is the stated one exactly,
    not the stated one up to rounding noise.
    """
    prior_by_key = {(row["currency"], row["fx_method"]): row for row in prior_rows}
    for current in current_rows:
        prior = prior_by_key.get((current["currency"], current["fx_method"]))
        if prior is None:  # a view the previous year could not be translated into
            continue
        rate_change = current["fx_rate"] / prior["fx_rate"] - 1
        yield {
            **_identity_columns(growth),
            "currency": current["currency"],
            "value": own_percent + (1 + own_percent / 100) * rate_change * 100,
            "fx_method": current["fx_method"],
            "fx_rate": current["fx_rate"],
            "fx_rate_source": current["fx_rate_source"],
            "fx_rate_detail": current["fx_rate_detail"],
            "fx_first_fixing": current["fx_first_fixing"],
            "fx_last_fixing": current["fx_last_fixing"],
            "fx_fixing_days": current["fx_fixing_days"],
            "fx_missing_date_policy": current["fx_missing_date_policy"],
            "fx_provider": current["fx_provider"],
            "fx_fell_back": current["fx_fell_back"] or prior["fx_fell_back"],
            "fx_rate_prior": prior["fx_rate"],
            "fx_rate_prior_detail": prior["fx_rate_detail"],
            "derivation": f"recomputed in {current['currency']}: translated revenue / translated previous year - 1",
            "derived": "recomputed",
        }


def _as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FiguresError(f"expected a spot date as YYYY-MM-DD, found {value!r}") from None
