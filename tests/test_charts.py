import csv
import datetime as dt
import itertools
import warnings

import pytest
from matplotlib.colors import to_hex
from matplotlib.text import Text

from figures import charts
from figures.charts import layout
from figures.charts.pool import ChartPool
from figures.rates import load_ecb_rates
from figures.tabulate import comparison_table
from helpers import ROOT, claim, hand_average, write_figures

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def table():
    return comparison_table()


@pytest.mark.parametrize("basis", ["reported", "article"])
@pytest.mark.parametrize("draw", [charts.revenue_chart, charts.growth_chart, charts.prior_current_chart])
def test_charts_are_pngs_with_alt_text_naming_both_groups(table, draw, basis):
    chart = draw(table, "EUR", "average", basis)
    assert chart.png.startswith(PNG_SIGNATURE)
    assert "Alibaba Group" in chart.alt and "Bolloré Group" in chart.alt
    assert draw(table, "EUR", "average", basis).png == chart.png  # same inputs, same bytes


def test_revenue_chart_alt_text_states_value_and_method_range(table):
    article = charts.revenue_chart(table, "EUR", "average", "article").alt
    assert "Bolloré Group (Jan–Dec 2017): 18,300" in article and "the article's figures" in article
    reported = charts.revenue_chart(table, "EUR", "average", "reported").alt
    assert "Bolloré Group (2017, Jan–Dec 2017): 18,325" in reported and "EUR million" in reported


def test_bridge_chart_walks_from_2016_to_2017():
    # Hand calculation: 18,325 - 10,070 - 7,383 - (-160) = 1,032 of organic growth (FACTS.md figures).
    alt = charts.bridge_chart(comparison_table()).alt
    assert "2016 (approx.): 10,070; organic growth 5.9% (reported 6%): +1,032; change of scope: +7,383" in alt
    assert "currency: -160; 2017: 18,325" in alt


def test_rate_history_chart_only_when_something_is_translated(table):
    article = charts.rate_history_chart(table, load_ecb_rates(), "EUR", "article")
    assert article.png.startswith(PNG_SIGNATURE) and "USD to EUR average" in article.alt
    assert "CNY to EUR average" in charts.rate_history_chart(table, load_ecb_rates(), "EUR", "reported").alt
    assert charts.rate_history_chart(table, load_ecb_rates(), "CNY", "reported") is not None


def test_each_company_keeps_its_colour():
    assert charts.company_colours(["B", "A"]) == charts.company_colours(["A", "B"])
    assert charts.company_colours(["A", "B"])["A"] != charts.company_colours(["A", "B"])["B"]


# Constructed comparisons: 1 to 12 companies, written as figures files the way a user would.

PER_EUR = {"EUR": 1.0, "USD": 1.13, "CNY": 7.6, "JPY": 127.0, "GBP": 0.88}  # rough 2017 rates, for sizes only
CURRENCIES = ("EUR", "USD", "CNY", "JPY", "GBP", "EUR", "USD", "CNY", "JPY", "GBP", "EUR", "USD")


def company(index, currency, *, size_eur=None, growth=10.0, years=2, reported=True, **extra):
    """One company of a constructed comparison: its revenue, growth and reported years."""
    return {
        "name": f"Company {index:02d}",
        "currency": currency,
        "fiscal": index % 2 == 0,  # even companies' years end on 31 March
        "size_eur": size_eur or 1000.0 * (index * 7 % 13 + 1),
        "growth": growth,
        "years": years,
        "reported": reported,
        **extra,
    }


def period(spec, back=0):
    """(start, end, fiscal label) of the year `back` years before the latest one."""
    if spec["fiscal"]:
        return dt.date(2017 - back, 4, 1), dt.date(2018 - back, 3, 31), f"FY{2018 - back}"
    return dt.date(2017 - back, 1, 1), dt.date(2017 - back, 12, 31), str(2017 - back)


