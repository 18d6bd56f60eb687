"""Translate a large tidy table of amounts into one currency in a single vectorised pass.

Same methods, same missing-date policy and same provenance columns as the report, for any number
of rows, companies, currencies, periods or dates: rows are grouped by currency (a handful of
groups), and within a group every row's rate is found at once with `searchsorted` on the fixing
days; a period average is a difference of prefix sums over the daily rates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from figures.choices import METHODS
from figures.errors import FiguresError
from figures.normalise import FX_COLUMNS
from figures.rates import MAX_STALENESS_DAYS, RateTable, load_ecb_rates

PROVENANCE_COLUMNS = FX_COLUMNS  # the report's own provenance columns


def convert_table(
    frame: pd.DataFrame,
    to_currency: str,
    *,
    method: str = "average",
    rates: RateTable | None = None,
    amount: str = "amount",
    currency: str = "currency",
    start: str = "period_start",
    end: str = "period_end",
    date: str = "date",
) -> pd.DataFrame:
    """A copy of `frame` with `value` (the amount in `to_currency`) and the provenance columns.

    `average` uses each row's `start` to `end` (mean over fixing days), `closing` the last fixing
    on or before `end`, `spot` the fixing of `date` or, where there is none, the last before it.

    >>> table = pd.DataFrame({"amount": [100.0, 100.0], "currency": ["USD", "EUR"],
    ...                       "date": pd.to_datetime(["2018-07-03", "2018-07-03"])})
    >>> out = convert_table(table, "EUR", method="spot")
    >>> [round(v, 4) for v in out["value"]], list(out["fx_fixing_days"])
    ([85.7265, 100.0], [1, 0])
    """
    if method not in METHODS:
        raise FiguresError(f"expected a method among {', '.join(METHODS)}, found {method!r}")
    rates = load_ecb_rates() if rates is None else rates
    columns = [amount, currency, *((start, end) if method == "average" else (end,) if method == "closing" else (date,))]
    missing = [name for name in columns if name not in frame.columns]
    if missing:
        raise FiguresError(f"expected the columns {', '.join(missing)} for the {method} method")
    amounts = pd.to_numeric(frame[amount], errors="coerce").to_numpy(dtype="float64")
    _check_rows(frame, np.isnan(amounts), amount, "a number")

    count = len(frame)
    # Integer codes per currency: one pass over the strings, then integer comparisons only.
    group_of_row, group_codes = pd.factorize(frame[currency], sort=True)
    _check_rows(frame, group_of_row < 0, currency, "a currency code")
    group_codes = [str(code) for code in group_codes]
    dates = {name: _dates(frame, name) for name in columns[2:]}
    known = set(rates.currencies)
    rate = np.ones(count)
    first = np.full(count, np.datetime64("NaT"), dtype="datetime64[D]")
    last = first.copy()
    days = np.zeros(count, dtype="int64")
    # Rows grouped by currency: a radix sort of small integers, group bounds from their counts.
    order = np.argsort(group_of_row.astype("int16"), kind="stable")
    bounds = np.concatenate(([0], np.cumsum(np.bincount(group_of_row, minlength=len(group_codes)))))
    for group, code in enumerate(group_codes):
        rows = order[bounds[group] : bounds[group + 1]]
        if code == to_currency:
            continue
        if code not in known:
            expected = f"a currency with ECB rates ({', '.join(rates.currencies)})"
            _check_rows(frame, _mask(count, rows, np.ones(len(rows), dtype=bool)), currency, expected)
        fixings, values, covered_to = rates.pair(code, to_currency)
        limit = np.datetime64(covered_to)
        fixing_days = fixings.view("int64")  # integer day numbers: searchsorted without NaT handling
        if method == "average":
            lo_day, hi_day = dates[start][rows], dates[end][rows]
            outside = (lo_day < fixings[0]) | (hi_day > limit)
            _check_rows(frame, _mask(count, rows, outside), end, _within(code, fixings, covered_to))
            lo = np.searchsorted(fixing_days, lo_day.view("int64"), side="left")
            hi = np.searchsorted(fixing_days, hi_day.view("int64"), side="right")
            counts = hi - lo
            _check_rows(frame, _mask(count, rows, counts <= 0), start, "a period with at least one fixing day")
            sums = np.concatenate(([0.0], np.cumsum(values)))
            rate[rows] = (sums[hi] - sums[lo]) / counts
            first[rows], last[rows], days[rows] = fixings[lo], fixings[hi - 1], counts
        else:
            column = end if method == "closing" else date
            target = dates[column][rows]
            index = np.searchsorted(fixing_days, target.view("int64"), side="right") - 1
            stale = (index < 0) | (target > limit)
            stale |= (target - fixings[np.maximum(index, 0)]).astype("int64") > MAX_STALENESS_DAYS
            _check_rows(frame, _mask(count, rows, stale), column, _within(code, fixings, covered_to))
            rate[rows] = values[index]
            first[rows] = last[rows] = fixings[index]
            days[rows] = 1

    identity = (np.asarray(group_codes, dtype=object) == to_currency)[group_of_row].astype("int8")
    policy = "fixing days only" if method == "average" else "previous"
    out = frame.copy()
    out["value"] = amounts * rate
    # Repeated labels as categoricals: built from integer codes, no string per row.
    out["fx_method"] = pd.Categorical.from_codes(identity, [method, "none"])
    out["fx_rate"] = rate
    out["fx_rate_source"] = pd.Categorical.from_codes(identity, [rates.source, "identity"])
    out["fx_rate_detail"] = _details(
        method, identity, first, last, days, dates.get(end if method == "closing" else date)
    )
    out["fx_from_currency"] = pd.Categorical.from_codes(group_of_row, group_codes)
    out["fx_first_fixing"] = first
    out["fx_last_fixing"] = last
    out["fx_fixing_days"] = days
    out["fx_missing_date_policy"] = pd.Categorical.from_codes(identity, [policy, "none"])
    out.attrs["currency"] = to_currency
    return out


def _details(method, identity, first, last, days, asked) -> pd.Categorical:
    """The report's `fx_rate_detail` wording, written once per distinct case and shared by rows.

    Rows differ only by their fixing days (and, for spot and closing, the date asked), so the
    text is built for each distinct (first, last or asked) pair and the rows point at it.
    """
    other = last if method == "average" else asked
    key = first.view("int64") * 65_536 + other.view("int64")  # day numbers: both well under 65,536
    key = np.where(identity.astype(bool), -1, key)
    codes, uniques = pd.factorize(key)
    one = np.datetime_as_string((uniques // 65_536).astype("datetime64[D]"))
    two = np.datetime_as_string((uniques % 65_536).astype("datetime64[D]"))
    if method == "average":
        counts = pd.Series(days).groupby(codes).first().to_numpy().astype(str)
        labels = np.char.add(np.char.add(np.char.add("mean of ", counts), " daily ECB fixings, "), one)
        labels = np.char.add(np.char.add(labels, " to "), two)
    else:
        labels = np.char.add("ECB fixing of ", one)
        note = np.char.add(np.char.add(" (none on ", two), "; policy: previous)")
        labels = np.where(one == two, labels, np.char.add(labels, note))
    labels = np.where(uniques == -1, "same currency", labels)
    return pd.Categorical.from_codes(codes, labels)  # distinct keys give distinct wording


def _dates(frame: pd.DataFrame, column: str) -> np.ndarray:
    series = frame[column]
    if not pd.api.types.is_datetime64_dtype(series.dtype):
        series = pd.to_datetime(series, errors="coerce")
    values = series.to_numpy(dtype="datetime64[D]")
    _check_rows(frame, np.isnat(values), column, "a date")
    return values


def _mask(count: int, rows: np.ndarray, bad: np.ndarray) -> np.ndarray:
    mask = np.zeros(count, dtype=bool)
    mask[rows[bad]] = True
    return mask


def _check_rows(frame: pd.DataFrame, bad: np.ndarray, column: str, expected: str) -> None:
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        found = frame[column].iloc[position]
        raise FiguresError(
            f"expected {expected}, found {found!r} ({int(bad.sum())} rows in all)",
            path=frame.attrs.get("path"),
            row=_label(frame, position),
            column=column,
        )


def _label(frame: pd.DataFrame, position: int):
    label = frame.index[position]
    return int(label) if isinstance(label, np.integer | int) else label


def _within(code: str, fixings: np.ndarray, covered_to) -> str:
    return f"a date within the rate data ({code} from {fixings[0]} to {covered_to})"
