"""The vectorised converter against a per-row loop and against a bare pandas floor, on 100,000 rows.

Prints:
- `convert_vs_per_row: <ratio>`: a per-row loop calling currencyconverter (the same ECB history,
  policy "last known" for days without a fixing) divided by `convert_table` on the same rows;
- `convert_vs_per_row_apply: <ratio>`: the same per-row calls written the common pandas way,
  `DataFrame.apply(..., axis=1)`, divided by `convert_table`;
- `convert_vs_floor: <ratio>`: `convert_table` divided by a bare pandas `merge_asof` (per-EUR rate
  on or before each row's date, by currency) and a multiply on the same rows.
All three translate into EUR by the spot method and must agree to 1e-12 before anything is timed.
Medians of several runs, after a warm-up.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from currency_converter import CurrencyConverter

from figures.convert import convert_table
from figures.rates import load_ecb_rates
from timing import median_seconds

ROWS = 100_000
CURRENCIES = ["USD", "CNY", "GBP", "JPY", "EUR"]


def rows(count: int = ROWS) -> pd.DataFrame:
    """`count` amounts, currencies and days, the same for the same count (also bench_convert_scale's)."""
    generator = np.random.default_rng(2018)
    first, last = pd.Timestamp("2005-04-01"), pd.Timestamp("2026-10-30")
    offsets = generator.integers(0, (last - first).days + 1, count)
    return pd.DataFrame(
        {
            "amount": generator.uniform(1, 1e6, count),
            "currency": generator.choice(CURRENCIES, count),
            "date": (first + pd.to_timedelta(offsets, unit="D")).astype("datetime64[ns]"),
        }
    )


def per_row(frame: pd.DataFrame, converter: CurrencyConverter) -> np.ndarray:
    return np.array(
        [
            converter.convert(amount, currency, "EUR", day)
            for amount, currency, day in zip(frame["amount"], frame["currency"], frame["date"].dt.date, strict=True)
        ]
    )


def per_row_apply(frame: pd.DataFrame, converter: CurrencyConverter) -> pd.Series:
    return frame.apply(lambda row: converter.convert(row["amount"], row["currency"], "EUR", row["date"].date()), axis=1)


def floor(frame: pd.DataFrame, per_eur: pd.DataFrame) -> pd.Series:
    ordered = frame.sort_values("date")
    joined = pd.merge_asof(ordered, per_eur, on="date", by="currency", direction="backward")
    return pd.Series(joined["amount"].to_numpy() / joined["per_eur"].to_numpy(), index=ordered.index).sort_index()


def main() -> None:
    frame = rows()
    rates = load_ecb_rates()
    tables = []
    for code in CURRENCIES:
        dates, values, _ = rates.pair("EUR", code)
        tables.append(pd.DataFrame({"date": dates.astype("datetime64[ns]"), "currency": code, "per_eur": values}))
    per_eur = pd.concat(tables).sort_values("date", kind="stable").reset_index(drop=True)
    converter = CurrencyConverter(
        fallback_on_missing_rate=True, fallback_on_missing_rate_method="last_known", fallback_on_wrong_date=False
    )

    ours = convert_table(frame, "EUR", method="spot", rates=rates)["value"].to_numpy()
    assert np.allclose(ours, per_row(frame, converter), rtol=1e-12, atol=0)
    assert np.allclose(ours, floor(frame, per_eur).to_numpy(), rtol=1e-12, atol=0)

    ours_s = median_seconds(lambda: convert_table(frame, "EUR", method="spot", rates=rates), 9)
    per_row_s = median_seconds(lambda: per_row(frame, converter), 3)
    apply_s = median_seconds(lambda: per_row_apply(frame, converter), 3)
    floor_s = median_seconds(lambda: floor(frame, per_eur), 9)
    print(f"convert_seconds: {ours_s:.4f}")
    print(f"per_row_seconds: {per_row_s:.4f}")
    print(f"floor_seconds: {floor_s:.4f}")
    print(f"per_row_apply_seconds: {apply_s:.4f}")
    print(f"convert_vs_per_row: {per_row_s / ours_s:.1f}")
    print(f"convert_vs_per_row_apply: {apply_s / ours_s:.1f}")
    print(f"convert_vs_floor: {ours_s / floor_s:.2f}")


if __name__ == "__main__":
    main()
