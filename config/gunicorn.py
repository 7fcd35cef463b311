"""gunicorn settings for `make run` and production: the web workers plus one task worker.

E-mails (receipts, answers) and other background work go through django-tasks'
database queue; something has to run it. `when_ready` starts `manage.py db_worker`
as a child of the gunicorn master, and `on_exit` stops it, so one process tree
serves the site and works the queue. Set ENKELT_TASK_WORKER=0 when the queue is run
elsewhere (e.g. a separate systemd unit running `manage.py db_worker`).
"""

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

_worker: subprocess.Popen[bytes] | None = None


def _task_worker_wanted() -> bool:
    return os.environ.get("ENKELT_TASK_WORKER", "1").lower() not in ("0", "false", "no", "off")


def when_ready(server: Any) -> None:
    global _worker
    if not _task_worker_wanted():
        server.log.info("task worker not started (ENKELT_TASK_WORKER=0)")
        return
    command = [sys.executable, str(ROOT / "manage.py"), "db_worker", "--no-reload"]
    _worker = subprocess.Popen(command, cwd=ROOT)  # noqa: S603 - fixed command
    server.log.info("task worker started (pid %s)", _worker.pid)


def on_exit(server: Any) -> None:
    if _worker is None or _worker.poll() is not None:
        return
    _worker.send_signal(signal.SIGTERM)
    try:
        _worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        _worker.kill()
