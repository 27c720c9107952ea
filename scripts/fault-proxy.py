#!/usr/bin/env python3
"""A forwarding HTTP proxy for tests that breaks some requests on purpose.

Every Nth request (--every) gets the next fault of --faults, in turn; the others are passed to
--upstream unchanged. The faults:

  503          answer 503 with Retry-After: 1, without forwarding
  500          answer 500, without forwarding
  429          answer 429 with Retry-After: 1, without forwarding
  drop         close the connection without an answer, without forwarding
  lost-answer  forward the request, then close without passing the answer on: the server
               did the work, the client never hears of it
  slow         wait 0.3 s, then forward
  stall        wait --stall seconds (longer than the client's timeout), then forward: the client
               gives up and retries while the first request may still reach the server

It binds 127.0.0.1 on a free port and writes that port to --port-file once it listens. Each
request adds one line to --log: its number, its method, its Depth header, a REPORT's root element
and how many hrefs it names, and the fault it got or "ok".
"""

import argparse
import http.client
import http.server
import itertools
import os
import threading
import time
import urllib.parse
from xml.etree import ElementTree

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"}


def describe(method, body):
    """A REPORT's root element and how many hrefs it names, for the log."""
    if method != "REPORT" or not body:
        return "-", 0
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return "unreadable", 0
    return root.tag.split("}")[-1], len(root.findall("{DAV:}href"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", required=True, help="http://host:port of the real server")
    parser.add_argument("--every", type=int, default=3, help="break one request in this many")
    parser.add_argument("--faults", default="503,500,429,drop,lost-answer,slow,stall")
    parser.add_argument("--stall", type=float, default=3.0, help="seconds a stalled request waits")
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    options = parser.parse_args()

    upstream = urllib.parse.urlsplit(options.upstream)
    faults = itertools.cycle(options.faults.split(","))
    counter = itertools.count(1)
    lock = threading.Lock()
    log = open(options.log, "a", buffering=1)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args):
            pass

        def __getattr__(self, name):
            if name.startswith("do_"):
                return self.handle_any
            raise AttributeError(name)

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            report, hrefs = describe(self.command, body)
            with lock:
                number = next(counter)
                fault = next(faults) if number % options.every == 0 else "ok"
                log.write(f"{number} {self.command} depth={self.headers.get('Depth', '-')} "
                          f"report={report} hrefs={hrefs} {fault}\n")
            if fault in ("503", "500", "429"):
                self.send_response(int(fault))
                if fault != "500":
                    self.send_header("Retry-After", "1")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if fault == "drop":
                self.close_connection = True
                return
            if fault == "slow":
                time.sleep(0.3)
            if fault == "stall":
                time.sleep(options.stall)
            answer = self.forward(body)
            if fault == "lost-answer":
                self.close_connection = True
                return
            status, headers, data = answer
            self.send_response(status)
            for name, value in headers:
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def forward(self, body):
            connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=30)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            connection.request(self.command, self.path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            connection.close()
            return response.status, response.getheaders(), data

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(options.port_file + ".tmp", "w") as handle:
        handle.write(str(server.server_address[1]))

    os.replace(options.port_file + ".tmp", options.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
