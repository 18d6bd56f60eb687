"""Publish the reconciliation's verdicts as schema.org ClaimReview records (claims.json and JSON-LD)."""

from __future__ import annotations

import datetime as dt
import json
import numbers
from typing import Any

import pandas as pd

from figures.caveat import CLAIM_NOTES

_CONTEXT = "https://schema.org"
_NO_MATCH = "No reported figure of the same company, metric and period was found to check the claim against."
# Characters that could end a <script> element, open an HTML comment or end a JavaScript line.
_HTML_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def claim_reviews(
    reconciled: pd.DataFrame,
    figures: pd.DataFrame,
    reported: pd.DataFrame | None = None,
    *,
    source_url: str | None = None,
) -> list[dict[str, Any]]:
    """One schema.org ClaimReview per claim of `reconciled` (from `reconcile`), in the claims' order.

    `figures` are the claims as loaded (for the wording, the source and its date); `reported`, when
    given, names the source of each reported figure a claim was checked against. Only plain JSON
    values: a key whose value is unknown is left out, and nothing depends on the clock.

    >>> from figures.load import load_figures, load_reported
    >>> from figures.reconcile import reconcile
    >>> figures, reported = load_figures(), load_reported()
    >>> reviews = claim_reviews(reconcile(figures, reported), figures, reported, source_url="http://example.org/")
    >>> review = reviews[0]
    >>> review["@type"], review["identifier"], review["claimReviewed"], review["reviewRating"]["alternateName"]
    ('ClaimReview', 'alibaba_revenue', '39,9 milliards de dollars', 'rounded')
    >>> print(review["reviewRating"]["ratingExplanation"])  # doctest: +NORMALIZE_WHITESPACE
    The claim (39,900 USD m) differs from the reported figure (39,898 USD m, figure alibaba_revenue_fy2018_usd)
    by +2 m, within half a unit of the claim's last printed digit (50 m): rounded. Caveat: the reported figure
    is itself a convenience translation at 6.2726 CNY per USD on 2018-03-30.
    >>> review["itemReviewed"]["author"]["name"], review["itemReviewed"]["datePublished"]
    ('Xinhua (French edition)', '2018-07-03')
    >>> review["isBasedOn"]["identifier"], review["about"]["name"]
    ('alibaba_revenue_fy2018_usd', 'Alibaba Group')
    >>> [review["reviewRating"]["alternateName"] for review in reviews]
    ['rounded', 'consistent', 'rounded', 'consistent']
    """
    claims = figures.set_index("figure_id", drop=False)
    sources = None if reported is None else reported.set_index("figure_id", drop=False)
    reviews = []
    for row in reconciled.to_dict("records"):
        if row["claim_id"] not in claims.index:
            raise ValueError(f"expected the claim {row['claim_id']!r} among the figures, found no such figure_id")
        claim = claims.loc[row["claim_id"]].to_dict()
        source = _text(claim.get("source"))
        appearance = {"@type": "CreativeWork", "name": source, "url": source_url}
        review: dict[str, Any] = {
            "@context": _CONTEXT,
            "@type": "ClaimReview",
            "identifier": row["claim_id"],
            "claimReviewed": _claim_text(claim),
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Organization", "name": source.split(",")[0].strip() if source else None},
                "datePublished": _iso_date(claim.get("published")),
                "appearance": appearance,
            },
            "about": {"@type": "Organization", "name": row["company"]},
            "reviewRating": {
                "@type": "Rating",
                "alternateName": row["verdict"],
                "ratingExplanation": _explanation(row),
            },
        }
        if not _missing(row["reported_id"]):
            review["isBasedOn"] = _reported_work(row["reported_id"], sources)
        reviews.append(_plain(review))
    return reviews


def claims_json(reviews: list[dict[str, Any]]) -> str:
    """The reviews as a pretty JSON document, for the `claims.json` beside the report's CSV.

    >>> from figures.load import load_figures, load_reported
    >>> from figures.reconcile import reconcile
    >>> figures, reported = load_figures(), load_reported()
    >>> text = claims_json(claim_reviews(reconcile(figures, reported), figures, reported))
    >>> print(*text.splitlines()[:4], sep=chr(10))
    [
      {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
    >>> json.loads(text)[2]["claimReviewed"], text.endswith("]\\n")
    ("18,3 milliards d'euros", True)
    """
    return json.dumps(reviews, ensure_ascii=False, indent=2, sort_keys=False, allow_nan=False) + "\n"


