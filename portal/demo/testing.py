"""The demo content for in-process tests: built by the real loader the first time a process
meets a given database state, then replayed as rows (portal.core.testing.replay).

Tests of the loader itself, and the browser journeys, call `portal.demo.content` directly.
"""

from portal.core.testing.replay import Replayable

from .content import load_demo_content as build_demo_content

__all__ = ["load_demo_content"]

load_demo_content = Replayable(build_demo_content)
