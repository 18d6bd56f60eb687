"""Test-suite set-up: no test, and no process a test starts, may reach beyond 127.0.0.1."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

GUARD_DIR = Path(__file__).parent / "tests" / "netguard"
sys.path.insert(0, str(GUARD_DIR))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(GUARD_DIR), os.environ.get("PYTHONPATH")]))

import figures_netguard  # noqa: E402

figures_netguard.install()

# The user's own data folder (rates from `figures rates update`) is not the tests': every report the tests build,
# and every process they start, uses the embedded ECB snapshot unless a test sets a folder of its own.
os.environ["FIGURES_DATA_HOME"] = tempfile.mkdtemp(prefix="figures-tests-data-")