def json_ld_block(reviews: list[dict[str, Any]]) -> str:
    """The reviews as JSON to put inside `<script type="application/ld+json">…</script>`.

    The data come from files nobody vetted, so `<`, `>` and `&` (and U+2028, U+2029) are written
    as JSON escapes: the text can neither close the element nor open a comment, and it still parses
    back to the same data. Only the JSON is returned; the caller writes the element around it.

    >>> from figures.load import load_figures, load_reported
    >>> from figures.reconcile import reconcile
    >>> figures, reported = load_figures(), load_reported()
    >>> reviews = claim_reviews(reconcile(figures, reported), figures, reported)
    >>> hostile = "</script><script>alert(1)</script>"
    >>> reviews[0]["claimReviewed"] = hostile
    >>> block = json_ld_block(reviews)
    >>> "<" in block, ">" in block, "\\\\u003c/script\\\\u003e" in block
    (False, False, True)
    >>> json.loads(block)[0]["claimReviewed"] == hostile, json.loads(block) == reviews
    (True, True)
    """
    text = json.dumps(reviews, ensure_ascii=False, indent=2, sort_keys=False, allow_nan=False)
    # These characters occur only inside JSON strings, where their \\u escapes mean the same.
    return "".join(_HTML_ESCAPES.get(character, character) for character in text)


def _claim_text(claim: dict[str, Any]) -> str:
    wording = _text(claim.get("wording"))
    if wording:
        return wording
    if claim["unit"] == "percent":
        return f"{claim['stated_text']} percent ({claim['currency']})"
    return f"{claim['stated_text']} {claim['stated_unit']} {claim['currency']}"


def _explanation(row: dict[str, Any]) -> str:
    verdict = row["verdict"]
    if verdict == "no reported figure":
        return _NO_MATCH
    is_percent = row["unit"] == "percent"
    unit = "pp" if is_percent else "m"
    claim = _shown(row["claim_value"], row["claim_currency"], is_percent)
    reported = f"{_shown(row['reported_value'], row['reported_currency'], is_percent)}, figure {row['reported_id']}"
    if verdict == "consistent":
        text = f"The claim ({claim}) equals the reported figure ({reported}): consistent."
    elif verdict in ("rounded", "inconsistent"):
        within = "within" if verdict == "rounded" else "more than"
        text = (
            f"The claim ({claim}) differs from the reported figure ({reported}) by"
            f" {_signed(row['difference'])} {unit}, {within} half a unit of the claim's last printed digit"
            f" ({_number(row['tolerance'])} {unit}): {verdict}."
        )
    else:
        raise ValueError(f"expected a verdict of figures.reconcile.VERDICTS, found {verdict!r}")
    caveats = [_fill(CLAIM_NOTES[code], params) for code, params in row["caveats"] or []]
    if caveats:
        text += f" {'Caveat' if len(caveats) == 1 else 'Caveats'}: {'; '.join(caveats)}."
    return text


def _reported_work(reported_id: str, sources: pd.DataFrame | None) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "identifier": reported_id}
    if sources is None:
        return work
    if reported_id not in sources.index:
        raise ValueError(f"expected the reported figure {reported_id!r} among the reported figures, found none")
    figure = sources.loc[reported_id].to_dict()
    work.update(name=_text(figure.get("source")), datePublished=_iso_date(figure.get("published")))
    return work


def _fill(template: str, params: dict[str, Any]) -> str:
    shown = {}
    for key, value in params.items():
        if isinstance(value, dt.date):
            shown[key] = _iso_date(value)
        elif isinstance(value, numbers.Real) and not isinstance(value, bool):
            shown[key] = f"{float(value):.6g}" if key == "rate" else _number(value)
        else:
            shown[key] = value
    return template.format(**shown)


def _shown(value: float, currency: str, is_percent: bool) -> str:
    return f"{_number(value)}% in {currency}" if is_percent else f"{_number(value)} {currency} m"


def _number(value: float) -> str:
    """Grouped, with as many decimals as the value has (up to nine): 39,900; 0.5; -25."""
    text = f"{float(value) + 0.0:,.9f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _signed(value: float) -> str:
    text = _number(value)
    return text if text.startswith("-") or text == "0" else "+" + text


def _iso_date(value: Any) -> str | None:
    if _missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(str(value)).isoformat()


def _text(value: Any) -> str | None:
    return None if _missing(value) or str(value) == "" else str(value)


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, (str, list, dict, tuple)) and bool(pd.isna(value)))


def _plain(value: Any) -> Any:
    """Plain JSON values only: None and empty objects left out, numpy numbers as float."""
    if isinstance(value, dict):
        items = ((key, _plain(item)) for key, item in value.items())
        return {key: item for key, item in items if item is not None and item != {}}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        if not pd.notna(value) or abs(float(value)) == float("inf"):
            raise ValueError(f"expected a finite number, found {value!r}")
        return float(value)
    raise TypeError(f"expected a JSON value, found {type(value).__name__}: {value!r}")
