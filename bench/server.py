"""The production-like server under test: gunicorn as `make run` starts it, on 127.0.0.1."""

import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from bench.pyload import check_local

# Same server as `make run`: config.wsgi, sync workers, WORKERS=2 on the 2-core machine.
WORKERS = 2
WORKER_CLASS = "sync"


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base_url: str
    log_path: Path
    _log: IO[bytes]

    @property
    def pid(self) -> int:
        return self.process.pid

    def url(self, path: str) -> str:
        return self.base_url + path

    def worker_pids(self) -> list[int]:
        return child_pids(self.pid)

    def stop(self, timeout_s: float = 15.0) -> None:
        """SIGTERM (gunicorn's graceful shutdown), then SIGKILL after `timeout_s`."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self._log.close()


def start_gunicorn(
    *, repo: Path, env: dict[str, str], port: int, log_path: Path, workers: int = WORKERS
) -> Server:
    gunicorn = repo / ".venv" / "bin" / "gunicorn"
    executable = str(gunicorn) if gunicorn.exists() else "gunicorn"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("wb")
    command = [
        executable,
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        WORKER_CLASS,
        "--graceful-timeout",
        "10",
        "--timeout",
        "30",
        "--backlog",
        "2048",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=repo, env=env, stdout=log, stderr=subprocess.STDOUT)
    return Server(process, f"http://127.0.0.1:{port}", log_path, log)


def wait_until_healthy(server: Server, *, timeout_s: float = 30.0) -> None:
    """Poll /healthz until it answers 200, the process dies or the time is up."""
    url = server.url("/healthz")
    check_local(url)
    deadline = time.monotonic() + timeout_s
    last_error = ""
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"gunicorn exited with {server.process.returncode}; see {server.log_path}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - 127.0.0.1 only
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError) as exc:
            last_error = str(exc)
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn not healthy after {timeout_s:.0f} s ({last_error})")


def fetch_status(url: str, *, timeout_s: float = 10.0, headers: Sequence[str] = ()) -> int:
    """HTTP status of one GET (errors included), for checking an endpoint before the load."""
    check_local(url)
    pairs = (header.split(":", 1) for header in headers)
    request = urllib.request.Request(  # noqa: S310 - 127.0.0.1 only (check_local)
        url, headers={name.strip(): value.strip() for name, value in pairs}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310
            response.read()
            if headers and response.geturl() != url:
                return 302  # a signed-in page sent to the login: the session did not work
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, OSError):  # timeouts included: no answer at all
        return 0


def child_pids(pid: int) -> list[int]:
    """Direct children of `pid` (gunicorn's workers), from /proc."""
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children.extend(int(p) for p in task.read_text().split())
        except OSError:
            continue
    if children:
        return sorted(set(children))
    # Kernels without the children file: scan every process's parent id.
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return sorted(children)


def parse_status_kb(status_text: str, key: str) -> int | None:
    """A `kB` value such as VmHWM (peak RSS) from a /proc/<pid>/status text."""
    for line in status_text.splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return None


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident set size (VmHWM) of a process in MiB, None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    kb = parse_status_kb(text, "VmHWM")
    return None if kb is None else round(kb / 1024, 1)


def server_env(base: dict[str, str], database_url: str) -> dict[str, str]:
    env = dict(base)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DATABASE_URL=database_url,
        ENKELT_BENCH="1",
        ENKELT_DEMO="1",
        PYTHONUNBUFFERED="1",
    )
    env.pop("ENKELT_DEBUG", None)
    return env


def parse_server_timing(value: str | None) -> float | None:
    """The `dur` (ms) of the `app` metric of a Server-Timing header, e.g. `app;dur=12.3`."""
    for metric in (value or "").split(","):
        name, *params = (part.strip() for part in metric.split(";"))
        if name != "app":
            continue
        for param in params:
            key, _eq, number = param.partition("=")
            if key == "dur":
                try:
                    return float(number)
                except ValueError:
                    return None
    return None


def sample_server_time(
    url: str, *, requests: int, headers: Sequence[str] = (), timeout_s: float = 30.0
) -> list[float]:
    """Server time (ms, from Server-Timing) of `requests` GETs sent one after the other."""
    check_local(url)
    pairs = {n.strip(): v.strip() for n, v in (h.split(":", 1) for h in headers)}
    out: list[float] = []
    for _ in range(requests):
        request = urllib.request.Request(url, headers=pairs)  # noqa: S310 - 127.0.0.1 only
        try:
            with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310
                response.read()
                value = parse_server_timing(response.headers.get("Server-Timing"))
        except (urllib.error.URLError, OSError):
            continue
        if value is not None:
            out.append(value)
    return out


def timed_download(
    url: str, *, headers: Sequence[str] = (), timeout_s: float = 300.0
) -> tuple[int, float, int, int]:
    """(status, seconds, bytes, lines) of one GET read to the end, e.g. a streamed CSV export."""
    check_local(url)
    pairs = {n.strip(): v.strip() for n, v in (h.split(":", 1) for h in headers)}
    request = urllib.request.Request(url, headers=pairs)  # noqa: S310 - 127.0.0.1 only
    started = time.monotonic()
    size = lines = 0
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310
            while chunk := response.read(1 << 16):
                size += len(chunk)
                lines += chunk.count(b"\n")
            status = int(response.status)
            if headers and response.geturl() != url:
                status = 302
    except urllib.error.HTTPError as exc:
        status = int(exc.code)
    except (urllib.error.URLError, OSError):
        status = 0
    return status, round(time.monotonic() - started, 2), size, lines