def write_comparison(folder, specs):
    """The article's figures and the companies' reported figures for `specs`, as two CSV files."""
    folder.mkdir(parents=True, exist_ok=True)
    article, reported = [], []
    for spec in specs:
        slug, currency = spec["name"].lower().replace(" ", "_"), spec["currency"]
        start, end, _ = period(spec)
        revenue = spec["size_eur"] * PER_EUR[currency]
        common = {"company": spec["name"], "period_start": start.isoformat(), "period_end": end.isoformat()}
        common |= {"period_inferred": "false", "period_note": "", "currency": currency, "approximate": "false"}
        common |= {"wording": "", "source": "Test Daily, 3 July 2018", "published": "2018-07-03", "note": ""}
        amount = {"value": f"{revenue / 1000:.3f}", "unit": "billion"}
        article.append({**common, "figure_id": f"{slug}_revenue", "metric": "revenue", **amount})
        if spec["growth"] is not None:
            rate = {"value": f"{spec['growth']:g}", "unit": "percent"}
            article.append({**common, "figure_id": f"{slug}_growth", "metric": "revenue_growth", **rate})
        if not spec["reported"]:
            continue
        value, growth = revenue, spec["growth"] or 5.0
        for back in range(spec["years"]):
            start, end, label = period(spec, back)
            row = {"company": spec["name"], "component": "", "period_start": start.isoformat()}
            row |= {"period_end": end.isoformat(), "fiscal_label": label, "approximate": "false"}
            row |= {"source": f"{spec['name']} annual report {end.year}, p. 1", "published": "", "note": ""}
            reported.append(
                {**row, "figure_id": f"{slug}_{back}", "metric": "revenue", "value": f"{value:.0f}"}
                | {"unit": "million", "currency": currency}
            )
            if spec.get("translated_into"):
                into = spec["translated_into"]
                rate = PER_EUR[currency] / PER_EUR[into]
                reported.append(
                    {**row, "figure_id": f"{slug}_{back}_{into}", "metric": "revenue"}
                    | {"value": f"{value / rate:.0f}", "unit": "million", "currency": into}
                    | {"translated_from": f"{slug}_{back}", "fx_rate": f"{rate:.4f}"}
                    | {"fx_rate_unit": f"{currency} per {into}", "fx_rate_date": end.isoformat()}
                    | {"fx_rate_source": "Test rate"}
                )
            if back == 0 and spec.get("bridge"):
                for metric, share in (("revenue_change_scope", 0.05), ("revenue_change_currency", -0.02)):
                    reported.append(
                        {**row, "figure_id": f"{slug}_{metric}", "metric": metric}
                        | {"value": f"{value * share:.0f}", "unit": "million", "currency": currency}
                    )
            value /= 1 + growth / 100
            growth += 5
    article_path = write_figures(folder / "article.csv", article)
    if not reported:
        return article_path, False
    with (ROOT / "data" / "reported_figures.csv").open(encoding="utf-8", newline="") as stream:
        header = next(csv.reader(stream))
    with (folder / "reported.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=header, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(reported)
    return article_path, folder / "reported.csv"


def constructed(folder, specs, **options):
    article, reported = write_comparison(folder, specs)
    return comparison_table(article, reported=reported, **options)


TWELVE = [
    company(
        index,
        CURRENCIES[index - 1],
        growth=None if index == 12 else index * 6.0 - 20,  # falls, flat and rises
        years=3 if index in (3, 4, 6, 9) else 2,
        reported=index <= 10,  # two companies without reported figures
        bridge=index in (3, 5),  # Company 03's colour is the rise's
        translated_into="USD" if index == 8 else None,
    )
    for index in range(1, 13)
]


@pytest.fixture(scope="module")
def twelve(tmp_path_factory):
    return constructed(tmp_path_factory.mktemp("twelve"), TWELVE)


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    return constructed(tmp_path_factory.mktemp("one"), [company(1, "USD", years=3)])


@pytest.fixture
def drawn(monkeypatch):
    """The figures behind the charts drawn in a test, in order."""
    figures, png = [], layout._png

    def keep(figure):
        figures.append(figure)
        return png(figure)

    monkeypatch.setattr(layout, "_png", keep)  # every chart module draws through layout._png
    return figures


def labels(figure):
    """Every visible piece of text: tick labels in view, axis labels, titles, value labels, footer."""
    texts = [text for text in figure.texts if text.get_text()]
    for axes in figure.axes:
        texts += [child for child in axes.get_children() if isinstance(child, Text) and child.get_text()]
        for axis in (axes.xaxis, axes.yaxis):
            low, high = sorted(axis.get_view_interval())
            ticks = [tick for tick in axis.get_major_ticks() if low - 1e-9 <= tick.get_loc() <= high + 1e-9]
            texts += [tick.label1 for tick in ticks if tick.label1.get_visible() and tick.label1.get_text()]
            texts += [axis.label] if axis.label.get_text() else []
    return texts


def overlaps(figure):
    """Pairs of texts whose boxes overlap (by more than a pixel), and texts that leave the figure.

    Read from the figure as `layout._png` drew it (at the figure's own DPI): laid out and drawn once.
    """
    renderer = figure.canvas.get_renderer()
    boxes = [(text.get_text(), text.get_window_extent(renderer)) for text in labels(figure)]
    clashes = [
        (a, b)
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
        if min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0) > 1
        and min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0) > 1
    ]
    outside = [
        text
        for text, box in boxes
        if box.x0 < -1 or box.y0 < -1 or box.x1 > figure.bbox.width + 1 or box.y1 > figure.bbox.height + 1
    ]
    return clashes + outside


