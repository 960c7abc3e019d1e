"""Processes, ports, CPU pinning, percentiles: what every case needs."""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CORES = os.cpu_count() or 1
SERVER_CPU = "0"
"""The server under test gets core 0 to itself (on a machine with two or more cores);
load generators and fakes share the rest, as remote clients and Slack's servers would."""
ALL_CPUS = ",".join(str(c) for c in range(CORES))
LOAD_CPUS = ",".join(str(c) for c in range(1, CORES)) if CORES > 1 else "0"


def pinned(cpus: str, argv: Sequence[str], priority: bool = False) -> list[str]:
    """argv on these CPUs; with `priority` (root only) ahead of the load generators there."""
    if priority and os.geteuid() == 0 and shutil.which("nice"):
        argv = ["nice", "-n", "-10", *argv]
    if CORES > 1 and shutil.which("taskset"):
        return ["taskset", "-c", cpus, *argv]
    return list(argv)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_port(port: int, process: subprocess.Popen[bytes] | None = None,
              timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited ({process.returncode}) before listening "
                               f"on {port}: {process.args}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port} after {timeout}s")


class Proc:
    """A child process that is always stopped: terminate, then kill after a grace period."""

    def __init__(self, argv: Sequence[str], *, cpus: str, env: dict[str, str] | None = None,
                 port: int | None = None, log: Path | None = None,
                 priority: bool = False) -> None:
        self.log = log
        out = log.open("ab") if log else subprocess.DEVNULL
        self.process = subprocess.Popen(pinned(cpus, argv, priority), cwd=ROOT,
                                        env={**os.environ, **(env or {})},
                                        stdout=out, stderr=subprocess.STDOUT)
        self.port = port
        if port is not None:
            try:
                wait_port(port, self.process)
            except BaseException:
                self.stop()
                raise

    @property
    def pid(self) -> int:
        return self.process.pid

    def rss_mb(self) -> float:
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def __enter__(self) -> "Proc":
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def module(name: str, *args: str) -> list[str]:
    return [PYTHON, "-m", name, *args]


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]

