"""The users' CI: a GitHub workflow running the project's test command, checked by actionlint; ruff in pre-commit."""

import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from helpers import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "test.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
# The binary the dev dependencies install beside the environment's python.
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def actionlint(path: Path) -> subprocess.CompletedProcess:
    """actionlint on one file, its external tools (shellcheck, pyflakes) off: the same answer offline, anywhere."""
    assert ACTIONLINT.exists(), f"expected actionlint at {ACTIONLINT}: install the dev dependencies"
    command = [str(ACTIONLINT), "-shellcheck=", "-pyflakes=", "-no-color", "-oneline", str(path)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_actionlint_finds_nothing_in_the_workflow():
    checked = actionlint(WORKFLOW)
    assert (checked.returncode, checked.stdout + checked.stderr) == (0, "")


def test_actionlint_would_report_a_mistake(tmp_path):
    broken = tmp_path / "test.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:"), encoding="utf-8")
    checked = actionlint(broken)
    assert checked.returncode == 1 and "runs_on" in checked.stdout


def test_the_workflow_runs_make_test_with_debian_chromium_on_push_and_pull_request():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"push", "pull_request"}
    (job,) = workflow["jobs"].values()
    assert job["container"].startswith("debian:")
    runs = [step.get("run", "") for step in job["steps"]]
    assert any("apt-get install" in run and "chromium" in run.split() for run in runs)
    (test,) = [step for step in job["steps"] if step.get("run", "").strip() == "make test"]
    assert test["env"]["FIGURES_REQUIRE_BROWSER"] == "1"  # as .ci/run: no browser test may be skipped
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_pre_commit_runs_ruff_at_the_pinned_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = dict(requirement.split("==") for requirement in project["optional-dependencies"]["dev"])
    (repo,) = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))["repos"]
    assert repo["repo"] == "https://github.com/astral-sh/ruff-pre-commit"
    assert repo["rev"] == f"v{pins['ruff']}"
    hooks = {hook["id"]: hook.get("args", []) for hook in repo["hooks"]}
    assert hooks == {"ruff-check": ["--fix"], "ruff-format": []}
