# SPDX-License-Identifier: Apache-2.0
# httpd.py: the local HTTP server of the `namescreen update` test (tests/update_test.sh). Serves
# the files of ROOT on 127.0.0.1 at a free port, which it prints first thing, with real ETag and
# Last-Modified headers and conditional requests (304). Faults per path come from ROOT/.faults,
# read at each request, one "PATH MODE" a line: 404, 500, 500x2 (500 twice, then the file),
# cut (sends Content-Length, half the body, then closes), stall (sends a few bytes, then
# nothing), garbage (a body that is no list). Each request is logged to ROOT/.log as
# "PATH STATUS If-None-Match If-Modified-Since"; a request in absolute form (the server used as
# an HTTP proxy) is served like its path. Exits on its own after --lifetime seconds.
# With --tls CERT KEY it speaks https.
# Usage: /usr/bin/python3 tests/httpd.py ROOT [--lifetime SECONDS] [--tls CERT KEY]
import argparse
import email.utils
import hashlib
import http.server
import os
import ssl
import sys
import threading
import time

ROOT = "."
LOCK = threading.Lock()
COUNTS = {}  # path -> requests answered with a transient fault (for 500x2)


def faults():
    modes = {}
    try:
        with open(os.path.join(ROOT, ".faults"), encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2:
                    modes[parts[0]] = parts[1]
    except FileNotFoundError:
        pass
    return modes


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "namescreen-test-httpd"

    def log_message(self, fmt, *args):  # no noise on stderr
        pass

    def log_request_line(self, status):
        inm = self.headers.get("If-None-Match", "-")
        ims = self.headers.get("If-Modified-Since", "-").replace(" ", "_")
        with LOCK, open(os.path.join(ROOT, ".log"), "a", encoding="utf-8") as f:
            f.write("%s %s %s %s\n" % (self.path, status, inm, ims))

    def plain(self, status, body=b""):
        self.log_request_line(status)
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path.startswith("http://"):  # absolute form: asked as a proxy (--proxy test)
            path = "/" + path.split("/", 3)[3] if path.count("/") >= 3 else "/"
            self.log_request_line("proxy " + self.path)
        mode = faults().get(path, "ok")
        if mode == "404":
            return self.plain(404, b"not here\n")
        if mode == "500":
            return self.plain(500, b"broken\n")
        if mode == "500x2":
            with LOCK:
                COUNTS[path] = COUNTS.get(path, 0) + 1
                n = COUNTS[path]
            if n <= 2:
                return self.plain(500, b"broken for now\n")
        if mode == "garbage":
            return self.plain(200, b"\x00\x01garbage\xff\xfe, not a list\n")
        local = os.path.join(ROOT, path.lstrip("/"))
        if ".." in path or not os.path.isfile(local):
            return self.plain(404, b"no such file\n")
        with open(local, "rb") as f:
            body = f.read()
        mtime = os.stat(local).st_mtime
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        last_modified = email.utils.formatdate(mtime, usegmt=True)
        if self.not_modified(etag, mtime):
            self.log_request_line(304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_modified)
            self.end_headers()
            return None
        self.log_request_line(200 if mode == "ok" else mode)
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.end_headers()
        if mode == "cut":
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return None
        if mode == "stall":
            self.wfile.write(body[:4])
            self.wfile.flush()
            time.sleep(20)  # the client's timeout ends it first
            self.close_connection = True
            return None
        self.wfile.write(body)
        return None

    def not_modified(self, etag, mtime):
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        ims = self.headers.get("If-Modified-Since")
        if ims is None:
            return False
        try:
            since = email.utils.parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError):
            return False
        return int(mtime) <= since


def main():
    global ROOT
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--lifetime", type=float, default=120.0)
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="serve https")
    args = ap.parse_args()
    ROOT = os.path.abspath(args.root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if args.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    timer = threading.Timer(args.lifetime, lambda: os._exit(0))
    timer.daemon = True
    timer.start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
