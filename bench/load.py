"""Load generation for the bench: wrk when installed, else Python threads.

Every request says ``Accept-Encoding: gzip``, as browsers do.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "bench-results"
UNCACHED_COOKIE = "sessionid=bench-uncached"  # no such session: anonymous, never cached


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)  # noqa: T201 - command-line output


def ensure_wrk() -> str | None:
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        log("installing wrk (Debian package)")
        for command in (
            ["apt-get", "install", "-y", "-q", "wrk"],
            ["apt-get", "update", "-q"],
            ["apt-get", "install", "-y", "-q", "wrk"],
        ):
            subprocess.run(command, capture_output=True, timeout=300)  # noqa: S603
            if shutil.which("wrk"):
                break
    return shutil.which("wrk")


WRK_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def to_ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(
    wrk: str,
    url: str,
    seconds: int,
    connections: int,
    cookie=None,
    script=None,
    headers=None,
):
    # Every request says it takes gzip, as every browser does.
    command = [
        wrk,
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",
        "-H",
        "Accept-Encoding: gzip",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    command.append(url)
    output = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=seconds + 60
    ).stdout
    latencies = {p: to_ms(v, u) for p, v, u in WRK_LATENCY.findall(output)}
    requests = re.search(r"(\d+) requests in", output)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return {
        "requests": int(requests.group(1)) if requests else 0,
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50_ms": latencies.get("50"),
        "p99_ms": latencies.get("99"),
        "errors": errors,
    }


def run_python_load(urls: list[str], seconds: int, connections: int, cookie=None):
    """Fallback when wrk is not available: threads with keep-alive HTTP connections."""
    import http.client
    import random
    from urllib.parse import urlsplit

    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def worker(seed: int):
        rng = random.Random(seed)  # noqa: S311 - picks pages, not secrets
        parts = urlsplit(urls[0])
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        mine, failed = [], 0
        while time.monotonic() < deadline:
            target = urlsplit(rng.choice(urls))
            path = target.path + (f"?{target.query}" if target.query else "")
            started = time.perf_counter()
            try:
                headers = {"Accept-Encoding": "gzip"}
                if cookie:
                    headers["Cookie"] = cookie
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
            except OSError:
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection(
                    parts.hostname, parts.port, timeout=10
                )
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()

    def pct(p):
        return (
            latencies[min(len(latencies) - 1, int(len(latencies) * p))]
            if latencies
            else None
        )

    return {
        "requests": len(latencies),
        "rps": len(latencies) / seconds,
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "errors": errors[0],
    }


def drive(wrk, urls, seconds, connections, cookie=None, script=None, headers=None):
    if wrk:
        return run_wrk(
            wrk, urls[0], seconds, connections, cookie, script, headers=headers
        )
    return run_python_load(urls, seconds, connections, cookie=cookie)


def mix_script(paths: list[tuple[str, bool]]) -> Path:
    """A wrk Lua script: a random page per request, some with a session cookie."""
    entries = ",\n".join(
        f"  {{{json.dumps(path)}, {'true' if uncached else 'false'}}}"
        for path, uncached in paths
    )
    script = OUT / "mix.lua"
    script.write_text(
        f"""-- generated by bench/run.py: the load test's mix of pages
local paths = {{
{entries}
}}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
function init(args)
  math.randomseed(id * 7919)
end
function request()
  local entry = paths[math.random(#paths)]
  if entry[2] then
    return wrk.format("GET", entry[1], {{["Cookie"] = "{UNCACHED_COOKIE}",
                                          ["Accept-Encoding"] = "gzip"}})
  end
  return wrk.format("GET", entry[1], {{["Accept-Encoding"] = "gzip"}})
end
"""
    )
    return script