def bar_colours(figure):
    """{company: colour} of the solid bars, read from the drawing: each bar's tick label names its company."""
    colours = {}
    for axes in figure.axes:
        horizontal = axes.get_label() == "horizontal"
        axis = axes.yaxis if horizontal else axes.xaxis
        names = {round(tick.get_loc()): tick.label1.get_text().split("\n")[0] for tick in axis.get_major_ticks()}
        for bar in axes.patches:
            if bar.get_alpha() not in (None, 1.0):
                continue
            centre = bar.get_y() + bar.get_height() / 2 if horizontal else bar.get_x() + bar.get_width() / 2
            colours.setdefault(names[round(centre)], set()).add(to_hex(bar.get_facecolor()))
    return colours


def every_chart(table, currency="EUR", method="average", *, locale="en"):
    """{name: chart or None} for every chart of a table."""
    rates = load_ecb_rates()
    found = {}
    for basis in ("reported", "article"):
        for draw in (charts.revenue_chart, charts.growth_chart, charts.prior_current_chart):
            found[f"{draw.__name__} {basis}"] = draw(table, currency, method, basis, locale=locale)
        found[f"rate_history_chart {basis}"] = charts.rate_history_chart(table, rates, currency, basis, locale=locale)
    found["bridge_chart"] = charts.bridge_chart(table, locale=locale)
    found["revenue_history_chart"] = charts.revenue_history_chart(table, currency, method, locale=locale)
    return found


def assert_alt_reads_well(alt):
    assert alt.endswith(".") and not alt.endswith(". .") and ". ." not in alt, alt
    assert "; ;" not in alt and ": ;" not in alt and ":." not in alt and "()" not in alt, alt


@pytest.fixture(scope="module")
def twelve_charts(twelve):
    """Every chart of the twelve companies (EUR, average rate) and the figure behind each, drawn once for
    the tests that only read them: `every_chart(twelve)` and the figures `drawn` would have kept."""
    figures = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layout, "_png", lambda figure, png=layout._png: figures.append(figure) or png(figure))
        found = every_chart(twelve)
    return found, figures


def test_twelve_companies_every_chart_legible(twelve_charts):
    found, drawn = twelve_charts
    assert all(chart is not None for chart in found.values()), [name for name, chart in found.items() if not chart]
    for (name, chart), figure in zip(found.items(), drawn, strict=True):
        assert chart.png.startswith(PNG_SIGNATURE)
        assert_alt_reads_well(chart.alt)
        assert not overlaps(figure), (name, overlaps(figure))
    for name in ("revenue_chart", "growth_chart", "prior_current_chart"):
        assert drawn[0].axes[0].get_label() == "horizontal"
        assert found[f"{name} article"].alt.count("Company ") >= 11
        for index in range(1, 13):  # all twelve have revenue; Company 12 states no growth
            if not (name != "revenue_chart" and index == 12):
                assert f"Company {index:02d}" in found[f"{name} article"].alt, (name, index)
        for index in range(1, 11):
            assert f"Company {index:02d}" in found[f"{name} reported"].alt, (name, index)
        assert "Company 11" not in found[f"{name} reported"].alt


