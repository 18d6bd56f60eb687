"""The report's sections as values, each computed from one build context and shown only when the data supports it.

Every section is a heading, a few generic sentences and what the data gives (tables, charts,
sentences with numbers). A section whose data is absent is None or shows nothing at all, heading
included: no empty table, no empty chart, no sentence about data that is not there. The generic
sentences live here, translated through the catalogue; the case-specific ones come from the
comparison's own narrative.

A notebook cell shows one section, `story.NAME(ctx)`; the report builder reads that name and renders the
same section from its own context (`SECTIONS`), running no notebook code.
"""

from __future__ import annotations

import re

import pandas as pd

from figures import charts, formats, i18n, lookup, present, summary
from figures.charts.layout import NARROW_IN
from figures.context import BuildContext
from figures.formats import md
from figures.i18n import N_, tr
from figures.section import Section, Sections, is_empty
from figures.table import ComparisonTable


def chart_calls(ctx: BuildContext) -> list[tuple[object, tuple, dict]]:
    """Every chart the report's sections draw, longest first, for `ChartPool.prefetch`.

    >>> from figures.context import build_context
    >>> [draw.__name__ for draw, _, _ in chart_calls(build_context())][:3]
    ['revenue_history_chart', 'rate_history_chart', 'rate_history_chart']
    """
    table, locale, currency, method = ctx.table, {"locale": ctx.locale}, ctx.currency, ctx.method
    calls = [(charts.bridge_chart, (table,), locale)]
    calls.append((charts.revenue_history_chart, (table, currency, method), locale))
    for basis in lookup.bases(table):
        calls.append((charts.rate_history_chart, (table, ctx.rates, currency, basis), locale))
        for draw in (charts.revenue_chart, charts.growth_chart, charts.prior_current_chart):
            calls.append((draw, (table, currency, method, basis), locale))
    # Each also at a phone's width (`BuildContext.chart` shows both).
    calls += [(draw, args, {**kwargs, "width_in": NARROW_IN}) for draw, args, kwargs in calls]
    # Longest first: the rate and history charts, with a panel per currency or company.
    calls.sort(key=lambda call: call[0] not in (charts.rate_history_chart, charts.revenue_history_chart))
    return calls


def at_a_glance(ctx: BuildContext) -> Section:
    """Each company's latest revenue and growth in the common currency: on the reported figures (if any), then the
    claims.

    >>> from figures.context import build_context
    >>> at_a_glance(build_context(reported_path=None)).title
    'At a glance'
    """
    table, currency, method, locale = ctx.table, ctx.currency, ctx.method, ctx.locale
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
            tr(formats.claims_words(table).heading, locale),
        ]
    blocks += [claims, present.rates_notice(table, locale=locale)]
    return Section(tr("At a glance", locale), tuple(blocks))


def caveat_section(ctx: BuildContext) -> Section | None:
    """Every caveat the rules find, most important first, with their numbers; nothing when none fires.

    >>> from figures.context import build_context
    >>> caveat_section(build_context()).blocks[1].startswith("- Bolloré Group's +82.0%")
    True
    """
    if not ctx.caveats:
        return None
    intro = tr(
        "Read these numbers with these caveats, found by rules over the figures, the one that matters most first:",
        ctx.locale,
    )
    found = summary.caveat_list(ctx.table, ctx.currency, ctx.method, locale=ctx.locale, found=ctx.caveats)
    return Section(tr("Caveats", ctx.locale), (intro, found))


def narrative(ctx: BuildContext) -> Section:
    """The comparison's own words (its narrative file in the report's language), under their heading; nothing
    without one.

    >>> from figures.context import build_context
    >>> narrative(build_context(figures_path="data/article_figures.csv")).outputs()  # no narrative: nothing
    []
    """
    locale = ctx.locale
    text, language = ctx.case.narrative_in(locale)
    if text:
        # The narrative's own headings sit under this section's.
        text = re.sub(r"^(#{1,4}) ", r"##\1 ", text, flags=re.MULTILINE)
    # Written in another language than the report's: kept, and said so.
    notice = tr("*The comparison's own text, written in English only.*", locale) if text and language != locale else ""
    return Section(tr("About this comparison", locale), (notice, text))


def figures_as_stated(ctx: BuildContext) -> Section:
    """The claims as the source states them, under the notebook's own heading.

    >>> from figures.context import build_context
    >>> figures_as_stated(build_context()).blocks[0].shape[0] > 0
    True
    """
    return Section(None, (present.article_figures_table(ctx.table, locale=ctx.locale),))


def provenance(ctx: BuildContext) -> Section:
    """Where each claim comes from, as printed, under the notebook's own heading.

    >>> from figures.context import build_context
    >>> len(provenance(build_context()).blocks[0])
    4
    """
    return Section(None, (present.provenance_table(ctx.figures, locale=ctx.locale),))


