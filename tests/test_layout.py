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


DJANGO_TEST_CASES = frozenset(
    {
        "TestCase",
        "SimpleTestCase",
        "TransactionTestCase",
        "LiveServerTestCase",
        "StaticLiveServerTestCase",
    }
)


def _test_classes() -> list[tuple[Path, ast.ClassDef]]:
    """Every top-level class of the test modules, with the module it is in."""
    files = [*PORTAL.rglob("tests/**/test_*.py"), *(ROOT / "tests").rglob("test_*.py")]
    assert len(files) > 100, "the walk found the test modules"
    return [
        (path, node)
        for path in files
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.ClassDef)
    ]


def _base_names(node: ast.ClassDef) -> set[str]:
    """The names of a class's bases: `TestCase` for both `TestCase` and `django.test.TestCase`."""
    return {
        base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")
        for base in node.bases
    }


def test_no_test_class_mixes_self_assert_and_plain_assert():
    """Django TestCase classes use self.assert*; plain pytest functions use plain assert."""
    mixed = []
    for path, node in _test_classes():
        inside = list(ast.walk(node))
        if any(isinstance(n, ast.Assert) for n in inside) and any(
            _calls_self_assert(n) for n in inside
        ):
            mixed.append(f"{path.relative_to(ROOT)}::{node.name}")
    assert mixed == []


def test_django_test_classes_use_no_plain_assert():
    """A class deriving from a Django test case, directly or through a project base class such as
    CommentTestCase (resolved by name across the test modules), asserts with self.assert* only."""
    classes = _test_classes()
    django = set(DJANGO_TEST_CASES)
    while True:
        derived = {node.name for _, node in classes if _base_names(node) & django}
        if derived <= django:
            break
        django |= derived
    assert "CodeUsedOnceTests" in django, "subclasses of a project base class are resolved"
    plain = [
        f"{path.relative_to(ROOT)}::{node.name}"
        for path, node in classes
        if _base_names(node) & django and any(isinstance(n, ast.Assert) for n in ast.walk(node))
    ]
    assert plain == []
