"""Concurrent keep-alive clients asking one simple lookup for a while:
`python -m bench.load URL SECONDS CLIENTS [--slow]`; prints one JSON line (requests/s answered
right, errors, latency percentiles). With --slow, one more client sends its request a byte a
second meanwhile (it must not delay the others). Its own process, so the clients' threads do not
share a GIL with the bench."""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

QUERY = "SELECT DISTINCT ?n WHERE { GRAPH ?g { <https://w3id.org/aseankg/member/PH> <https://w3id.org/aseankg/ontology#name> ?n } }"
EXPECT = b"Philippines"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc, seconds: float = 60) -> None:
    """Until the server process answers `url` (any status)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


def client(u, stop: float, out: list, lock) -> None:
    target = u.path + "?" + urllib.parse.urlencode({"query": QUERY})
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    mine = []
    while time.monotonic() < stop:
        t = time.monotonic()
        try:
            conn.request("GET", target, headers={"Accept": "application/sparql-results+json"})
            r = conn.getresponse()
            ok = r.status == 200 and EXPECT in r.read()
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        mine.append((ok, time.monotonic() - t))
    with lock:
        out.extend(mine)


def slow_client(u, stop: float) -> None:
    """A request trickled a byte a second, holding its connection open."""
    request = f"GET {u.path}?query=ASK%7B%7D HTTP/1.1\r\nHost: {u.hostname}\r\n\r\n".encode()
    with socket.create_connection((u.hostname, u.port), timeout=5) as s:
        for b in request:
            if time.monotonic() >= stop:
                return
            try:
                s.sendall(bytes([b]))
            except OSError:
                return
            time.sleep(1)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("seconds", type=float)
    ap.add_argument("clients", type=int)
    ap.add_argument("--slow", action="store_true")
    a = ap.parse_args(argv)
    u = urllib.parse.urlsplit(a.url)
    out, lock = [], threading.Lock()
    t0 = time.monotonic()
    stop = t0 + a.seconds
    threads = [threading.Thread(target=client, args=(u, stop, out, lock)) for _ in range(a.clients)]
    if a.slow:
        threads.append(threading.Thread(target=slow_client, args=(u, stop), daemon=True))
    for t in threads:
        t.start()
    for t in threads[: a.clients]:
        t.join()
    elapsed = time.monotonic() - t0
    lat = sorted(dt for ok, dt in out if ok)
    ok = len(lat)

    def pct(p):
        return 1000 * lat[min(len(lat) - 1, int(p * len(lat)))] if lat else None

    print(
        json.dumps(
            {
                "per_second": ok / elapsed,
                "errors": len(out) - ok,
                "p50_ms": pct(0.5),
                "p99_ms": pct(0.99),
                "max_ms": 1000 * lat[-1] if lat else None,
                "seconds": elapsed,
                "clients": a.clients,
            }
        )
    )


if __name__ == "__main__":
    main()
