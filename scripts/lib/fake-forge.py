"""A stand-in for the two comment APIs scripts/ci/post-report calls, for scripts/pipeline-test: usage
`python fake-forge.py PORT STATE.json`. GitHub: GET/POST /repos/R/issues/N/comments, PATCH
/repos/R/issues/comments/ID; GitLab: GET/POST /projects/P/merge_requests/N/notes, PUT .../notes/ID. Every
request needs an Authorization or PRIVATE-TOKEN header. STATE.json holds the comments after each request.
"""
import json
import re
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

port, state_file = int(sys.argv[1]), sys.argv[2]
comments = {}  # thread -> [{id, body}]
next_id = [1]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        json.dump(comments, open(state_file, "w"))

    def route(self):
        if not (self.headers.get("Authorization") or self.headers.get("PRIVATE-TOKEN")):
            return None, None
        path = self.path.split("?")[0]
        m = re.fullmatch(r"/repos/[^/]+/[^/]+/issues/(\d+)/comments|/projects/\d+/merge_requests/(\d+)/notes", path)
        if m:
            return "list", m.group(1) or m.group(2)
        m = re.fullmatch(r"/repos/[^/]+/[^/]+/issues/comments/(\d+)|/projects/\d+/merge_requests/\d+/notes/(\d+)", path)
        return ("item", int(m.group(1) or m.group(2))) if m else (None, None)

    def body(self):
        return json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")

    def do_GET(self):
        kind, key = self.route()
        if kind != "list":
            return self.reply(404, {})
        self.reply(200, comments.get(key, []))

    def do_POST(self):
        kind, key = self.route()
        if kind != "list":
            return self.reply(404, {})
        item = {"id": next_id[0], "body": self.body()["body"]}
        next_id[0] += 1
        comments.setdefault(key, []).append(item)
        self.reply(201, item)

    def do_PATCH(self):
        kind, key = self.route()
        for items in comments.values():
            for item in items:
                if kind == "item" and item["id"] == key:
                    item["body"] = self.body()["body"]
                    return self.reply(200, item)
        self.reply(404, {})

    do_PUT = do_PATCH


HTTPServer(("127.0.0.1", port), Handler).serve_forever()
