"""The benchmark's pure parts: wrk parsing, percentiles, budgets. No server is started."""

import io
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import resolve

from bench.bodies import BODIES, phone_photo
from bench.endpoints import (
    DATA_SETS,
    ENDPOINTS,
    FLOOR,
    PUBLIC_PAGE_BUDGET,
    WORKER_MEMORY,
    Budget,
    ratio,
)
from bench.pyload import Request, check_local
from bench.report import evaluate, format_table
from bench.server import parse_status_kb
from bench.stats import LoadResult, floor_drift_of, percentile, summarise
from bench.wrk import parse_duration_ms, parse_wrk_output, wrk_command

WRK_TEXT = """\
Running 10s test @ http://127.0.0.1:8765/bench/floor
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    21.73ms   25.01ms 312.45ms   88.12%
    Req/Sec   721.33    101.20     1.01k    70.50%
  Latency Distribution
     50%   15.22ms
     75%   24.03ms
     90%   51.10ms
     99%  130.77ms
  14371 requests in 10.01s, 4.11MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 7
Requests/sec:   1435.70
Transfer/sec:    420.61KB
"""

SCRIPT_LINE = (
    "BENCH_RESULT requests=14371 duration_us=10010000 p50_us=15219.0 p95_us=76530.5 "
    "connect=0 read=3 write=0 status=7 timeout=2\n"
)


class TestWrkParsing:
    def test_script_line_wins_and_gives_p95(self) -> None:
        result = parse_wrk_output(WRK_TEXT + SCRIPT_LINE)
        assert result.requests == 14371
        assert result.duration_s == pytest.approx(10.01)
        assert result.p50_ms == pytest.approx(15.219)
        assert result.p95_ms == pytest.approx(76.531)
        assert result.rps == pytest.approx(14371 / 10.01, abs=0.1)
        assert result.errors == 5  # read 3 + timeout 2
        assert result.non_2xx == 7
        assert result.failed == 12

    def test_plain_wrk_text_without_script(self) -> None:
        result = parse_wrk_output(WRK_TEXT)
        assert result.requests == 14371
        assert result.rps == pytest.approx(1435.70)
        assert result.p50_ms == pytest.approx(15.22)
        assert result.p95_ms is None  # --latency has no 95th percentile
        assert result.errors == 5
        assert result.non_2xx == 7

    def test_clean_run_has_no_failures(self) -> None:
        text = WRK_TEXT.replace("  Socket errors: connect 0, read 3, write 0, timeout 2\n", "")
        text = text.replace("  Non-2xx or 3xx responses: 7\n", "")
        result = parse_wrk_output(text)
        assert result.failed == 0

    def test_garbage_is_refused(self) -> None:
        with pytest.raises(ValueError):
            parse_wrk_output("unable to connect to 127.0.0.1:8765 Connection refused")

    @pytest.mark.parametrize(
        ("text", "ms"),
        [("812.00us", 0.812), ("1.23ms", 1.23), ("2.01s", 2010.0), ("1.50m", 90_000.0)],
    )
    def test_durations(self, text: str, ms: float) -> None:
        assert parse_duration_ms(text) == pytest.approx(ms)

    def test_bad_duration(self) -> None:
        with pytest.raises(ValueError):
            parse_duration_ms("12 parsecs")

    def test_command_caps_threads_by_connections(self, tmp_path) -> None:
        cmd = wrk_command(
            "wrk", "http://127.0.0.1:1/", duration_s=3, connections=1, script=tmp_path / "s.lua"
        )
        assert cmd[1:4] == ["-t1", "-c1", "-d3s"]
        assert "--latency" in cmd and cmd[-1] == "http://127.0.0.1:1/"


