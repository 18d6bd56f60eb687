"""The package's errors: what was wrong, where (file, row, column) and what was expected.

`FiguresError` is a `ValueError` (bad input is a bad value), so code that knows nothing of this package
can still catch it. Its few subclasses are the cases a caller must tell apart: a sidecar that is not there
(some inputs may lack one) is not a sidecar that is wrong (which must stop the build).
"""

from __future__ import annotations

from pathlib import Path


class FiguresError(ValueError):
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
        return _rebuilt, (self.message, self.path, self.row, self.column, type(self).__name__)

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


class MissingSidecar(FiguresError):
    """A data file without its provenance sidecar (`NAME.meta.json` beside it).

    >>> issubclass(MissingSidecar, FiguresError) and issubclass(MissingSidecar, ValueError)
    True
    """


class LiveRatesFailed(FiguresError):
    """The live rate source failed, and the build was asked not to fall back (`--strict`).

    >>> str(LiveRatesFailed("live rates unavailable (--strict): timeout"))
    'live rates unavailable (--strict): timeout'
    """


def _rebuilt(message: str, path: str | None, row: int | None, column: str | None, kind: str) -> FiguresError:
    return globals().get(kind, FiguresError)(message, path=path, row=row, column=column)
