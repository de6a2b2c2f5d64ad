"""Helpers of bench/load.py: run wrk and parse its numbers, the Lua script of the write
path, warm-up checks, the SMTP server and the job queue beside the stack, the report, and
where the workers' CPU time goes (py-spy)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.production.stack import PROXY_HEADERS, processes

READ_TARGET = 0.50
WRITE_TARGET = 0.40
# Pages of signed-in people (no whole-page cache; shared page bodies, core/fragments.py).
SIGNED_IN_TARGET = 0.15

# What every browser sends with a page request; cached pages go out compressed to it.
READ_HEADERS = {**PROXY_HEADERS, "Accept-Encoding": "gzip, deflate, br"}

POST_SCRIPT = """
-- One POST per request: a JSON body, a unique Idempotency-Key and text (thread, counter).
-- Globals, not locals: thread:set/get and done() see a thread's globals only.
counter = 0
created, replayed, other = 0, 0, 0
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end
function request()
  counter = counter + 1
  local key = "%(prefix)s-" .. thread_number .. "-" .. counter
  local body = '{"kind": "proposal", "text": "Slodzes viedoklis ' .. key .. '. '
    .. 'Ierosinu precizēt termiņu un kārtību, kādā pašvaldība vērtē pieteikumus."}'
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["Idempotency-Key"] = key
  headers["X-Forwarded-Proto"] = "https"
  headers["Host"] = "127.0.0.1"
  %(auth)s
  return wrk.format("POST", "%(path)s", headers, body)
end
function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 200 then replayed = replayed + 1
  else other = other + 1 end
end
function done(summary, latency, requests)
  local c, r, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created")
    r = r + thread:get("replayed")
    o = o + thread:get("other")
  end
  io.write(string.format("STATUSES created=%%d replayed=%%d other=%%d\\n", c, r, o))
end
"""


@dataclass
class Result:
    name: str
    rps: float
    p50: float
    p90: float
    p99: float
    requests: int
    bad: int
    errors: str
    statuses: dict[str, int] | None = None
    cpu_ms: dict[str, float] | None = None  # CPU time per request, by program

    def cpu_line(self) -> str:
        if not self.cpu_ms:
            return ""
        parts = ", ".join(f"{name} {ms:.2f}" for name, ms in self.cpu_ms.items())
        return f"CPU ms per request: {parts}"

    @property
    def clean(self) -> bool:
        return self.bad == 0 and not self.errors


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def cpu_seconds(app_pid: int | None, worker_pid: int | None = None) -> dict[str, float]:
    """CPU seconds used so far by the app server (the process `app_pid` and its
    children), the job worker, PostgreSQL and Redis — every process of theirs on the
    machine: on shared cores what the database does for a request counts as much as the
    app."""
    used = {"app": 0.0, "job worker": 0.0, "PostgreSQL": 0.0, "Redis": 0.0}
    for pid, name, parent, seconds in processes():
        if app_pid is not None and app_pid in (pid, parent):
            used["app"] += seconds
        elif worker_pid is not None and worker_pid in (pid, parent):
            used["job worker"] += seconds
        elif name.startswith("postgres"):
            used["PostgreSQL"] += seconds
        elif name.startswith("redis"):
            used["Redis"] += seconds
    return used


def run_wrk(
    name: str,
    url: str,
    args,
    script: Path | None = None,
    app_pid: int | None = None,
    worker_pid: int | None = None,
    headers: dict[str, str] | None = None,
) -> Result:
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    if script:
        command += ["-s", str(script)]
    else:
        for header, value in {**READ_HEADERS, **(headers or {})}.items():
            command += ["-H", f"{header}: {value}"]
    before = cpu_seconds(app_pid, worker_pid)
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    after = cpu_seconds(app_pid, worker_pid)
    latency = dict(re.findall(r"^ +(50|90|99)% +(\S+) *$", output, re.MULTILINE))
    if len(latency) != 3 or "Requests/sec:" not in output:
        raise RuntimeError(f"unexpected wrk output for {name}:\n{output}")
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    return Result(
        name=name,
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50=_ms(latency["50"]),
        p90=_ms(latency["90"]),
        p99=_ms(latency["99"]),
        requests=requests,
        bad=int(bad.group(1)) if bad else 0,
        errors=errors.group(1) if errors else "",
        statuses=(
            {k: int(v) for k, v in re.findall(r"(created|replayed|other)=(\d+)", output)}
            if script
            else None
        ),
        cpu_ms={
            program: (after[program] - before[program]) * 1000 / max(requests, 1)
            for program in after
            if (app_pid is not None or program != "app")
            and (worker_pid is not None or program != "job worker")
        },
    )


@contextlib.contextmanager
def smtp_server(port: int) -> Iterator[str]:
    """A real SMTP server that accepts every message: Postfix's smtp-sink in its own process
    when installed (apt-get install postfix), else aiosmtpd in a thread of this one."""
    sink = shutil.which("smtp-sink") or (
        "/usr/sbin/smtp-sink" if Path("/usr/sbin/smtp-sink").exists() else None
    )
    if sink:
        process = subprocess.Popen(
            [sink, "-u", "nobody", f"127.0.0.1:{port}", "1024"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            yield "smtp-sink"
        finally:
            process.terminate()
            process.wait(10)
        return
    from aiosmtpd.controller import Controller

    class Accept:
        async def handle_DATA(self, server, session, envelope):
            return "250 OK"

    controller = Controller(Accept(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield "aiosmtpd"
    finally:
        controller.stop()


def jobs_pending(redis_url: str, queue_name: str) -> int:
    """Jobs waiting in the deployment's queue (huey's own count)."""
    from huey import RedisHuey

    return RedisHuey(queue_name, url=redis_url).pending_count()


def wait_for_jobs(redis_url: str, queue_name: str, timeout: float = 600) -> float:
    """Until the worker has taken every queued job; returns the seconds it took."""
    started = time.monotonic()
    while jobs_pending(redis_url, queue_name) and time.monotonic() - started < timeout:
        time.sleep(0.2)
    time.sleep(1)  # the last jobs taken finish
    return time.monotonic() - started


def warm(url: str, *, expect_cache: str | None) -> None:
    """Fetch until the page is what we mean to measure (200; from the cache when on)."""
    import requests

    for _ in range(3):
        response = requests.get(url, headers=READ_HEADERS, timeout=60)
        assert response.status_code == 200, (url, response.status_code)
    if expect_cache:
        assert response.headers.get("X-Page-Cache") == expect_cache, (url, response.headers)
    else:
        assert "X-Page-Cache" not in response.headers, url


def profile_workers(master: int, seconds: int, output: Path) -> None:
    """Sample every gunicorn worker (py-spy on the master with --subprocesses) while wrk
    runs: busy threads only (idle ones, blocked in a system call, are left out), so the
    shares are shares of the workers' CPU time."""
    spy = os.environ.get("PY_SPY") or shutil.which("py-spy") or "py-spy"
    subprocess.run(
        [
            spy,
            "record",
            "--pid",
            str(master),
            "--subprocesses",
            "--duration",
            str(seconds),
            "--format",
            "raw",
            "--output",
            str(output),
            "--nonblocking",
        ],
        capture_output=True,
        check=False,
    )


