"""Closed-loop HTTP load: wrk with a Lua script replaying pre-built requests, or (without wrk)
a separate-process aiohttp client. Every run is bounded in time and in count."""

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.tools import LOAD_CPUS, PYTHON, ROOT, pinned

Request = tuple[str, dict[str, str], bytes]
"""(path, headers, body) of one POST."""

LUA = r"""
local requests, count, done_count, limit = {}, 0, 0, %(limit)d
local data = %(data)s
init = function(args)
  for line in io.lines(data) do
    local path, head, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
    local headers = {}
    for name, value in head:gmatch("([^|=]+)=([^|]*)") do headers[name] = value end
    count = count + 1
    requests[count] = wrk.format("POST", path, headers, body)
  end
end
local i = 0
request = function()
  i = i %% count + 1
  return requests[i]
end
response = function(status, headers, body)
  done_count = done_count + 1
  if done_count >= limit then wrk.thread:stop() end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %%d %%d %%d %%d %%d %%d %%d\n", summary.requests,
    summary.duration, e.status + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, e.timeout))
end
"""


@dataclass
class LoadResult:
    tool: str
    connections: int
    requests: int
    seconds: float
    errors: int
    rps: float
    p50_ms: float
    p99_ms: float
    max_ms: float

    def as_dict(self) -> dict[str, float | int | str]:
        return asdict(self)


def have_wrk() -> bool:
    if shutil.which("wrk"):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):  # the harness may install it
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], capture_output=True,
                       timeout=180, check=False)
    return shutil.which("wrk") is not None


def write_requests(path: Path, requests: Iterable[Request]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for target, headers, body in requests:
            head = "|".join(f"{k}={v}" for k, v in headers.items())
            text = body.decode()
            if "\t" in text or "\n" in text:
                raise ValueError("request bodies must be single lines without tabs")
            out.write(f"{target}\t{head}\t{text}\n")
            count += 1
    return count


class Loader:
    """Runs loads from a folder of request files; says which tool it used."""

    def __init__(self, folder: Path, use_wrk: bool) -> None:
        self.folder = folder
        self.use_wrk = use_wrk
        self.tool = "wrk" if use_wrk else "python-aiohttp (separate process)"

    def prepare(self, name: str, requests: Iterable[Request]) -> Path:
        path = self.folder / f"{name}.txt"
        write_requests(path, requests)
        return path

    def start(self, data: Path, port: int, connections: int, seconds: float, limit: int,
              priority: bool = False) -> subprocess.Popen[str]:
        """Start a load in the background (use finish() to collect it); with `priority` it
        runs ahead of the other load generators on the load CPUs."""
        url = f"http://127.0.0.1:{port}"
        if self.use_wrk:
            script = Path(tempfile.mkstemp(suffix=".lua", dir=self.folder)[1])
            script.write_text(LUA % {"limit": max(1, limit // 1), "data": json.dumps(str(data))})
            argv = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s",
                    "--timeout", "5s", "-s", str(script), url]
        else:
            argv = [PYTHON, "-m", "bench.pyload", str(data), url, str(connections),
                    str(seconds), str(limit)]
        return subprocess.Popen(pinned(LOAD_CPUS, argv, priority), cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    def finish(self, process: subprocess.Popen[str], connections: int, seconds: float
               ) -> LoadResult:
        try:
            out, err = process.communicate(timeout=seconds + 60)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
        match = re.search(r"BENCH (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out)
        if not match:
            raise RuntimeError(f"load generator failed: {out[-500:]} {err[-500:]}")
        requests, micros, errors, p50, p99, top = (int(g) for g in match.groups())
        elapsed = micros / 1e6
        return LoadResult(self.tool, connections, requests, round(elapsed, 2), errors,
                          round(requests / elapsed, 1) if elapsed else 0.0,
                          p50 / 1000, p99 / 1000, top / 1000)

    def run(self, data: Path, port: int, connections: int, seconds: float,
            limit: int = 10**9, priority: bool = False) -> LoadResult:
        return self.finish(self.start(data, port, connections, seconds, limit, priority),
                           connections, seconds)
