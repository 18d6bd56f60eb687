"""Translate a large tidy table of amounts into one currency in a single vectorised pass.

Same methods, same missing-date policy and same provenance columns as the report, for any number
of rows, companies, currencies, periods or dates: rows are grouped by currency (a handful of
groups), and within a group every row's rate is found at once with `searchsorted` on the fixing
days (once per calendar day the rows span, then looked up per row); a period average is a
difference of prefix sums over the daily rates.

Memory: the input's columns are shared with the result, not copied; the arrays made for every row
are the result's own and two more of eight bytes; labels are categoricals, each distinct text
written once. A Dask DataFrame is converted partition by partition, and `figures.convert_scale`
converts a Parquet dataset batch by batch.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd

from figures.choices import METHODS
from figures.errors import FiguresError
from figures.rates import MAX_STALENESS_DAYS, RateTable, load_ecb_rates
from figures.tabulate import FX_COLUMNS

PROVENANCE_COLUMNS = FX_COLUMNS  # the report's own provenance columns
# Labels that depend on the rows: unknown to Dask until a partition is converted.
ROW_CATEGORIES = ("fx_rate_detail", "fx_from_currency")


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
    """`frame` with `value` (the amount in `to_currency`) and the provenance columns added.

    `average` uses each row's `start` to `end` (mean over fixing days), `closing` the last fixing
    on or before `end`, `spot` the fixing of `date` or, where there is none, the last before it.
    The result shares `frame`'s columns (copy-on-write: changing one never changes the other) and
    adds about 46 bytes a row. Peak memory while converting ten million rows, over the input's own
    (`frame.memory_usage(deep=True)`): 2.2 for spot on amounts, currencies and dates, 1.7 for
    closing and average on reporting periods (`make bench`; README "Converting large tables").
    A Dask DataFrame gives a Dask DataFrame, converted partition by partition, lazily, with the
    rate table sent to each worker once.

    >>> table = pd.DataFrame({"amount": [100.0, 100.0], "currency": ["USD", "EUR"],
    ...                       "date": pd.to_datetime(["2018-07-03", "2018-07-03"])})
    >>> out = convert_table(table, "EUR", method="spot")
    >>> [round(v, 4) for v in out["value"]], list(out["fx_fixing_days"])
    ([85.7265, 100.0], [1, 0])
    """
    if type(frame).__module__.startswith("dask"):  # no dask import for a pandas frame
        names = {"amount": amount, "currency": currency, "start": start, "end": end, "date": date}
        return _convert_dask(frame, to_currency, method, rates, names)
    if method not in METHODS:
        raise FiguresError(f"expected a method among {', '.join(METHODS)}, found {method!r}")
    rates = load_ecb_rates() if rates is None else rates
    columns = [amount, currency, *((start, end) if method == "average" else (end,) if method == "closing" else (date,))]
    missing = [name for name in columns if name not in frame.columns]
    if missing:
        raise FiguresError(f"expected the columns {', '.join(missing)} for the {method} method")
    amounts = frame[amount]
    if amounts.dtype != np.float64:  # to_numeric copies even a float64 column: only what needs it
        amounts = pd.to_numeric(amounts, errors="coerce")
    amounts = amounts.to_numpy(dtype="float64")
    _check_rows(frame, np.isnan(amounts), amount, "a number")

    count = len(frame)
    # Integer codes per currency: one pass over the strings, then comparisons of small integers only.
    codes, group_codes = pd.factorize(frame[currency], sort=True)
    _check_rows(frame, codes < 0, currency, "a currency code")
    group_of_row = codes.astype(np.min_scalar_type(-len(group_codes)))
    del codes
    group_codes = [str(code) for code in group_codes]
    dates = {name: _dates(frame, name) for name in columns[2:]}  # the column's own array where it can
    known = set(rates.currencies)
    # Only the output's own arrays are allocated for every row; per-currency work is on that group's rows.
    rate = np.ones(count)
    first = np.full(count, np.datetime64("NaT"), dtype="datetime64[s]")
    last = first.copy()
    days = np.zeros(count, dtype="int64")
    # The distinct case behind each row's fx_rate_detail: first fixing, last fixing or date asked,
    # number of fixings, packed as day numbers (all under 65,536) in one integer; -1: same currency.
    case = np.full(count, -1, dtype="int64")
    for group, code in enumerate(group_codes):
        if code == to_currency:
            continue
        rows = np.flatnonzero(group_of_row == group)
        if code not in known:
            expected = f"a currency with ECB rates ({', '.join(rates.currencies)})"
            _check_group(frame, rows, np.ones(len(rows), dtype=bool), currency, expected)
        fixings, values, covered_to = rates.pair(code, to_currency)
        limit = np.datetime64(covered_to)
        fixing_days = fixings.view("int64")  # integer day numbers: searchsorted without NaT handling
        if method == "average":
            lo_day = dates[start][rows].astype("datetime64[D]")
            hi_day = dates[end][rows].astype("datetime64[D]")
            outside = (lo_day < fixings[0]) | (hi_day > limit)
            _check_group(frame, rows, outside, end, _within(code, fixings, covered_to))
            lo = _search(fixing_days, lo_day.view("int64"), "left")
            hi = _search(fixing_days, hi_day.view("int64"), "right")
            del lo_day, hi_day, outside
            counts = hi - lo
            _check_group(frame, rows, counts <= 0, start, "a period with at least one fixing day")
            sums = np.concatenate(([0.0], np.cumsum(values)))
            rate[rows] = (sums[hi] - sums[lo]) / counts
            hi -= 1
            first[rows], last[rows], days[rows] = fixings[lo], fixings[hi], counts
            case[rows] = _pack(fixing_days[lo], fixing_days[hi], counts)
        else:
            column = end if method == "closing" else date
            target = dates[column][rows].astype("datetime64[D]")
            index = _search(fixing_days, target.view("int64"), "right") - 1
            stale = (index < 0) | (target > limit)
            stale |= (target - fixings[np.maximum(index, 0)]).astype("int64") > MAX_STALENESS_DAYS
            _check_group(frame, rows, stale, column, _within(code, fixings, covered_to))
            rate[rows] = values[index]
            first[rows] = last[rows] = fixings[index]
            days[rows] = 1
            case[rows] = _pack(fixing_days[index], target.view("int64"), 1)

    # The wording before `value`, and each row's case freed as soon as it is coded: a lower peak.
    codes, cases = pd.factorize(case, size_hint=min(count, 1 << 12))  # a small table that grows if it must
    del case
    detail = _details(method, codes, cases)
    del codes
    identity = np.array([code == to_currency for code in group_codes], dtype="int8")[group_of_row]
    policy = "fixing days only" if method == "average" else "previous"
    # Repeated labels as categoricals: built from integer codes, no string per row.
    added = {
        "value": amounts * rate,
        "fx_method": pd.Categorical.from_codes(identity, [method, "none"]),
        "fx_rate": rate,
        "fx_rate_source": pd.Categorical.from_codes(identity, [rates.source, "identity"]),
        "fx_rate_detail": detail,
        "fx_from_currency": pd.Categorical.from_codes(group_of_row, group_codes),
        "fx_first_fixing": first,
        "fx_last_fixing": last,
        "fx_fixing_days": days,
        "fx_missing_date_policy": pd.Categorical.from_codes(identity, [policy, "none"]),
    }
    return _with_columns(frame, added, to_currency)


def _convert_dask(frame, to_currency: str, method: str, rates: RateTable | None, names: dict[str, str]):
    """`convert_table` on a Dask DataFrame, partition by partition: a Dask DataFrame, nothing computed.

    The method and the columns are checked now; a bad row raises when the result is computed, naming
    its index label as the pandas path does (its count of bad rows is its partition's).

    The rate table enters the task graph once, as one task every partition depends on: a
    distributed scheduler sends it to each worker once (a worker fetches it from the worker that
    holds it, then keeps it), a local scheduler shares the one object. `client.scatter(rates,
    broadcast=True)` would also send it once, but would need a client while the graph is built and
    tie the result to that client; a task works on every scheduler, now or later.
    """
    import dask
    from dask.dataframe.utils import clear_known_categories

    rates = load_ecb_rates() if rates is None else rates  # loaded here, once, not on every worker
    # The output's empty prototype is the converter's own output on no rows (checking method and columns).
    meta = convert_table(frame._meta, to_currency, method=method, rates=rates, **names)
    meta = clear_known_categories(meta, cols=list(ROW_CATEGORIES))
    shared = dask.delayed(rates, pure=True)  # one task in the graph: sent to each worker once
    return frame.map_partitions(_convert_partition, to_currency, method, shared, names, meta=meta)


def _convert_partition(part: pd.DataFrame, to_currency: str, method: str, rates: RateTable, names: dict):
    return convert_table(part, to_currency, method=method, rates=rates, **names)


def _with_columns(frame: pd.DataFrame, added: dict, to_currency: str) -> pd.DataFrame:
    """`frame` with `added` set, built once and without copying: `frame`'s columns are shared, not copied."""
    new = pd.DataFrame(added, index=frame.index, copy=False)
    kept = frame.drop(columns=[name for name in added if name in frame.columns])
    out = pd.concat([kept, new], axis=1)
    if len(kept.columns) < len(frame.columns):  # a column converted again keeps its place
        out = out[[*frame.columns, *(name for name in added if name not in frame.columns)]]
    out.attrs = copy.deepcopy(frame.attrs)
    out.attrs["currency"] = to_currency
    return out


def _search(fixing_days: np.ndarray, days: np.ndarray, side: str) -> np.ndarray:
    """`np.searchsorted(fixing_days, days, side)`, through a table of every day the rows span.

    Rows are many and their days few (a few thousand over decades): one search per day, then a
    gather per row, instead of a binary search per row.
    """
    if len(days) == 0:
        return np.zeros(0, dtype=np.intp)
    low, high = int(days.min()), int(days.max())
    if high - low > len(days):  # few rows over a long span: search them directly
        return np.searchsorted(fixing_days, days, side=side)
    table = np.searchsorted(fixing_days, np.arange(low, high + 1), side=side)
    return table[days - low]


def _pack(one: np.ndarray, two: np.ndarray, count) -> np.ndarray:
    return (one << 32) | (two << 16) | count


def _details(method: str, codes: np.ndarray, uniques: np.ndarray) -> pd.Categorical:
    """The report's `fx_rate_detail` wording, written once per distinct case and shared by rows.

    Rows differ only by their fixing days (and, for spot and closing, the date asked), so the
    text is built for each distinct (first, last or asked, count) case and the rows point at it;
    each day's text is written once too.
    """
    same = uniques < 0
    ones = np.where(same, 0, uniques >> 32)
    twos = np.where(same, 0, (uniques >> 16) & 0xFFFF)
    low = int(min(ones.min(), twos.min())) if len(uniques) else 0
    high = int(max(ones.max(), twos.max())) if len(uniques) else 0
    text = np.datetime_as_string(np.arange(low, high + 1).astype("datetime64[D]")).tolist()
    rows = zip(same.tolist(), (ones - low).tolist(), (twos - low).tolist(), (uniques & 0xFFFF).tolist(), strict=True)
    if method == "average":
        labels = [
            "same currency" if identity else f"mean of {count} daily ECB fixings, {text[one]} to {text[two]}"
            for identity, one, two, count in rows
        ]
    else:
        labels = [
            "same currency"
            if identity
            else f"ECB fixing of {text[one]}"
            if one == two
            else f"ECB fixing of {text[one]} (none on {text[two]}; policy: previous)"
            for identity, one, two, _ in rows
        ]
    return pd.Categorical.from_codes(codes, labels)  # distinct cases give distinct wording


def _dates(frame: pd.DataFrame, column: str) -> np.ndarray:
    """The column's dates as datetime64 (its own array, not a copy, when it already holds dates)."""
    series = frame[column]
    if isinstance(series.dtype, np.dtype) and series.dtype.kind == "M":
        values = series.to_numpy()
    else:
        if not pd.api.types.is_datetime64_dtype(series.dtype):
            series = pd.to_datetime(series, errors="coerce")
        values = series.to_numpy(dtype="datetime64[D]")
    _check_rows(frame, np.isnat(values), column, "a date")
    return values


def _check_group(frame: pd.DataFrame, rows: np.ndarray, bad: np.ndarray, column: str, expected: str) -> None:
    """`_check_rows` for a group's rows: the whole-table mask is built only when a row is bad."""
    if bad.any():
        mask = np.zeros(len(frame), dtype=bool)
        mask[rows[bad]] = True
        _check_rows(frame, mask, column, expected)


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
