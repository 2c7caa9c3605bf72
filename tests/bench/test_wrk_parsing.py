"""The pure parts of `make bench`: reading wrk's report, the ratio, the table; and the nginx baseline."""

import os
import re
from pathlib import Path

from django.test import SimpleTestCase

import pytest

from bench.cpu import parse_proc_stat, process_tree_cpu_seconds
from bench.report import Row, format_ratio, format_table
from bench.wrk import WrkResult, parse_duration_ms, parse_wrk_output, ratio

pytestmark = pytest.mark.engine_independent  # wrk's reports and a static nginx: no database

FIXTURES = Path(__file__).parent / "fixtures"
PERCENTILE = re.compile(r"^\s+\d+%\s")


def sample(name: str) -> str:
    """A report captured from Debian's wrk 4.1.0 (`wrk --latency -t 2 -c 32 ...`)."""
    return (FIXTURES / name).read_text()


def result(rate: float) -> WrkResult:
    return WrkResult(
        requests=int(rate * 10),
        seconds=10.0,
        requests_per_sec=rate,
        p50_ms=1.5,
        p75_ms=2.0,
        p90_ms=3.0,
        p99_ms=12.25,
    )


class WrkDurationTests(SimpleTestCase):
    def test_every_wrk_unit_is_converted_to_milliseconds(self):
        cases = {
            "739.00us": 0.739,
            "2.34ms": 2.34,
            "2.84s": 2840.0,
            "1.50m": 90_000.0,
            "10.70ms": 10.7,
        }
        for text, expected in cases.items():
            with self.subTest(text=text):
                self.assertAlmostEqual(parse_duration_ms(text), expected)

    def test_text_that_is_not_a_duration_is_refused(self):
        for text in ["", "12", "3.1xs", "ms"]:
            with self.subTest(text=text), self.assertRaises(ValueError):
                parse_duration_ms(text)


class WrkOutputParsingTests(SimpleTestCase):
    def test_a_clean_run_gives_rate_percentiles_and_no_problems(self):
        parsed = parse_wrk_output(sample("wrk_nginx_ok.txt"))

        self.assertAlmostEqual(parsed.requests_per_sec, 27556.18)
        self.assertEqual(parsed.requests, 85945)
        self.assertAlmostEqual(parsed.seconds, 3.12)
        self.assertAlmostEqual(parsed.p50_ms, 0.739)
        self.assertAlmostEqual(parsed.p75_ms, 2.34)
        self.assertAlmostEqual(parsed.p90_ms, 4.66)
        self.assertAlmostEqual(parsed.p99_ms, 10.70)
        self.assertEqual(parsed.non_2xx_3xx, 0)
        self.assertEqual(parsed.socket_errors, 0)
        self.assertEqual(parsed.problems(), [])

    def test_slow_pages_report_percentiles_in_seconds(self):
        parsed = parse_wrk_output(sample("wrk_portal_slow.txt"))

        self.assertEqual(parsed.requests, 80)
        self.assertAlmostEqual(parsed.requests_per_sec, 7.91)
        self.assertAlmostEqual(parsed.p50_ms, 2780.0)
        self.assertAlmostEqual(parsed.p99_ms, 7540.0)
        self.assertEqual(parsed.problems(), [])

    def test_error_responses_and_timeouts_are_reported_as_problems(self):
        parsed = parse_wrk_output(sample("wrk_errors.txt"))

        self.assertEqual(parsed.non_2xx_3xx, 3811)
        self.assertEqual(parsed.timeouts, 6)
        self.assertAlmostEqual(parsed.requests_per_sec, 1268.71)
        problems = " / ".join(parsed.problems())
        self.assertIn("3811 non-2xx/3xx responses", problems)
        self.assertIn("timeout 6", problems)

    def test_output_of_a_run_without_latency_flag_is_refused(self):
        lines = sample("wrk_nginx_ok.txt").splitlines()
        without = [
            line for line in lines if "Distribution" not in line and not PERCENTILE.match(line)
        ]

        with self.assertRaisesRegex(ValueError, "latency distribution"):
            parse_wrk_output("\n".join(without))

    def test_output_missing_a_percentile_is_refused(self):
        lines = sample("wrk_nginx_ok.txt").splitlines()
        without = [line for line in lines if not line.strip().startswith("99%")]

        with self.assertRaisesRegex(ValueError, r"percentiles \[99\]"):
            parse_wrk_output("\n".join(without))

    def test_output_without_request_rate_is_refused(self):
        text = sample("wrk_nginx_ok.txt").replace("Requests/sec:", "Req:")

        with self.assertRaisesRegex(ValueError, "Requests/sec"):
            parse_wrk_output(text)


