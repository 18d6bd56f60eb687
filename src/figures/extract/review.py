"""The review page: the article with every figure marked beside the draft's claims and what was left out."""

from __future__ import annotations

import html

from figures.extract.draft import extractor_version
from figures.extract.results import Extraction
from figures.extract.sentences import clean, overlap

_REVIEW_CSS = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; }
main { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 2rem; }
.text { white-space: pre-wrap; border: 1px solid #ccc; padding: 1rem; background: #fafafa; }
mark.claim { background: #ffe680; }
mark.translation { background: #cde8ff; }
mark.left-out { background: #e6e6e6; text-decoration: line-through; }
sup { color: #7a5c00; font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
td.flags { color: #8a1c1c; }
@media (max-width: 60rem) { main { grid-template-columns: 1fr; } }
""".strip()


def render_review(extraction: Extraction) -> str:
    """A self-contained HTML page: the article with every figure marked, beside the claims of the draft.

    Everything from the article is escaped; the page runs no script and loads nothing.

    >>> from figures.extract import extract
    >>> page = render_review(extract("Acme Group's revenue rose 12% to $3.4 billion in 2017.", published="2018-03-01"))
    >>> '<mark id="claim-2" class="claim"' in page and "<script" not in page
    True
    """
    from figures.render import content_security_policy

    article = extraction.article
    text = article.text
    marks: list[tuple[int, int, str, str]] = []
    for claim in extraction.claims:
        title = f"claim {claim.number}: {claim.company}, {claim.metric}"
        marks.append(
            (
                claim.start,
                claim.end,
                f'<mark id="claim-{claim.number}" class="claim" title="{_attr(title)}">',
                f"</mark><sup>{claim.number}</sup>",
            )
        )
        if claim.translation:
            start, end, currency = claim.translation
            marks.append(
                (
                    start,
                    end,
                    f'<mark id="claim-{claim.number}-translation" class="translation"'
                    f' title="{_attr(f"claim {claim.number} in {currency}")}">',
                    "</mark>",
                )
            )
    for number, item in enumerate(extraction.left_out, start=1):
        if any(overlap((item.start, item.end), (s, e)) for s, e, _, _ in marks):
            continue
        marks.append(
            (
                item.start,
                item.end,
                f'<mark id="left-{number}" class="left-out" title="{_attr(item.reason)}">',
                "</mark>",
            )
        )
    parts, position = [], 0
    for start, end, opening, closing in sorted(marks):
        if start < position:
            continue
        parts += [html.escape(text[position:start]), opening, html.escape(text[start:end]), closing]
        position = end
    parts.append(html.escape(text[position:]))
    claim_rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(cell)}</td>"
            for cell in (
                f"{claim.number}",
                claim.company,
                claim.metric,
                f"{format(claim.value, 'f')} {claim.unit} {claim.currency}" + (" (approximate)" * claim.approximate),
                f"{claim.period_start} to {claim.period_end}" + (" (inferred)" if claim.period_inferred else ""),
                clean(text[claim.start : claim.end]),
            )
        )
        + f'<td class="flags">{html.escape("; ".join(claim.flags))}</td></tr>'
        for claim in extraction.claims
    )
    left_rows = "".join(
        f"<tr><td>{html.escape(clean(text[item.start : item.end]))}</td><td>{html.escape(item.reason)}</td>"
        f"<td>{html.escape(item.company)}</td><td>{html.escape(item.component)}</td></tr>"
        for item in extraction.left_out
    )
    published = article.published.isoformat() if article.published else "unknown"
    facts = (
        f"Source: {extraction.source}. Published: {published} ({article.published_from or 'not found'})."
        f" Language: {article.language} ({article.language_from}). Article file: {article.name},"
        f" SHA-256 {article.sha256}. Extractor: {extractor_version()}."
    )
    return f"""<!DOCTYPE html>
<html lang="{_attr(article.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_attr(content_security_policy(_REVIEW_CSS))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review: claims drafted from {html.escape(article.name)}</title>
<style>{_REVIEW_CSS}</style>
</head>
<body>
<header>
<h1>Review the claims drafted from {html.escape(article.name)}</h1>
<p>{html.escape(facts)}</p>
<p>Check each marked figure against the claim of the same number; grey marks are figures left out, with the reason.</p>
</header>
<main>
<section>
<h2>The article</h2>
<div class="text">{"".join(parts)}</div>
</section>
<section>
<h2>Claims in the draft ({len(extraction.claims)})</h2>
<table>
<thead><tr><th>N</th><th>company</th><th>metric</th><th>value</th><th>period</th><th>as printed</th><th>review</th></tr>
</thead>
<tbody>{claim_rows}</tbody>
</table>
<h2>Left out ({len(extraction.left_out)})</h2>
<table>
<thead><tr><th>as printed</th><th>why</th><th>company</th><th>segment</th></tr></thead>
<tbody>{left_rows}</tbody>
</table>
</section>
</main>
</body>
</html>
"""


def _attr(text: str) -> str:
    return html.escape(text, quote=True)
