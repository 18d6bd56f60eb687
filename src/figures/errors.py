"""The one domain error: what was wrong, where (file, row, column) and what was expected."""

from __future__ import annotations

from pathlib import Path


class FiguresError(Exception):
    """A problem with the inputs or the request, described well enough to fix it.

    >>> str(FiguresError("expected a positive amount, found '-5'", path="figures.csv", row=2, column="value"))
    "figures.csv, row 2, column 'value': expected a positive amount, found '-5'"
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.row = row
        self.column = column
        super().__init__(self._describe())

    def __reduce__(self):
        """Pickled whole, row and column included: an error raised in a worker process reaches the caller so.

        >>> import pickle
        >>> pickle.loads(pickle.dumps(FiguresError("bad", path="f.csv", row=3, column="value"))).row
        3
        """
        return _rebuilt, (self.message, self.path, self.row, self.column)

    def _describe(self) -> str:
        where = []
        if self.path is not None:
            where.append(self.path)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        text = f"{', '.join(where)}: {self.message}" if where else self.message
        # One line, always: a line break from data (a quoted cell may hold one) is shown, not obeyed.
        return text.replace("\r", "\\r").replace("\n", "\\n")


def _rebuilt(message: str, path: str | None, row: int | None, column: str | None) -> FiguresError:
    return FiguresError(message, path=path, row=row, column=column)
