"""`python -m bench [NAME…]` (`make bench`): run the benchmarks, each module's main(), in order.

Without names every benchmark runs; name one or more to run only those (`make bench BENCH=search`).
"""

import importlib
import importlib.util
import sys

# The benchmark modules, in the order `make bench` runs them; the others are their helpers.
BENCHMARKS = ["pages_vs_nginx", "write_path", "import_legacy", "search"]


def main(argv: list[str]) -> int:
    names = argv or [name for name in BENCHMARKS if importlib.util.find_spec(f"bench.{name}")]
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
        return 2
    status = 0
    for name in names:
        print(f"\n== bench.{name}", flush=True)
        result = importlib.import_module(f"bench.{name}").main()
        if isinstance(result, int) and result:
            status = result
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
