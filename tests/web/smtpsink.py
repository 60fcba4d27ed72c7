#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""A real SMTP server for the mail tests and bench/mail: Debian's python3-aiosmtpd, run under
/usr/bin/python3 (the python3 on PATH may lack Debian's packages). Each message accepted is
saved whole (as received, after the server's own Received-less copy) in DIR as
NNNNNN-<pid>.eml, written to a temporary name first and renamed, so a reader never sees half
a message.

  /usr/bin/python3 smtpsink.py --port P --dir D [--auth USER:PASSWORD] [--reject SUBSTRING]
                                [--starttls CERT,KEY | --smtps CERT,KEY] [--stall-at N]

--auth requires AUTH LOGIN/PLAIN with that user (over plain TCP: a test server); --reject
answers 550 to RCPT TO for any address holding SUBSTRING. --starttls offers STARTTLS and
requires it before MAIL FROM; --smtps speaks TLS from the first byte (both with the PEM
certificate and key given); a message that came over TLS is saved as NNNNNN-<pid>-tls.eml.
--stall-at N saves the N-th message and then waits 30 s before answering 250, so a sender
killed meanwhile has delivered a message it never heard accepted. Stops on SIGTERM."""
import argparse
import asyncio
import itertools
import os
import signal
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

counter = itertools.count(1)
lock = threading.Lock()


class Handler:
    def __init__(self, outdir, reject, stall_at):
        self.outdir = outdir
        self.reject = reject
        self.stall_at = stall_at

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject and self.reject in address:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with lock:
            n = next(counter)
        name = "%06d-%d%s.eml" % (n, os.getpid(), "-tls" if server.transport.get_extra_info("ssl_object") else "")
        tmp = os.path.join(self.outdir, "." + name)
        with open(tmp, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.outdir, name))
        if n == self.stall_at:
            await asyncio.sleep(30)
        return "250 2.0.0 Ok: queued as %d" % n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--auth")
    ap.add_argument("--reject")
    ap.add_argument("--starttls")
    ap.add_argument("--smtps")
    ap.add_argument("--stall-at", type=int, default=0)
    a = ap.parse_args()
    kw = {}
    tls = a.starttls or a.smtps
    if tls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(*tls.split(",", 1))
        kw.update(dict(tls_context=ctx, require_starttls=True) if a.starttls
                  else dict(ssl_context=ctx))
    if a.auth:
        user, pw = a.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == user and auth_data.password.decode() == pw
            return AuthResult(success=ok)

        kw.update(authenticator=authenticator, auth_require_tls=bool(tls))
    c = Controller(Handler(a.dir, a.reject, a.stall_at), hostname="127.0.0.1", port=a.port,
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
