"""The project's promises about itself: environments in step, codebook complete, two-command set-up."""

import json
import re
import shutil
import subprocess
import tomllib

import pytest

from figures.tabulate import TABLE_COLUMNS
from helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _pins_from_pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {}
    for requirement in project["dependencies"] + [
        r for extra in project["optional-dependencies"].values() for r in extra
    ]:
        name, version = requirement.split("==")
        pins[name.lower()] = version
    return pins


def _pins_from_environment() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"\s+- ([A-Za-z0-9_.-]+)(==|=)([0-9][^\s]*)", line)
        if match:
            pins[match.group(1).lower()] = match.group(3)
    return pins


def test_environment_yml_lists_the_same_packages_and_versions_as_pyproject():
    assert _pins_from_environment() == _pins_from_pyproject()


def test_requirements_lock_agrees_with_pyproject():
    lock = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if "==" in line:
            name, version = line.split("==")
            lock[name.lower().replace("_", "-")] = version
    for name, version in _pins_from_pyproject().items():
        assert lock.get(name.replace("_", "-")) == version, name


def test_quick_start_is_exactly_two_commands():
    quick_start = README.split("## Quick start")[1].split("##")[0]
    commands = [line.strip() for line in quick_start.splitlines() if line.startswith("    ")]
    assert commands == ["make report", "make test"]


def test_codebook_documents_every_column():
    for sidecar_path in (ROOT / "data").glob("*.meta.json"):
        sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
        for column in sidecar["columns"]:
            if column.startswith("<"):
                continue  # the ECB's currency columns, documented as one row
            assert f"| {column} |" in README, f"{sidecar['file']}: {column}"
    for column in (*TABLE_COLUMNS, "selected"):
        assert f"| {column} |" in README, f"comparison.csv: {column}"


def test_makefile_is_self_documenting_with_the_promised_targets():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("help", "report", "test", "fuzz", "lab", "bench", "lint"):
        assert re.search(rf"^{target}:.*## ", makefile, re.MULTILINE), target


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_help_aligns_every_description_past_the_longest_target():
    shown = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "help"], capture_output=True, text=True, check=True
    ).stdout
    lines = shown.splitlines()
    targets = re.findall(r"^([a-z-]+):.*## ", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert [line.split()[1] for line in lines] == targets
    starts = {len(line) - len(line.split(None, 2)[2]) for line in lines}  # where each description begins
    assert starts == {len("  make ") + max(map(len, targets)) + 2}, shown


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_public_function_has_an_example_that_runs_as_a_doctest():
    import importlib
    import inspect
    import pkgutil

    import figures

    missing = []
    for info in pkgutil.iter_modules(figures.__path__):
        if info.name == "__main__":
            continue
        module = importlib.import_module(f"figures.{info.name}")
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            members = [(name, obj)]
            if inspect.isclass(obj):
                members += [(f"{name}.{n}", f) for n, f in vars(obj).items() if inspect.isfunction(f) and n[0] != "_"]
            missing += [f"{info.name}.{n}" for n, f in members if ">>>" not in (inspect.getdoc(f) or "")]
    assert missing == []


def _imports_of(path) -> set[str]:
    """The `figures` modules a module imports, at module level or inside functions alike."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("figures"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)  # a module of a package, if it is one
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("figures."))
    return found


def test_no_module_of_the_package_imports_itself_back():
    # Data flows one way: a cycle, even through an import inside a function, is a knot in that flow.
    package = ROOT / "src" / "figures"
    graph = {
        ".".join(("figures", *p.relative_to(package).with_suffix("").parts)): _imports_of(p)
        for p in [*package.glob("*.py"), *package.glob("charts/*.py")]  # extract/ still has knots of its own
        if p.stem != "__init__"
    }
    graph = {module: {m for m in imports if m in graph and m != module} for module, imports in graph.items()}

    def reaches(start, target, seen):
        return any(nxt == target or (nxt not in seen and reaches(nxt, target, seen | {nxt})) for nxt in graph[start])

    cycles = sorted(module for module in graph if reaches(module, module, {module}))
    assert cycles == []
