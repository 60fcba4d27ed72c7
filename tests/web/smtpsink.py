#!/usr/bin/python3
"""A real SMTP server for the mail tests and bench/mail: Debian's python3-aiosmtpd, run under
/usr/bin/python3 (the python3 on PATH may lack Debian's packages). Each message accepted is
saved whole (as received, after the server's own Received-less copy) in DIR as
NNNNNN-<pid>.eml, written to a temporary name first and renamed, so a reader never sees half
a message.

  /usr/bin/python3 smtpsink.py --port P --dir D [--auth USER:PASSWORD] [--reject SUBSTRING]

--auth requires AUTH LOGIN/PLAIN with that user (over plain TCP: a test server); --reject
answers 550 to RCPT TO for any address holding SUBSTRING. Stops on SIGTERM."""
import argparse
import itertools
import os
import signal
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

counter = itertools.count(1)
lock = threading.Lock()


class Handler:
    def __init__(self, outdir, reject):
        self.outdir = outdir
        self.reject = reject

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject and self.reject in address:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with lock:
            n = next(counter)
        name = "%06d-%d.eml" % (n, os.getpid())
        tmp = os.path.join(self.outdir, "." + name)
        with open(tmp, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.outdir, name))
        return "250 2.0.0 Ok: queued as %d" % n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--auth")
    ap.add_argument("--reject")
    a = ap.parse_args()
    kw = {}
    if a.auth:
        user, pw = a.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == user and auth_data.password.decode() == pw
            return AuthResult(success=ok)

        kw = dict(authenticator=authenticator, auth_require_tls=False)
    c = Controller(Handler(a.dir, a.reject), hostname="127.0.0.1", port=a.port,
                   data_size_limit=50 << 20, **kw)
    c.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *x: stop.set())
    signal.signal(signal.SIGINT, lambda *x: stop.set())
    print("ready", flush=True)
    stop.wait()
    c.stop()


if __name__ == "__main__":
    main()