class TestPercentiles:
    def test_nearest_rank_on_one_to_hundred(self) -> None:
        samples = [float(n) for n in range(100, 0, -1)]  # unsorted on purpose
        assert percentile(samples, 50) == 50.0
        assert percentile(samples, 95) == 95.0
        assert percentile(samples, 100) == 100.0
        assert percentile(samples, 1) == 1.0

    def test_small_samples(self) -> None:
        assert percentile([7.0], 95) == 7.0
        assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.0  # rank ceil(2.0) = 2
        assert percentile([1.0, 2.0, 3.0, 4.0], 95) == 4.0  # rank ceil(3.8) = 4
        assert percentile([3.0, 1.0, 2.0], 50) == 2.0

    def test_empty_and_invalid(self) -> None:
        assert percentile([], 50) is None
        with pytest.raises(ValueError):
            percentile([1.0], 0)
        with pytest.raises(ValueError):
            percentile([1.0], 101)

    def test_summarise_converts_to_ms_and_rps(self) -> None:
        # 20 requests of 10 ms and one slow one of 500 ms, over 2 seconds.
        latencies = [0.010] * 20 + [0.500]
        result = summarise(latencies, 2.0, errors=1, non_2xx=2)
        assert result.requests == 21
        assert result.p50_ms == pytest.approx(10.0)
        assert result.p95_ms == pytest.approx(10.0)  # rank ceil(19.95) = 20: still 10 ms
        assert result.rps == pytest.approx(10.5)
        assert result.failed == 3

    def test_summarise_nothing(self) -> None:
        result = summarise([], 1.0)
        assert (result.requests, result.p50_ms, result.p95_ms, result.rps) == (0, None, None, 0)

    def test_floor_drift(self) -> None:
        assert floor_drift_of(1000.0, 800.0) == pytest.approx(-0.2)
        assert floor_drift_of(1000.0, 1250.0) == pytest.approx(0.25)
        assert floor_drift_of(1000.0, None) is None
        assert floor_drift_of(0.0, 10.0) is None

    def test_round_trip_through_json_dict(self) -> None:
        result = summarise([0.001, 0.002], 1.0)
        assert LoadResult.from_dict(result.to_dict()) == result


class TestBudgets:
    def test_public_page_met(self) -> None:
        assert PUBLIC_PAGE_BUDGET.misses(p95_ms=80.0, ratio_to_floor=0.6, queries=[3, None]) == []

    def test_public_page_missed_on_both_counts(self) -> None:
        misses = PUBLIC_PAGE_BUDGET.misses(p95_ms=614.0, ratio_to_floor=0.12, queries=[2, None])
        assert misses == ["throughput 12% of floor < 50%", "p95 614 ms > 100 ms"]

    def test_boundaries_are_inclusive(self) -> None:
        assert PUBLIC_PAGE_BUDGET.misses(p95_ms=100.0, ratio_to_floor=0.5, queries=[]) == []

    def test_unknown_values_miss(self) -> None:
        misses = PUBLIC_PAGE_BUDGET.misses(p95_ms=None, ratio_to_floor=None, queries=[])
        assert misses == ["throughput ratio unknown", "p95 unknown"]

    def test_failed_requests_miss_any_budget(self) -> None:
        assert Budget("anything").misses(
            p95_ms=1.0, ratio_to_floor=1.0, queries=[], failed_requests=4
        ) == ["4 failed or non-2xx/3xx requests"]

    def test_query_budget_checks_small_and_full(self) -> None:
        budget = Budget("<= 15 queries", max_queries=15)
        assert budget.misses(p95_ms=None, ratio_to_floor=None, queries=[12, None]) == []
        assert budget.misses(p95_ms=None, ratio_to_floor=None, queries=[12, 16]) == [
            "16 SQL queries > 15",
            "SQL queries grow with the data (12 -> 16)",
        ]
        # over the budget at both sizes: said once; constant: no growth
        assert budget.misses(p95_ms=None, ratio_to_floor=None, queries=[17, 17]) == [
            "17 SQL queries > 15"
        ]
        assert Budget("x").misses(p95_ms=None, ratio_to_floor=None, queries=[3, 4]) == [
            "SQL queries grow with the data (3 -> 4)"
        ]

    def test_floor_must_not_touch_the_database(self) -> None:
        assert FLOOR.budget.misses(p95_ms=5.0, ratio_to_floor=1.0, queries=[0, None]) == []
        assert FLOOR.budget.misses(p95_ms=5.0, ratio_to_floor=1.0, queries=[1, None]) == [
            "1 SQL queries > 0"
        ]

    def test_memory_budget(self) -> None:
        assert WORKER_MEMORY.misses(85.0) == []
        assert WORKER_MEMORY.misses(200.0) == []
        assert WORKER_MEMORY.misses(250.4) == ["worker peak RSS 250 MB > 200 MB"]
        assert WORKER_MEMORY.misses(None) == ["worker peak RSS unknown"]

    def test_ratio(self) -> None:
        assert ratio(174.0, 1436.0) == pytest.approx(0.121)
        assert ratio(100.0, 0.0) is None
        assert ratio(None, 100.0) is None