def test_twelve_companies_horizontal_bars_largest_on_top(twelve_charts):
    found, drawn = twelve_charts
    figure = drawn[list(found).index("revenue_chart article")]  # revenue_chart(twelve, "EUR", "average", "article")
    (axes,) = figure.axes
    bars = sorted(axes.patches, key=lambda bar: -bar.get_y())  # top down
    widths = [bar.get_width() for bar in bars]
    assert len(widths) == 12 and widths == sorted(widths, reverse=True)
    assert figure.get_figheight() > layout.HEIGHT_IN + 2  # grows with the companies


def test_twelve_companies_twelve_colours_each_kept_across_charts(twelve, twelve_charts, drawn):
    colours = charts.table_colours(twelve)
    assert len(colours) == 12 and len(set(colours.values())) == 12
    assert layout.PALETTE[:6] == ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
    found, figures = twelve_charts  # every chart in EUR at the average rate
    article = bar_colours(figures[list(found).index("revenue_chart article")])  # twelve companies
    reported = bar_colours(figures[list(found).index("revenue_chart reported")])  # ten: 11 and 12 report nothing
    charts.prior_current_chart(twelve, "USD", "closing", "reported")
    prior = bar_colours(drawn[0])
    assert len(article) == 12 and len(reported) == 10
    for name, drawn_colours in itertools.chain(article.items(), reported.items(), prior.items()):
        assert drawn_colours == {colours[name].lower()}, name


@pytest.mark.parametrize("count", [3, 4, 5])  # one and two: below
def test_few_companies_labels_never_overlap(tmp_path, drawn, count):
    specs = [company(index, CURRENCIES[index - 1], years=3, growth=index * 25.0 - 40) for index in range(1, count + 1)]
    found = every_chart(constructed(tmp_path, specs))
    assert len(drawn) == sum(chart is not None for chart in found.values())
    # Revenue side by side up to four companies (their labels fit), in rows beyond.
    assert drawn[0].axes[0].get_label() == ("vertical" if count <= layout.SIDE_BY_SIDE else "horizontal")
    for figure in drawn:
        assert not overlaps(figure), overlaps(figure)
    for name, chart in found.items():
        if chart is not None:
            assert_alt_reads_well(chart.alt)
            if not name.startswith(("rate_history", "bridge", "revenue_history")):
                assert all(f"Company {index:02d}" in chart.alt for index in range(1, count + 1)), name


def test_one_company_side_by_side_with_its_history(single, drawn):
    found = every_chart(single)
    assert found["revenue_chart reported"].alt.count("Company 01") == 1
    assert drawn[0].axes[0].get_label() == "vertical" and drawn[0].get_figheight() == layout.HEIGHT_IN
    history = found["revenue_history_chart"].alt
    assert "Company 01 in USD and in EUR." in history and history.count("USD million") == 3
    assert found["bridge_chart"] is None
    for figure in drawn:
        assert not overlaps(figure), overlaps(figure)


def test_default_comparison_labels_never_overlap(table, drawn):
    found = every_chart(table)
    assert found["bridge_chart"] is not None and found["revenue_history_chart"] is not None
    for figure in drawn:
        assert not overlaps(figure), overlaps(figure)
        assert all(axes.get_label() != "horizontal" for axes in figure.axes)
    for chart in found.values():
        assert_alt_reads_well(chart.alt)


def test_no_reported_figures_no_reported_charts(tmp_path):
    table = constructed(tmp_path, [company(1, "USD", reported=False), company(2, "CNY", reported=False)])
    found = every_chart(table)
    assert {name for name, chart in found.items() if chart is None} == {
        "revenue_chart reported",
        "growth_chart reported",
        "prior_current_chart reported",
        "rate_history_chart reported",
        "bridge_chart",
        "revenue_history_chart",
    }
    assert "Company 02" in found["revenue_chart article"].alt


def test_no_growth_no_growth_chart_nor_previous_periods(tmp_path):
    table = constructed(tmp_path, [company(1, "USD", growth=None, years=1), company(2, "EUR", growth=None, years=1)])
    for basis in ("article", "reported"):
        assert charts.growth_chart(table, "EUR", "average", basis) is None
        assert charts.prior_current_chart(table, "EUR", "average", basis) is None
        assert "Company 02" in charts.revenue_chart(table, "EUR", "average", basis).alt