class RatioTests(SimpleTestCase):
    def test_ratio_is_page_rate_over_static_rate(self):
        self.assertAlmostEqual(ratio(150.0, 30000.0), 0.005)

    def test_a_static_baseline_without_requests_is_refused(self):
        with self.assertRaises(ValueError):
            ratio(150.0, 0.0)

    def test_ratio_is_shown_as_a_fraction_and_as_one_in_n(self):
        self.assertEqual(format_ratio(0.005), "0.0050 (1/200)")
        self.assertEqual(format_ratio(1.25), "1.25")


class TableTests(SimpleTestCase):
    def test_table_has_one_markdown_row_per_page_with_its_ratio(self):
        rows = [
            Row("article (seed)", "SQLite", result(150.0)),
            Row("home", "SQLite", result(100.0)),
        ]

        table = format_table(rows, result(30000.0)).splitlines()

        self.assertEqual(len(table), 4)
        self.assertTrue(table[0].startswith("| page "))
        self.assertIn("ratio to static nginx", table[0])
        self.assertIn("---:", table[1])
        self.assertIn("150.0", table[2])
        self.assertIn("12.25", table[2])
        self.assertIn("0.0050 (1/200)", table[2])
        self.assertIn("(1/300)", table[3])

    def test_server_cpu_per_request_is_shown_when_measured(self):
        row = Row("home", "SQLite", result(100.0), cpu_ms_per_request=18.456)

        table = format_table([row], result(30000.0)).splitlines()

        self.assertIn("server CPU ms/req", table[0])
        self.assertTrue(table[2].rstrip(" |").endswith("18.46"))


class ProcStatTests(SimpleTestCase):
    def test_parent_and_cpu_seconds_are_read_after_the_command_name(self):
        ticks = os.sysconf("SC_CLK_TCK")
        line = (
            "4407 (gunicorn: worker (x)) S 4404 4404 10391 0 -1 4194304 99 0 0 0 "
            f"{3 * ticks} {ticks} {2 * ticks} {ticks} 20 0 1 0 304977 3133440 382"
        )

        parent, seconds = parse_proc_stat(line)

        self.assertEqual(parent, 4404)
        # 3 s user + 1 s system of its own, 2 + 1 of the children it reaped (recycled workers).
        self.assertAlmostEqual(seconds, 7.0)

    def test_this_process_has_used_some_cpu(self):
        self.assertGreater(process_tree_cpu_seconds(os.getpid()), 0)


@pytest.mark.live
class NginxBaselineTests(SimpleTestCase):
    def test_nginx_serves_the_page_and_wrk_measures_it_without_errors(self):
        from bench.nginx import serving_static_file
        from bench.pages import fetch
        from bench.wrk import run_wrk

        html = "<!DOCTYPE html><p>Đoàn kiểm tra số 2</p>".encode()
        with serving_static_file(html, workers=1) as server:
            status, headers, body = fetch(server.url)
            measured, output = run_wrk(server.url, duration=1, connections=4, threads=1)

        self.assertEqual(status, 200)
        self.assertEqual(body, html)
        self.assertTrue(headers["Content-Type"].startswith("text/html"))
        self.assertGreater(measured.requests, 0, output)
        self.assertEqual(measured.problems(), [], output)
