"""The converter on ten million rows: time and peak memory against pandas `merge_asof` and Polars `join_asof`.

Prints (ROWS is `--rows`, default 10,000,000; the label says it, `10m` by default):
- `convert_<rows>_vs_merge_asof: <ratio>`: `convert_table` (spot, into EUR) divided by a bare pandas
  `merge_asof` (per-EUR rate on or before each row's date, by currency) and a divide, same rows;
- `convert_<rows>_vs_polars_join_asof: <ratio>`: the same against Polars' `join_asof` (Polars uses
  every core, the converter one);
- `convert_<rows>_peak_vs_input: <multiple>`: the largest of the converter's peak memory over the
  input's (`frame.memory_usage(deep=True)`), each method on its own input: spot on amount, currency,
  date; closing and average on amount, currency and a reporting period (a month, quarter or year);
- `convert_<rows>_peak_vs_input_<method>`, `merge_asof_<rows>_peak_vs_input`,
  `polars_join_asof_<rows>_peak_vs_input`: each one's multiple, the floors' on the spot input;
- `convert_<rows>_peak_vs_merge_asof`, `convert_<rows>_peak_vs_polars_join_asof`: peak over peak.
A peak is measured in a child process that builds its input and then does only that one thing: the
growth of its resident memory from just before to its high-water mark (reset first), the result
still held. Times are medians of several runs in this process, after checking that all three agree
to 1e-12. The rows are drawn like benchmarks/bench_convert.py's: ratios only, measured side by side.

    python benchmarks/bench_convert_scale.py               # ten million rows
    python benchmarks/bench_convert_scale.py --rows 1000000  # a quick run
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
from bench_convert import CURRENCIES, rows

from figures.convert import convert_table
from figures.rates import load_ecb_rates
from timing import median_seconds

METHODS = ("spot", "closing", "average")
FLOORS = ("merge_asof", "polars_join_asof")
MEASURED = (*(f"convert_{method}" for method in METHODS), *FLOORS)


def period_rows(count: int) -> pd.DataFrame:
    """Amounts and currencies over reporting periods: a month, a quarter or a year ending at a month's end."""
    generator = np.random.default_rng(2018)
    ends = pd.date_range("2006-03-31", "2026-09-30", freq="ME")
    end = ends[generator.integers(0, len(ends), count)]
    start = (end.to_period("M") - generator.choice([1, 3, 12], count) + 1).to_timestamp()
    return pd.DataFrame(
        {
            "amount": generator.uniform(1, 1e6, count),
            "currency": generator.choice(CURRENCIES, count),
            "period_start": start.astype("datetime64[ns]"),
            "period_end": end.astype("datetime64[ns]"),
        }
    )


def per_eur_table(rates) -> pd.DataFrame:
    tables = []
    for code in CURRENCIES:
        dates, values, _ = rates.pair("EUR", code)
        tables.append(pd.DataFrame({"date": dates.astype("datetime64[ns]"), "currency": code, "per_eur": values}))
    return pd.concat(tables).sort_values("date", kind="stable").reset_index(drop=True)


def merge_asof(frame: pd.DataFrame, per_eur: pd.DataFrame) -> pd.Series:
    ordered = frame.sort_values("date")
    joined = pd.merge_asof(ordered, per_eur, on="date", by="currency", direction="backward")
    return pd.Series(joined["amount"].to_numpy() / joined["per_eur"].to_numpy(), index=ordered.index).sort_index()


def polars_join_asof(frame: pl.DataFrame, per_eur: pl.DataFrame) -> pl.Series:
    ordered = frame.with_row_index("row").sort("date")
    joined = ordered.join_asof(per_eur, on="date", by="currency", strategy="backward", check_sortedness=False)
    return joined.select("row", (pl.col("amount") / pl.col("per_eur")).alias("value")).sort("row")["value"]


