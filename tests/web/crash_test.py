#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Crash safety: a stream of API writes, the server killed with SIGKILL in the middle,
restarted; every acknowledged write must be there and PRAGMA integrity_check ok."""
import json
import os
import signal
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import Results, Server  # noqa: E402


def writer(srv, start, acked, stop):
    c = srv.client()
    c.token = srv.tokens["admin"]
    i = start
    while not stop.is_set():
        body = {"person": "crash%05d" % i, "name": "Crash Test %d" % i, "email": "",
                "organisation": "KL", "municipality": "", "body": "rg-drift-forvaltning",
                "seat": "KL", "profile": "", "start": "2001-01-01", "end": "2001-01-02"}
        try:
            r = c.post_json("/api/v1/appointments", body)
        except OSError:
            return
        if r.status == 201:
            acked.append(body["person"])
        i += 2


def main():
    res = Results()
    srv = Server(demo=False)
    try:
        for round_ in range(3):
            srv.start()
            acked, stop = [], threading.Event()
            threads = [threading.Thread(target=writer, args=(srv, k + 100000 * round_, acked, stop))
                       for k in range(2)]
            for t in threads:
                t.start()
            time.sleep(0.6 + 0.3 * round_)
            srv.proc.send_signal(signal.SIGKILL)
            srv.proc.wait()
            stop.set()
            for t in threads:
                t.join()
            res.check(len(acked) > 5, "round %d: only %d writes acknowledged" % (round_, len(acked)))
            srv.proc = None
            srv.start()
            c = srv.client()
            c.token = srv.tokens["admin"]
            res.check(c.get("/api/v1/bodies").status == 200, "round %d: server answers after restart" % round_)
            people = {line.split(",", 1)[0] for line in srv.fk("export", "appointments").splitlines()}
            missing = [k for k in acked if k not in people]
            res.check(not missing, "round %d: %d acknowledged writes lost: %s" % (round_, len(missing), missing[:5]))
            srv.kill()
            db = sqlite3.connect(srv.db)
            ok = db.execute("PRAGMA integrity_check").fetchone()[0]
            db.close()
            res.check(ok == "ok", "round %d: integrity_check %s" % (round_, ok))
            out = srv.fk("audit", "verify")
            res.check("hel" in out, "round %d: audit chain after the crash: %s" % (round_, out))
    finally:
        srv.close()
    return res.done("crash")


if __name__ == "__main__":
    sys.exit(main())
