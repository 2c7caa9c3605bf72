"""Test data stays out of the runtime package: factories live in each app's tests package."""

import re
from pathlib import Path

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
