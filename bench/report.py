"""The printed table (Markdown, so a run can be pasted into BENCHMARKS.md as is)."""

from dataclasses import dataclass

from .wrk import WrkResult, ratio

__all__ = ["Row", "format_ratio", "format_table"]


@dataclass(frozen=True)
class Row:
    page: str
    configuration: str
    result: WrkResult
    cpu_ms_per_request: float | None = None


def format_ratio(value: float) -> str:
    """'0.0123 (1/81)': the fraction, and how many static responses one page costs."""
    if value >= 1 or value <= 0:
        return f"{value:.2f}"
    return f"{value:.4f} (1/{1 / value:.0f})"


def format_table(rows: list[Row], static: WrkResult) -> str:
    header = [
        "page",
        "configuration",
        "req/s",
        "p50 ms",
        "p99 ms",
        "ratio to static nginx",
        "server CPU ms/req",
    ]
    lines = [header]
    for row in rows:
        lines.append(
            [
                row.page,
                row.configuration,
                f"{row.result.requests_per_sec:,.1f}",
                f"{row.result.p50_ms:,.2f}",
                f"{row.result.p99_ms:,.2f}",
                format_ratio(ratio(row.result.requests_per_sec, static.requests_per_sec)),
                "" if row.cpu_ms_per_request is None else f"{row.cpu_ms_per_request:,.2f}",
            ]
        )
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    numeric = {2, 3, 4, 6}

    def render(cells: list[str]) -> str:
        padded = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "| " + " | ".join(padded) + " |"

    separator = [
        "-" * (width - 1) + ":" if i in numeric else "-" * width for i, width in enumerate(widths)
    ]
    return "\n".join([render(lines[0]), render(separator), *(render(line) for line in lines[1:])])
