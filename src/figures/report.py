"""Build the report: execute the notebooks with the chosen parameters, export one HTML file and a CSV.

The notebooks run one after another in one IPython shell in this process (their cells concatenated;
see `figures.kernel`), with the parameters injected after each notebook's `parameters` cell, as
papermill does. A last cell, added here, exports the table the notebooks showed: the CSV is that
very table, so it holds every number the report shows, and live rates are fetched once. The HTML
shows markdown and outputs, never code; images are embedded; nothing is loaded from elsewhere.
Files are written next to their final place and renamed into it only once everything succeeded,
so a failed build leaves any previous report.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import html
import json
import os
import re
import sys
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from figures.choices import DEFAULT_CURRENCY, DEFAULT_METHOD, RATE_SOURCES
from figures.errors import FiguresError
from figures.i18n import DEFAULT_LOCALE, LOCALES
from figures.kernel import CellError, Kernel, Shell, ShellBusy
from figures.paths import NOTEBOOK_DIR

NOTEBOOKS = (
    "01_article_figures.ipynb",
    "02_rates_and_methods.ipynb",
    "03_article_and_reports.ipynb",
    "04_comparison.ipynb",
)
HTML_NAME = "comparison.html"
CSV_NAME = "comparison.csv"
CLAIMS_NAME = "claims.json"
LIVE_LOG_NAME = "live_rates.csv"
REPORT_FILES = (HTML_NAME, CSV_NAME, CLAIMS_NAME, LIVE_LOG_NAME)
KERNEL_TIMEOUT_S = 180
_BUILD_LOCK = threading.Lock()
PREPARE_CODE = "from figures import story\nstory.prepare(table, rate_table, currency, method, locale=locale)"
"""Run right after the first notebook's setup cell: start drawing every chart on every core."""


@dataclass(frozen=True)
class ReportParameters:
    """What the reader chose: figures file, common currency, method, spot date, rate source.

    >>> ReportParameters(currency="USD").currency, ReportParameters().locale
    ('USD', 'en')
    """

    figures_path: str | None = None
    reported_path: str | None = None
    comparison: str | None = None
    currency: str = DEFAULT_CURRENCY
    method: str = DEFAULT_METHOD
    spot_date: str | None = None
    rates: str = "ecb"
    strict: bool = False
    locale: str = DEFAULT_LOCALE

    def with_absolute_paths(self) -> ReportParameters:
        """The same choices, with the input paths made absolute from the current folder.

        The cells may run elsewhere (a kernel runs in `notebooks/`); a path means what it meant here.

        >>> import os
        >>> ReportParameters(comparison="case").with_absolute_paths().comparison == os.path.abspath("case")
        True
        """
        paths = {"figures_path": self.figures_path, "reported_path": self.reported_path, "comparison": self.comparison}
        absolute = {name: None if path is None else os.path.abspath(path) for name, path in paths.items()}
        return dataclasses.replace(self, **absolute)

    def as_code(self) -> str:
        """The injected-parameters cell: one assignment per parameter, as Python literals.

        >>> print(ReportParameters(method="spot").as_code().splitlines()[4])
        method = 'spot'
        """
        return "\n".join(f"{name} = {value!r}" for name, value in self.__dict__.items())


