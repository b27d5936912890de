"""Evidence link checks per second against a local page: `python bench/linkcheck_bench.py [N] [KiB]`.

Measures the fetcher alone (commitments/evidence/linkfetch.py: resolve, address check, connect, GET, hash),
one check after another as one worker process runs them, against a page served on 127.0.0.1."""

from __future__ import annotations

import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from commitments.evidence.linkfetch import Limits, fetch


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    body = b"x" * (int(sys.argv[2]) if len(sys.argv) > 2 else 50) * 1024

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/informe"
    limits = Limits(allow_private=True)
    started = time.perf_counter()
    failures = sum(not fetch(url, limits).ok for _ in range(count))
    elapsed = time.perf_counter() - started
    server.shutdown()
    print(
        f"{count} checks of a {len(body) // 1024} KiB page in {elapsed:.2f} s: "
        f"{count / elapsed:.0f} checks/s, {failures} failures"
    )


if __name__ == "__main__":
    main()
