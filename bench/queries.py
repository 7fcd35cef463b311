"""SQL queries per page, counted in-process with Django's test client.

Run as its own process by bench/run.py (`python -m bench.queries PATH ...`) with the same
environment as the server (DATABASE_URL, settings, ENKELT_BENCH=1), so the driver itself
never imports Django. Prints `BENCH_QUERIES {path: {"status", "queries", "queries_cold"}}` (JSON):
`queries` is the count of a second (warm) request, the one that matters under load;
`queries_cold` that of the first request of the process. A path that no URL pattern
resolves yet (a page another app is still building) is reported with `"resolves": false`
and not requested.
"""

import json
import sys

MARKER = "BENCH_QUERIES "


def count_queries(paths: list[str]) -> dict[str, dict[str, int]]:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import Resolver404, resolve

    out: dict[str, dict[str, int]] = {}
    for item in paths:
        # "USER@/path": counted as that (demo) user; "/path": anonymously.
        user, _at, path = item.partition("@") if not item.startswith("/") else ("", "", item)
        only_resolve = path.startswith("resolve:")  # "resolve:/path": is it routed at all?
        path = path.removeprefix("resolve:")
        try:
            resolve(path.split("?", 1)[0])
        except Resolver404:
            out[path] = {"status": 404, "resolves": False}
            continue
        if only_resolve:
            out[path] = {"status": 0, "resolves": True}
            continue
        client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
        if user:
            client.force_login(get_user_model().objects.get(username=user))
        counts = []
        status = 0
        for _ in range(2):
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(path)
            status = response.status_code
            counts.append(len(ctx.captured_queries))
        out[path] = {
            "status": status,
            "queries_cold": counts[0],
            "queries": counts[1],
            "resolves": True,
        }
    return out


def main(argv: list[str] | None = None) -> int:
    paths = sys.argv[1:] if argv is None else argv
    # One marked line: anything else a page prints cannot be mistaken for the result.
    print(MARKER + json.dumps(count_queries(paths)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
