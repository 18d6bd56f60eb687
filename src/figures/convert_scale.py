"""A table bigger than memory: a Parquet file or dataset converted batch by batch.

`convert_parquet` reads at most `batch_rows` rows at a time, converts them with
`figures.convert.convert_table` and appends them to one Parquet file: memory holds one batch,
whatever the size of the table, and the values and provenance columns are those of converting the
whole table at once. An error names the file, the row within that file (counted from 0) and the
column. pyarrow is imported only when a conversion runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from figures.convert import convert_table
from figures.errors import FiguresError
from figures.rates import RateTable, load_ecb_rates
from figures.tabulate import FX_COLUMNS

ADDED_COLUMNS = ("value", *FX_COLUMNS)
CATEGORICAL_COLUMNS = ("fx_method", "fx_rate_source", "fx_rate_detail", "fx_from_currency", "fx_missing_date_policy")
COLUMN_NAMES = ("amount", "currency", "start", "end", "date")


class ParquetConversion(NamedTuple):
    """What `convert_parquet` wrote: the file, its rows and how many batches they were read in.

    >>> ParquetConversion(Path("out.parquet"), rows=3_000_000, batches=3).batches
    3
    """

    destination: Path
    rows: int
    batches: int


def convert_parquet(
    source: str | Path | Any,
    destination: str | Path,
    to_currency: str,
    *,
    method: str = "average",
    rates: RateTable | None = None,
    batch_rows: int = 1_000_000,
    **columns: str,
) -> ParquetConversion:
    """Convert a Parquet file or dataset (a path, a folder, or a `pyarrow.dataset.Dataset`) batch by batch.

    Writes `destination`, one Parquet file: the source's columns unchanged, then `value` and the
    provenance columns of `convert_table` (labels dictionary-encoded, fixing days as millisecond
    timestamps, Parquet's coarsest). `columns` names the columns read, as in `convert_table`
    (`amount=`, `currency=`, `start=`, `end=`, `date=`). The file appears only once complete: on an
    error nothing is left at `destination`.

    >>> import tempfile, pyarrow as pa, pyarrow.parquet as pq
    >>> folder = Path(tempfile.mkdtemp())
    >>> table = pa.table({"amount": [100.0, 100.0], "currency": ["USD", "EUR"], "date": ["2018-07-03"] * 2})
    >>> pq.write_table(table, folder / "in.parquet")
    >>> convert_parquet(folder / "in.parquet", folder / "out.parquet", "EUR", method="spot", batch_rows=1)[1:]
    (2, 2)
    >>> out = pq.read_table(folder / "out.parquet").to_pandas()
    >>> [round(v, 4) for v in out["value"]], list(out["fx_rate_detail"])
    ([85.7265, 100.0], ['ECB fixing of 2018-07-03', 'same currency'])
    >>> import shutil; shutil.rmtree(folder)
    """
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    unknown = sorted(set(columns) - set(COLUMN_NAMES))
    if unknown:
        raise FiguresError(f"expected column arguments among {', '.join(COLUMN_NAMES)}, found {', '.join(unknown)}")
    if not (isinstance(batch_rows, int) and batch_rows > 0):
        raise FiguresError(f"expected a positive number of rows a batch, found {batch_rows!r}")
    rates = load_ecb_rates() if rates is None else rates
    names = {"amount": "amount", "currency": "currency", "start": "period_start", "end": "period_end", "date": "date"}
    names.update(columns)
    try:
        dataset = source if isinstance(source, ds.Dataset) else ds.dataset(source, format="parquet")
    except (OSError, ValueError, pa.ArrowException) as error:
        raise FiguresError(f"expected a Parquet file or dataset, {error}", path=source) from None
    # The columns the method reads; the check (and its error) is the converter's own, on no rows.
    read = [name for name in dict.fromkeys(names.values()) if name in dataset.schema.names]
    _convert(dataset.schema.empty_table().select(read), to_currency, method, rates, names, path=source)
    schema = _output_schema(dataset.schema)
    destination = Path(destination)
    if destination.resolve() in {Path(name).resolve() for name in getattr(dataset, "files", [])}:
        raise FiguresError("expected a destination that is not one of the source's files", path=destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    rows = batches = 0
    try:
        with pq.ParquetWriter(partial, schema) as writer:
            for fragment in dataset.get_fragments():
                offset = 0  # rows of this file already converted: errors name the row within the file
                for batch in _batches(dataset, fragment, batch_rows):
                    part = batch.select(read)
                    added = _convert(part, to_currency, method, rates, names, path=fragment.path, offset=offset)
                    writer.write_batch(_with_added(batch, added, schema))
                    offset += batch.num_rows
                    rows += batch.num_rows
                    batches += 1
        partial.replace(destination)
    finally:
        partial.unlink(missing_ok=True)
    return ParquetConversion(destination, rows, batches)


def _batches(dataset, fragment, batch_rows: int):
    """One file's rows, `batch_rows` at a time, as the dataset's schema has them (partition keys as columns).

    `ParquetFile.iter_batches` reads row group by row group and holds one batch; a dataset scanner
    would read several batches ahead.
    """
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    keys = ds.get_partition_keys(fragment.partition_expression)
    with dataset.filesystem.open_input_file(fragment.path) as stream:
        # pre_buffer off: buffered ranges would pile up for the whole file, batch after batch.
        reader = pq.ParquetFile(stream, pre_buffer=False)
        for batch in reader.iter_batches(batch_size=batch_rows, use_threads=False):
            if batch.num_rows == 0:
                continue
            columns = [
                batch.column(field.name)
                if field.name in batch.schema.names
                else pa.repeat(pa.scalar(keys.get(field.name), type=field.type), batch.num_rows)
                for field in dataset.schema
            ]
            yield pa.RecordBatch.from_arrays(columns, names=dataset.schema.names).cast(dataset.schema)


def _convert(part, to_currency, method, rates, names, *, path, offset=0) -> pd.DataFrame:
    """The added columns for one batch, its rows labelled by their place in the file."""
    frame = part.to_pandas()
    frame.index = pd.RangeIndex(offset, offset + len(frame))
    frame.attrs["path"] = str(path)
    try:
        out = convert_table(frame, to_currency, method=method, rates=rates, **names)
    except FiguresError as error:
        if error.path is not None:
            raise
        raise FiguresError(error.message, path=path, row=error.row, column=error.column) from None
    return out[list(ADDED_COLUMNS)]


def _output_schema(source_schema):
    """The source's fields (a converted column keeps its place), then the added ones; no pandas metadata."""
    import pyarrow as pa

    label = pa.dictionary(pa.int32(), pa.string())
    types = {name: label for name in CATEGORICAL_COLUMNS}
    types.update(
        value=pa.float64(),
        fx_rate=pa.float64(),
        fx_first_fixing=pa.timestamp("ms"),  # Parquet has no seconds: it would store milliseconds anyway
        fx_last_fixing=pa.timestamp("ms"),
        fx_fixing_days=pa.int64(),
    )
    fields = [pa.field(field.name, types[field.name]) if field.name in types else field for field in source_schema]
    fields += [pa.field(name, types[name]) for name in ADDED_COLUMNS if name not in source_schema.names]
    return pa.schema(fields)


def _with_added(batch, added: pd.DataFrame, schema):
    import pyarrow as pa

    arrays = {name: batch.column(name) for name in batch.schema.names}
    for name in ADDED_COLUMNS:
        values = added[name]
        kind = schema.field(name).type
        if isinstance(values.dtype, pd.CategoricalDtype):
            codes = values.cat.codes.to_numpy()
            indices = pa.array(codes.astype("int32"), mask=codes < 0)
            dictionary = pa.array(values.cat.categories.to_numpy(dtype=object), type=pa.string())
            arrays[name] = pa.DictionaryArray.from_arrays(indices, dictionary)
        else:
            arrays[name] = pa.array(values.to_numpy(), type=kind, from_pandas=True)
    return pa.record_batch([arrays[field.name] for field in schema], schema=schema)
