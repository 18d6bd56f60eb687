"""The report page: its sections' outputs and the notebooks' prose rendered into one self-contained HTML file.

Markdown from the notebooks is the project's own; markdown generated from data is escaped (shown as
text, never as markup). Images are embedded; the page's policy lets nothing run and nothing load.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import unicodedata

from figures.errors import FiguresError
from figures.i18n import DEFAULT_LOCALE


def render_page(body: str, context: dict[str, object]) -> str:
    """One self-contained HTML page: title, summary, contents, the body (prose and sections), appendix.

    >>> from figures.context import build_context
    >>> from figures.export import report_exports
    >>> page = render_page(prose({"cell_type": "markdown", "source": "# Revenue"}), report_exports(build_context()))
    >>> data_blocks = page.count('<script type="application/ld+json">')
    >>> '<h2 id="revenue">Revenue</h2>' in page, page.count("<script") == data_blocks
    (True, True)
    """
    from jinja2 import Environment, PackageLoader

    environment = Environment(loader=PackageLoader("figures"), autoescape=True, keep_trailing_newline=True)
    body, toc = _with_heading_ids(_framed_tables(body))
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


def outputs_html(outputs: list[dict]) -> str:
    """Display outputs (a section's, or a notebook cell's) as the page shows them.

    >>> outputs_html([{"data": {"text/markdown": "**+5%** <b>"}, "metadata": {}}])
    '<div class="output prose"><p><strong>+5%</strong> &lt;b&gt;</p>\\n</div>'
    """
    return "\n".join(output_blocks(outputs))


def output_blocks(outputs: list[dict]) -> list[str]:
    """Each display output as the page shows it, one block each (see `kept_with_next`); an output that shows
    nothing gives no block.

    >>> output_blocks([{"data": {"text/markdown": "**Rates**"}, "metadata": {}}, {"data": {}, "metadata": {}}])
    ['<div class="output prose"><p><strong>Rates</strong></p>\\n</div>']
    """
    return [block for block in (_render_output(output) for output in outputs) if block]


_ENDS_WITH_HEADING = re.compile(r"(?:</h[2-6]>|<p><strong>[^<]*</strong></p>)\s*(?:</div>|</section>)?\s*$")
"""A block whose last element is a heading, or a paragraph that is only bold words (a table's title, as
"**On the companies' reported figures**" is)."""


def kept_with_next(blocks: list[str]) -> list[str]:
    """The page's blocks with every one that ends in a heading (or a table's bold title) held in one
    `<div class="keep">` with the block after it, which print does not split: a heading is never left at the
    bottom of a page with what it heads on the next (`break-after: avoid` alone, Chromium often ignores
    between a heading and a table's frame).

    >>> kept_with_next(["<section><h3>Rates</h3></section>", "<p>The ECB</p>", "<p>More</p>"])
    ['<div class="keep"><section><h3>Rates</h3></section>\\n<p>The ECB</p></div>', '<p>More</p>']
    >>> kept_with_next(["<div><p><strong>On the claims</strong></p>\\n</div>", "<div><h3>A</h3></div>", "<table>"])
    ['<div class="keep"><div><p><strong>On the claims</strong></p>\\n</div>\\n<div><h3>A</h3></div>\\n<table></div>']
    """
    kept: list[str] = []
    run: list[str] = []
    for block in blocks:
        run.append(block)
        if not _ENDS_WITH_HEADING.search(block):
            kept.append(run[0] if len(run) == 1 else '<div class="keep">' + "\n".join(run) + "</div>")
            run = []
    kept.extend(run)
    return kept


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


def _framed_tables(body: str) -> str:
    """Every table in a frame of its own that scrolls sideways when the table is wider than the page (a phone);
    focusable, so that a keyboard scrolls it too. Text from data is escaped, so every `<table` is markup.

    >>> _framed_tables("<p>x</p><table><tr><td>1</td></tr></table>")
    '<p>x</p><div class="table-frame" tabindex="0"><table><tr><td>1</td></tr></table></div>'
    """
    body = re.sub(r"<table\b", '<div class="table-frame" tabindex="0"><table', body)
    return body.replace("</table>", "</table></div>")


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


def prose(cell: dict, locale: str = DEFAULT_LOCALE) -> str:
    """A notebook's markdown cell in `locale` (its other languages are in its metadata); other cells: "".

    >>> prose({"cell_type": "markdown", "source": "# Rates", "metadata": {"figures": {"fr": "# Taux"}}}, "fr")
    '<section class="prose"><h2>Taux</h2>\\n</section>'
    """
    if cell["cell_type"] == "markdown":
        # A markdown cell carries its other languages in its metadata; English is its source.
        source = _text(cell["source"])
        if locale != "en":
            source = cell.get("metadata", {}).get("figures", {}).get(locale, source)
        return f'<section class="prose">{_markdown(_demote_headings(source))}</section>'
    return ""


def _render_output(output: dict) -> str:
    if output.get("output_type") == "stream":
        return f'<pre class="stream">{html.escape(_text(output["text"]))}</pre>'
    if output.get("output_type") == "error":
        raise FiguresError(f"a notebook cell failed: {output['ename']}: {output['evalue']}")
    data, metadata = output.get("data", {}), output.get("metadata", {})
    if metadata.get("figures", {}).get("chart"):  # `figures.section.chart_outputs`: an image with its alt
        return f"<figure>{data['text/html']}</figure>"
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


def _text(source: str | list[str]) -> str:
    """A cell's source as one string (the notebook format allows a list of lines)."""
    return source if isinstance(source, str) else "".join(source)
