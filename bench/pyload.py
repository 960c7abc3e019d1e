"""The fallback load generator (no wrk): `python -m bench.pyload DATA URL CONNECTIONS SECONDS
LIMIT`, run in its own process; prints the same BENCH line as the wrk script."""

import asyncio
import sys
import time

import aiohttp


def read(path: str) -> list[tuple[str, dict[str, str], bytes]]:
    requests = []
    with open(path, encoding="utf-8") as data:
        for line in data:
            target, head, body = line.rstrip("\n").split("\t", 2)
            headers = dict(item.split("=", 1) for item in head.split("|") if item)
            requests.append((target, headers, body.encode()))
    return requests


async def main(path: str, url: str, connections: int, seconds: float, limit: int) -> None:
    requests = read(path)
    latencies: list[float] = []
    errors = 0
    index = 0
    deadline = time.perf_counter() + seconds

    async def worker(session: aiohttp.ClientSession) -> None:
        nonlocal errors, index
        while time.perf_counter() < deadline and len(latencies) < limit:
            target, headers, body = requests[index % len(requests)]
            index += 1
            started = time.perf_counter()
            try:
                async with session.post(url + target, data=body, headers=headers) as response:
                    await response.read()
                    errors += response.status >= 400
            except aiohttp.ClientError:
                errors += 1
            latencies.append(time.perf_counter() - started)

    began = time.perf_counter()
    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(worker(session) for _ in range(connections)))
    elapsed = time.perf_counter() - began
    ordered = sorted(latencies) or [0.0]

    def micros(q: float) -> int:
        return int(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1e6)

    print(f"BENCH {len(latencies)} {int(elapsed * 1e6)} {errors} {micros(0.5)} {micros(0.99)} "
          f"{int(ordered[-1] * 1e6)} 0", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]),
                     int(sys.argv[5])))