def build_report(out_dir: str | Path, parameters: ReportParameters) -> tuple[Path, Path]:
    """Execute the notebooks and write `comparison.html` and `comparison.csv` into `out_dir`.

    >>> import tempfile
    >>> html_path, csv_path = build_report(tempfile.mkdtemp(), ReportParameters(locale="fr"))
    >>> html_path.name, csv_path.name, '<html lang="fr">' in html_path.read_text(encoding="utf-8")
    ('comparison.html', 'comparison.csv', True)
    """
    parameters = parameters.with_absolute_paths()
    out_dir = check_out_dir(out_dir, parameters)  # a folder that cannot take the report: refused first
    from figures.export import EXPORT_CODE

    notebook = combined_notebook(parameters)
    notebook["cells"].append(_code_cell(EXPORT_CODE, "export"))
    # One build at a time in a process: the rate tables, the charts drawn ahead and the progress
    # setting are the process's. A build in a second thread waits for the first.
    with _BUILD_LOCK:
        _fresh_rate_tables()
        validate(parameters)
        with _progress_on_terminal(), _executor() as executor:
            try:
                _run(executor, notebook["cells"])
            finally:
                _forget_prefetched_charts()
    export = _exported(notebook["cells"].pop())
    page = render_page(notebook, export, locale=parameters.locale)
    files = {
        HTML_NAME: page.encode("utf-8"),
        CSV_NAME: export["csv"].encode("utf-8"),
        CLAIMS_NAME: export["claims_json"].encode("utf-8"),
    }
    if export["live_log_csv"] is not None:
        files[LIVE_LOG_NAME] = export["live_log_csv"].encode("utf-8")
    # A report is its files together: one an earlier build left and this one does not write goes.
    write_atomically(out_dir, files, remove=[name for name in REPORT_FILES if name not in files])
    return out_dir / HTML_NAME, out_dir / CSV_NAME


def check_out_dir(out_dir: str | Path, parameters: ReportParameters | None = None) -> Path:
    """The report's folder, refused where writing would be wrong: a file, among the inputs, read-only.

    Checked before anything runs, so that a refused build changes nothing; with `parameters`, also that
    no report file would replace one of the comparison's inputs.

    >>> from figures.paths import DATA_DIR
    >>> check_out_dir(DATA_DIR / "reports")
    Traceback (most recent call last):
    figures.errors.FiguresError: .../data/reports: expected a folder outside .../data, where the inputs are ...
    """
    from figures.paths import DATA_DIR

    out = Path(out_dir).resolve()
    if out.exists() and not out.is_dir():
        raise FiguresError("expected a folder for the report, found a file", path=out_dir)
    for inputs in (DATA_DIR.resolve(), NOTEBOOK_DIR.resolve()):
        if out.is_relative_to(inputs):
            raise FiguresError(
                f"expected a folder outside {inputs}, where the inputs are (a report never writes among them)",
                path=out_dir,
            )
    existing = out
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise FiguresError(f"expected a folder for the report, but {existing} is a file", path=out_dir)
    if not os.access(existing, os.W_OK | os.X_OK):
        raise FiguresError(f"expected a folder the report can be written to, {existing} is read-only", path=out_dir)
    if parameters is not None:
        from figures.comparison import open_comparison  # pandas: only once the cheap checks passed

        case = open_comparison(
            parameters.comparison, figures_path=parameters.figures_path, reported_path=parameters.reported_path
        )
        for source in (case.claims, case.reported):
            if source is not None and source.resolve() in {out / name for name in REPORT_FILES}:
                raise FiguresError(f"expected a folder where the report would not replace {source}", path=out_dir)
    return out


def validate(parameters: ReportParameters) -> None:
    """Fail fast, before any cell runs, on bad input: the figures file, the choices, the dates.

    >>> validate(ReportParameters(locale="de"))
    Traceback (most recent call last):
    figures.errors.FiguresError: expected a locale among en, fr, found 'de'
    """
    from figures.comparison import open_comparison
    from figures.load import load_figures, load_reported
    from figures.normalise import check_currency, check_method
    from figures.rates import load_ecb_rates
    from figures.sources import open_rates

    check_method(parameters.method)
    if parameters.rates != "ecb":  # (with ECB rates, the table checks it: one currency throughout needs none)
        check_currency(parameters.currency, load_ecb_rates())
    if parameters.locale not in LOCALES:
        raise FiguresError(f"expected a locale among {', '.join(LOCALES)}, found {parameters.locale!r}")
    if parameters.rates not in RATE_SOURCES:
        raise FiguresError(f"expected rates among {', '.join(RATE_SOURCES)}, found {parameters.rates!r}")
    case = open_comparison(
        parameters.comparison, figures_path=parameters.figures_path, reported_path=parameters.reported_path
    )
    if parameters.rates == "ecb":  # live rates may cover dates the snapshot does not
        # With the rates the notebooks pass: the table they ask for next is this one, from the memo.
        case.table(currency=parameters.currency, spot_date=parameters.spot_date, rates=open_rates("ecb"))
    else:  # the files are checked all the same, before any cell runs
        load_figures(case.claims)
        if case.reported is not None:
            load_reported(case.reported)


