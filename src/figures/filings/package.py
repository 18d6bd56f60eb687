"""An XBRL report package (an ESEF filing as published: a zip with `NAME/reports/REPORT.xhtml`), opened as untrusted.

Every member name is checked before anything is read (an absolute path or `..` is refused: nothing is extracted, but a
name outside the package means the file was made to mislead), each report's declared and read size, and their sums over
every report, are held to the filing limit (a zip bomb, one member or many, is refused from its header), and only the
reports folder's XHTML is parsed.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path, PurePosixPath

from figures.errors import FiguresError
from figures.filings import limits
from figures.filings.facts import Fact
from figures.filings.inline import read_inline_bytes

REPORT_SUFFIXES = (".xhtml", ".html", ".htm")


def read_package(path: str | Path) -> list[Fact]:
    """The facts of every inline XBRL report in a report package's `reports/` folder.

    Raises:
        FiguresError: naming the package and the member: not a zip, too many members, a member outside the package,
            a report, or all reports together, larger than the limit, no report at all, or a report that is not inline
            XBRL.
    """
    path = Path(path)
    payload = limits.read_limited(path)
    sha256 = hashlib.sha256(payload).hexdigest()
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(payload))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise FiguresError("expected a report package (zip), found a file that is not a zip", path=path) from None
    if len(members) > limits.MAX_PACKAGE_MEMBERS:
        raise FiguresError(
            f"expected at most {limits.MAX_PACKAGE_MEMBERS:,} files in a report package, found {len(members):,}",
            path=path,
        )
    for member in members:
        _check_name(member.filename, path)
    reports = [m for m in members if _is_report(m.filename)]
    if not reports:
        raise FiguresError(
            "expected an inline XBRL report (reports/*.xhtml) in the report package, found none", path=path
        )
    limits.check_size(sum(m.file_size for m in reports), path, f"its {len(reports):,} reports together")
    facts, read = [], 0
    for member in sorted(reports, key=lambda m: m.filename):
        limits.check_size(member.file_size, path, f"{member.filename}: a report")
        try:
            with archive.open(member) as stream:
                report = stream.read(limits.MAX_FILING_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as error:
            # RuntimeError: an encrypted member (zipfile asks for a password), as rates_update.unzip_history catches
            raise FiguresError(f"{member.filename}: expected a readable report, {error}", path=path) from None
        limits.check_size(len(report), path, f"{member.filename}: a report")
        read += len(report)
        limits.check_size(read, path, "its reports together")
        facts += read_inline_bytes(report, path, report=f"{path.name}/{member.filename}", sha256=sha256)
    return facts


def _check_name(name: str, path: Path) -> None:
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
        raise FiguresError(f"expected files inside the package, found one outside the package: {name!r}", path=path)


def _is_report(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return len(parts) >= 2 and parts[-2] == "reports" and name.lower().endswith(REPORT_SUFFIXES)