# Where a sample's time goes: the first of these met walking from the innermost frame out.
CATEGORIES = [
    ("PostgreSQL (psycopg: send, wait, parse rows)", ("psycopg/",)),
    ("Redis (redis-py: cache, rate limits, queue)", ("redis/",)),
    ("templates (django.template)", ("django/template/",)),
    ("forms and widgets", ("django/forms/",)),
    ("ORM (compile SQL, build objects)", ("django/db/",)),
    ("API schemas (ninja, pydantic)", ("ninja/", "pydantic")),
    ("logging and metrics", ("logging/", "pythonjsonlogger", "prometheus_client")),
    ("gunicorn (HTTP parsing, socket I/O)", ("gunicorn/",)),
]


def summarize_profile(path: Path) -> tuple[int, list[tuple[float, str]], list[tuple[float, str]]]:
    """From a py-spy raw (collapsed stacks) file: the share of samples per category, and
    the project's own functions by inclusive share."""
    if not path.exists():
        return 0, [], []
    categories: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        samples, frames = int(count), stack.split(";")
        total += samples
        category = "other Python (middleware, views, the rest)"
        for frame in reversed(frames):
            found = next((n for n, marks in CATEGORIES if any(m in frame for m in marks)), None)
            if found:
                category = found
                break
        categories[category] = categories.get(category, 0) + samples
        for frame in {f for f in frames if "lidzdaliba/" in f and "middleware" not in f}:
            own[frame] = own.get(frame, 0) + samples
    if not total:
        return 0, [], []
    by_category = sorted(((n / total, c) for c, n in categories.items()), reverse=True)
    by_function = sorted(((n / total, f) for f, n in own.items()), reverse=True)[:8]
    return total, by_category, by_function


def print_profiles(folder: Path) -> None:
    for output in sorted(folder.glob("*.profile")):
        label = output.with_suffix(".label").read_text()
        total, by_category, by_function = summarize_profile(output)
        print(f"\nwhere the CPU time goes: {label} (py-spy, all workers, {total:,} samples)")
        for share, category in by_category:
            print(f"  {share:6.1%}  {category}")
        print("  project functions (inclusive):")
        for share, frame in by_function:
            print(f"  {share:6.1%}  {frame[:120]}")