def combined_notebook(parameters: ReportParameters, names: tuple[str, ...] = NOTEBOOKS) -> dict:
    """The notebooks' cells in order, with the parameters injected after each `parameters` cell.

    Read as plain JSON (a notebook is a JSON document; nothing here needs nbformat's validation).

    >>> cells = combined_notebook(ReportParameters(currency="CNY"))["cells"]
    >>> injected = [cell["source"] for cell in cells if "injected-parameters" in cell["metadata"].get("tags", [])]
    >>> [line for line in injected[0].splitlines() if line.startswith("currency")]
    ["currency = 'CNY'"]
    """
    cells = []
    for number, name in enumerate(names, start=1):
        source = json.loads((NOTEBOOK_DIR / name).read_text(encoding="utf-8"))
        for index, cell in enumerate(source["cells"]):
            cell = {**cell, "id": f"n{number}-c{index}", "source": _text(cell["source"])}
            cell.setdefault("metadata", {})
            if cell["cell_type"] == "code":
                cell.update(outputs=[], execution_count=None)
            cells.append(cell)
            tags = cell["metadata"].get("tags", [])
            if "parameters" in tags:
                injected = _code_cell(parameters.as_code(), f"n{number}-injected")
                injected["metadata"]["tags"] = ["injected-parameters"]
                cells.append(injected)
            if "setup" in tags and number == 1:  # the table exists: start drawing every chart on every core
                cells.append(_code_cell(PREPARE_CODE, "prepare"))
    kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return {"cells": cells, "metadata": {"kernelspec": kernelspec}, "nbformat": 4, "nbformat_minor": 5}


def execute(notebook: dict, timeout_s: int = KERNEL_TIMEOUT_S, kernel_name: str = "python3") -> dict:
    """Run every cell in one kernel started in `notebooks/`; a failing cell fails the build.

    The kernel talks over local IPC sockets, not TCP, and no execution timestamps are recorded,
    so the executed notebook depends on its inputs only. `notebook` is nbformat's or a plain dict.

    >>> notebook = execute({"cells": [{"cell_type": "code", "source": "6 * 7", "metadata": {}}]})
    >>> notebook["cells"][0]["outputs"][0]["data"]["text/plain"]
    '42'
    """
    with Kernel(kernel_name, cwd=NOTEBOOK_DIR) as kernel:
        _run(kernel, notebook["cells"], timeout_s)
    return notebook


def _executor() -> Shell | Kernel:
    """Where a build runs its cells: in this process, or in a kernel when a shell already runs here.

    Inside a notebook (a build started from JupyterLab) the shell is the notebook's own, whose
    displays go to its page: a kernel keeps the build's outputs apart from them.
    """
    try:
        return Shell()
    except ShellBusy:  # a notebook's shell, or another thread's build
        return Kernel(cwd=NOTEBOOK_DIR)


def _fresh_rate_tables() -> None:
    # One rate table per build, as when each build had a kernel of its own: live rates are asked
    # afresh (their disk cache aside), and a source that failed in an earlier build is tried again.
    from figures.sources import open_rates

    open_rates.cache_clear()


def _forget_prefetched_charts() -> None:
    # Charts drawn ahead are keyed by their table's identity: none may outlive the build that asked.
    charts = sys.modules.get("figures.charts")  # not imported at all when the build stopped early
    if charts is not None:
        charts.cancel_prefetch()