class TestRowsAndTable:
    def _load(self, rps: float, p95: float, non_2xx: int = 0) -> LoadResult:
        return LoadResult(
            requests=int(rps * 10),
            duration_s=10.0,
            p50_ms=p95 / 2,
            p95_ms=p95,
            rps=rps,
            non_2xx=non_2xx,
        )

    def test_floor_row_has_ratio_one(self) -> None:
        row = evaluate(FLOOR, "/bench/floor", self._load(1400, 70), floor_rps=1400, queries_small=0)
        assert row.ratio_to_floor == 1.0
        assert row.meets_budget and row.queries_full is None

    def test_page_row_and_table(self) -> None:
        page = ENDPOINTS[1]
        floor = evaluate(
            FLOOR, "/bench/floor", self._load(1400, 70), floor_rps=1400, queries_small=0
        )
        row = evaluate(page, "/demo/", self._load(700, 90), floor_rps=1400, queries_small=2)
        assert row.ratio_to_floor == 0.5 and row.meets_budget
        slow = evaluate(
            page, "/demo/", self._load(170, 600, non_2xx=1), floor_rps=1400, queries_small=2
        )
        assert not slow.meets_budget and len(slow.misses) == 3
        memory = {
            "worker_peak_rss_mb": 85.0,
            "budget_mb": 200.0,
            "meets_budget": True,
            "misses": [],
        }
        table = format_table([floor, row, slow], memory)
        assert "MISSED: 1 failed" in table
        assert "met (85 MB of 200)" in table
        keys = set(row.to_dict())
        assert {
            "name",
            "budget",
            "p50_ms",
            "p95_ms",
            "rps",
            "ratio_to_floor",
            "queries_small",
            "queries_full",
            "meets_budget",
        } <= keys

    def test_server_time_budget_ignores_timeouts_under_load_but_not_errors(self) -> None:
        search = next(e for e in ENDPOINTS if e.name.startswith("catalogue search"))
        assert not search.budget.judges_load
        jammed = LoadResult(  # every request timed out in wrk
            requests=0, duration_s=10.0, p50_ms=None, p95_ms=None, rps=0.0, errors=40
        )
        fast = evaluate(search, "/x", jammed, floor_rps=1400, queries_small=3, server_ms=[20.0])
        assert fast.meets_budget, fast.misses
        slow = evaluate(search, "/x", jammed, floor_rps=1400, queries_small=3, server_ms=[80.0])
        assert slow.misses == ["server time p95 80 ms > 50 ms"]
        refused = evaluate(
            search,
            "/x",
            self._load(100, 900, non_2xx=2),
            floor_rps=1400,
            server_ms=[20.0],
            queries_small=3,
        )
        assert refused.misses == ["2 failed or non-2xx/3xx requests"]
        page = ENDPOINTS[1]
        assert page.budget.judges_load
        nothing = evaluate(page, "/demo/", jammed, floor_rps=1400, queries_small=0)
        assert "no request completed in time" in nothing.misses


class TestMisc:
    def test_floor_first_and_paths_resolve(self) -> None:
        assert ENDPOINTS[0] is FLOOR
        context = DATA_SETS["small"].context
        paths = [e.resolve(context) for e in ENDPOINTS]
        assert paths[:2] == ["/bench/floor", "/demo/"]
        assert not any("{" in p or "}" in p for p in paths)
        # every path but the floor (only mounted with ENKELT_BENCH) and the pages other
        # apps are still building (those with a url_name; the run skips them) is a real URL
        for endpoint, path in zip(ENDPOINTS[1:], paths[1:], strict=True):
            if not endpoint.url_name:
                resolve(urlsplit(path).path)
        assert all(e.body in BODIES for e in ENDPOINTS if e.method == "POST")
        assert all(e.username(context) for e in ENDPOINTS if e.user)

    def test_only_local_traffic(self) -> None:
        assert check_local("http://127.0.0.1:8765/demo/?a=1") == ("127.0.0.1", 8765, "/demo/?a=1")
        for url in ("http://example.org/", "https://127.0.0.1/", "http://localhost:8765/"):
            with pytest.raises(ValueError):
                check_local(url)

    def test_vmhwm_from_proc_status(self) -> None:
        text = "Name:\tgunicorn\nVmPeak:\t  300000 kB\nVmHWM:\t   87040 kB\nVmRSS:\t 80000 kB\n"
        assert parse_status_kb(text, "VmHWM") == 87040
        assert parse_status_kb(text, "VmSwap") is None