def test_everything_in_the_common_currency_no_rates_to_show(tmp_path):
    specs = [company(1, "EUR", years=3), company(2, "EUR", years=3)]
    table = constructed(tmp_path / "eur", specs)
    rates = load_ecb_rates()
    assert charts.rate_history_chart(table, rates, "EUR", "reported") is None
    assert charts.rate_history_chart(table, rates, "EUR", "article") is None
    assert charts.revenue_history_chart(table, "EUR", "average") is None  # nothing the rate could do
    assert "Company 02" in charts.revenue_chart(table, "EUR", "average").alt
    in_usd = constructed(tmp_path / "usd", specs, currency="USD")
    assert "Company 02 in EUR and in USD." in charts.revenue_history_chart(in_usd, "USD", "average").alt


def test_any_ecb_currency_as_the_common_currency(tmp_path, drawn):
    table = constructed(tmp_path, TWELVE, currency="CHF")
    found = every_chart(table, "CHF", "closing")
    assert all(chart is not None for chart in found.values())
    assert "Bar chart of revenue in CHF million" in found["revenue_chart reported"].alt
    assert "Figures translated from GBP: Company 05, Company 10" in found["rate_history_chart reported"].alt
    for figure in drawn:
        assert not overlaps(figure), overlaps(figure)


def test_revenue_history_counts_years_stated_in_the_reporting_currency(twelve, twelve_charts, table):
    alt = twelve_charts[0]["revenue_history_chart"].alt  # revenue_history_chart(twelve, "EUR", "average")
    # Three years: Company 03 (CNY), 04 (JPY), 09 (JPY); Company 06 reports in EUR; Company 08 has two
    # years in CNY, each with a convenience translation into USD, which are not years of their own.
    assert [name for name in charts.table_colours(twelve) if f"{name} in " in alt] == [
        "Company 03",
        "Company 04",
        "Company 09",
    ]
    assert "Company 06" in charts.revenue_history_chart(twelve, "USD", "spot").alt  # EUR, translated into USD
    default = charts.revenue_history_chart(table, "EUR", "average").alt
    assert "Alibaba Group in CNY and in EUR." in default and "Bolloré" not in default
    assert "FY2016, Apr 2015–Mar 2016: 101,143 CNY million" in default
    # Under the spot method both years take one rate: the growth is the same in both currencies.
    spot = charts.revenue_history_chart(table, "USD", "spot").alt
    assert "158,273 CNY million (+56.5%)" in spot and "USD million (+56.5%)" in spot


def test_a_half_year_never_stands_in_a_line_of_years(tmp_path):
    from helpers import reported, write_reported

    years = [("2021-01-01", "2021-12-31", 100), ("2022-01-01", "2022-12-31", 110), ("2023-01-01", "2023-12-31", 121)]
    rows = [reported(f"y{i}", "Omega SA", "revenue", s, e, v, "billion", "CHF") for i, (s, e, v) in enumerate(years)]
    claims = [claim("o", "Omega SA", "revenue", "2023-01-01", "2023-12-31", 121, "billion", "CHF")]
    half = reported("h1", "Omega SA", "revenue", "2024-01-01", "2024-06-30", 64, "billion", "CHF")
    made = comparison_table(
        write_figures(tmp_path / "claims.csv", claims),
        reported=write_reported(tmp_path / "reported.csv", [*rows, half]),
        currency="EUR",
    )
    alt = charts.revenue_history_chart(made, "EUR", "average").alt
    # The three years, each with its growth; the half year of 2024 (64,000) is not a fourth "year".
    assert "121,000 CHF million (+10.0%)" in alt and "64,000" not in alt and "Jan–Jun" not in alt, alt


def test_twelve_company_charts_are_deterministic(twelve):
    first = charts.growth_chart(twelve, "USD", "average", "reported")
    assert charts.growth_chart(twelve, "USD", "average", "reported").png == first.png


def test_french_twelve_companies_legible(twelve, drawn, monkeypatch):
    found = every_chart(twelve, locale="fr")
    assert found["revenue_chart article"].alt.startswith("Diagramme en barres")
    for figure in drawn:
        assert not overlaps(figure), overlaps(figure)


def test_a_name_ending_in_a_full_stop_ends_the_alt_text_once(tmp_path):
    rows = [claim("n", "Nestlé S.A.", "revenue", "2022-01-01", "2022-12-31", "94.4", "billion", "CHF")]
    table = comparison_table(write_figures(tmp_path / "claims.csv", rows), reported=False, currency="USD")
    alt = charts.rate_history_chart(table, load_ecb_rates(), "USD", "article").alt
    assert alt.endswith("Figures translated from CHF: Nestlé S.A.") and ".." not in alt