def _run(kernel: Kernel | Shell, cells: list[dict], timeout_s: float = KERNEL_TIMEOUT_S) -> None:
    try:
        kernel.run(cells, timeout_s)
    except CellError as error:
        if error.ename == "FiguresError":  # the package's own message says what was wrong
            raise FiguresError(error.evalue) from None
        raise FiguresError(f"a notebook cell failed: {error.ename}: {error.evalue}") from None


def _code_cell(source: str, cell_id: str) -> dict:
    return {
        "cell_type": "code",
        "id": cell_id,
        "source": source,
        "metadata": {},
        "outputs": [],
        "execution_count": None,
    }


def _text(source: str | list[str]) -> str:
    """A cell's source as one string (the notebook format allows a list of lines)."""
    return source if isinstance(source, str) else "".join(source)


def render_page(notebook: dict, context: dict[str, object], *, locale: str = DEFAULT_LOCALE) -> str:
    """One self-contained HTML page: title, summary, contents, the notebooks' prose and outputs, appendix.

    >>> notebook = {"cells": [{"cell_type": "markdown", "source": "# Revenue", "metadata": {}}]}
    >>> from figures.export import page_context
    >>> from figures.normalise import comparison_table
    >>> page = render_page(notebook, page_context(comparison_table()))
    >>> '<h2 id="revenue">Revenue</h2>' in page, "<script" in page
    (True, False)
    """
    from jinja2 import Environment, PackageLoader

    environment = Environment(loader=PackageLoader("figures"), autoescape=True, keep_trailing_newline=True)
    body, toc = _with_heading_ids("\n".join(_render_cell(cell, locale) for cell in notebook["cells"]))
    csv_text = context.get("csv", "")
    css = environment.loader.get_source(environment, "report.css")[0]
    return environment.get_template("report.html.j2").render(
        **context,
        css=css,
        content_security_policy=content_security_policy(css),
        body=body,
        toc=toc,
        summary_html=[_inline_markdown(line) for line in context.get("summary", [])],
        csv_base64=base64.b64encode(csv_text.encode("utf-8")).decode("ascii"),
    )


def content_security_policy(css: str) -> str:
    """The page's policy: nothing runs, nothing loads; images from `data:` only; the page's own style only.

    The style is allowed by its hash, so that an injected `<style>` would not apply either.

    >>> policy = content_security_policy("body { color: #000; }")
    >>> for directive in policy.split("; ")[:4]:
    ...     print(directive)
    default-src 'none'
    script-src 'none'
    img-src data:
    style-src 'sha256-...'
    """
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return "; ".join(
        (
            "default-src 'none'",
            "script-src 'none'",
            "img-src data:",
            f"style-src 'sha256-{digest}'",
            "font-src 'none'",
            "connect-src 'none'",
            "frame-src 'none'",
            "object-src 'none'",
            "media-src 'none'",
            "form-action 'none'",
            "base-uri 'none'",
        )
    )


def _with_heading_ids(body: str) -> tuple[str, list[dict[str, object]]]:
    """Give every h2 and h3 an id; the h2 (with their h3) make the table of contents."""
    toc: list[dict[str, object]] = []
    used: set[str] = {"summary", "contents", "appendix", "appendix-method", "sources", "data"}

    def add_id(match: re.Match) -> str:
        level, text = match.group(1), match.group(2)
        plain = html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
        slug = re.sub(
            r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode().lower()
        )
        slug = slug.strip("-") or "section"
        unique, number = slug, 2
        while unique in used:
            unique, number = f"{slug}-{number}", number + 1
        used.add(unique)
        entry = {"id": unique, "text": plain, "children": []}
        if level == "2":
            toc.append(entry)
        elif toc:
            toc[-1]["children"].append(entry)
        return f'<h{level} id="{unique}">{text}</h{level}>'

    return re.sub(r"<h([23])>(.*?)</h\1>", add_id, body), toc


def _inline_markdown(text: str) -> str:
    rendered = _markdown(text, escape=True).strip()
    return rendered.removeprefix("<p>").removesuffix("</p>")


