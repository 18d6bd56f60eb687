"""Loading a figures file at the size limit: memory as a multiple of the file, and the look-alike check's cost.

Prints:
- `load_at_limit_peak_vs_file`: the peak memory traced (tracemalloc: Python objects and NumPy's arrays) while
  `load_figures` reads a claims file of the largest size the loader accepts (`MAX_BYTES`, 2 MiB, notes filled to
  reach it, `MAX_ROWS` figures), divided by the file's size (exits non-zero above PEAK_VS_FILE_LIMIT, 10);
- `load_at_limit_vs_default`: the time to load it, divided by loading the default four-figure file;
- `skeleton_share_of_load`: the time spent computing the confusable skeletons of its names, as a share of it;
- `beyond_limit_vs_default`: the time to refuse a sparse file of 694 MB (the issue's million rows), divided by
  loading the default file (it is refused from its size, before a byte is read).
"""

from __future__ import annotations

import csv
import sys
import tempfile
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from figures.errors import FiguresError
from figures.load import MAX_BYTES, MAX_ROWS, load_figures
from figures.text_policy import skeleton
from helpers import ARTICLE_FILE, claim
from timing import median_seconds

PEAK_VS_FILE_LIMIT = 10.0
"""The stated bound (README): loading a file at the limit never needs more than ten times its size."""


def file_at_limit(path: Path) -> Path:
    """MAX_ROWS figures of as many companies, each note long enough that the file is just under MAX_BYTES."""
    rows = [
        claim(f"c{n}", f"Company {n} Group", "revenue", "2017-01-01", "2017-12-31", 1.5, "billion", "EUR", note="")
        for n in range(1, MAX_ROWS + 1)
    ]
    with ARTICLE_FILE.open(encoding="utf-8", newline="") as stream:
        header = next(csv.reader(stream))

    def write(note_length: int) -> int:
        for row in rows:
            row["note"] = "n" * note_length
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        return path.stat().st_size

    spare = MAX_BYTES - write(0)
    write(spare // MAX_ROWS)
    return path


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    path = file_at_limit(folder / "limit.csv")
    size = path.stat().st_size
    load_figures(path)  # warm: imports, the confusables table
    tracemalloc.start()
    load_figures(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    default = median_seconds(load_figures, 5)
    at_limit = median_seconds(lambda: load_figures(path), 5)
    names = [f"Company {n} Group" for n in range(1, MAX_ROWS + 1)]
    skeletons = median_seconds(lambda: [skeleton(name) for name in names], 5)
    huge = folder / "huge.csv"
    with huge.open("wb") as stream:
        stream.truncate(694 * 1024 * 1024)

    def refuse() -> None:
        try:
            load_figures(huge)
        except FiguresError:
            return
        raise AssertionError("a 694 MB file was loaded")

    refused = median_seconds(refuse, 5)
    print(f"file at the limit: {size:,} bytes, {MAX_ROWS:,} figures; peak traced {peak:,} bytes")
    print(f"load_at_limit_peak_vs_file\t{peak / size:.1f}")
    print(f"load_at_limit_vs_default\t{at_limit / default:.1f}")
    print(f"skeleton_share_of_load\t{skeletons / at_limit:.2f}")
    print(f"beyond_limit_vs_default\t{refused / default:.2f}")
    if peak / size > PEAK_VS_FILE_LIMIT:
        sys.exit(f"loading a file at the limit peaked at {peak / size:.1f} times its size, over {PEAK_VS_FILE_LIMIT:g}")


if __name__ == "__main__":
    main()
