"""Figures a test measures (coverage, precision, recall, success@3) shown at the end of the run."""

__all__ = ["FIGURES", "record_figure"]

FIGURES: list[str] = []


def record_figure(line: str) -> None:
    """Print `line` now and again in pytest's terminal summary, where it cannot be missed."""
    print(line)
    FIGURES.append(line)