def write_atomically(out_dir: Path, files: dict[str, bytes], *, remove: list[str] = ()) -> None:
    """Write every file beside its destination, then rename them all into place (and delete `remove`).

    The renames happen under a lock on the folder, so two builds into one folder at once leave the
    files of one build or of the other, never a mix. A failure leaves the folder as it was.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> write_atomically(out, {"a.csv": b"x,y\\n"})
    >>> sorted(p.name for p in out.iterdir())
    ['a.csv']
    """
    try:
        _write_atomically(out_dir, files, remove)
    except OSError as error:
        raise FiguresError(f"could not write the report: {error.strerror or error}", path=out_dir) from None


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
        with _locked(out_dir):
            for temporary, name in staged:
                os.replace(temporary, out_dir / name)
            for name in remove:
                (out_dir / name).unlink(missing_ok=True)
    finally:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)


@contextlib.contextmanager
def _locked(folder: Path):
    """An exclusive lock on `folder` itself (no lock file left behind), for the time of the renames."""
    import fcntl

    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _exported(cell: dict) -> dict:
    from figures.export import EXPORT_MIME

    for output in cell.get("outputs", []):
        if EXPORT_MIME in output.get("data", {}):
            return output["data"][EXPORT_MIME]
    raise FiguresError("the notebooks did not define the table to export (a variable named `table`)")


@contextlib.contextmanager
def _progress_on_terminal():
    previous = os.environ.get("FIGURES_PROGRESS")
    os.environ["FIGURES_PROGRESS"] = "terminal"
    try:
        yield
    finally:
        if previous is None:
            del os.environ["FIGURES_PROGRESS"]
        else:
            os.environ["FIGURES_PROGRESS"] = previous


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _render_cell(cell: dict, locale: str = DEFAULT_LOCALE) -> str:
    if cell["cell_type"] == "markdown":
        # A markdown cell carries its other languages in its metadata; English is its source.
        source = _text(cell["source"])
        if locale != "en":
            source = cell.get("metadata", {}).get("figures", {}).get(locale, source)
        return f'<section class="prose">{_markdown(_demote_headings(source))}</section>'
    if cell["cell_type"] != "code":
        return ""
    return "\n".join(_render_output(output) for output in cell.get("outputs", []))


def _render_output(output: dict) -> str:
    if output["output_type"] == "stream":
        return f'<pre class="stream">{html.escape(_text(output["text"]))}</pre>'
    if output["output_type"] == "error":
        raise FiguresError(f"a notebook cell failed: {output['ename']}: {output['evalue']}")
    data, metadata = output.get("data", {}), output.get("metadata", {})
    if "image/png" in data:
        image = metadata.get("image/png", {})
        alt = image.get("alt") or data.get("text/plain", "")
        if not alt:
            raise FiguresError("every chart needs alternative text; an image output has none")
        width = f' width="{int(image["width"])}"' if "width" in image else ""
        payload = (
            data["image/png"] if isinstance(data["image/png"], str) else base64.b64encode(data["image/png"]).decode()
        )
        return f'<figure><img src="data:image/png;base64,{payload.strip()}" alt="{html.escape(alt)}"{width}></figure>'
    if "text/html" in data:
        return f'<div class="output">{data["text/html"]}</div>'
    if "text/markdown" in data:
        # Generated from data: raw HTML in it is shown as text, never as markup.
        return f'<div class="output prose">{_markdown(_demote_headings(data["text/markdown"]), escape=True)}</div>'
    if "text/plain" in data:
        return f'<pre class="output">{html.escape(data["text/plain"])}</pre>'
    return ""


def _markdown(text: str, *, escape: bool = False) -> str:
    import mistune

    return mistune.create_markdown(escape=escape, plugins=["table", "footnotes", "strikethrough"])(text)


def _demote_headings(text: str) -> str:
    # The page has its own <h1>; a notebook's headings move one level down.
    return re.sub(r"^(#{1,5}) ", r"#\1 ", text, flags=re.MULTILINE)
