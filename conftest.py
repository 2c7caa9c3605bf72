"""Suite-wide pytest hooks."""

from portal.core.testing.figures import FIGURES


def pytest_sessionfinish(session):
    """An xdist worker hands its figures to the controller, which prints them all."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["figures"] = list(FIGURES)


def pytest_configure(config):
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_FiguresFromWorkers(), "dancu-figures-from-workers")


class _FiguresFromWorkers:
    def pytest_testnodedown(self, node, error):
        FIGURES.extend(getattr(node, "workeroutput", {}).get("figures", []))


def pytest_terminal_summary(terminalreporter):
    """Print the measured figures (coverage, precision/recall, relevance) after the results."""
    if FIGURES:
        terminalreporter.section("measured figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
