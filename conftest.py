"""Suite-wide pytest hooks."""

from portal.core.testing.figures import FIGURES


def pytest_terminal_summary(terminalreporter):
    """Print the measured figures (coverage, precision/recall, relevance) after the results."""
    if FIGURES:
        terminalreporter.section("measured figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