def rate_sources(ctx: BuildContext) -> Section:
    """Which rates the figures use and, with live rates, every answer of the live source.

    >>> from figures.context import build_context
    >>> len(rate_sources(build_context()).blocks)  # the ECB snapshot: no live log
    1
    """
    blocks: list[object] = [present.rates_notice(ctx.table, locale=ctx.locale)]
    if hasattr(ctx.rates, "fetch_log"):
        blocks.append(present.live_log_summary(ctx.rates.fetch_log(), locale=ctx.locale))
    return Section(None, tuple(blocks))


def rate_history(ctx: BuildContext) -> Section:
    """The daily rates behind each translation, per basis; nothing when every figure is in the common currency.

    >>> from figures.context import build_context
    >>> rate_history(build_context(figures_path="data/article_figures.csv", reported_path=None)).title
    'The daily rates behind each translation'
    """
    drawn = [ctx.chart(charts.rate_history_chart, ctx.rates, ctx.currency, basis) for basis in lookup.bases(ctx.table)]
    return Section(tr("The daily rates behind each translation", ctx.locale), _with_intro(drawn, _RATES_INTRO, ctx))


def methods(ctx: BuildContext) -> Section:
    """Each company's latest revenue in the common currency under every method; nothing when nothing is translated.

    >>> from figures.context import build_context
    >>> methods(build_context()).title
    'What the method changes'
    """
    table, locale = ctx.table, ctx.locale
    blocks = []
    for basis in lookup.bases(table):
        frame = _translated_only(present.method_table(table, ctx.currency, basis, locale=locale), ctx.currency, locale)
        if frame is not None:
            blocks += [_basis_heading(table, basis, locale), frame]
    intro = [_METHODS_INTRO]
    if (table.rows["fx_method"] == "company").any():
        intro.append(_COMPANY_ROW_NOTE)
    return Section(tr("What the method changes", locale), _with_intro(blocks, intro, ctx))


def reconciliation(ctx: BuildContext) -> Section | None:
    """Each claim beside the reported figure it comes from; nothing without reported figures to match.

    >>> from figures.context import build_context
    >>> reconciliation(build_context(reported_path=None, figures_path="data/article_figures.csv")) is None
    False
    """
    if ctx.reported is None:
        return None
    reconciled = ctx.reconciliation
    if reconciled["reported_id"].isna().all():
        return None
    locale = ctx.locale
    return Section(
        tr("Each claim beside the reported figure", locale),
        (
            tr(
                "The verdict is computed from the claim's own precision: *consistent* when the figures are equal,"
                " *rounded* when they differ by less than half a unit of the claim's last printed digit, and"
                " *inconsistent* beyond that. The caveats say what the verdict cannot.",
                locale,
            ),
            present.reconciliation_table(reconciled, locale=locale, claims=formats.claims_words(ctx.table)),
        ),
    )


def which_basis(ctx: BuildContext) -> Section | None:
    """Why the report recommends the reported figures, from the caveats that separate the two bases.

    >>> from figures.context import build_context
    >>> which_basis(build_context()).title
    'Which basis, and why'
    """
    table, locale = ctx.table, ctx.locale
    if lookup.bases(table) != ["reported", "article"]:
        return None
    # Only what concerns a company on both bases separates them: one with claims alone has no other side.
    on_both = set(table.rows.loc[table.rows["basis"] == "reported", "company"])
    separating = [
        caveat
        for caveat in ctx.caveats
        if caveat.code in ("convenience-translation", "growth-paired-currency", "claim-mismatch", "approximate")
        and (caveat.company is None or caveat.company in on_both)
    ]
    reasons = "\n".join(f"- {caveat.text(locale, markdown=True, standalone=True)}" for caveat in separating)
    return Section(
        tr("Which basis, and why", locale),
        (
            tr(
                "**This report recommends the companies' reported figures**, in their reporting currencies,"
                " translated at the {method}. The claims are kept beside them, so the two can be compared.",
                locale,
            ).format(method=tr(formats.METHOD_LABELS[ctx.method], locale)),
            tr("What separates the two bases here:", locale) if reasons else "",
            reasons,
        ),
    )


def growth(ctx: BuildContext) -> Section:
    """Growth in each company's currency and in the common currency, with the rates that separate them.

    >>> from figures.context import build_context
    >>> growth(build_context()).title
    'Growth in a common currency'
    """
    table, locale = ctx.table, ctx.locale
    blocks: list[object] = [present.growth_explanation(table, ctx.currency, ctx.method, locale=locale)]
    for basis in lookup.bases(table):
        frame = present.growth_table(table, ctx.currency, basis, locale=locale)
        if not frame.empty:
            blocks += [_basis_heading(table, basis, locale), frame]
    return Section(tr("Growth in a common currency", locale), _with_intro(blocks, _GROWTH_INTRO, ctx))


