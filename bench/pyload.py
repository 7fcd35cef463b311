"""Python load generator: the fallback when wrk is not installed, and the POST loader.

Run as its own process (`python -m bench.pyload URL ...`) so that it does not share an
interpreter with the benchmark driver; it prints one JSON object (a LoadResult). Each of
`--connections` threads sends requests (GET, or POST with `--body-file`) back to back
over http.client until the duration is over or the request cap is reached. Less
efficient than wrk (the GIL), so absolute numbers are lower; the ratio to the floor stays
meaningful because the floor is measured the same way in the same run.
"""

import argparse
import http.client
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bench.stats import LoadResult, summarise

ALLOWED_HOSTS = ("127.0.0.1",)


@dataclass
class _Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    non_2xx: int = 0


def check_local(url: str) -> tuple[str, int, str]:
    """(host, port, path) of a URL on 127.0.0.1; anything else is refused."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in ALLOWED_HOSTS:
        raise ValueError(f"the benchmark only sends traffic to http://127.0.0.1, not {url!r}")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.hostname, parts.port or 80, path


@dataclass(frozen=True)
class Request:
    """What each connection sends: a GET, or a POST with a fixed body."""

    method: str = "GET"
    body: bytes | None = None
    content_type: str = ""
    extra_headers: tuple[tuple[str, str], ...] = ()  # e.g. a session cookie

    def headers(self) -> dict[str, str]:
        headers = {"Accept": "text/html" if self.method == "GET" else "application/json"}
        headers.update(self.extra_headers)
        if self.body is not None:
            headers["Content-Type"] = self.content_type
            headers["Content-Length"] = str(len(self.body))
        return headers


def _worker(
    host: str,
    port: int,
    path: str,
    deadline: float,
    cap: int,
    timeout: float,
    tally: _Tally,
    request: Request,
) -> None:
    conn: http.client.HTTPConnection | None = None
    done = 0
    while done < cap and time.monotonic() < deadline:
        if conn is None:
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
        start = time.perf_counter()
        try:
            conn.request(request.method, path, body=request.body, headers=request.headers())
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
        except (OSError, http.client.HTTPException):
            tally.errors += 1
            conn.close()
            conn = None
            continue
        done += 1
        tally.latencies.append(elapsed)
        if not 200 <= response.status < 400:
            tally.non_2xx += 1
        if response.will_close:
            conn.close()
            conn = None
    if conn is not None:
        conn.close()


def run_load(
    url: str,
    *,
    duration_s: float,
    connections: int,
    timeout_s: float = 5.0,
    max_requests: int = 2_000_000,
    request: Request | None = None,
) -> LoadResult:
    host, port, path = check_local(url)
    request = request or Request()
    per_thread_cap = max(1, max_requests // connections)
    tallies = [_Tally() for _ in range(connections)]
    start = time.monotonic()
    deadline = start + duration_s
    threads = [
        threading.Thread(
            target=_worker,
            args=(host, port, path, deadline, per_thread_cap, timeout_s, tally, request),
            daemon=True,
        )
        for tally in tallies
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        # A request in flight at the deadline may take up to timeout_s more.
        thread.join(timeout=max(0.0, deadline + timeout_s + 1 - time.monotonic()))
    elapsed = time.monotonic() - start
    latencies = [lat for tally in tallies for lat in tally.latencies]
    return summarise(
        latencies,
        elapsed,
        errors=sum(t.errors for t in tallies),
        non_2xx=sum(t.non_2xx for t in tallies),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--max-requests", type=int, default=2_000_000)
    parser.add_argument("--method", choices=["GET", "POST"], default="GET")
    parser.add_argument("--body-file", help="POST: send this file as the body")
    parser.add_argument("--content-type", default="application/octet-stream")
    parser.add_argument(
        "--header", action="append", default=[], help="'Name: value', sent on every request"
    )
    args = parser.parse_args(argv)
    body = None
    if args.body_file:
        with open(args.body_file, "rb") as handle:
            body = handle.read()
    result = run_load(
        args.url,
        duration_s=args.duration,
        connections=args.connections,
        timeout_s=args.timeout,
        max_requests=args.max_requests,
        request=Request(
            args.method,
            body,
            args.content_type,
            tuple((k.strip(), v.strip()) for k, v in (h.split(":", 1) for h in args.header)),
        ),
    )
    json.dump(result.to_dict(), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
