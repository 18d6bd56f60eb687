import sys
import tracemalloc

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster
from test_convert import reporting_rows

from figures.convert import PROVENANCE_COLUMNS, convert_table
from figures.convert_scale import convert_parquet
from figures.errors import FiguresError
from figures.rates import RateTable, load_ecb_rates

METHODS = ["spot", "closing", "average"]


@pytest.fixture(scope="module")
def rates():
    return load_ecb_rates()


def table(count: int) -> pd.DataFrame:
    frame = reporting_rows(count, seed=7)
    frame["company"] = np.array([f"company {n % 97}" for n in range(count)], dtype=object)
    frame["id"] = np.arange(count, dtype="int64")
    return frame


def write_dataset(folder, frame: pd.DataFrame, files: int, row_group: int):
    """`frame` as `files` Parquet files of several row groups each, named in their order."""
    folder.mkdir()
    paths = []
    for number, part in enumerate(np.array_split(np.arange(len(frame)), files)):
        path = folder / f"part-{number}.parquet"
        pq.write_table(pa.Table.from_pandas(frame.iloc[part], preserve_index=False), path, row_group_size=row_group)
        paths.append(path)
    return paths


def as_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Labels as their text (the categories' order is a matter of how rows were batched) and fixing days
    in seconds (Parquet stores them in milliseconds, its coarsest unit)."""
    labels = {name: "str" for name in frame.columns if isinstance(frame[name].dtype, pd.CategoricalDtype)}
    return frame.astype(labels | {"fx_first_fixing": "datetime64[s]", "fx_last_fixing": "datetime64[s]"})


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    frame = table(300_000)
    paths = write_dataset(tmp_path_factory.mktemp("parquet") / "source", frame, files=3, row_group=40_000)
    return paths[0].parent, frame


@pytest.mark.parametrize("method", METHODS)
def test_parquet_batch_by_batch_equals_the_whole_table_at_once(dataset, tmp_path, method, rates):
    source, _ = dataset
    result = convert_parquet(source, tmp_path / "out.parquet", "USD", method=method, rates=rates, batch_rows=50_000)
    whole = convert_table(ds.dataset(source).to_table().to_pandas(), "USD", method=method, rates=rates)
    written = pq.read_table(result.destination).to_pandas()
    pd.testing.assert_frame_equal(as_values(written), as_values(whole))
    assert list(written.columns[-10:]) == ["value", *PROVENANCE_COLUMNS]
    metadata = pq.ParquetFile(result.destination).metadata
    sizes = [metadata.row_group(index).num_rows for index in range(metadata.num_row_groups)]
    assert result.rows == sum(sizes) == 300_000 and result.batches == len(sizes) >= 6 and max(sizes) <= 50_000
    labels = pq.read_schema(result.destination).field("fx_rate_detail").type
    assert pa.types.is_dictionary(labels) and labels.value_type == pa.string()


def test_parquet_memory_holds_one_batch_not_the_table(tmp_path, rates, monkeypatch):
    # Two measures: tracemalloc's peak (numpy's arrays, where the converter works) and Arrow's own
    # memory in use as each batch is written (the batch read, its new columns). Both follow the
    # batch, not the table: four times the rows, the same memory.
    frame = table(400_000)
    (small,) = write_dataset(tmp_path / "small", frame.head(100_000), files=1, row_group=20_000)
    (large,) = write_dataset(tmp_path / "large", frame, files=1, row_group=20_000)
    convert_table(frame.head(10), "EUR", rates=rates)  # rate pairs cached for every run
    in_use = []
    write_batch = pq.ParquetWriter.write_batch

    def counting(writer, batch, *args, **kwargs):
        in_use.append(pa.total_allocated_bytes())
        return write_batch(writer, batch, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetWriter, "write_batch", counting)

    def peak(action) -> tuple[int, int]:
        in_use.clear()
        tracemalloc.start()
        try:
            action()
            return tracemalloc.get_traced_memory()[1], max(in_use, default=0)
        finally:
            tracemalloc.stop()

    def chunked(source):
        return peak(lambda: convert_parquet(source, tmp_path / "out.parquet", "EUR", rates=rates, batch_rows=25_000))

    (few, arrow_few), (many, arrow_many) = chunked(small), chunked(large)
    whole, _ = peak(lambda: convert_table(frame, "EUR", rates=rates))
    assert many < 1.2 * few, f"four times the rows, {many / few:.2f} times the memory"
    assert arrow_many < 1.2 * arrow_few, f"four times the rows, {arrow_many / arrow_few:.2f} times Arrow's memory"
    assert many < whole / 2, f"batch by batch, {many / whole:.2f} of the whole table's"


def test_a_bad_cell_in_a_late_batch_names_its_file_row_and_column(tmp_path, rates):
    frame = table(120_000)
    frame.loc[95_123, "amount"] = np.nan
    paths = write_dataset(tmp_path / "source", frame, files=2, row_group=20_000)
    with pytest.raises(FiguresError, match="expected a number") as raised:
        convert_parquet(paths[0].parent, tmp_path / "out" / "converted.parquet", "EUR", rates=rates, batch_rows=10_000)
    error = raised.value
    assert (error.path, error.row, error.column) == (str(paths[1]), 95_123 - 60_000, "amount")
    assert str(error).startswith(f"{paths[1]}, row 35123, column 'amount': ")
    assert list((tmp_path / "out").iterdir()) == []  # no half-written file
    with pytest.raises(FiguresError, match="not one of the source's files"):
        convert_parquet(paths[0].parent, paths[1], "EUR", rates=rates)


def test_parquet_columns_named_and_checked_before_any_batch(tmp_path, rates):
    frame = table(1000).rename(columns={"amount": "revenue", "currency": "ccy"})
    (source,) = write_dataset(tmp_path / "source", frame, files=1, row_group=1000)
    with pytest.raises(FiguresError, match="expected the columns amount, currency for the spot method") as raised:
        convert_parquet(source, tmp_path / "out.parquet", "EUR", method="spot", rates=rates)
    assert raised.value.path == str(source) and not (tmp_path / "out.parquet").exists()
    with pytest.raises(FiguresError, match="column arguments"):
        convert_parquet(source, tmp_path / "out.parquet", "EUR", rates=rates, money="revenue")
    result = convert_parquet(source, tmp_path / "out.parquet", "EUR", rates=rates, amount="revenue", currency="ccy")
    written = pq.read_table(result.destination).to_pandas()
    expected = convert_table(frame, "EUR", rates=rates, amount="revenue", currency="ccy")
    pd.testing.assert_frame_equal(as_values(written), as_values(expected))


def test_parquet_partition_directories_are_columns_too(tmp_path, rates):
    frame = table(20_000)
    pq.write_to_dataset(
        pa.Table.from_pandas(frame, preserve_index=False), tmp_path / "source", partition_cols=["currency"]
    )
    source = ds.dataset(tmp_path / "source", format="parquet", partitioning="hive")
    result = convert_parquet(source, tmp_path / "out.parquet", "EUR", method="closing", rates=rates, batch_rows=3000)
    written = pq.read_table(result.destination).to_pandas().sort_values("id", ignore_index=True)
    expected = convert_table(frame, "EUR", method="closing", rates=rates)
    assert written["currency"].astype(str).tolist() == frame["currency"].tolist()
    pd.testing.assert_series_equal(written["value"], expected["value"])
    pd.testing.assert_series_equal(as_values(written)["fx_rate_detail"], as_values(expected)["fx_rate_detail"])


@pytest.fixture(scope="module")
def client():
    # Worker processes, as on a real cluster: everything crosses a process boundary by pickle.
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def test_the_workers_are_on_loopback_behind_the_network_guard(client):
    assert all(address.startswith("tcp://127.0.0.1:") for address in client.scheduler_info()["workers"])
    assert set(client.run(lambda: sys.modules["figures_netguard"].installed()).values()) == {True}


@pytest.mark.parametrize("method", METHODS)
def test_dask_partitions_equal_the_pandas_path(client, method, rates):
    frame = table(60_000)
    frame.index = frame.index * 2 + 5  # labels that are not positions
    lazy = dd.from_pandas(frame, npartitions=6)
    out = convert_table(lazy, "CNY", method=method, rates=rates)
    assert isinstance(out, dd.DataFrame)
    # The rate table is one node of the graph, and every partition's task depends on it.
    graph = dict(out.__dask_graph__())
    tables = [key for key, task in graph.items() if isinstance(getattr(task, "value", None), RateTable)]
    converting = [task for key, task in graph.items() if key[0].startswith("_convert_partition")]
    assert len(tables) == 1 and len(converting) == 6
    assert all(tables[0] in task.dependencies for task in converting)
    computed = out.compute()
    expected = convert_table(lazy.compute(), "CNY", method=method, rates=rates)  # the frame as Dask holds it
    pd.testing.assert_frame_equal(as_values(computed), as_values(expected))
    assert list(computed["fx_rate_detail"].cat.categories) == list(expected["fx_rate_detail"].cat.categories)
    known = [name for name in computed.columns if name not in ("fx_rate_detail", "fx_from_currency")]
    assert out.dtypes[known].to_dict() == computed.dtypes[known].to_dict()  # the lazy frame's own description


def test_dask_checks_now_and_names_a_bad_row_when_computed(client, rates):
    frame = table(10_000)
    with pytest.raises(FiguresError, match="expected the columns period_start, period_end for the average method"):
        convert_table(dd.from_pandas(frame.drop(columns=["period_start", "period_end"]), npartitions=2), "EUR")
    with pytest.raises(FiguresError, match="method"):
        convert_table(dd.from_pandas(frame, npartitions=2), "EUR", method="median")
    frame.loc[8_765, "currency"] = "XAF"
    lazy = convert_table(dd.from_pandas(frame, npartitions=4), "EUR", method="spot", rates=rates)
    with pytest.raises(FiguresError, match="a currency with ECB rates") as raised:
        lazy.compute()
    assert (raised.value.row, raised.value.column) == (8_765, "currency")