def test_no_reported_figures_no_history_chart_and_no_error():
    assert charts.revenue_history_chart(comparison_table(reported=False), "EUR", "average") is None


def test_characters_the_font_cannot_draw_are_noted_the_same_in_a_worker_or_here(tmp_path):
    rows = [claim("s", "ソニー", "revenue", "2022-04-01", "2023-03-31", "11.5", "trillion", "JPY")]
    table = comparison_table(write_figures(tmp_path / "claims.csv", rows), reported=False, currency="USD")
    call = (table, "USD", "average", "article")
    with warnings.catch_warnings(), ChartPool(workers=2) as pool:
        warnings.simplefilter("error")  # the glyph warnings become the note, and nothing else escapes
        here = charts.revenue_chart(*call, locale="fr")
        pool.prefetch([(charts.revenue_chart, call, {"locale": "fr"})])
        there = pool.draw(charts.revenue_chart, *call, locale="fr")
    # ソ is U+30BD, ニ U+30CB, ー U+30FC: in code-point order.
    assert here.note == (
        "La police du graphique n'a pas de glyphe pour ソ ニ ー\u00a0: ils y apparaissent comme des rectangles"
        " vides\u00a0; le texte et les tableaux donnent chaque nom en entier."
    )
    assert there == here
    assert charts.revenue_chart(*(comparison_table(), "EUR", "average", "article")).note == ""


