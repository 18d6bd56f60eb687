"""A report's files written all at once: each beside its place first, then renamed into it under a lock.

A failed build leaves the folder as it was; two builds into one folder at once leave the files of one build
or of the other, never a mix. The lock is `filelock`'s, portable across systems, and its file lives in the
system's temporary folder, never among the report's files.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from filelock import FileLock

from figures.errors import FiguresError


def write_atomically(out_dir: Path, files: dict[str, bytes], *, remove: list[str] = ()) -> None:
    """Write every file beside its destination, then rename them all into place (and delete `remove`).

    Raises:
        FiguresError: the folder cannot be written; nothing in it has changed.

    >>> out = Path(tempfile.mkdtemp())
    >>> write_atomically(out, {"a.csv": b"x,y\\n"})
    >>> sorted(p.name for p in out.iterdir())
    ['a.csv']
    """
    try:
        _write_atomically(Path(out_dir), files, remove)
    except OSError as error:
        raise FiguresError(f"could not write the report: {error.strerror or error}", path=out_dir) from None


def folder_lock(folder: Path) -> FileLock:
    """An exclusive lock on `folder`, held in a lock file of the temporary folder named for it.

    >>> lock = folder_lock(Path(tempfile.mkdtemp()))
    >>> with lock:
    ...     lock.is_locked
    True
    """
    digest = hashlib.sha256(str(Path(folder).resolve()).encode("utf-8")).hexdigest()[:24]
    return FileLock(Path(tempfile.gettempdir()) / f"figures-{digest}.lock")


def _write_atomically(out_dir: Path, files: dict[str, bytes], remove) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, str]] = []
    try:
        for name, payload in files.items():
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=out_dir)
            staged.append((temporary, name))
            os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a report is for sharing
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
                stream.flush()
                os.fsync(stream.fileno())
        with folder_lock(out_dir):
            for temporary, name in staged:
                os.replace(temporary, out_dir / name)
            for name in remove:
                (out_dir / name).unlink(missing_ok=True)
    finally:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
