"""Measure the candidate libraries for `figures extract` on the corpus of real articles, side by side.

Sentence splitting: the extractor's own splitter against pysbd and syntok, each put in its place for a whole
scoring run over the development split (the held-out split is not touched); dates: dateparser's search against
the extractor's period patterns on the same texts. Prints the scores and the time of each run relative to the
extractor's own (a ratio measured in one process, side by side).

    .venv/bin/pip install pysbd syntok dateparser   # not dependencies of figures
    .venv/bin/python benchmarks/trial_libraries.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import figures.extract.claims as claims_module
from figures.extract import sentences as own
from figures.extract.score import corpus_articles, read_meta, score_article, scores

DEV = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "dev"


def pysbd_splitter(language: str):
    import pysbd

    segmenters = {code: pysbd.Segmenter(language=code, clean=False, char_span=True) for code in ("en", "fr", "de")}

    def split(text: str) -> list[tuple[int, int]]:
        # pysbd needs the language: the article's, from its sidecar.
        return [(span.start, span.end) for span in segmenters[_LANGUAGE[0]].segment(text)]

    return split


def syntok_splitter(_language: str):
    from syntok import segmenter

    def split(text: str) -> list[tuple[int, int]]:
        spans = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                tokens = list(sentence)
                start = tokens[0].offset
                end = tokens[-1].offset + len(tokens[-1].value)
                spans.append((start, end))
        return spans or [(0, len(text))]

    return split


_LANGUAGE = ["en"]


def _scored(article: Path):
    _LANGUAGE[0] = read_meta(article)["language"]
    return score_article(article)


def run(label: str, splitter) -> tuple[str, dict, float]:
    claims_module.split_sentences = splitter
    started = time.perf_counter()
    result = scores(_scored(article) for article in corpus_articles([DEV]))
    elapsed = time.perf_counter() - started
    claims_module.split_sentences = own.split_sentences
    return label, result.as_dict(), elapsed


def dateparser_trial() -> str:
    """How many of the period phrases the extractor's patterns find on the corpus dateparser reads at all (it
    returns one date, never a span such as a quarter or a fiscal year)."""
    import json

    import dateparser

    from figures.extract.article import read_article
    from figures.extract.claims import _Extractor

    phrases = []
    for article in corpus_articles([DEV]):
        meta = json.loads(Path(f"{article}.meta.json").read_text(encoding="utf-8"))
        extractor = _Extractor(read_article(article, lang=meta["language"], published=meta["published"]), {})
        phrases += [(meta["language"], m.period.wording) for _, m in extractor.periods]
    read = sum(dateparser.parse(wording, languages=[code]) is not None for code, wording in phrases)
    return f"dateparser reads {read} of {len(phrases)} period phrases found by the extractor's patterns"


def main() -> int:
    run("warm-up", own.split_sentences)
    runs = [run("own splitter", own.split_sentences)]
    for label, factory in (("pysbd", pysbd_splitter), ("syntok", syntok_splitter)):
        try:
            runs.append(run(label, factory("")))
        except ImportError as error:
            print(f"{label}: not installed ({error})")
    base = runs[0][2]
    for label, result, elapsed in runs:
        shown = ", ".join(
            f"{key} {value:.3f}" if isinstance(value, float) else f"{key} {value}" for key, value in result.items()
        )
        print(f"{label:14} {elapsed / base:5.2f}× time  {shown}")
    try:
        print(dateparser_trial())
    except ImportError as error:
        print(f"dateparser: not installed ({error})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
