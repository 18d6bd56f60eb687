"""From an article's own words to a draft claims file: every revenue and revenue-growth figure it states.

`figures extract ARTICLE --out CLAIMS.csv` (or `write_draft` from a notebook) reads a news article,
plain text or a saved HTML page, in French, English or German, and writes a claims file in the
format of data/article_figures.csv with its provenance sidecar. It is a draft: each row keeps the
exact words it comes from (`wording`) and its sentence (`note`), and whatever the text leaves open
(no period, a company named only earlier, a fiscal year of unknown end) is flagged for a person to
review, never silently settled. `--review PAGE.html` shows the article with every figure marked.

What is not the revenue of a group stays out of the draft and is listed on the review page: profit,
merchandise volume, users, a market's or an economy's growth, a previous period's figure given for
comparison, and a segment's revenue (the claims format has no component column).

The modules, in the order an article flows through them: `article` (reading it), `sentences`, `amounts`,
`periods` (what the words say of a period) and `period_dates` (the days it covers), `companies` (with `names`,
`name_runs` and `company_choice`), `claims` (the pass that classifies every figure, with `claim_words`,
`claim_amounts`, `claim_periods` and `claim_rows`), `draft` (the claims file and its sidecar), `review` (the
review page); `language` compiles each language's tables.
"""

from figures.extract.article import Article, read_article
from figures.extract.claims import extract, extract_claims
from figures.extract.draft import (
    HEADER,
    check_targets,
    draft_csv,
    draft_sidecar,
    extractor_version,
    save_draft,
    write_draft,
)
from figures.extract.period_dates import resolve_period
from figures.extract.periods import Period
from figures.extract.results import Claim, Extraction, LeftOut
from figures.extract.review import render_review
from figures.extract.sentences import split_sentences

__all__ = [
    "HEADER",
    "Article",
    "Claim",
    "Extraction",
    "LeftOut",
    "Period",
    "check_targets",
    "draft_csv",
    "draft_sidecar",
    "extract",
    "extract_claims",
    "extractor_version",
    "read_article",
    "render_review",
    "resolve_period",
    "save_draft",
    "split_sentences",
    "write_draft",
]
