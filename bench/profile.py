"""Profiles of pages that missed a budget: `python -m bench.profile OUT::[USER@]PATH ...`.

Run as its own process with the server's environment (like bench/queries.py): the page
is requested once to warm up, then `--repeat` times under pyinstrument with Django's test
client, in-process; the text report (call tree with the time of each frame) is written
to OUT, next to the results JSON, so that a miss comes with what explains it.
"""

import argparse
import sys
from pathlib import Path


def profile_page(item: str, out: Path, repeat: int = 3) -> str:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from pyinstrument import Profiler

    user, _at, path = item.partition("@") if not item.startswith("/") else ("", "", item)
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    if user:
        client.force_login(get_user_model().objects.get(username=user))
    client.get(path)  # warm: imports, template loading, first connection
    profiler = Profiler(interval=0.001)
    profiler.start()
    statuses = [client.get(path).status_code for _ in range(repeat)]
    profiler.stop()
    header = f"profile of GET {path} as {user or 'anonymous'}: {repeat} requests {statuses}\n\n"
    text = header + profiler.output_text(unicode=True, color=False, show_all=False)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jobs", nargs="+", help="OUT::[USER@]/path (one process, many pages)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    import django

    django.setup()
    for job in args.jobs:
        out, _sep, item = job.partition("::")
        try:
            profile_page(item, Path(out), args.repeat)
        except Exception as exc:  # one failed profile must not lose the others
            print(f"BENCH_PROFILE_FAILED {out} {type(exc).__name__}: {exc}")
            continue
        print(f"BENCH_PROFILE {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