class TestBodies:
    def test_phone_photo_is_large_and_carries_gps(self) -> None:
        from PIL import Image

        photo = phone_photo(min_bytes=200_000)
        assert len(photo) >= 200_000
        exif = Image.open(io.BytesIO(photo)).getexif()
        assert exif[0x010F] == "BenchPhone"
        assert exif.get_ifd(0x8825)  # the GPS block the server must strip

    def test_post_request_headers(self) -> None:
        request = Request("POST", b"abc", "multipart/form-data; boundary=x")
        assert request.headers()["Content-Length"] == "3"
        assert request.headers()["Content-Type"].startswith("multipart/form-data")
        assert "Content-Type" not in Request().headers()

    @pytest.mark.django_db
    def test_open311_body_creates_a_submission_with_a_stripped_photo(
        self, client: Any, settings: Any, monkeypatch: Any
    ) -> None:
        from enkelt.demo.loaders import load_all
        from enkelt.submissions.models import Photo, Submission

        settings.ENKELT_DEMO = True
        load_all()
        monkeypatch.setattr("bench.bodies.phone_photo", lambda: phone_photo(min_bytes=300_000))
        body, content_type = BODIES["open311_report_with_photo"](dict(DATA_SETS["small"].context))
        before = Submission.objects.count()
        response = client.generic(
            "POST", "/open311/v2/requests.json", body, content_type=content_type
        )
        assert response.status_code == 200, response.content
        assert Submission.objects.count() == before + 1
        photo = Photo.objects.latest("created_at")
        from PIL import Image

        stored = Image.open(photo.image.path)
        assert 0x8825 not in stored.getexif()


def test_small_data_set_names_the_demo_submission() -> None:
    from enkelt.open311.demo import DEMO_KEY
    from enkelt.submissions.demo_reports import DEMO_PUBLIC_ID, DEMO_TRACKING_CODE

    context = DATA_SETS["small"].context
    assert context["tracking_code"] == DEMO_TRACKING_CODE
    assert context["submission_id"] == str(DEMO_PUBLIC_ID)
    assert context["open311_key"] == DEMO_KEY


