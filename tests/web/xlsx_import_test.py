#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""The register read from an Excel workbook (issue 15, Excel in): fkigov import appointments
FILE.xlsx and the import page. Proves the round trip (export --xlsx, import into a fresh
database, export again: the same sheet and the same CSV), a workbook saved by LibreOffice
(Debian's libreoffice-calc, converting the demo CSV with real dates), one written by
openpyxl with the columns in another order, dates as dates, serial numbers (also in the 1904
date system) and text, errors named by sheet and cell with nothing stored, files that are no
workbook, and the upload on /import with the errors' cells in the preview. Workbooks are
written and read by Debian's python3-openpyxl: the test runs itself under /usr/bin/python3."""
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

try:
    import openpyxl
except ImportError:  # pyenv's python has no openpyxl; Debian's has
    if sys.executable != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fkserver import multipart, ROOT, run_test  # noqa: E402

DEMO = os.path.join(ROOT, "data", "demo", "appointments.csv")
HEADER = ["person", "name", "email", "organisation", "municipality", "body", "seat", "profile",
          "start", "end"]


def run(srv, *args, db=None):
    return subprocess.run([srv.bin, "--db", db or srv.db, *args], capture_output=True, text=True,
                          env=dict(os.environ, FKIGOV_ACTOR="test"))


def fresh(srv, name):
    db = os.path.join(srv.dir, name)
    run(srv, "init", db=db)
    return db


def parts(path, names):
    with zipfile.ZipFile(path) as z:
        return [z.read(n) for n in names]


def values(path):
    return [[c.value for c in r] for r in openpyxl.load_workbook(path).worksheets[0].iter_rows()]


def workbook(path, rows, title="Ark1", epoch1904=False, fmt=None):
    """Writes rows (the first is the header) to the first sheet; fmt: {column index: number
    format} for cells that hold numbers."""
    wb = openpyxl.Workbook()
    if epoch1904:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    for col, f in (fmt or {}).items():
        for row in ws.iter_rows(min_row=2, min_col=col + 1, max_col=col + 1):
            for c in row:
                c.number_format = f
    wb.save(path)


def test(srv, res):
    d = srv.dir
    # ------------------------------------------------------------------ the round trip
    a = os.path.join(d, "a.xlsx")
    srv.fk("export", "appointments", "--xlsx", a)
    db2 = fresh(srv, "two.db")
    p = run(srv, "import", "appointments", a, db=db2)
    res.check(p.returncode == 0 and "35 nye udpegninger" in p.stderr, "import of our own workbook: %s" % p.stderr.strip())
    b = os.path.join(d, "b.xlsx")
    run(srv, "export", "appointments", "--xlsx", b, db=db2)
    # The "Om" sheet names the database, so the shared strings differ by that; the sheet
    # itself is the same bytes and its cells the same values.
    res.check(parts(a, ["xl/worksheets/sheet1.xml"]) == parts(b, ["xl/worksheets/sheet1.xml"]) and
              values(a) == values(b), "export → import → export: the same sheet, byte for byte")
    res.check(run(srv, "export", "appointments").stdout == run(srv, "export", "appointments", db=db2).stdout,
              "and the same register as CSV")
    again = run(srv, "import", "appointments", a, db=db2)
    res.check(again.returncode == 0 and "0 nye udpegninger, 0 ændrede, 35 uændrede" in again.stderr,
              "importing the workbook again changes nothing")

    # ------------------------------------------------------------------ LibreOffice
    soffice = shutil.which("soffice")
    res.check(soffice is not None, "Debian's LibreOffice Calc is installed (scripts/deps check)")
    if soffice:
        lo = tempfile.mkdtemp(prefix="lo-", dir=d)
        csv = os.path.join(lo, "udpegninger.csv")
        shutil.copy(DEMO, csv)
        # Comma separated, UTF-8 (76), header row; LibreOffice turns ISO dates into dates.
        p = subprocess.run([soffice, "--headless", "-env:UserInstallation=file://" + lo + "/profile",
                            "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                            "--outdir", lo, csv], capture_output=True, text=True, timeout=180,
                           env=dict(os.environ, HOME=lo))
        lx = os.path.join(lo, "udpegninger.xlsx")
        res.check(os.path.exists(lx), "LibreOffice saved the CSV as a workbook: %s" % (p.stderr.strip()[-200:]))
        if os.path.exists(lx):
            wb = openpyxl.load_workbook(lx)
            ws = wb.active
            res.check(ws["I2"].is_date and ws["E2"].data_type == "n",
                      "LibreOffice's workbook holds dates as dates and the code as a number")
            db3 = fresh(srv, "lo.db")
            p = run(srv, "import", "appointments", lx, db=db3)
            res.check(p.returncode == 0, "LibreOffice's workbook is read: %s" % p.stderr.strip())
            res.check(run(srv, "export", "appointments", db=db3).stdout == run(srv, "export", "appointments").stdout,
                      "and gives the same register as the CSV")

    # ------------------------------------------------------------------ types and order
    import datetime
    order = ["start", "end", "body", "seat", "profile", "organisation", "municipality", "person", "name", "email"]
    rows = [order,
            [datetime.date(2027, 1, 1), None, "styregruppe", "kommune", "forvaltningschef", "kommune", 751, "x1",
             "Xenia Dato", "x1@aarhus.dk"],
            [46388, 46752, "rg-forretning", "kommune", "fagperson-digital", "kommune", "101", "x2",
             "Xavier Serienummer", None],
            ["2027-01-01", None, "rg-forretning", "KL", None, "KL", None, "x3", "Xander Tekst", None]]
    t = os.path.join(d, "types.xlsx")
    workbook(t, rows, fmt={0: "General", 1: "General"})
    ws = openpyxl.load_workbook(t).active
    res.check(ws["A3"].data_type == "n" and not ws["A3"].is_date, "the serial number is a plain number cell")
    p = run(srv, "import", "appointments", t)
    res.check(p.returncode == 0 and "3 nye udpegninger" in p.stderr, "columns in another order, typed cells: %s" % p.stderr.strip())
    out = run(srv, "export", "appointments").stdout
    res.check("x1,Xenia Dato,x1@aarhus.dk,kommune,751,styregruppe,kommune,forvaltningschef,2027-01-01," in out,
              "a date cell is the day, a number the municipality code")
    res.check("x2,Xavier Serienummer,,kommune,101,rg-forretning,kommune,fagperson-digital,2027-01-01,2027-12-31" in out,
              "serial numbers 46388 and 46752 are 1 January and 31 December 2027; the code as text")
    res.check("x3,Xander Tekst,,KL,,rg-forretning,KL,,2027-01-01," in out, "a date written as text")
    m = os.path.join(d, "mac.xlsx")
    workbook(m, [HEADER, ["x4", "Xerxes Mac", None, "KL", None, "styregruppe", "KL", None,
                          datetime.date(2028, 2, 29), None]], epoch1904=True)
    with zipfile.ZipFile(m) as z:
        res.check(b'date1904="1"' in z.read("xl/workbook.xml"), "openpyxl wrote a 1904 workbook")
    p = run(srv, "import", "appointments", m)
    res.check(p.returncode == 0 and ",x4," not in out and
              "x4,Xerxes Mac,,KL,,styregruppe,KL,,2028-02-29," in run(srv, "export", "appointments").stdout,
              "the 1904 date system: 29 February 2028 stays the day: %s" % p.stderr.strip())

    # ------------------------------------------------------------------ errors by cell
    before = run(srv, "export", "appointments").stdout
    bad = os.path.join(d, "fejl.xlsx")
    workbook(bad, [HEADER,
                   ["y1", "Yrsa", None, "kommune", 751, "styregruppe", "kommune", "forvaltningschef",
                    datetime.date(2027, 1, 1), None],
                   ["y2", "Yngve", None, "kommune", 999, "styregruppe", "kommune", "forvaltningschef",
                    "31-01-2027", None],
                   ["y3", "Yvonne", None, "KL", None, "styregruppe", "KL", None, "#REF!", None],
                   ["y4", "Ylva", None, "KL", None, "ingen-gruppe", "KL", None, "2027-01-01", None, "løs"]])
    p = run(srv, "import", "appointments", bad)
    err = p.stderr
    res.check(p.returncode == 2, "a workbook with errors: exit status 2 (%d)" % p.returncode)
    res.check("fejl.xlsx: Ark1!E3: municipality: Kommunekoden »999« findes ikke" in err,
              "the error names its cell, Ark1!E3:\n" + err)
    res.check("Ark1!I3: start: Datoen »31-01-2027« skal skrives som ÅÅÅÅ-MM-DD. Mente du 2027-01-31?" in err,
              "a Danish date as text gets the hint, at Ark1!I3")
    res.check("Ark1!I4: start: Cellen indeholder fejlen fra en formel »#REF!«" in err, "a formula's error at Ark1!I4")
    res.check("Ark1!F5: body: Gruppen »ingen-gruppe« findes ikke" in err and
              "Ark1!K5: Kolonne K har ingen overskrift" in err, "an unknown group and a cell outside the table:\n" + err)
    res.check(run(srv, "export", "appointments").stdout == before, "nothing of the workbook is stored")
    dup = os.path.join(d, "dobbelt.xlsx")
    workbook(dup, [HEADER, ["z1", "Zenia", None, "KL", None, "styregruppe", "KL", None, "2027-01-01", None],
                   ["z1", "Zenia", None, "KL", None, "styregruppe", "KL", None, "2027-01-01", None]], title="Udpegninger")
    p = run(srv, "import", "appointments", dup)
    res.check(p.returncode == 2 and "Udpegninger!I3: start: Udpegningen af z1 til styregruppe fra samme dato "
              "står også i række 2" in p.stderr, "the sheet's own name, and rows called rows:\n" + p.stderr)
    nohead = os.path.join(d, "uden.xlsx")
    workbook(nohead, [["person", "navn"], ["a", "b"]])
    p = run(srv, "import", "appointments", nohead)
    res.check(p.returncode == 2 and "Ark1!B1: Ukendt kolonne »navn«" in p.stderr and
              "Ark1!A1: Kolonnen »name« mangler i overskriften" in p.stderr, "a wrong header, by cell:\n" + p.stderr)

    # ------------------------------------------------------------------ not a workbook
    z = os.path.join(d, "andet.xlsx")
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("hej.txt", "ikke et regneark")
    p = run(srv, "import", "appointments", z)
    res.check(p.returncode == 2 and "Filen er ikke et Excel-regneark (.xlsx)" in p.stderr,
              "a ZIP that is no workbook: %s" % p.stderr.strip())
    dt = os.path.join(d, "doctype.xlsx")
    with zipfile.ZipFile(a) as src, zipfile.ZipFile(dt, "w") as dst:
        for n in src.namelist():
            data = src.read(n)
            if n == "xl/worksheets/sheet1.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', 1)
            dst.writestr(n, data)
    p = run(srv, "import", "appointments", dt)
    res.check(p.returncode == 2 and "dokumenttypeerklæring" in p.stderr, "a DOCTYPE is refused: %s" % p.stderr.strip())
    trunc = os.path.join(d, "kort.xlsx")
    with open(a, "rb") as f, open(trunc, "wb") as g:
        g.write(f.read()[:3000])
    p = run(srv, "import", "appointments", trunc)
    res.check(p.returncode == 2 and "Excel-regneark" in p.stderr, "a cut-off workbook: %s" % p.stderr.strip())

    # ------------------------------------------------------------------ the import page
    srv.start()
    try:
        admin = srv.client("admin")
        page = admin.get("/import").text
        res.check('accept=".xlsx,.csv' in page and "Excel- eller CSV-fil" in page, "the import page takes a workbook")

        def upload(path):
            with open(path, "rb") as f:
                body, ct = multipart({"csrf": admin.csrf("/import")},
                                     [("file", os.path.basename(path), f.read(),
                                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")])
            r = admin.request("POST", "/import", body, ctype=ct)
            return admin.get(r.headers["location"]) if r.status == 303 else r

        r = upload(bad)
        res.check(r.status == 200 and "Ark1!E3" in r.text and ">Række<" in r.text and "E (municipality)" in r.text,
                  "the preview lists each error with its row, column and cell")
        new = os.path.join(d, "ny.xlsx")
        workbook(new, [HEADER, ["w1", "Wenche Web", None, "kommune", 461, "styregruppe", "kommune",
                                "forvaltningschef", datetime.date(2027, 7, 1), None]])
        r = upload(new)
        res.check(r.status == 200 and "Forhåndsvisning" in r.text and "Wenche Web" in r.text, "a good workbook: the preview")
        import re
        form = re.search(r'action="(/import/\d+/commit)".*?name="version" value="(\d+)"', r.text, re.S)
        c = admin.post_form(form.group(1), {"version": form.group(2)}) if form else None
        res.check(c is not None and c.status == 303 and "gemt=1&nye=1" in c.headers.get("location", ""),
                  "saved from the preview")
    finally:
        srv.kill()
    res.check("w1,Wenche Web,,kommune,461,styregruppe,kommune,forvaltningschef,2027-07-01," in
              run(srv, "export", "appointments").stdout, "the uploaded workbook's row is in the register")


def main():
    return run_test(test, "xlsx_import")


if __name__ == "__main__":
    sys.exit(main())