def actions(count: int) -> dict:
    """Each measured action, with the input whose memory it is compared to (built when asked for)."""
    rates = load_ecb_rates()
    for code in CURRENCIES:
        rates.pair(code, "EUR")  # rate pairs cached before anything is measured

    def convert(method: str):
        frame = rows(count) if method == "spot" else period_rows(count)
        return frame, lambda: convert_table(frame, "EUR", method=method, rates=rates)

    def floor_pandas():
        frame, per_eur = rows(count), per_eur_table(rates)
        return frame, lambda: merge_asof(frame, per_eur)

    def floor_polars():
        frame, per_eur = rows(count), per_eur_table(rates)
        frame_pl, per_eur_pl = pl.from_pandas(frame), pl.from_pandas(per_eur)
        return frame, lambda: polars_join_asof(frame_pl, per_eur_pl)

    named = {f"convert_{method}": (lambda method=method: convert(method)) for method in METHODS}
    return named | {"merge_asof": floor_pandas, "polars_join_asof": floor_polars}


def _memory(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise OSError(f"no {field} in /proc/self/status")


def peak_growth(action) -> int:
    """Bytes the resident memory grows by at its highest while `action` runs (its result kept)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)  # memory freed while building the input leaves the process (glibc)
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")  # reset the high-water mark (Linux)
        before = _memory("VmRSS")
        result = action()
        peak = _memory("VmHWM")
    except OSError:  # no /proc: the process's own high-water mark, the input's building included
        before = 0
        result = action()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    del result
    return peak - before


def child(name: str, count: int) -> None:
    frame, action = actions(count)[name]()
    growth = peak_growth(action)
    print(json.dumps({"growth": growth, "input": int(frame.memory_usage(deep=True).sum())}))


def measure_in_child(name: str, count: int) -> float:
    command = [sys.executable, str(Path(__file__).resolve()), "--rows", str(count), "--child", name]
    # Every large block its own mapping, returned when freed: resident memory then follows live memory.
    env = os.environ | {"MALLOC_MMAP_THRESHOLD_": "65536"}
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=1800, env=env)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["growth"] / result["input"]


def label(count: int) -> str:
    return (
        f"{count // 1_000_000}m" if count % 1_000_000 == 0 else f"{count // 1000}k" if count % 1000 == 0 else str(count)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each, the median kept")
    parser.add_argument("--child", choices=MEASURED, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child, options.rows)
        return
    count, tag = options.rows, label(options.rows)

    peaks = {name: measure_in_child(name, count) for name in MEASURED}
    frame = rows(count)
    rates = load_ecb_rates()
    per_eur = per_eur_table(rates)
    frame_pl, per_eur_pl = pl.from_pandas(frame), pl.from_pandas(per_eur)
    ours = convert_table(frame, "EUR", method="spot", rates=rates)["value"].to_numpy()
    assert np.allclose(ours, merge_asof(frame, per_eur).to_numpy(), rtol=1e-12, atol=0)
    assert np.allclose(ours, polars_join_asof(frame_pl, per_eur_pl).to_numpy(), rtol=1e-12, atol=0)
    del ours

    convert_s = median_seconds(lambda: convert_table(frame, "EUR", method="spot", rates=rates), options.runs)
    merge_s = median_seconds(lambda: merge_asof(frame, per_eur), options.runs)
    polars_s = median_seconds(lambda: polars_join_asof(frame_pl, per_eur_pl), options.runs)
    print(f"convert_{tag}_seconds: {convert_s:.3f}")
    print(f"merge_asof_{tag}_seconds: {merge_s:.3f}")
    print(f"polars_join_asof_{tag}_seconds: {polars_s:.3f}")
    for method in METHODS:
        print(f"convert_{tag}_peak_vs_input_{method}: {peaks[f'convert_{method}']:.2f}")
    print(f"merge_asof_{tag}_peak_vs_input: {peaks['merge_asof']:.2f}")
    print(f"polars_join_asof_{tag}_peak_vs_input: {peaks['polars_join_asof']:.2f}")
    print(f"convert_{tag}_peak_vs_merge_asof: {peaks['convert_spot'] / peaks['merge_asof']:.2f}")
    print(f"convert_{tag}_peak_vs_polars_join_asof: {peaks['convert_spot'] / peaks['polars_join_asof']:.2f}")
    print(f"convert_{tag}_vs_merge_asof: {convert_s / merge_s:.2f}")
    print(f"convert_{tag}_vs_polars_join_asof: {convert_s / polars_s:.2f}")
    print(f"convert_{tag}_peak_vs_input: {max(peaks[f'convert_{method}'] for method in METHODS):.2f}")


if __name__ == "__main__":
    main()
