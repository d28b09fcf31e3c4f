"""The core's rooms and the one direction of their imports.

Why a test: the layout (data <- view <- analysis, briefing; i18n under all) is only worth having if
it stays true, and an import that runs the wrong way is easy to add and hard to see in review. The
test reads every module's imports from its syntax tree (lazy imports inside functions included), so
it needs no import side effects and names the file, line and arrow that breaks the rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "components" / "core"
ROOMS = ("data", "view", "analysis", "briefing", "i18n")
#: What each room may import besides itself.
ALLOWED = {
    "data": {"i18n"},
    "view": {"data", "i18n"},
    "analysis": {"data", "view", "i18n"},
    "briefing": {"data", "view", "i18n"},
    "i18n": set(),
}
FORBIDDEN_PACKAGES = ("dash", "flask", "dash_bootstrap_components", "dash_ag_grid")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, dotted module) for every import in ``source``, relative ones resolved, ``from x import y``
    counted as ``x.y`` when ``y`` may be a module."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join(package + ([base] if base else []))
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def room_of(dotted: str) -> str | None:
    parts = dotted.split(".")
    if parts[:2] != ["components", "core"] or len(parts) < 3:
        return None
    return parts[2] if parts[2] in ROOMS else None


def wrong_arrows(source: str, module: str, is_package: bool = False) -> list[str]:
    """Every import of ``module`` that leaves its room for one the room may not use."""
    own = room_of(module)
    problems = []
    for line, target in imported_modules(source, module, is_package):
        other = room_of(target)
        if other and own and other != own and other not in ALLOWED[own]:
            problems.append(f"{module}:{line} imports {target} ({own} -> {other})")
        if target.split(".")[0] in FORBIDDEN_PACKAGES:
            problems.append(f"{module}:{line} imports {target} (the core never imports Dash or Flask)")
    return problems


def core_modules() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def test_every_core_module_lives_in_a_room():
    loose = [p.name for p in CORE.glob("*.py") if p.name != "__init__.py"]
    assert not loose, f"modules outside any room: {loose}"
    assert sorted(p.name for p in CORE.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(ROOMS)


@pytest.mark.parametrize("room", ROOMS)
def test_each_room_says_what_it_is_for_and_what_it_may_import(room):
    doc = ast.get_docstring(ast.parse((CORE / room / "__init__.py").read_text(encoding="utf-8"))) or ""
    assert f"Room ``{room}``" in doc and "May import" in doc and "Browser counterpart" in doc


def test_imports_run_one_way():
    problems = []
    for path in core_modules():
        problems += wrong_arrows(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
    assert not problems, "\n".join(problems)


def test_the_rule_catches_an_arrow_the_wrong_way():
    assert wrong_arrows("from components.core.view.state import ViewState\n", "components.core.data.schema")
    assert wrong_arrows("def f():\n    from components.core.analysis import lag\n", "components.core.view.figures")
    assert wrong_arrows("from components.core.data import columns\n", "components.core.i18n.messages")
    assert wrong_arrows("from ..view import state\n", "components.core.data.schema")
    assert wrong_arrows("import dash\n", "components.core.view.figures")
    assert not wrong_arrows("from components.core.data.columns import Col\n", "components.core.view.metrics")
    assert not wrong_arrows("from components.core import i18n\n", "components.core.data.schema")


def test_no_import_cycles_between_core_modules():
    """A module may import its own package's ``__init__`` and the reverse; any other cycle fails."""
    names = {module_name(p): p for p in core_modules()}
    graph = {}
    for name, path in names.items():
        targets = {t for _, t in imported_modules(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")}
        graph[name] = sorted(t for t in targets if t in names and t != name
                             and not name.startswith(t + ".") and not t.startswith(name + "."))
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(trail[trail.index(nxt):] + [nxt]) if nxt in trail else f"{node} -> {nxt}")
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(cycles)
