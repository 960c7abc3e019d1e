"""An open-loop load at a steady rate: `python -m bench.pacer DATA URL RATE SECONDS OUT`.

Sends request n at start + n/RATE whatever happened to earlier ones, and records for each
when it was sent and which report reference the response carried (JSON lines in OUT)."""

import asyncio
import json
import re
import sys
import time
from pathlib import Path

import aiohttp

from bench.pyload import read

REFERENCE = re.compile(r"reference is ((?:PRACTICE-)?[A-Z]{2}-\d{4}-\d+)")


async def main(path: str, url: str, rate: float, seconds: float, out: str) -> None:
    requests = read(path)
    count = min(len(requests), int(rate * seconds))
    records: list[dict[str, object]] = []

    async def one(session: aiohttp.ClientSession, n: int, at: float) -> None:
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        target, headers, body = requests[n]
        sent = time.time()
        try:
            async with session.post(url + target, data=body, headers=headers) as response:
                text = await response.text()
                status = response.status
        except aiohttp.ClientError as error:
            text, status = type(error).__name__, 0
        found = REFERENCE.search(text)
        records.append({"sent": sent, "answered": time.time(), "status": status,
                        "reference": found.group(1) if found else None})

    start = time.monotonic() + 0.2
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=256)) as session:
        await asyncio.gather(*(one(session, n, start + n / rate) for n in range(count)))
    Path(out).write_text("\n".join(json.dumps(r) for r in records),  # noqa: ASYNC240
                         encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]),
                     sys.argv[5]))
