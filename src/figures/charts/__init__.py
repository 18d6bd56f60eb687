"""Side-by-side charts in a common currency, each carrying its units, periods and source.

Each chart function returns a `Chart`: the PNG bytes (drawn at twice their display size, sharp on
high-density screens) and an alternative text that states what the chart shows, numbers included;
or None when there is nothing to draw. Colours are twelve colour-blind-safe colours (Okabe & Ito's,
then six of Tol's), one per company of the whole table, the same in every chart; values are labelled
on the bars rather than in a legend. Up to four companies stand side by side; more, or labels too
wide to stand side by side, lie as horizontal bars, largest on top, the figure growing with the
companies. Figures are drawn without pyplot: nothing global is touched. Every chart takes `locale`
for its words, numbers and dates.

The package: `layout` (the common style, sizes, labels and the PNG), `words` (alt texts, units, period labels),
one module per chart kind (`revenue`, `growth`, `prior`, `history`: revenue and rates over time, `bridge`), and
`pool` (a build's charts, drawn once, ahead in worker processes).
"""

from figures.charts.bridge import bridge_chart
from figures.charts.growth import growth_chart
from figures.charts.history import rate_history_chart, revenue_history_chart
from figures.charts.layout import Chart, company_colours, table_colours
from figures.charts.prior import prior_current_chart
from figures.charts.revenue import revenue_chart

__all__ = [
    "Chart",
    "bridge_chart",
    "company_colours",
    "growth_chart",
    "prior_current_chart",
    "rate_history_chart",
    "revenue_chart",
    "revenue_history_chart",
    "table_colours",
]
