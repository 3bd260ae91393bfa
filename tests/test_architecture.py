"""The import contract: layers import down the data flow only (docs/ARCHITECTURE.md).

    astana_site.api / filtersets / exceptions  <-  ingest  <-  rounds  <-  review  <-  dashboard

Read from the source files (every ``import``, also inside functions), so a violation fails
here before it can hide behind a lazy import.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("ingest", "rounds", "review", "dashboard")
# What each package must never import.
FORBIDDEN = {
    "ingest": {"rounds", "review", "dashboard"},
    "rounds": {"review", "dashboard"},
    "review": {"dashboard"},
    "astana_site.api": set(APPS),
    "astana_site.filtersets": set(APPS),
    "astana_site.exceptions": set(APPS),
}


def _module_files(package: str) -> list[Path]:
    path = ROOT / package.replace(".", "/")
    if path.with_suffix(".py").is_file():
        return [path.with_suffix(".py")]
    return [p for p in path.rglob("*.py") if "migrations" not in p.parts]


def _imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_layer_never_imports_a_layer_above_it(package):
    files = _module_files(package)
    assert files, f"no source for {package}"
    violations = sorted(
        f"{path.relative_to(ROOT)} imports {name}"
        for path in files
        for name in _imported_packages(path) & FORBIDDEN[package]
    )
    assert violations == []


def test_the_contract_catches_an_upward_import(tmp_path):
    module = tmp_path / "upward.py"
    module.write_text("def f():\n    from review.linking import article_link\n")
    assert "review" in _imported_packages(module)
