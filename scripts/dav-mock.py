#!/usr/bin/env python3
"""A small CardDAV/CalDAV server for tests, with the behaviours real servers differ in.

It keeps items in memory, under any collection path (a path ending with "/"), and answers
PROPFIND (Depth 0 and 1), PUT and DELETE with If-Match / If-None-Match, GET, and REPORT
(addressbook-multiget, calendar-multiget, and sync-collection when --sync is given). Options:

  --sync                 list sync-collection in supported-report-set and answer it (RFC 6578)
  --ctag                 give CalendarServer's getctag on the collection
  --refuse-empty-token   answer 400 to a sync-collection without a token
  --sync-page N          give at most N changes per sync-collection answer, with a 507 for the
                         collection (RFC 6578 section 3.6)
  --rewrite              store items as a server that rewrites them: lines reversed inside
                         the object, its own PRODID

POST /_admin/retag?path=P gives the item at P a new etag and leaves its content. Each request
adds one line to FOLDER/requests.log: its number, method, Depth, the REPORT's root element, the
number of hrefs it names, and "ok". It binds 127.0.0.1 only.
"""

import argparse
import http.server
import itertools
import os
import threading
import urllib.parse
import uuid
import xml.etree.ElementTree as ET

DAV = "DAV:"
CARD = "urn:ietf:params:xml:ns:carddav"
CAL = "urn:ietf:params:xml:ns:caldav"
CS = "http://calendarserver.org/ns/"
TOKEN_PREFIX = "http://example.org/mock/sync/"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--folder", required=True)
    parser.add_argument("--sync", action="store_true")
    parser.add_argument("--ctag", action="store_true")
    parser.add_argument("--refuse-empty-token", action="store_true")
    parser.add_argument("--sync-page", type=int, default=0)
    parser.add_argument("--rewrite", action="store_true")
    options = parser.parse_args()

    items = {}  # path -> (etag, body bytes)
    changes = []  # (sequence, path), oldest first
    sequence = itertools.count(1)
    counter = itertools.count(1)
    lock = threading.Lock()
    log = open(os.path.join(options.folder, "requests.log"), "a", buffering=1)

    def changed(path):
        changes.append((next(sequence), path))

    def current():
        return changes[-1][0] if changes else 0

    def rewritten(body):
        """The body as a server that re-serialises items stores it: its own PRODID, a card's
        lines in another order, every line folded at 40 characters."""
        if not options.rewrite:
            return body
        logical = []
        for line in body.decode("utf-8").replace("\r\n", "\n").strip("\n").split("\n"):
            if line[:1] in (" ", "\t") and logical:
                logical[-1] += line[1:]
            else:
                logical.append(line)
        inner = [line for line in logical[1:-1] if not line.startswith("PRODID")]
        if logical[0] == "BEGIN:VCARD":
            inner.reverse()
        lines = [logical[0], "PRODID:-//Mock//Rewriter//EN"] + inner + [logical[-1]]
        folded = []
        for line in lines:
            pieces = [line[i:i + 40] for i in range(0, len(line), 40)] or [""]
            folded.append("\r\n ".join(pieces))
        return ("\r\n".join(folded) + "\r\n").encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args):
            pass

        def answer(self, status, body=b"", headers=()):
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def multistatus(self, responses, token=None):
            parts = ['<?xml version="1.0" encoding="utf-8"?>',
                     f'<d:multistatus xmlns:d="{DAV}" xmlns:c="{CARD}" xmlns:k="{CAL}" xmlns:s="{CS}">']
            parts += responses
            if token is not None:
                parts.append(f"<d:sync-token>{token}</d:sync-token>")
            parts.append("</d:multistatus>")
            self.answer(207, "".join(parts).encode(), [("Content-Type", "application/xml; charset=utf-8")])

        @staticmethod
        def member(path, props):
            return f"<d:response><d:href>{path}</d:href><d:propstat><d:prop>{props}</d:prop>" \
                   "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"

        @staticmethod
        def missing(path, status="404 Not Found"):
            return f"<d:response><d:href>{path}</d:href><d:status>HTTP/1.1 {status}</d:status></d:response>"

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path = urllib.parse.urlsplit(self.path).path
            report, hrefs = "-", 0
            root = None
            if self.command == "REPORT":
                root = ET.fromstring(body)
                report = root.tag.split("}")[-1]
                hrefs = len(root.findall(f"{{{DAV}}}href"))
            with lock:
                log.write(f"{next(counter)} {self.command} depth={self.headers.get('Depth', '-')} "
                          f"report={report} hrefs={hrefs} ok\n")
                getattr(self, "answer_" + self.command.lower(), self.answer_other)(path, body, root)

        def answer_other(self, path, body, root):
            self.answer(405)

        def answer_get(self, path, body, root):
            if path not in items:
                return self.answer(404)
            etag, content = items[path]
            self.answer(200, content, [("ETag", etag)])

        def answer_post(self, path, body, root):
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            target = query.get("path", [""])[0]
            if path != "/_admin/retag" or target not in items:
                return self.answer(404)
            items[target] = (f'"{uuid.uuid4().hex}"', items[target][1])
            changed(target)
            self.answer(204)

        def answer_put(self, path, body, root):
            present = items.get(path)
            if self.headers.get("If-None-Match") == "*" and present:
                return self.answer(412)
            expected = self.headers.get("If-Match")
            if expected and (not present or present[0] != expected):
                return self.answer(412)
            etag = f'"{uuid.uuid4().hex}"'
            items[path] = (etag, rewritten(body))
            changed(path)
            self.answer(204 if present else 201, headers=[("ETag", etag)])

        def answer_delete(self, path, body, root):
            present = items.get(path)
            if not present:
                return self.answer(404)
            expected = self.headers.get("If-Match")
            if expected and present[0] != expected:
                return self.answer(412)
            del items[path]
            changed(path)
            self.answer(204)

        def answer_propfind(self, path, body, root):
            if not path.endswith("/"):
                if path not in items:
                    return self.answer(404)
                return self.multistatus([self.member(path, f"<d:getetag>{items[path][0]}</d:getetag>")])
            reports = "<d:supported-report><d:report><c:addressbook-multiget/></d:report></d:supported-report>" \
                      "<d:supported-report><d:report><k:calendar-multiget/></d:report></d:supported-report>"
            props = "<d:resourcetype><d:collection/><c:addressbook/><k:calendar/></d:resourcetype>"
            if options.sync:
                reports += "<d:supported-report><d:report><d:sync-collection/></d:report></d:supported-report>"
                props += f"<d:sync-token>{TOKEN_PREFIX}{current()}</d:sync-token>"
            if options.ctag:
                props += f"<s:getctag>ctag-{current()}</s:getctag>"
            props += f"<d:supported-report-set>{reports}</d:supported-report-set>"
            responses = [self.member(path, props)]
            if self.headers.get("Depth") == "1":
                for member in sorted(p for p in items if p.startswith(path)):
                    responses.append(self.member(member, f"<d:getetag>{items[member][0]}</d:getetag>"))
            self.multistatus(responses)

        def answer_report(self, path, body, root):
            kind = root.tag.split("}")[-1]
            if kind in ("addressbook-multiget", "calendar-multiget"):
                data = "c:address-data" if kind == "addressbook-multiget" else "k:calendar-data"
                responses = []
                for href in root.findall(f"{{{DAV}}}href"):
                    member = urllib.parse.unquote(href.text or "")
                    if member not in items:
                        responses.append(self.missing(member))
                        continue
                    etag, content = items[member]
                    text = content.decode("utf-8").replace("&", "&amp;").replace("<", "&lt;")
                    responses.append(self.member(member, f"<d:getetag>{etag}</d:getetag><{data}>{text}</{data}>"))
                return self.multistatus(responses)
            if kind != "sync-collection" or not options.sync:
                return self.answer(403)
            token = (root.findtext(f"{{{DAV}}}sync-token") or "").strip()
            if not token and options.refuse_empty_token:
                return self.answer(400, b"a sync token is required")
            since = 0
            if token:
                number = token[len(TOKEN_PREFIX):] if token.startswith(TOKEN_PREFIX) else ""
                if not number.isdigit() or int(number) > current():
                    error = f'<?xml version="1.0"?><d:error xmlns:d="{DAV}"><d:valid-sync-token/></d:error>'
                    return self.answer(403, error.encode(), [("Content-Type", "application/xml")])
                since = int(number)
            latest = {}
            for number, member in changes:
                if number > since and member.startswith(path):
                    latest[member] = number
            ordered = sorted(latest.items(), key=lambda pair: pair[1])
            if not token:
                ordered = [pair for pair in ordered if pair[0] in items]
            truncated = options.sync_page and len(ordered) > options.sync_page
            if truncated:
                ordered = ordered[:options.sync_page]
            responses = []
            for member, _ in ordered:
                if member in items:
                    responses.append(self.member(member, f"<d:getetag>{items[member][0]}</d:getetag>"))
                else:
                    responses.append(self.missing(member))
            if truncated:
                responses.append(self.missing(path, "507 Insufficient Storage"))
            reached = ordered[-1][1] if truncated else current()
            self.multistatus(responses, f"{TOKEN_PREFIX}{reached}")

    for method in ("GET", "POST", "PUT", "DELETE", "PROPFIND", "REPORT", "MKCOL", "MKCALENDAR", "HEAD"):
        setattr(Handler, "do_" + method, Handler.handle_any)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", options.port), Handler)
    server.serve_forever()


if __name__ == "__main__":
    main()