def growth_apart(ctx: BuildContext) -> Section | None:
    """Each growth bridge a company's reported components allow; nothing for a company without them.

    >>> from figures.context import build_context
    >>> growth_apart(build_context(reported_path=None, figures_path="data/article_figures.csv")) is None
    False
    """
    chart = ctx.chart(charts.bridge_chart)
    if chart is None:
        return None
    locale = ctx.locale
    return Section(
        tr("Growth taken apart", locale),
        (
            tr(
                "Where a company reports its change of scope and currency effects, its growth splits into organic"
                " growth (the residual), the change of scope and currency movements; the organic growth rate the"
                " company reports is set beside the residual.",
                locale,
            ),
            chart,
            _components(ctx.table, locale),
        ),
    )


def periods(ctx: BuildContext) -> Section | None:
    """How the companies' latest periods line up, when they end in different months.

    >>> from figures.context import build_context
    >>> periods(build_context()).title
    'Different periods'
    """
    found = [c for c in ctx.caveats if c.code == "fiscal-year-ends"]
    if not found:
        return None
    locale = ctx.locale
    return Section(
        tr("Different periods", locale),
        (
            found[0].text(locale, markdown=True, standalone=True).replace("\n", " "),
            tr("Every chart and table names each company's period.", locale),
        ),
    )


def comparison_charts(ctx: BuildContext) -> Sections:
    """The revenue, growth and previous-year charts on each basis, each section only with its charts.

    >>> from figures.context import build_context
    >>> [section.title for section in comparison_charts(build_context())]
    ['Revenue', 'Growth', 'Previous and current year']
    """
    sections = (
        (N_("Revenue"), charts.revenue_chart, {None: _REVENUE_INTRO}),
        (N_("Growth"), charts.growth_chart, {None: _GROWTH_CHART_INTRO}),
        (N_("Previous and current year"), charts.prior_current_chart, _PRIOR_INTROS),
    )
    shown = []
    for title, draw, intros in sections:
        drawn = {basis: ctx.chart(draw, ctx.currency, ctx.method, basis) for basis in lookup.bases(ctx.table)}
        # The intro speaks of the bases drawn only.
        intro = [text for basis, text in intros.items() if basis is None or drawn.get(basis) is not None]
        shown.append(Section(tr(title, ctx.locale), _with_intro(list(drawn.values()), intro, ctx)))
    return Sections(shown)


def revenue_history(ctx: BuildContext) -> Section:
    """Three or more reported years of a company, in its currency and in the common currency; nothing otherwise.

    >>> from figures.context import build_context
    >>> [next(iter(output["data"])) for output in revenue_history(build_context()).outputs()]
    ['text/markdown', 'text/markdown', 'text/html']
    """
    chart = ctx.chart(charts.revenue_history_chart, ctx.currency, ctx.method)
    intro = N_(
        "For each company with three or more reported years in a currency other than the common one, its"
        " revenue in that currency beside the same years in the common currency: where the two differ,"
        " the exchange rate moved."
    )
    return Section(tr("Revenue over the years", ctx.locale), _with_intro([chart], intro, ctx))


SECTIONS = {
    function.__name__: function
    for function in (
        at_a_glance,
        caveat_section,
        narrative,
        figures_as_stated,
        provenance,
        rate_history,
        methods,
        rate_sources,
        reconciliation,
        which_basis,
        growth,
        growth_apart,
        periods,
        comparison_charts,
        revenue_history,
    )
}
"""The sections a notebook cell may show, by the name the cell calls (`story.NAME(ctx)`)."""


def _basis_heading(table: pd.DataFrame, basis: str, locale: str) -> str:
    """ "**On the companies' reported figures**", or the claims' heading, named by their source."""
    if basis == "reported":
        return tr("**On the companies' reported figures**", locale)
    return tr(formats.claims_words(table).heading, locale)


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


def _with_intro(blocks: list[object], intro: str | list[str], ctx: BuildContext) -> tuple[object, ...]:
    """The section's generic intro (one sentence or several), only if some block has something to show."""
    shown = [block for block in blocks if not is_empty(block)]
    sentences = [intro] if isinstance(intro, str) else intro
    return (" ".join(tr(sentence, ctx.locale) for sentence in sentences), *shown) if shown else ()


def _translated_only(frame: pd.DataFrame, currency: str, locale: str) -> pd.DataFrame | None:
    stated_in = tr("Stated in", locale)
    if frame.empty:
        return None
    frame = frame[frame[stated_in] != currency]
    return None if frame.empty else frame


def _components(table: ComparisonTable, locale: str) -> str:
    """Sentences on the components a company names for its change of scope and its contributions."""
    rows = table.rows[
        (table.rows["basis"] == "reported")
        & (table.rows["fx_method"] == "none")
        & (table.rows["derived"] == "stated")
        & table.rows["metric"].isin(["revenue_change_scope", "revenue_contribution"])
        & (table.rows["component"].fillna("") != "")
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
                period=md(formats.period_text(row, locale)),
                component=md(row["component"]),
                value=formats.amount_m(row["value"], locale),
                currency=row["currency"],
                start=i18n.date(row["period_start"], locale),
                end=i18n.date(row["period_end"], locale),
            )
        )
    return "\n".join(lines)
