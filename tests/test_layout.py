"""How the tests are laid out: test data stays out of the runtime package (factories live in each
app's tests package), and a test class keeps to one assertion style."""

import ast
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.engine_independent  # reads source files only

ROOT = Path(__file__).resolve().parents[1]
PORTAL = ROOT / "portal"
FACTORY_IMPORT = re.compile(r"^\s*(?:import|from)\s+(?:factory|wagtail_factories)\b", re.M)


def _runtime_modules() -> list[Path]:
    """Every module of the portal package outside tests/ and the shared test support."""
    return [
        path
        for path in PORTAL.rglob("*.py")
        if "tests" not in path.relative_to(PORTAL).parts
        and not path.is_relative_to(PORTAL / "core" / "testing")
    ]


def test_no_factories_module_beside_an_apps_models():
    assert [str(p) for p in _runtime_modules() if p.name == "factories.py"] == []


def test_no_runtime_module_imports_a_factory_library():
    modules = _runtime_modules()
    assert len(modules) > 100, "the walk found the portal's modules"
    importing = [str(p) for p in modules if FACTORY_IMPORT.search(p.read_text(encoding="utf-8"))]
    assert importing == []


def _calls_self_assert(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr.startswith("assert")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "self"
    )


def test_no_test_class_mixes_self_assert_and_plain_assert():
    """Django TestCase classes use self.assert*; plain pytest functions use plain assert."""
    files = [*PORTAL.rglob("tests/**/test_*.py"), *(ROOT / "tests").rglob("test_*.py")]
    assert len(files) > 100, "the walk found the test modules"
    mixed = []
    for path in files:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                inside = list(ast.walk(node))
                if any(isinstance(n, ast.Assert) for n in inside) and any(
                    _calls_self_assert(n) for n in inside
                ):
                    mixed.append(f"{path.relative_to(ROOT)}::{node.name}")
    assert mixed == []
