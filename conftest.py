"""Suite-wide pytest hooks."""

import uuid

import pytest

from portal.core.testing import remove_shared_templates
from portal.core.testing.figures import FIGURES


def pytest_sessionfinish(session):
    """An xdist worker hands its figures to the controller, which prints them all; the
    controller removes the prepared databases its workers shared (portal.core.testing)."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["figures"] = list(FIGURES)
    elif getattr(session.config.option, "testrunuid", None):
        remove_shared_templates(session.config.option.testrunuid)


def pytest_configure(config):
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_FiguresFromWorkers(), "dancu-figures-from-workers")
        # The controller names the run, so that it knows what its workers shared.
        if not hasattr(config, "workerinput") and config.getoption("testrunuid", None) is None:
            config.option.testrunuid = uuid.uuid4().hex


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Live tests that use no test database first. On a few workers the longest tests then run
    beside the many short ones instead of ending the run alone. After pytest-django's ordering
    (test cases, then transactional ones, whose flush would empty the database for any test case
    after them), which this keeps for every other test: the sort is stable."""
    items.sort(key=lambda item: not _live_without_test_database(item))


def _live_without_test_database(item) -> bool:
    from django.test import TransactionTestCase

    if not item.get_closest_marker("live") or item.get_closest_marker("django_db"):
        return False
    if {"db", "transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())):
        return False
    cls = getattr(item, "cls", None)
    return not (cls and issubclass(cls, TransactionTestCase))


class _FiguresFromWorkers:
    def pytest_testnodedown(self, node, error):
        FIGURES.extend(getattr(node, "workeroutput", {}).get("figures", []))


def pytest_terminal_summary(terminalreporter):
    """Print the measured figures (coverage, precision/recall, relevance) after the results."""
    if FIGURES:
        terminalreporter.section("measured figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
