"""Latency of eenplan's busiest pages under load, each compared with a bare Django view.

    scripts/with-postgres .venv/bin/python benchmarks/run.py --households 100000

(`make bench` does exactly that.) Steps: migrate the database in DATABASE_URL, load the demo with
`--households` households, count the SQL queries of each page, serve eenplan with gunicorn on a free
loopback port, log in `--users` sessions as the demo regisseur (and use its API token), and send
requests from that many threads with keep-alive, one endpoint at a time, each bounded by a number
of requests and a number of seconds. Results: a table on stdout and `bench-results/latest.json`.

Only 127.0.0.1 is ever contacted. The load client shares the machine's cores with the server, so
compare the ratios to the bare view rather than the absolute milliseconds between machines.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookies
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
USERNAME = "regisseur"
PASSWORD = "demo-eenplan-2026"
LOGIN_PATH = "/account/inloggen"

# name -> (path template, authentication)
ENDPOINTS: dict[str, tuple[str, str]] = {
    "bare": ("/bench/bare", "session"),
    "caseload": ("/huishoudens/", "session"),
    "household": ("/huishoudens/{uuid}/", "session"),
    "api_caseload": ("/api/v1/huishoudens", "token"),
    "api_household": ("/api/v1/huishoudens/{uuid}", "token"),
}


def log(message: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", flush=True)


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "src")])
    # One user sends thousands of requests a minute here; the throttle would measure itself.
    env["EENPLAN_API_THROTTLE_USER"] = "1000000/minute"
    env["EENPLAN_API_THROTTLE_ANON"] = "1000000/minute"
    return env


def eenplan(*args: str, env: dict[str, str], quiet: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "eenplan", *args],
        env=env,
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    return result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# HTTP


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    jar: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
    for header in response.msg.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def session_login(port: int) -> str:
    """Log in through the login form, as a browser does; returns the Cookie header to send."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", LOGIN_PATH)
        response = connection.getresponse()
        page = response.read().decode()
        cookies = _cookies(response)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if response.status != 200 or not match or "csrftoken" not in cookies:
            raise RuntimeError(f"login page answered {response.status} without a CSRF token")
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": match[1], "username": USERNAME, "password": PASSWORD}
        )
        connection.request(
            "POST",
            LOGIN_PATH,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookies['csrftoken']}",
            },
        )
        response = connection.getresponse()
        response.read()
        cookies.update(_cookies(response))
        session_cookie = "sessionid"
        if response.status != 302 or session_cookie not in cookies:
            raise RuntimeError(f"login as {USERNAME} failed: HTTP {response.status}")
        return f"{session_cookie}={cookies[session_cookie]}"
    finally:
        connection.close()


@dataclass
class Phase:
    """One endpoint under load: shared by the worker threads."""

    name: str
    paths: list[str]
    max_requests: int
    deadline: float
    latencies: list[float] = field(default_factory=list)
    errors: dict[int | str, int] = field(default_factory=dict)
    issued: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def claim(self) -> str | None:
        with self.lock:
            if self.issued >= self.max_requests or time.monotonic() >= self.deadline:
                return None
            path = self.paths[self.issued % len(self.paths)]
            self.issued += 1
            return path

    def record(self, seconds: float | None, failure: int | str | None = None) -> None:
        with self.lock:
            if failure is None and seconds is not None:
                self.latencies.append(seconds)
            else:
                key = failure if failure is not None else "error"
                self.errors[key] = self.errors.get(key, 0) + 1


class Worker:
    """One simulated user: one keep-alive connection, its own session or the API token."""

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.port = port
        self.headers = headers
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)

    def get(self, path: str) -> tuple[int, float]:
        for attempt in (1, 2):
            try:
                started = time.perf_counter()
                self.connection.request("GET", path, headers=self.headers)
                response = self.connection.getresponse()
                response.read()
                return response.status, time.perf_counter() - started
            except (http.client.HTTPException, ConnectionError):
                # The server closed an idle keep-alive connection: reconnect once, untimed.
                self.connection.close()
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def run(self, phase: Phase) -> None:
        while (path := phase.claim()) is not None:
            try:
                status, seconds = self.get(path)
            except (http.client.HTTPException, OSError) as error:
                phase.record(None, type(error).__name__)
                continue
            phase.record(seconds, None if status == 200 else status)

    def close(self) -> None:
        self.connection.close()


