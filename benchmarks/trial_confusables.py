"""Look-alike company names: the UTS #39 skeleton (figures.text_policy over confusable-homoglyphs' data) measured
against confusable-homoglyphs' own checks, on look-alikes made from real names and on real names that differ.

Prints, for each method, how many of the look-alikes it catches and how many pairs of distinct real names it
calls alike (for the skeleton, they are listed: the same name spelled with ' and ’), then the cost of the
skeleton (table built once; microseconds a name). confusable-homoglyphs' own checks judge one name, not a
pair: `is_dangerous` (mixed scripts with a confusable character) misses a look-alike written in one script
("AIibaba", a zero-width space), `is_confusable` also flags real names.

Real names: every company and alias in the extractor's tables (src/figures/extract/fiscal_year_ends.csv,
home_currencies.csv) and in tests/corpus's gold files. Look-alikes of each: a Cyrillic or Greek letter for a
Latin one, capital I for l, digit 0 for O, a zero-width space or joiner, a fullwidth first letter.
"""

from __future__ import annotations

import csv
import itertools
import time
from pathlib import Path

from confusable_homoglyphs import confusables

from figures.text_policy import _prototypes, skeleton

ROOT = Path(__file__).resolve().parents[1]
SWAPS = {"A": "\u0410", "a": "\u0430", "e": "\u0435", "o": "\u03bf", "p": "\u0440", "c": "\u0441", "l": "I", "O": "0"}


def real_names() -> list[str]:
    names: set[str] = set()
    tables = [ROOT / "src/figures/extract/fiscal_year_ends.csv", ROOT / "src/figures/extract/home_currencies.csv"]
    for path in [*tables, *sorted((ROOT / "tests/corpus").rglob("*.csv"))]:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            for row in csv.DictReader(stream):
                names.add(row.get("company", "").strip())
                names.update(alias.strip() for alias in (row.get("aliases") or "").split("|"))
    return sorted(name for name in names if name)


def look_alikes(name: str) -> list[str]:
    made = [name[:i] + SWAPS[c] + name[i + 1 :] for i, c in enumerate(name) if c in SWAPS][:2]
    made.append(name[:1] + "\u200b" + name[1:])
    made.append(name[:1] + "\u200d" + name[1:])
    if "A" <= name[:1] <= "Z":
        made.append(chr(ord(name[0]) - ord("A") + 0xFF21) + name[1:])
    return made


def main() -> None:
    names = real_names()
    pairs = [(name, alike) for name in names for alike in look_alikes(name)]
    methods = {
        "skeleton (UTS #39)": lambda name, alike: skeleton(name) == skeleton(alike),
        "is_dangerous": lambda name, alike: bool(confusables.is_dangerous(alike, preferred_aliases=["latin"])),
        "is_confusable": lambda name, alike: bool(confusables.is_confusable(alike, preferred_aliases=["latin"])),
    }
    distinct = list(itertools.combinations(names, 2))
    print(f"{len(names)} real names, {len(pairs)} look-alikes, {len(distinct):,} pairs of distinct real names")
    for label, alike in methods.items():
        caught = sum(alike(name, other) for name, other in pairs)
        if label.startswith("skeleton"):
            by_skeleton: dict[str, list[str]] = {}
            for name in names:
                by_skeleton.setdefault(skeleton(name), []).append(name)
            wrong = sum(len(group) * (len(group) - 1) // 2 for group in by_skeleton.values())
            print(
                "  names alike by their skeleton:", "; ".join(" = ".join(g) for g in by_skeleton.values() if len(g) > 1)
            )
        else:
            wrong = sum(alike(name, name) for name in names)  # a check of one name: flags the real name itself
        print(f"{label}\tcaught {caught}/{len(pairs)}\tdistinct real names called alike {wrong}")
    _prototypes.cache_clear()
    start = time.perf_counter()
    _prototypes()
    built = time.perf_counter() - start
    start = time.perf_counter()
    for name in names * 10:
        skeleton(name)
    each = (time.perf_counter() - start) / (len(names) * 10)
    print(f"skeleton table built in {built * 1000:.0f} ms; {each * 1e6:.1f} µs a name")


if __name__ == "__main__":
    main()
