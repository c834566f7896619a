"""The package's shape, checked: layers that follow the flow (readers -> pipeline -> records ->
writers, runners around them), small modules and functions, documented public names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "newsx"
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60
BASE = {"errors", "settings", "__init__", "__main__"}
# what each part of the package may import from newsx (besides itself and the base)
ALLOWED = {
    "records": set(),
    "io": set(),
    "nlp": {"records"},
    "run": {"records", "io", "nlp"},
    "writers": {"records"},
    "options": {"records", "io"},
    "api": {"options", "records", "io", "nlp", "run", "writers"},
    "cli": {"records", "api", "writers"},
}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def part(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    return rel.parts[0]


def imported(tree: ast.AST) -> set[str]:
    """The newsx parts a module imports, anywhere in it (also inside functions)."""
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            bits = name.split(".")
            if bits[0] == "newsx" and len(bits) > 1 and not name.startswith("newsx.models"):
                found.add(bits[1])
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_follow_the_flow(path: Path):
    here = part(path)
    if here == "__main__":  # `python -m newsx` runs the command line
        allowed = BASE | {"cli"}
    elif here in BASE:
        allowed = BASE
    else:
        allowed = BASE | ALLOWED[here] | {here}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    against = imported(tree) - allowed - {"__version__"}
    assert not against, f"{path.name} ({here}) imports {sorted(against)}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_and_functions_are_small_and_documented(path: Path):
    source = path.read_text(encoding="utf-8")
    assert source.count("\n") <= MAX_MODULE_LINES, f"{path.name}: over {MAX_MODULE_LINES} lines"
    tree = ast.parse(source)
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                problems.append(f"{node.name}: {length} lines")
    for node in tree.body:  # public module-level names, and public methods of public classes
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.name.startswith("_"):
            if ast.get_docstring(node) is None:
                problems.append(f"{node.name}: no docstring")
            if isinstance(node, ast.ClassDef):
                problems += [f"{node.name}.{m.name}: no docstring" for m in node.body
                             if isinstance(m, ast.FunctionDef) and not m.name.startswith("_")
                             and ast.get_docstring(m) is None]
    assert not problems, f"{path.name}: {problems}"


def test_the_layers_have_no_cycle():
    """Part A importing part B and B importing A would undo the layering."""
    graph: dict[str, set[str]] = {}
    for path in modules():
        graph.setdefault(part(path), set()).update(
            imported(ast.parse(path.read_text(encoding="utf-8"))) - {part(path)})
    for a, targets in graph.items():
        for b in targets:
            assert a not in graph.get(b, set()) or {a, b} <= BASE, f"{a} <-> {b}"


def test_the_readme_is_for_users_and_short():
    readme = (PACKAGE.parent / "README.md").read_bytes()
    assert len(readme) <= 15_000, "move details to docs/ (the README is for users)"
