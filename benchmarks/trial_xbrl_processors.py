"""Measure the XBRL processors tried for inline XBRL: ixbrlparse (chosen) against Arelle (the reference), side by side.

Each processor lives in a venv of its own (made by this script with `--make-venvs DIR`, from PyPI, or given with
`--ixbrlparse PYTHON --arelle PYTHON`). For each, on the inline fixtures of tests/filings: whether it reads the
revenue facts the tests expect (read by hand from the filings), the size of what it installs (site-packages less an
empty venv's, in MB), and the time to read one filing, the two timed in alternation in one run (ratio
Arelle/ixbrlparse).

    python benchmarks/trial_xbrl_processors.py --make-venvs /tmp/xbrl-trial
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = [
    ROOT / "tests/filings/valeo_2014_income_statement.xhtml",
    ROOT / "tests/filings/faurecia_2014_income_statement.xhtml",
]
EXPECTED = {  # (file, period end): revenue in EUR, read by hand from the income statements
    ("valeo_2014_income_statement.xhtml", "2014-12-31"): 12_725_000_000,
    ("valeo_2014_income_statement.xhtml", "2013-12-31"): 11_662_000_000,
    ("faurecia_2014_income_statement.xhtml", "2014-12-31"): 18_828_900_000,
    ("faurecia_2014_income_statement.xhtml", "2013-12-31"): 18_028_600_000,
    ("faurecia_2014_income_statement.xhtml", "2012-12-31"): 17_364_500_000,
}
PINS = {"ixbrlparse": "ixbrlparse==0.12.0", "arelle": "arelle-release==2.47.3"}
RUNS = 20

READERS = {
    "ixbrlparse": """
import datetime as dt, json, sys, time
from ixbrlparse import IXBRL
out, times = {}, []
for path in sys.argv[1:]:
    for _ in range(RUNS):
        start = time.perf_counter()
        document = IXBRL.open(path, raise_on_error=False)
        times.append(time.perf_counter() - start)
    for n in document.numeric:
        if n.name == "Revenue" and not isinstance(n.context, str):
            out[f"{path.rsplit('/', 1)[-1]}|{n.context.enddate}"] = round(n.value)
print(json.dumps({"revenue": out, "times": times}))
""",
    "arelle": """
import datetime as dt, json, sys, time
from arelle import Cntlr
controller = Cntlr.Cntlr(logFileName="logToBuffer")
controller.webCache.workOffline = True
out, times = {}, []
for path in sys.argv[1:]:
    for _ in range(RUNS):
        start = time.perf_counter()
        model = controller.modelManager.load(path)
        times.append(time.perf_counter() - start)
        for f in model.facts:
            if str(f.qname).endswith(":Revenue"):
                end = (f.context.endDatetime - dt.timedelta(days=1)).date()
                out[f"{path.rsplit('/', 1)[-1]}|{end}"] = int(f.value)
        controller.modelManager.close(model)
print(json.dumps({"revenue": out, "times": times}))
""",
}


def site_packages_mb(python: Path) -> float:
    code = "import site, sys; print(site.getsitepackages()[0])"
    folder = Path(subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout.strip())
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def make_venvs(base: Path) -> dict[str, Path]:
    pythons = {}
    for name in ("empty", *PINS):
        builder_dir = base / name
        if not (builder_dir / "bin/python").exists():
            venv.EnvBuilder(with_pip=True).create(builder_dir)
            if name in PINS:
                subprocess.run([builder_dir / "bin/python", "-m", "pip", "install", "-q", PINS[name]], check=True)
        pythons[name] = builder_dir / "bin/python"
    return pythons


def run(python: Path, name: str) -> dict:
    code = READERS[name].replace("RUNS", str(RUNS))
    result = subprocess.run([python, "-c", code, *map(str, FIXTURES)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--make-venvs", type=Path, help="make (or reuse) one venv per processor in this folder")
    parser.add_argument("--ixbrlparse", type=Path, help="a python with ixbrlparse installed")
    parser.add_argument("--arelle", type=Path, help="a python with arelle-release installed")
    parser.add_argument("--empty", type=Path, help="a python of an empty venv (the size baseline)")
    args = parser.parse_args()
    pythons = (
        make_venvs(args.make_venvs)
        if args.make_venvs
        else {"ixbrlparse": args.ixbrlparse, "arelle": args.arelle, "empty": args.empty}
    )
    baseline = site_packages_mb(pythons["empty"])
    results = {}
    for _round in range(3):  # alternate, so that both see the same machine load
        for name in PINS:
            times = run(pythons[name], name)
            results.setdefault(name, {"revenue": times["revenue"], "times": []})["times"] += times["times"]
    expected = {f"{file}|{end}": value for (file, end), value in EXPECTED.items()}
    medians = {}
    for name, result in results.items():
        times = sorted(result["times"])
        medians[name] = times[len(times) // 2]
        right = sum(result["revenue"].get(key) == value for key, value in expected.items())
        size = site_packages_mb(pythons[name]) - baseline
        print(
            f"{name}: {right}/{len(expected)} revenue facts right, installs {size:.0f} MB,"
            f" median {medians[name] * 1000:.1f} ms per filing"
        )
    print(f"time per filing, arelle / ixbrlparse: {medians['arelle'] / medians['ixbrlparse']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
