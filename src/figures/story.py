"""The report's sections, each shown in a notebook only when the data supports it.

Every section is a heading, a few generic sentences and what the data gives (tables, charts,
sentences with numbers). A section whose data is absent shows nothing at all, heading included:
no empty table, no empty chart, no sentence about data that is not there. The generic sentences
live here, translated through the catalogue; the case-specific ones come from the comparison's
own narrative.
"""

from __future__ import annotations

import re

import pandas as pd

from figures import caveats, charts, i18n, lookup, present, summary
from figures.comparison import Comparison
from figures.i18n import N_, tr
from figures.load import load_figures, load_reported
from figures.present import md, show_section
from figures.reconcile import reconcile


def prepare(table: pd.DataFrame, rates, currency: str, method: str, *, locale: str = "en") -> None:
    """Start drawing, on every core, the charts the report's sections will show.

    >>> from figures.normalise import comparison_table
    >>> from figures.rates import load_ecb_rates
    >>> prepare(comparison_table(), load_ecb_rates(), "EUR", "average")
    >>> charts.cancel_prefetch()  # a build does this at its end, the charts asked for or not
    """
    calls = [(charts.bridge_chart, (table,), {"locale": locale})]
    calls.append((charts.revenue_history_chart, (table, currency, method), {"locale": locale}))
    for basis in lookup.bases(table):
        calls.append((charts.rate_history_chart, (table, rates, currency, basis), {"locale": locale}))
        for draw in (charts.revenue_chart, charts.growth_chart, charts.prior_current_chart):
            calls.append((draw, (table, currency, method, basis), {"locale": locale}))
    # Longest first: the rate and history charts, with a panel per currency or company.
    calls.sort(key=lambda call: call[0] not in (charts.rate_history_chart, charts.revenue_history_chart))
    charts.prefetch(calls)


def at_a_glance(table: pd.DataFrame, currency: str, method: str, *, locale: str = "en") -> None:
    """Each company's latest revenue and growth in `currency`: on the reported figures (if any), then the claims.

    >>> from figures.normalise import comparison_table
    >>> at_a_glance(comparison_table(reported=False), "EUR", "average")  # doctest: +ELLIPSIS
    <IPython.core.display.Markdown object>
    ...
    """
    reported = summary.summary(table, currency, method, "reported", locale=locale)
    claims = summary.summary(table, currency, method, "article", locale=locale)
    blocks: list[object] = [
        tr(
            "Each company's latest revenue translated into the common currency, and its growth: as stated,"
            " and recomputed in the common currency from both years, each translated at its own rate.",
            locale,
        )
    ]
    if reported is not None:
        blocks += [
            tr(
                "**We recommend the first table**, built on the companies' reported figures, in the currencies"
                " they report in; the second rests on the claims as the source states them.",
                locale,
            ),
            tr("**On the companies' reported figures (recommended)**", locale),
            reported,
            tr("**On the article's figures**", locale),
        ]
    blocks += [claims, present.rates_notice(table, locale=locale)]
    show_section(tr("At a glance", locale), *blocks)


def caveat_section(table: pd.DataFrame, currency: str, method: str, *, locale: str = "en") -> None:
    """Every caveat the rules find, most important first, with their numbers; nothing when none fires.

    >>> from figures.normalise import comparison_table
    >>> caveat_section(comparison_table(), "EUR", "average")  # doctest: +ELLIPSIS
    <IPython.core.display.Markdown object>
    ...
    """
    found = caveats.detect(table, currency, method)
    if not found:
        return
    intro = tr(
        "Read these numbers with these caveats, found by rules over the figures, the one that matters most first:",
        locale,
    )
    show_section(tr("Caveats", locale), intro, summary.caveat_list(table, currency, method, locale=locale))


def narrative(case: Comparison, *, locale: str = "en") -> None:
    """The comparison's own words (its narrative file in `locale`), under their heading; nothing without one.

    >>> from figures.comparison import open_comparison
    >>> narrative(open_comparison(figures_path="other.csv"))  # no narrative: nothing shown
    """
    text, language = case.narrative_in(locale)
    if text:
        # The narrative's own headings sit under this section's.
        text = re.sub(r"^(#{1,4}) ", r"##\1 ", text, flags=re.MULTILINE)
    # Written in another language than the report's: kept, and said so.
    notice = tr("*The comparison's own text, written in English only.*", locale) if text and language != locale else ""
    show_section(tr("About this comparison", locale), notice, text)


def rate_history(table: pd.DataFrame, rates, currency: str, *, locale: str = "en") -> None:
    """The daily rates behind each translation, per basis; nothing when every figure is in `currency`.

    >>> from figures.normalise import comparison_table
    >>> from figures.rates import load_ecb_rates
    >>> table = comparison_table(reported=False)
    >>> rate_history(table[table["fx_from_currency"] == "EUR"], load_ecb_rates(), "EUR")  # all in EUR already
    """
    drawn = [charts.rate_history_chart(table, rates, currency, basis, locale=locale) for basis in lookup.bases(table)]
    show_section(tr("The daily rates behind each translation", locale), *_with_intro(drawn, _RATES_INTRO, locale))