def choose_median_write_round(results: dict[str, Result], rounds: int) -> None:
    """The round with the median ratio stands for the write path (`write:trivial` and
    `write:opinion`); every round's ratio is printed, and the opinions of all rounds are
    counted."""
    pairs = [
        (results[f"write:trivial:{n}"], results[f"write:opinion:{n}"]) for n in range(1, rounds + 1)
    ]
    ratios = [opinion.rps / trivial.rps for trivial, opinion in pairs]
    median = sorted(range(rounds), key=lambda n: ratios[n])[rounds // 2]
    results["write:trivial"], results["write:opinion"] = pairs[median]
    results["write:opinion"].statuses = {
        key: sum(opinion.statuses[key] for _, opinion in pairs)
        for key in ("created", "replayed", "other")
    }
    print(
        "write rounds (opinion / trivial insert): "
        + ", ".join(
            f"{opinion.rps:.0f}/{trivial.rps:.0f} = {ratio:.0%}"
            for (trivial, opinion), ratio in zip(pairs, ratios, strict=True)
        )
        + "; the median round is reported"
    )
    for number, (trivial, opinion) in enumerate(pairs, 1):
        print(f"  round {number}: trivial insert {trivial.cpu_line()}")
        print(f"  round {number}: opinion via API {opinion.cpu_line()}")


def report(
    results: dict[str, Result],
    counts: dict,
    pages,
    written: int,
    args,
    backlog: dict[int, tuple[int, float]],
) -> None:
    cached_paths = {path for _, path in pages if not path.startswith("/bench/")}
    print()
    print(
        f"| {'path':<42} | {'req/s':>8} | {'p50 ms':>7} | {'p90 ms':>7} | {'p99 ms':>7} "
        f"| {'ratio':>6} | {'queries':>7} | {'non-2xx':>7} |"
    )
    print(f"|{'-' * 44}|{'-' * 10}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 8}|{'-' * 9}|{'-' * 9}|")
    verdicts = []
    for mode in ("cached", "uncached"):
        base = results[f"{mode}:trivial read view"]
        for name, path in pages:
            result = results[f"{mode}:{name}"]
            ratio = result.rps / base.rps
            label = f"{name}, cache {'on' if mode == 'cached' else 'off'}"
            queries = (
                "hit" if mode == "cached" and path in cached_paths else counts[path]["queries"]
            )
            print(
                f"| {label:<42} | {result.rps:8.0f} | {result.p50:7.1f} | {result.p90:7.1f} | "
                f"{result.p99:7.1f} | {ratio:6.2f} | {queries:>7} | {result.bad:>7} |"
            )
            if mode == "cached" and not path.startswith("/bench/"):
                verdicts.append((f"read: {name} (cached)", ratio, READ_TARGET))
    base = results["write:trivial"]
    for key, name in (
        ("write:trivial", "POST /bench/insert/"),
        ("write:opinion", "POST opinion via API"),
    ):
        result = results[key]
        ratio = result.rps / base.rps
        queries = counts[name]["queries"]
        print(
            f"| {name:<42} | {result.rps:8.0f} | {result.p50:7.1f} | {result.p90:7.1f} | "
            f"{result.p99:7.1f} | {ratio:6.2f} | {queries:>7} | {result.bad:>7} |"
        )
    verdicts.append(
        ("write: opinion via API", results["write:opinion"].rps / base.rps, WRITE_TARGET)
    )
    print()
    opinion = results["write:opinion"]
    print(
        f"write path, all rounds: {opinion.statuses['created']:,} opinions created (201), "
        f"{opinion.statuses['replayed']} replayed (200), {opinion.statuses['other']} other; "
        f"{written:,} rows in the database, each key once (requests still in flight when "
        "wrk stopped were saved too)"
    )
    print(
        "jobs the worker had not yet taken when each opinion round stopped: "
        + ", ".join(
            f"round {number}: {left:,} (done {seconds:.0f} s later)"
            for number, (left, seconds) in backlog.items()
        )
    )
    for key, result in results.items():
        if result.errors and key.count(":") < 2:
            print(f"socket errors during {result.name}: {result.errors}")
    signed_in = [key for key in results if key.startswith("signed-in:")]
    if signed_in:
        base = results["cached:trivial read view"]
        print(
            "\nsigned-in pages (each person's own session; page bodies shared, core/fragments.py):"
        )
        for key in signed_in:
            result = results[key]
            ratio = result.rps / base.rps
            name = key.split(":", 1)[1]
            print(
                f"| {name:<42} | {result.rps:8.0f} | {result.p50:7.1f} | {result.p90:7.1f} | "
                f"{result.p99:7.1f} | {ratio:6.2f} | {counts.get(key, {}).get('queries', '?'):>7} "
                f"| {result.bad:>7} |  app CPU {result.cpu_ms.get('app', 0):.1f} ms/request"
            )
            verdicts.append((f"signed-in: {name}", ratio, SIGNED_IN_TARGET))
    print("\nin-process, one request at a time, median of 5, cache off (Django test client):")
    for path, values in counts.items():
        print(
            f"  {path:<32} {values['queries']:>3} queries, {values['db_ms']:6.1f} ms in SQL, "
            f"{values['ms']:6.1f} ms in all, {values['bytes']:,} bytes"
        )
    print("\ntargets:")
    for label, ratio, target in verdicts:
        verdict = "met" if ratio >= target else "MISSED"
        print(f"  {label:<45} {ratio:5.0%} of the trivial view (target ≥ {target:.0%}): {verdict}")