def test_small_rates_keep_four_significant_digits_in_the_alt_text(tmp_path):
    rows = [claim("k", "Hanguk Co", "revenue", "2023-01-01", "2023-12-31", "258.9", "trillion", "KRW")]
    table = comparison_table(write_figures(tmp_path / "claims.csv", rows), reported=False, currency="USD")
    alt = charts.rate_history_chart(table, load_ecb_rates(), "USD", "article").alt
    # By hand: the mean over 2023's fixing days of USD per EUR / KRW per EUR, about 0.000766; four
    # decimals would show 0.0008 for every KRW rate, whatever it was.
    average, days = hand_average("USD", "KRW", dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert days > 250 and 0.0007 < average < 0.0008
    assert f"KRW to USD average {average:.7f} over Jan–Dec 2023" in alt, alt


def test_a_spot_date_without_a_fixing_is_shown_at_the_fixing_used(tmp_path):
    # Published on Saturday 17 August 2024: the ECB fixed no rate that day; the spot rate is Friday's.
    rows = [claim("c", "Maple Inc", "revenue", "2023-01-01", "2023-12-31", "18.2", "billion", "CAD")]
    rows[0]["published"] = "2024-08-17"
    table = comparison_table(write_figures(tmp_path / "claims.csv", rows), reported=False, currency="USD")
    alt = charts.rate_history_chart(table, load_ecb_rates(), "USD", "article").alt
    spot, days = hand_average("USD", "CAD", dt.date(2024, 8, 16), dt.date(2024, 8, 16))  # one fixing: Friday's
    assert days == 1 and f"spot {spot:.4f} on 16 August 2024" in alt, alt


def test_an_inferred_period_says_so_on_horizontal_bars_too(tmp_path, drawn):
    # Five companies lie as horizontal rows, whose labels are short: the inferred one still says so.
    rows = [
        claim(f"c{n}", f"Firm {n}", "revenue", "2023-01-01", "2023-12-31", 10 * n, "billion", currency)
        for n, currency in enumerate(("USD", "GBP", "CHF", "JPY", "SEK"), start=1)
    ]
    rows[0]["period_inferred"] = "true"
    table = comparison_table(write_figures(tmp_path / "claims.csv", rows), reported=False, currency="EUR")
    charts.revenue_chart(table, "EUR", "average", "article")
    (axes,) = drawn[0].axes
    assert axes.get_label() == "horizontal"
    ticks = {tick.get_text().split("\n")[0]: tick.get_text() for tick in axes.get_yticklabels()}
    assert "2023 (inferred)" in ticks["Firm 1"] and "(inferred)" not in ticks["Firm 2"], ticks
    assert not overlaps(drawn[0]), overlaps(drawn[0])


def test_a_half_year_stands_beside_the_same_half_a_year_before_never_the_last_full_year(tmp_path):
    from helpers import claim, write_figures

    rows = [
        claim("a_fy", "Alpha AG", "revenue", "2023-01-01", "2023-12-31", 100, "billion", "EUR"),
        claim("a_h1", "Alpha AG", "revenue", "2024-01-01", "2024-06-30", 60, "billion", "EUR"),
        claim("a_h1g", "Alpha AG", "revenue_growth", "2024-01-01", "2024-06-30", 20, "percent", "EUR"),
        claim("b_fy", "Beta SA", "revenue", "2023-01-01", "2023-12-31", 80, "billion", "EUR"),
        claim("b_fyg", "Beta SA", "revenue_growth", "2023-01-01", "2023-12-31", 10, "percent", "EUR"),
    ]
    table = comparison_table(write_figures(tmp_path / "claims.csv", rows), reported=False, currency="EUR")
    alt = charts.prior_current_chart(table, "EUR", "average", "article").alt
    # By hand: Alpha's H1 2024 60,000 over 1.20 implies H1 2023 at 50,000; Beta's 80,000 over 1.10, 72,727.
    assert "Alpha AG previous period implied by the stated growth (H1 2023, Jan–Jun): 50,000" in alt, alt
    assert "Alpha AG current period (H1 2024, Jan–Jun): 60,000" in alt, alt
    assert "Beta SA previous period implied by the stated growth (Jan–Dec 2022): 72,727" in alt, alt
    assert "Alpha AG previous period implied by the stated growth (Jan–Dec" not in alt  # never the full year 2023
    assert "Alpha AG current period (Jan–Dec 2023)" not in alt


def test_a_shorter_period_beside_years_is_hatched_and_said_to_differ(tmp_path, monkeypatch):
    from matplotlib.axes import Axes

    from helpers import claim, write_figures

    hatches = {}
    bar = Axes.bar

    def recording_bar(self, x, height, *args, **kwargs):
        hatches[round(float(height))] = kwargs.get("hatch")
        return bar(self, x, height, *args, **kwargs)

    monkeypatch.setattr(Axes, "bar", recording_bar)
    monkeypatch.setattr(Axes, "barh", lambda self, y, width, *a, **k: recording_bar(self, y, width, *a, **k))
    half = claim("a_h1", "Alpha AG", "revenue", "2024-01-01", "2024-06-30", 60, "billion", "EUR")
    year = claim("b_fy", "Beta SA", "revenue", "2023-01-01", "2023-12-31", 80, "billion", "EUR")
    table = comparison_table(write_figures(tmp_path / "claims.csv", [half, year]), reported=False, currency="EUR")
    alt = charts.revenue_chart(table, "EUR", "average", "article").alt
    assert alt.endswith(
        "Hatched bars cover shorter periods than the others (Alpha AG, a half year): their amounts do not compare."
    )
    assert hatches == {60_000: "///", 80_000: None}  # the half year hatched, the year plain
    # Both years: nothing hatched, nothing said.
    hatches.clear()
    other = claim("a_fy", "Alpha AG", "revenue", "2023-01-01", "2023-12-31", 60, "billion", "EUR")
    (tmp_path / "years").mkdir()
    table = comparison_table(write_figures(tmp_path / "years" / "c.csv", [other, year]), reported=False, currency="EUR")
    assert "Hatched" not in charts.revenue_chart(table, "EUR", "average", "article").alt
    assert set(hatches.values()) == {None}


def value_tick_labels(figure):
    """(tick value, label) of the value axis of a one-axes chart: y for vertical bars, x for horizontal."""
    (axes,) = figure.axes
    axis = axes.xaxis if axes.get_label() == "horizontal" else axes.yaxis
    low, high = sorted(axis.get_view_interval())
    return [
        (t.get_loc(), t.label1.get_text()) for t in axis.get_major_ticks() if low - 1e-9 <= t.get_loc() <= high + 1e-9
    ]


def test_value_axes_label_each_tick_at_the_precision_of_its_step_and_large_amounts_compactly(tmp_path, drawn):
    from helpers import claim, write_figures

    # Growth of -9.1 % to -0.4 %: ticks a step of 2.5 or less apart must show their decimals ("-7.5", never "-8").
    rows = []
    for number, growth in enumerate((-9.1, -6.2, -3.3, -0.4), start=1):
        rows += [
            claim(f"r{number}", f"Company {number}", "revenue", *("2018-01-01", "2018-12-31"), 10, "billion", "EUR"),
            claim(
                f"g{number}",
                f"Company {number}",
                "revenue_growth",
                "2018-01-01",
                "2018-12-31",
                growth,
                "percent",
                "EUR",
            ),
        ]
    table = comparison_table(write_figures(tmp_path / "growth.csv", rows), reported=False, currency="EUR")
    charts.growth_chart(table, "EUR", "average", "article")
    ticks = value_tick_labels(drawn[-1])
    assert len({label for _, label in ticks}) == len(ticks), ticks  # no two ticks read the same
    assert all(float(label.replace(",", "")) == pytest.approx(value) for value, label in ticks), ticks
    # Trillions of yen in millions (five companies, horizontal bars): compact labels that do not run together.
    rows = [
        claim(f"j{n}", f"Company {n}", "revenue", "2018-01-01", "2018-12-31", n * 1.5, "trillion", "JPY")
        for n in range(1, 6)
    ]
    table = comparison_table(write_figures(tmp_path / "yen.csv", rows), reported=False, currency="JPY")
    charts.revenue_chart(table, "JPY", "average", "article")
    ticks = value_tick_labels(drawn[-1])
    assert any(label.endswith("M") for _, label in ticks) and not any(len(label) > 6 for _, label in ticks), ticks
    assert not overlaps(drawn[-1]), overlaps(drawn[-1])


def date_tick_labels(axes):
    """The x axis's tick labels in view, as drawn."""
    low, high = sorted(axes.xaxis.get_view_interval())
    ticks = [tick for tick in axes.xaxis.get_major_ticks() if low - 1e-9 <= tick.get_loc() <= high + 1e-9]
    return [tick.label1 for tick in ticks if tick.label1.get_visible() and tick.label1.get_text()]


@pytest.mark.parametrize("locale", ["en", "fr"])
@pytest.mark.parametrize(("width_in", "most"), [(layout.WIDTH_IN, 7), (layout.NARROW_IN, 4)])
def test_daily_rates_over_ten_years_keep_their_dates_few_and_apart(tmp_path, drawn, locale, width_in, most):
    # A claim for 2008 and one for 2018, both in USD: the daily rates run from January 2008 to the spot date in
    # July 2019. The trial's chart put a tick every January and July: "Jan 20120130140…".
    rows = [
        claim("old", "Old Co", "revenue", "2008-01-01", "2008-12-31", "12.5", "billion", "USD"),
        claim("new", "New Co", "revenue", "2018-01-01", "2018-12-31", "30.1", "billion", "USD"),
    ]
    table = comparison_table(write_figures(tmp_path / "claims.csv", rows), reported=False, currency="EUR")
    chart = charts.rate_history_chart(table, load_ecb_rates(), "EUR", "article", locale=locale, width_in=width_in)
    assert chart is not None
    [figure] = drawn
    renderer = figure.canvas.get_renderer()
    for axes in figure.axes:
        shown = date_tick_labels(axes)
        assert 2 <= len(shown) <= most, [label.get_text() for label in shown]
        boxes = [label.get_window_extent(renderer) for label in shown]
        for left, right in itertools.pairwise(sorted(boxes, key=lambda box: box.x0)):
            assert right.x0 - left.x1 > 4, [label.get_text() for label in shown]  # a gap between labels
        years = [label.get_text()[-4:] for label in shown]
        assert years == sorted(years) and all(year.isdigit() for year in years)
    assert not overlaps(figure), overlaps(figure)


@pytest.mark.parametrize("basis", ["reported", "article"])
@pytest.mark.parametrize("width_in", [layout.WIDTH_IN, layout.NARROW_IN])
def test_daily_rates_over_two_or_three_years_name_their_months_in_the_readers_words(table, drawn, width_in, basis):
    charts.rate_history_chart(table, load_ecb_rates(), "EUR", basis, locale="fr", width_in=width_in)
    [figure] = drawn
    [axes] = figure.axes
    shown = [label.get_text() for label in date_tick_labels(axes)]
    assert 2 <= len(shown) <= (7 if width_in == layout.WIDTH_IN else 4), shown
    assert "janv. 2018" in shown, shown
    assert not overlaps(figure), overlaps(figure)