def methods(table: pd.DataFrame, currency: str, *, locale: str = "en") -> None:
    """Each company's latest revenue in `currency` under every method; nothing when nothing is translated.

    >>> from figures.normalise import comparison_table
    >>> methods(comparison_table(), "EUR")  # doctest: +ELLIPSIS
    <IPython.core.display.Markdown object>
    ...
    """
    blocks = []
    for basis in lookup.bases(table):
        frame = _translated_only(present.method_table(table, currency, basis, locale=locale), currency, locale)
        if frame is not None:
            blocks += [tr(_BASIS_HEADINGS[basis], locale), frame]
    intro = [_METHODS_INTRO]
    if (table["fx_method"] == "company").any():
        intro.append(_COMPANY_ROW_NOTE)
    show_section(tr("What the method changes", locale), *_with_intro(blocks, intro, locale))


def reconciliation(case: Comparison, *, locale: str = "en") -> None:
    """Each claim beside the reported figure it comes from; nothing without reported figures to match.

    >>> from figures.comparison import open_comparison
    >>> reconciliation(Comparison(open_comparison().claims, None))  # no reported figures: nothing
    """
    if case.reported is None:
        return
    reconciled = reconcile(load_figures(case.claims), load_reported(case.reported))
    if reconciled["reported_id"].isna().all():
        return
    show_section(
        tr("Each claim beside the reported figure", locale),
        tr(
            "The verdict is computed from the claim's own precision: *consistent* when the figures are equal,"
            " *rounded* when they differ by less than half a unit of the claim's last printed digit, and"
            " *inconsistent* beyond that. The caveats say what the verdict cannot.",
            locale,
        ),
        present.reconciliation_table(reconciled, locale=locale),
    )


def which_basis(table: pd.DataFrame, currency: str, method: str, *, locale: str = "en") -> None:
    """Why the report recommends the reported figures, from the caveats that separate the two bases.

    >>> from figures.normalise import comparison_table
    >>> which_basis(comparison_table(reported=False), "EUR", "average")  # one basis: nothing to choose
    """
    if lookup.bases(table) != ["reported", "article"]:
        return
    # Only what concerns a company on both bases separates them: one with claims alone has no other side.
    on_both = set(table.loc[table["basis"] == "reported", "company"])
    separating = [
        caveat
        for caveat in caveats.detect(table, currency, method)
        if caveat.code in ("convenience-translation", "growth-paired-currency", "claim-mismatch", "approximate")
        and (caveat.company is None or caveat.company in on_both)
    ]
    reasons = "\n".join(f"- {caveat.text(locale, markdown=True, standalone=True)}" for caveat in separating)
    show_section(
        tr("Which basis, and why", locale),
        tr(
            "**This report recommends the companies' reported figures**, in their reporting currencies,"
            " translated at the {method}. The claims are kept beside them, so the two can be compared.",
            locale,
        ).format(method=tr(present.METHOD_LABELS[method], locale)),
        tr("What separates the two bases here:", locale) if reasons else "",
        reasons,
    )


def growth(table: pd.DataFrame, currency: str, method: str, *, locale: str = "en") -> None:
    """Growth in each company's currency and in `currency`, with the rates that separate them.

    >>> from figures.normalise import comparison_table
    >>> growth(comparison_table(), "EUR", "average")  # doctest: +ELLIPSIS
    <IPython.core.display.Markdown object>
    ...
    """
    blocks: list[object] = [present.growth_explanation(table, currency, method, locale=locale)]
    for basis in lookup.bases(table):
        frame = present.growth_table(table, currency, basis, locale=locale)
        if not frame.empty:
            blocks += [tr(_BASIS_HEADINGS[basis], locale), frame]
    show_section(tr("Growth in a common currency", locale), *_with_intro(blocks, _GROWTH_INTRO, locale))


def growth_apart(table: pd.DataFrame, *, locale: str = "en") -> None:
    """Each growth bridge a company's reported components allow; nothing for a company without them.

    >>> from figures.normalise import comparison_table
    >>> growth_apart(comparison_table(reported=False))
    """
    chart = charts.bridge_chart(table, locale=locale)
    if chart is None:
        return
    show_section(
        tr("Growth taken apart", locale),
        tr(
            "Where a company reports its change of scope and currency effects, its growth splits into organic"
            " growth (the residual), the change of scope and currency movements; the organic growth rate the"
            " company reports is set beside the residual.",
            locale,
        ),
        chart,
        _components(table, locale),
    )


def periods(table: pd.DataFrame, currency: str, method: str, *, locale: str = "en") -> None:
    """How the companies' latest periods line up, when they end in different months.

    >>> from figures.normalise import comparison_table
    >>> periods(comparison_table(), "EUR", "average")  # doctest: +ELLIPSIS
    <IPython.core.display.Markdown object>
    ...
    """
    found = [c for c in caveats.detect(table, currency, method) if c.code == "fiscal-year-ends"]
    if not found:
        return
    show_section(
        tr("Different periods", locale),
        found[0].text(locale, markdown=True, standalone=True).replace("\n", " "),
        tr("Every chart and table names each company's period.", locale),
    )


