"""The one live-portal fixture: a module's tests share one running_portal().

    from portal.core.testing.fixtures import live_portal

    portal = live_portal("polls-live", env={"VOTES_PER_ADDRESS_ALLOWANCE": "0"})

The module-level name is the fixture's name. A test that needs a portal of its own (its own
settings, or one it stops) still uses `with running_portal(tmp_path, ...)` in its body.
"""

from collections.abc import Callable

import pytest

from . import running_portal

__all__ = ["live_portal"]


def live_portal(
    name: str, *, workers: int = 4, env: dict[str, str] | None = None, **options
) -> Callable:
    """A module-scoped fixture serving running_portal(workers, env, **options) in a `name` dir."""

    def fixture(tmp_path_factory):
        with running_portal(
            tmp_path_factory.mktemp(name), workers=workers, env=env, **options
        ) as live:
            yield live

    fixture.__doc__ = f"A live portal ({name}, {workers} workers) shared by the module's tests."
    return pytest.fixture(scope="module")(fixture)
