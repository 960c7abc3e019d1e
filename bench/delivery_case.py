"""Alert delivery: reports submitted at a steady rate (100 a second, and a calm 5 a second);
how long until each one's alert reaches the (fake) Slack alert channel, and whether any has
not arrived 30 seconds after the last submission.

Every alert goes to the one alert channel, which real Slack lets take about one message a
second (after a short burst); the shipped worker keeps to that pace (bot.pacing), so 30 alerts
at once take about half a minute to post, and 800 would take a quarter of an hour. The fake
Web API has no such limit: the rows "pace lifted" (bench/unpaced.py) measure the bot's own
speed, the target; the row "as shipped" shows what the pace costs at 5 a second."""

import asyncio
import json
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench import slack_requests as sr
from bench.context import Run, tag
from bench.http_cases import _seed
from bench.tools import LOAD_CPUS, PYTHON, ROOT, percentile, pinned

CHANNEL = "C0ALERTS"
WAIT_FOR_ALERTS = 30.0


def channel_posts(run: Run, since: float) -> dict[str, float]:
    """reference → when its first channel alert since `since` arrived at the fake Web API
    (references start again in each run's fresh database)."""
    url = f"http://127.0.0.1:{run.fake_slack_port}/bench/posts"
    with urllib.request.urlopen(url, timeout=10) as response:
        posts = json.loads(response.read())["posts"]
    first: dict[str, float] = {}
    for post in posts:
        if post["channel"] != CHANNEL or not post["text"] or post["at"] < since:
            continue
        reference = next((w.rstrip(",.") for w in post["text"].split() if w.count("-") >= 2),
                         None)
        if reference and reference not in first:
            first[reference] = post["at"]
    return first


def one_rate(run: Run, rate: float, seconds: float, paced: bool) -> dict[str, Any]:
    count = int(rate * seconds)
    who = tag()
    url = run.sqlite_url(f"delivery-{who}")
    asyncio.run(_seed(url, who, count, migrate=False))
    data = run.loader.prepare(f"delivery-{who}", sr.submissions(who, count))
    out = run.folder / f"pacer-{who}.jsonl"
    began = time.time()
    with run.serve_bot(url, f"serve-delivery-{who}", unpaced=not paced) as server:
        pacer = subprocess.run(
            pinned(LOAD_CPUS, [PYTHON, "-m", "bench.pacer", str(data),
                               f"http://127.0.0.1:{server.port}", str(rate), str(seconds),
                               str(out)]),
            cwd=ROOT, capture_output=True, text=True, timeout=seconds + 120)
        if pacer.returncode != 0:
            raise RuntimeError(f"pacer failed: {pacer.stderr[-500:]}")
        sent = [json.loads(line) for line in Path(out).read_text().splitlines() if line]
        wanted = {r["reference"]: r["sent"] for r in sent if r["reference"]}
        deadline = time.monotonic() + WAIT_FOR_ALERTS
        arrived: dict[str, float] = {}
        while time.monotonic() < deadline:
            arrived = channel_posts(run, began)
            if all(ref in arrived for ref in wanted):
                break
            time.sleep(0.5)
    latencies = [(arrived[ref] - at) * 1000 for ref, at in wanted.items() if ref in arrived]
    answered = [(r["answered"] - r["sent"]) * 1000 for r in sent]
    how = "as shipped (Slack pace, 1/s per channel after 5)" if paced else "pace lifted"
    return {
        "case": f"{rate:.0f} submissions/s for {seconds:.0f} s (sqlite), {how}",
        "submitted": len(wanted), "not_filed": len(sent) - len(wanted),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "max_ms": round(max(latencies, default=float("nan")), 1),
        "undelivered_after_30s": len(wanted) - len(latencies),
        "submit_p99_ms": round(percentile(answered, 99), 1),
    }


def delivery(run: Run) -> None:
    plan = [(100.0, 4.0 if run.quick else 8.0, False), (5.0, 6.0, False), (5.0, 6.0, True)]
    rows = [one_rate(run, rate, seconds, paced) for rate, seconds, paced in plan]
    main = rows[0]
    run.results["delivery"] = {"rows": rows, "targets": [
        {"target": "alert delivery p99 at 100 submissions/s (pace lifted)",
         "value": f"{main['p99_ms']:.0f} ms", "goal": "< 250 ms",
         "met": main["p99_ms"] < 250 and not main["undelivered_after_30s"]
         and not main["not_filed"]},
        {"target": "alerts not delivered 30 s after the last submission (100/s)",
         "value": str(main["undelivered_after_30s"]), "goal": "0",
         "met": main["undelivered_after_30s"] == 0},
    ]}