def comparison_charts(table: pd.DataFrame, currency: str, method: str, *, locale: str = "en") -> None:
    """The revenue, growth and previous-year charts on each basis, each section only with its charts.

    >>> from figures.normalise import comparison_table
    >>> table = comparison_table()
    >>> comparison_charts(table[table["basis"] == "reconciliation"], "EUR", "average")  # no figure to draw
    """
    sections = (
        (N_("Revenue"), charts.revenue_chart, {None: _REVENUE_INTRO}),
        (N_("Growth"), charts.growth_chart, {None: _GROWTH_CHART_INTRO}),
        (N_("Previous and current year"), charts.prior_current_chart, _PRIOR_INTROS),
    )
    for title, draw, intros in sections:
        drawn = {basis: draw(table, currency, method, basis, locale=locale) for basis in lookup.bases(table)}
        # The intro speaks of the bases drawn only.
        intro = [text for basis, text in intros.items() if basis is None or drawn.get(basis) is not None]
        show_section(tr(title, locale), *_with_intro(list(drawn.values()), intro, locale))


def revenue_history(table: pd.DataFrame, currency: str, method: str, *, locale: str = "en") -> None:
    """Three or more reported years of a company, in its currency and in `currency`; nothing otherwise.

    >>> from figures.normalise import comparison_table
    >>> revenue_history(comparison_table(reported=False), "EUR", "average")  # the claims hold one year each
    """
    chart = charts.revenue_history_chart(table, currency, method, locale=locale)
    show_section(
        tr("Revenue over the years", locale),
        *_with_intro(
            [chart],
            N_(
                "For each company with three or more reported years in a currency other than the common one, its"
                " revenue in that currency beside the same years in the common currency: where the two differ,"
                " the exchange rate moved."
            ),
            locale,
        ),
    )


_BASIS_HEADINGS = {
    "reported": N_("**On the companies' reported figures**"),
    "article": N_("**On the article's figures**"),
}
_RATES_INTRO = N_(
    "The ECB's daily rates over each figure's period, with the average, closing and spot rates marked; each"
    " chart's title names the figures it serves."
)
_METHODS_INTRO = N_(
    "Each company's latest revenue in the common currency under each method, with the rate and the fixings it rests on."
)
_COMPANY_ROW_NOTE = N_(
    "Where a company publishes a convenience translation, the row `company` gives it as the company states it,"
    " with its own rate, date and source."
)
_GROWTH_INTRO = N_(
    "Growth measured in a company's reporting currency is not its growth in another currency: each year's"
    " revenue is translated at that year's own rate, and when the currency moved between the two years, the"
    " growth rates differ by that movement."
)
_REVENUE_INTRO = N_(
    "The bar is the chosen method; the black range spans all three methods, so its length is what the choice"
    " of rate can change."
)
_GROWTH_CHART_INTRO = N_(
    "Growth as stated beside growth recomputed in the common currency: each year's revenue translated at its"
    " own period's rate, then compared. Under the spot method both years take the same rate, so they agree."
)
_PRIOR_INTROS = {
    "reported": N_("On the companies' reported figures, the previous year is the company's own figure."),
    "article": N_(
        "On the claims, the previous year is implied by the stated growth, revenue / (1 + growth), then translated"
        " at the previous period's rate, and inherits any error in the stated growth."
    ),
}


def _with_intro(blocks: list[object], intro: str | list[str], locale: str) -> list[object]:
    """The section's generic intro (one sentence or several), only if some block has something to show."""
    shown = [block for block in blocks if not present.is_empty(block)]
    sentences = [intro] if isinstance(intro, str) else intro
    return [" ".join(tr(sentence, locale) for sentence in sentences), *shown] if shown else []


def _translated_only(frame: pd.DataFrame, currency: str, locale: str) -> pd.DataFrame | None:
    stated_in = tr("Stated in", locale)
    if frame.empty:
        return None
    frame = frame[frame[stated_in] != currency]
    return None if frame.empty else frame


def _components(table: pd.DataFrame, locale: str) -> str:
    """Sentences on the components a company names for its change of scope and its contributions."""
    rows = table[
        (table["basis"] == "reported")
        & (table["fx_method"] == "none")
        & (table["derivation"] == lookup.STATED)
        & table["metric"].isin(["revenue_change_scope", "revenue_contribution"])
        & (table["component"].fillna("") != "")
    ]
    lines = []
    for row in rows.sort_values(["company", "period_end", "metric"]).to_dict("records"):
        template = (
            N_("- **{company}**, {period}: change of scope ({component}), {value} {currency} m.")
            if row["metric"] == "revenue_change_scope"
            else N_("- **{company}**: {component} contributed {value} {currency} m from {start} to {end}.")
        )
        lines.append(
            tr(template, locale).format(
                company=md(row["company"]),
                period=md(present.period_text(row, locale)),
                component=md(row["component"]),
                value=present.amount_m(row["value"], locale),
                currency=row["currency"],
                start=i18n.date(row["period_start"], locale),
                end=i18n.date(row["period_end"], locale),
            )
        )
    return "\n".join(lines)
