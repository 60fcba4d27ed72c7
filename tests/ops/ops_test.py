#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Operations against the real thing: make install into a temporary root checked file by
file and make uninstall leaving nothing; the unit verified by systemd-analyze and its
exposure measured; the manual pages through groff -ww, and the commands of --help equal to
those of fkigov(1); a backup taken while several clients write passes integrity_check and
audit verify and holds every write acknowledged before it began; a damaged, truncated or
newer copy refused by restore with exit 2 and the live database unchanged; a good copy
restored gives back the same register; /healthz with the database present and moved away;
the Debian package built with dpkg-buildpackage and checked by lintian (skipped, with the
reason printed, only where Debian's tools cannot run)."""
import hashlib
import http.client
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BIN = os.environ.get("FKIGOV") or os.path.join(ROOT, "build", "fkigov")
sys.path.insert(0, os.path.join(ROOT, "tests", "web"))
from fkserver import Results, free_port  # noqa: E402


def run(*cmd, check=True, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if check and p.returncode != 0:
        raise RuntimeError("%s: %d\n%s%s" % (" ".join(cmd), p.returncode, p.stdout, p.stderr))
    return p


def fk(db, *args, check=True):
    return run(BIN, "--db", db, *args, check=check, env=dict(os.environ, FKIGOV_ACTOR="ops-test"))


def install(res, tmp):
    dest = os.path.join(tmp, "root")
    make = ["make", "-C", ROOT, "--no-print-directory", "PREFIX=/usr", "DESTDIR=" + dest]
    want = ["lib/systemd/system/fkigov.service", "usr/bin/fkigov", "usr/share/doc/fkigov/LICENSE",
            "usr/share/doc/fkigov/README.md", "usr/share/doc/fkigov/examples/fkigov.conf.example",
            "usr/share/doc/fkigov/examples/nginx-fkigov.conf.example",
            "usr/share/man/man1/fkigov.1", "usr/share/man/man5/fkigov-model.5"]
    run(*make, "UNITDIR=/lib/systemd/system", "install")
    files = sorted(os.path.relpath(os.path.join(d, f), dest) for d, _, fs in os.walk(dest) for f in fs)
    res.check(files == want, "make install DESTDIR: exactly the files it should: %s" % files)
    modes = {f: oct(os.stat(os.path.join(dest, f)).st_mode & 0o777) for f in files}
    res.check(modes["usr/bin/fkigov"] == "0o755" and all(m == "0o644" for f, m in modes.items() if f != "usr/bin/fkigov"),
              "modes: the binary 755, the rest 644: %s" % modes)
    res.check(run(os.path.join(dest, "usr/bin/fkigov"), "--version").stdout.startswith("fkigov "),
              "the installed binary runs")
    unit = open(os.path.join(dest, "lib/systemd/system/fkigov.service")).read()
    res.check("ExecStart=/usr/bin/fkigov " in unit and "EnvironmentFile=/etc/fkigov/fkigov.conf" in unit,
              "the unit runs the installed binary with the configuration file")
    run(*make, "UNITDIR=/lib/systemd/system", "uninstall")
    left = [os.path.join(d, f) for d, _, fs in os.walk(dest) for f in fs]
    res.check(left == [], "make uninstall leaves no file: %s" % left)
    # The unit: verified, and its exposure.
    if shutil.which("systemd-analyze"):
        u = os.path.join(tmp, "fkigov.service")
        with open(u, "w") as f:
            f.write(open(os.path.join(ROOT, "packaging", "fkigov.service")).read().replace("/usr/bin/fkigov", BIN))
        p = run("systemd-analyze", "verify", "--man=no", u, check=False)
        res.check(p.returncode == 0 and not p.stderr.strip(), "systemd-analyze verify: %s" % p.stderr.strip())
        p = run("systemd-analyze", "security", "--offline=yes", u, check=False)
        m = re.search(r"Overall exposure level for \S+: ([\d.]+)", p.stdout)
        if m:
            print("ops: systemd-analyze security: exposure %s" % m.group(1))
            res.check(float(m.group(1)) < 2.0, "exposure under 2.0: %s" % m.group(1))
        else:
            print("ops: systemd-analyze security --offline is not available here; exposure not measured")
    else:
        print("ops: systemd-analyze is not installed here; the unit is not verified")


def manpages(res):
    for page in ("fkigov.1", "fkigov-model.5"):
        p = run("groff", "-ww", "-k", "-mandoc", "-Tutf8", "-z", os.path.join(ROOT, "man", page), check=False)
        res.check(p.returncode == 0 and not p.stderr.strip(), "groff -ww %s: no warnings %s" % (page, p.stderr.strip()))
    helptext = run(BIN, "--help").stdout
    cmds = re.findall(r"^  (\S+) ", helptext.split("Kommandoer:")[1], re.M)
    man = open(os.path.join(ROOT, "man", "fkigov.1")).read()
    section = man.split(".Sh COMMANDS")[1].split(".Sh ")[0]
    mancmds = re.findall(r"^\.It Cm (\S+)", section, re.M)
    res.check(cmds == mancmds, "the commands of --help and of fkigov(1) agree:\n  %s\n  %s" % (cmds, mancmds))
    version = re.search(r"^VERSION\s*=\s*(\S+)", open(os.path.join(ROOT, "Makefile")).read(), re.M).group(1)
    res.check(run(BIN, "--version").stdout.strip() == "fkigov " + version, "--version says %s" % version)


def dump(db):
    c = sqlite3.connect(db)
    out = "\n".join(c.iterdump())
    c.close()
    return out


def backup_restore(res, tmp):
    db = os.path.join(tmp, "live.db")
    fk(db, "init")
    fk(db, "import", "appointments", os.path.join(ROOT, "data", "demo", "appointments.csv"))
    port = free_port()
    log = open(os.path.join(tmp, "serve.log"), "w")
    srv = subprocess.Popen([BIN, "--db", db, "serve", "--listen", "127.0.0.1:%d" % port],
                           stdout=log, stderr=subprocess.STDOUT,
                           env=dict(os.environ, FKIGOV_BACKUP_KEEP="2", FKIGOV_BACKUP_HOUR="0",
                                    FKIGOV_BACKUP_DIR=os.path.join(tmp, "nightly")))
    try:
        for _ in range(100):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                c.request("GET", "/healthz")
                r = c.getresponse()
                body = r.read()
                break
            except OSError:
                time.sleep(0.05)
        for _ in range(100):  # the nightly backup runs at start when its hour has come
            if os.path.isdir(os.path.join(tmp, "nightly")) and any(
                    f.endswith(".db") and ".tmp-" not in f for f in os.listdir(os.path.join(tmp, "nightly"))):
                break
            time.sleep(0.05)
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", "/healthz")
        r = c.getresponse()
        doc = json.loads(r.read())
        res.check(r.status == 200 and doc["status"] == "ok" and doc["schema_version"] > 0 and
                  doc["outbox"]["queued"] == 0, "/healthz: 200 with the schema and the outbox: %s" % doc)
        nightly = sorted(os.listdir(os.path.join(tmp, "nightly")))
        res.check(len(nightly) == 1 and nightly[0].startswith("fkigov-") and doc["last_backup"] is not None and
                  doc["last_backup"]["age_s"] < 60, "serve wrote today's nightly copy, and /healthz tells its age: %s" % nightly)
        res.check(fk(os.path.join(tmp, "nightly", nightly[0]), "audit", "verify", check=False).returncode == 0,
                  "the nightly copy passes audit verify")
        # Several clients write while the backup is taken.
        acked, lock, stop = [], threading.Lock(), threading.Event()

        def writer(n):
            i = 0
            while not stop.is_set() and i < 400:
                key = "w%d-%d" % (n, i)
                if fk(db, "person", "add", key, "--name", "Skriver %d %d" % (n, i), check=False).returncode == 0:
                    with lock:
                        acked.append(key)
                i += 1
        ts = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
        for t in ts:
            t.start()
        time.sleep(1.0)
        with lock:
            before = list(acked)
        copy = os.path.join(tmp, "copy.db")
        p = fk(db, "backup", copy, check=False)
        time.sleep(0.5)
        stop.set()
        for t in ts:
            t.join()
        res.check(p.returncode == 0 and len(before) > 10, "backup while 3 clients write (%d writes before it)" % len(before))
        c = sqlite3.connect(copy)
        ok = c.execute("PRAGMA integrity_check").fetchone()[0]
        keys = set(k for k, in c.execute("SELECT key FROM person"))
        c.close()
        res.check(ok == "ok", "the copy passes integrity_check")
        res.check(fk(copy, "audit", "verify", check=False).returncode == 0, "the copy passes audit verify")
        res.check(set(before) <= keys, "the copy holds every write acknowledged before the backup began (%d missing)" %
                  len(set(before) - keys))
        res.check(fk(db, "backup", copy, check=False).returncode == 2, "a backup never overwrites a file")
        # /healthz when the database file is gone from its place.
        os.rename(db, db + ".away")
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", "/healthz")
        r = c.getresponse()
        doc = json.loads(r.read())
        os.rename(db + ".away", db)
        res.check(r.status == 503 and doc["status"] == "fejl", "/healthz: 503 when the database file is not there (%d)" % r.status)
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", "/healthz")
        res.check(c.getresponse().status == 200, "/healthz: 200 again when it is back")
    finally:
        srv.terminate()
        srv.wait(10)
    # Restore: bad copies refused, nothing changed; a good one gives the register back.
    good = os.path.join(tmp, "good.db")
    fk(db, "backup", good)
    register = fk(db, "export", "appointments").stdout
    fk(db, "person", "add", "efter", "--name", "Efter Kopien")
    live = dump(db)
    data = open(good, "rb").read()
    page = 4096
    flipped = bytearray(data)
    for off in range(page, len(data), page):
        flipped[off:off + 8] = b"\xff" * 8
    bad = {"flipped": bytes(flipped), "truncated": data[:len(data) // 3], "empty": b""}
    for name, content in bad.items():
        path = os.path.join(tmp, name + ".db")
        with open(path, "wb") as f:
            f.write(content)
        p = fk(db, "restore", path, check=False)
        res.check(p.returncode == 2 and "Intet er ændret" in p.stderr,
                  "restore of a %s copy refused with exit 2 (%d): %s" % (name, p.returncode, p.stderr.strip()[:160]))
        res.check(dump(db) == live, "after the %s copy the live database is unchanged" % name)
    newer = os.path.join(tmp, "newer.db")
    shutil.copy(good, newer)
    c = sqlite3.connect(newer)
    c.execute("PRAGMA user_version = 999")
    c.commit()
    c.close()
    p = fk(db, "restore", newer, check=False)
    res.check(p.returncode == 2 and "nyere udgave" in p.stderr and dump(db) == live,
              "a copy from a newer fkigov refused, nothing changed")
    tampered = os.path.join(tmp, "tampered.db")
    shutil.copy(good, tampered)
    c = sqlite3.connect(tampered)
    # what someone with the file could do: drop the guards, then change a row
    for name, in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'").fetchall():
        c.execute('DROP TRIGGER "%s"' % name)
    c.execute("UPDATE audit SET actor = 'mallory' WHERE id = (SELECT max(id) FROM audit)")
    c.commit()
    c.close()
    p = fk(db, "restore", tampered, check=False)
    res.check(p.returncode == 2 and "Revisionsloggen" in p.stderr and dump(db) == live,
              "a copy with a broken audit chain refused, nothing changed")
    p = fk(db, "restore", good, check=False)
    res.check(p.returncode == 0 and fk(db, "export", "appointments").stdout == register and
              "efter" not in fk(db, "person", "list").stdout, "restore of a good copy gives back the same register")
    res.check(fk(db, "audit", "verify", check=False).returncode == 0, "and its audit chain is whole")
    # A database newer than the binary is refused at start.
    c = sqlite3.connect(newer)
    c.close()
    p = fk(newer, "person", "list", check=False)
    res.check(p.returncode != 0 and "nyere udgave af fkigov" in p.stderr, "a newer database is refused at start")


def deb(res):
    missing = [t for t in ("dpkg-buildpackage", "lintian", "dh") if not shutil.which(t)]
    if missing:
        print("ops: the Debian package is not built: %s not installed here" % ", ".join(missing))
        return
    p = run("make", "-C", ROOT, "--no-print-directory", "deb", check=False)
    print("\n".join("ops: " + ln for ln in p.stdout.strip().splitlines()[-3:]))
    res.check(p.returncode == 0 and "lintian: 0 fejl" in p.stdout, "make deb builds the package and lintian finds no errors")
    debs = [f for f in os.listdir(os.path.join(ROOT, "build", "deb")) if re.match(r"fkigov_.*\.deb$", f)]
    if debs:
        c = run("dpkg", "-c", os.path.join(ROOT, "build", "deb", sorted(debs)[-1])).stdout
        res.check("./usr/bin/fkigov" in c and "./lib/systemd/system/fkigov.service" in c and
                  "./usr/share/man/man1/fkigov.1.gz" in c, "the package holds the binary, the unit and the manual")


def main():
    res = Results()
    tmp = tempfile.mkdtemp(prefix="fkigov-ops-")
    try:
        install(res, tmp)
        manpages(res)
        backup_restore(res, tmp)
        deb(res)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return res.done("ops")


if __name__ == "__main__":
    sys.exit(main())
