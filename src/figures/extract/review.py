"""The review page: the article with every figure marked beside the draft's claims and what was left out.

The page is a jinja2 template (`templates/review.html.j2`, with its style in `review.css`), autoescaped:
everything from the article is shown as text, never as markup.
"""

from __future__ import annotations

from figures.extract.draft import extractor_version
from figures.extract.results import Extraction
from figures.extract.sentences import clean, overlap


def render_review(extraction: Extraction) -> str:
    """A self-contained HTML page: the article with every figure marked, beside the claims of the draft.

    Everything from the article is escaped; the page runs no script and loads nothing.

    >>> from figures.extract import extract
    >>> page = render_review(extract("Acme Group's revenue rose 12% to $3.4 billion in 2017.", published="2018-03-01"))
    >>> '<mark id="claim-2" class="claim"' in page and "<script" not in page
    True
    """
    from jinja2 import Environment, PackageLoader

    from figures.render import content_security_policy

    article = extraction.article
    text = article.text
    marks: list[tuple[int, int, dict]] = []
    for claim in extraction.claims:
        title = f"claim {claim.number}: {claim.company}, {claim.metric}"
        marks.append(
            (
                claim.start,
                claim.end,
                {"id": f"claim-{claim.number}", "class": "claim", "title": title, "number": claim.number},
            )
        )
        if claim.translation:
            start, end, currency = claim.translation
            title = f"claim {claim.number} in {currency}"
            marks.append(
                (start, end, {"id": f"claim-{claim.number}-translation", "class": "translation", "title": title})
            )
    for number, item in enumerate(extraction.left_out, start=1):
        if any(overlap((item.start, item.end), (s, e)) for s, e, _ in marks):
            continue
        marks.append((item.start, item.end, {"id": f"left-{number}", "class": "left-out", "title": item.reason}))
    segments, position = [], 0
    for start, end, mark in sorted(marks, key=lambda m: (m[0], m[1])):
        if start < position:
            continue
        segments += [{"text": text[position:start]}, {"text": text[start:end], "mark": mark}]
        position = end
    segments.append({"text": text[position:]})
    claims = [
        {
            "cells": (
                f"{claim.number}",
                claim.company,
                claim.metric,
                f"{format(claim.value, 'f')} {claim.unit} {claim.currency}" + (" (approximate)" * claim.approximate),
                f"{claim.period_start} to {claim.period_end}" + (" (inferred)" if claim.period_inferred else ""),
                clean(text[claim.start : claim.end]),
            ),
            "flags": "; ".join(claim.flags),
        }
        for claim in extraction.claims
    ]
    left_out = [
        (clean(text[item.start : item.end]), item.reason, item.company, item.component) for item in extraction.left_out
    ]
    published = article.published.isoformat() if article.published else "unknown"
    facts = (
        f"Source: {extraction.source}. Published: {published} ({article.published_from or 'not found'})."
        f" Language: {article.language} ({article.language_from}). Article file: {article.name},"
        f" SHA-256 {article.sha256}. Extractor: {extractor_version()}."
    )
    environment = Environment(loader=PackageLoader("figures"), autoescape=True, keep_trailing_newline=True)
    css = environment.loader.get_source(environment, "review.css")[0].strip()
    return environment.get_template("review.html.j2").render(
        article=article,
        css=css,
        content_security_policy=content_security_policy(css),
        facts=facts,
        segments=segments,
        claims=claims,
        left_out=left_out,
    )