def run_phase(workers: list[Worker], phase: Phase) -> None:
    threads = [threading.Thread(target=worker.run, args=(phase,)) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


# ---------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=20, help="concurrent simulated users")
    parser.add_argument("--requests", type=int, default=3000, help="at most, per endpoint")
    parser.add_argument("--seconds", type=float, default=30.0, help="at most, per endpoint")
    parser.add_argument("--warmup", type=int, default=100, help="untimed requests per endpoint")
    parser.add_argument(
        "--single", type=int, default=50, help="requests of one user alone, per endpoint"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "bench-results" / "latest.json")
    parser.add_argument(
        "--queries-only",
        action="store_true",
        help="count the queries (and show the slowest of each page), skip the load",
    )
    args = parser.parse_args()

    env = environment()
    database_url = env.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        log("DATABASE_URL is not PostgreSQL: run through scripts/with-postgres (make bench)")
        return 2

    log("migrating")
    eenplan("migrate", "--no-input", "--verbosity", "0", env=env)
    log(f"loading the demo with {args.households} households")
    started = time.monotonic()
    eenplan("load-demo", "--households", str(args.households), env=env)
    load_seconds = time.monotonic() - started
    log(f"loaded in {load_seconds:.0f} s")
    eenplan("collectstatic", "--no-input", "--verbosity", "0", env=env)
    token = eenplan("api-token", USERNAME, env=env, quiet=True).strip().splitlines()[-1]

    log("counting queries per page")
    counted = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "queries.py"), "--token", token],
        env=env,
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    )
    pages = json.loads(counted.stdout.strip().splitlines()[-1])
    bad = {name: status for name, status in pages["statuses"].items() if status != 200}
    if bad:
        log(f"pages do not answer 200 in the test client: {bad}")
        return 1
    for name, slowest in pages["slowest_queries"].items():
        log(f"{name}: {pages['queries'][name]} queries, slowest {slowest['ms']} ms")
    if args.queries_only:
        for name, slowest in pages["slowest_queries"].items():
            print(f"\n-- {name}, slowest query ({slowest['ms']} ms):\n{slowest['sql']}")
        return 0

    port = free_port()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    server_log = args.output.parent / "gunicorn.log"
    log(f"serving on {HOST}:{port} (log: {server_log.relative_to(ROOT)})")
    with server_log.open("w") as server_output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--bind",
                f"{HOST}:{port}",
                "--access-logfile",
                "/dev/null",
            ],
            env=env,
            cwd=ROOT,
            stdout=server_output,
            stderr=subprocess.STDOUT,
        )
        try:
            results = measure(port, token, pages, args)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    report = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "households": args.households,
        "visible_to_regisseur": pages["visible_households"],
        "concurrent_users": args.users,
        "load_demo_seconds": round(load_seconds, 1),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "server": "gunicorn, deploy/gunicorn.conf.py",
        "slowest_queries": pages["slowest_queries"],
        "endpoints": results,
    }
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    print_table(report)
    log(f"written to {args.output.relative_to(ROOT)}")
    failures = {name: result["errors"] for name, result in results.items() if result["errors"]}
    if failures:
        log(f"requests that failed: {failures}")
        return 1
    return 0


def wait_until_up(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                connection.close()
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /health in time")


def measure(port: int, token: str, pages: dict, args: argparse.Namespace) -> dict:
    wait_until_up(port)
    log(f"logging in {args.users} sessions as {USERNAME}")
    cookies = [session_login(port) for _ in range(args.users)]
    token_headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
    session_workers = [Worker(port, {"Cookie": cookie}) for cookie in cookies]
    token_workers = [Worker(port, dict(token_headers)) for _ in range(args.users)]

    results: dict[str, dict] = {}
    try:
        for name, (template, auth) in ENDPOINTS.items():
            paths = [template.format(uuid=uuid) for uuid in pages["sample"]]
            if "{uuid}" not in template:
                paths = [template]
            workers = session_workers if auth == "session" else token_workers
            run_phase(workers, Phase(name, paths, args.warmup, time.monotonic() + args.seconds))
            # One user alone first: the service time, without waiting behind the others.
            alone = Phase(name, paths, args.single, time.monotonic() + args.seconds)
            run_phase(workers[:1], alone)
            phase = Phase(name, paths, args.requests, time.monotonic() + args.seconds)
            started = time.monotonic()
            run_phase(workers, phase)
            elapsed = time.monotonic() - started
            if not phase.latencies:
                raise RuntimeError(f"{name}: no successful request ({phase.errors})")
            results[name] = {
                "path": template,
                "requests": len(phase.latencies),
                "errors": phase.errors,
                "single_user_median_ms": round(statistics.median(alone.latencies) * 1000, 2)
                if alone.latencies
                else None,
                "median_ms": round(statistics.median(phase.latencies) * 1000, 2),
                "p95_ms": round(percentile(phase.latencies, 0.95) * 1000, 2),
                "requests_per_second": round(len(phase.latencies) / elapsed, 1),
                "queries": pages["queries"].get(name),
            }
            log(f"{name}: {results[name]['median_ms']} ms median")
    finally:
        for worker in session_workers + token_workers:
            worker.close()

    bare = results["bare"]
    for result in results.values():
        result["median_ratio"] = round(result["median_ms"] / bare["median_ms"], 1)
        result["p95_ratio"] = round(result["p95_ms"] / bare["p95_ms"], 1)
    return results


def print_table(report: dict) -> None:
    print()
    print(
        f"{report['households']} households ({report['visible_to_regisseur']} visible to "
        f"{USERNAME}), {report['concurrent_users']} concurrent users, "
        f"{report['machine']['cpus']} CPUs. 'alone': median of one user without the others."
    )
    header = f"{'endpoint':<28} {'alone ms':>9} {'median ms':>10} {'p95 ms':>10} {'× bare':>8} {'p95 × bare':>11} {'req/s':>8} {'queries':>8}"
    print(header)
    print("-" * len(header))
    for name, result in report["endpoints"].items():
        queries = "-" if result["queries"] is None else str(result["queries"])
        alone = (
            "-"
            if result["single_user_median_ms"] is None
            else f"{result['single_user_median_ms']:.1f}"
        )
        print(
            f"{name + ' ' + result['path']:<28.28} {alone:>9} {result['median_ms']:>10.1f} "
            f"{result['p95_ms']:>10.1f} {result['median_ratio']:>8.1f} "
            f"{result['p95_ratio']:>11.1f} {result['requests_per_second']:>8.1f} {queries:>8}"
        )
    print()


if __name__ == "__main__":
    sys.exit(main())