class TestServerTimeAndSkips:
    def test_parse_server_timing(self) -> None:
        from bench.server import parse_server_timing

        assert parse_server_timing("app;dur=12.5") == 12.5
        assert parse_server_timing("db;dur=3, app;desc=x;dur=40") == 40.0
        assert parse_server_timing("app;dur=abc") is None
        assert parse_server_timing(None) is None
        assert parse_server_timing("cache;dur=1") is None

    def test_dashboard_budget_checks_server_time_not_latency(self) -> None:
        from bench.endpoints import DASHBOARD_BUDGET

        # a p95 of 2 s under 32 clients is fine when the server time is within budget
        assert (
            DASHBOARD_BUDGET.misses(
                p95_ms=2000.0, ratio_to_floor=0.01, queries=[9, 9], server_p95_ms=150.0
            )
            == []
        )
        assert DASHBOARD_BUDGET.misses(
            p95_ms=10.0, ratio_to_floor=1.0, queries=[9, 16], server_p95_ms=250.0
        ) == [
            "server time p95 250 ms > 200 ms",
            "16 SQL queries > 15",
            "SQL queries grow with the data (9 -> 16)",
        ]
        assert DASHBOARD_BUDGET.misses(p95_ms=1.0, ratio_to_floor=1.0, queries=[]) == [
            "server time unknown"
        ]

    def test_export_budget_and_download_row(self) -> None:
        export = next(e for e in ENDPOINTS if e.mode == "download")
        empty = LoadResult(requests=0, duration_s=0.0, p50_ms=None, p95_ms=None, rps=0.0)
        row = evaluate(
            export, "/x/exports/submissions.csv", empty, floor_rps=1000, queries_small=None,
            download=(200, 42.0, 123_456_789, 93_459),
        )  # fmt: skip
        assert row.meets_budget and row.download_bytes == 123_456_789
        assert row.download_lines == 93_459
        slow = evaluate(
            export, "/x/", empty, floor_rps=1000, queries_small=None, download=(500, 130.0, 10, 1)
        )
        assert slow.misses == ["1 failed or non-2xx/3xx requests", "download 130 s > 120 s"]

    def test_server_time_percentiles_in_row_and_skipped_rows_in_table(self) -> None:
        from bench.report import skipped_row

        dashboard = next(e for e in ENDPOINTS if e.name == "indicator list")
        load = LoadResult(requests=10, duration_s=1.0, p50_ms=900.0, p95_ms=1900.0, rps=10.0)
        row = evaluate(
            dashboard, "/x/", load, floor_rps=1000, queries_small=8, queries_full=8,
            server_ms=[float(n) for n in range(1, 101)],
        )  # fmt: skip
        assert (row.server_p50_ms, row.server_p95_ms) == (50.0, 95.0)
        assert row.meets_budget
        council = next(e for e in ENDPOINTS if e.url_name == "dashboards:council")
        skipped = skipped_row(council, "/x/overview/", "dashboards:council does not resolve yet")
        assert not skipped.meets_budget and skipped.skipped
        memory = {"worker_peak_rss_mb": 90.0, "budget_mb": 200.0, "meets_budget": True}
        table = format_table([row, skipped], {**memory, "misses": []})
        assert "SKIPPED: dashboards:council does not resolve yet" in table
        assert "95.0" in table  # the server time column

    def test_users_are_placeholders_of_the_data_set(self) -> None:
        registry = next(e for e in ENDPOINTS if e.name.startswith("rule registry"))
        assert registry.username(DATA_SETS["small"].context) == "leder"
        assert registry.username({"leader": "kommune-01-leder"}) == "kommune-01-leder"

    def test_isolation_summary(self) -> None:
        from bench.isolation import generated_markers, parse_summary

        assert parse_summary("1 failed, 812 passed, 3 skipped, 2 errors in 335.53s") == {
            "failed": 1,
            "passed": 812,
            "skipped": 3,
            "errors": 2,
        }
        markers = generated_markers()
        assert len(markers) == 98 and markers[0] == "@kommune-01.example"


def test_server_timing_middleware_sets_the_header() -> None:
    from django.http import HttpResponse
    from django.test import RequestFactory

    from bench.server import parse_server_timing
    from enkelt.core.middleware import ServerTimingMiddleware

    response = ServerTimingMiddleware(lambda request: HttpResponse("ok"))(RequestFactory().get("/"))
    duration = parse_server_timing(response["Server-Timing"])
    assert duration is not None and 0 <= duration < 1000


class TestRuleImport:
    RESULT = {"rules": 100_000, "rows": 200_000, "bytes": 1, "check_s": 20.0, "import_s": 30.0,
              "total_s": 50.0, "status": "done", "created_rules": 100_000,
              "activities": 200_000, "progress_updates": 200}  # fmt: skip

    def test_the_file_is_in_the_import_format_with_two_activities_a_rule(self) -> None:
        from bench.import_rules import rules_csv
        from enkelt.regulations.transfer.parse import read_rows

        content = rules_csv(3, "okonomi")
        assert rules_csv(3, "okonomi") == content  # reproducible
        rows = read_rows("rules.csv", content)
        assert len(rows) == 6
        first, second = rows[0][1], rows[1][1]
        assert first["rule_key"] == second["rule_key"] == "B0"
        assert first["title"] == "Importeret regel 0" and second["title"] == ""
        assert first["owner_unit"] == "okonomi"
        assert (first["activity_name"], second["activity_name"]) == ("Udfylde", "Godkende")

    def test_met_slow_incomplete_and_failed(self) -> None:
        from bench.report import import_row

        met = import_row(self.RESULT)
        assert met.meets_budget and met.download_s == 50.0 and met.download_lines == 200_000
        slow = import_row({**self.RESULT, "total_s": 75.0})
        assert slow.misses == ["75 s > 60 s"]
        short = import_row({**self.RESULT, "created_rules": 99_000, "progress_updates": 3})
        assert len(short.misses) == 2 and not short.meets_budget
        failed = import_row({"error": "copy failed"})
        assert failed.misses == ["not measured: copy failed"] and not failed.meets_budget
