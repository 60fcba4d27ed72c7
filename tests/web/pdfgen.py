# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Small, valid PDF files for the tests, written by hand so that a test needs nothing but
Python: text pages in a standard font, optionally rotated or of another size, and an optional
page holding a large image (to make a file of a given size). Fonts are not embedded; run the
result through pdftocairo -pdf (poppler-utils) for a file with embedded fonts."""
import os
import zlib


def make_pdf(path, pages, title="Bilag", size=(595, 842), rotate=0, image_bytes=0):
    """pages: a list of strings, one page each (ASCII or Latin-1)."""
    objs = []

    def add(body):
        objs.append(body)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    pages_id = len(objs) + 1 + 0  # reserved below
    add(b"")  # the page tree, filled in at the end
    for i, text in enumerate(pages):
        lines = [("%s - side %d" % (title, i + 1))] + text.split("\n")
        ops = ["BT /F1 14 Tf 56 %d Td 18 TL" % (size[1] - 72)]
        for ln in lines:
            s = ln.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append("(%s) '" % s.decode("latin-1"))
        ops.append("ET")
        data = zlib.compress("\n".join(ops).encode("latin-1"))
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Rotate %d /Contents %d 0 R"
                        b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, size[0], size[1], rotate, content, font)))
    if image_bytes:
        w = 1000
        h = max(1, image_bytes // (3 * w))
        raw = os.urandom(w * h * 3)
        img = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB"
                  b" /BitsPerComponent 8 /Length %d >>\nstream\n" % (w, h, len(raw)) + raw + b"\nendstream")
        data = b"q 500 0 0 700 48 70 cm /Im1 Do Q"
        content = add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                        b" /Resources << /XObject << /Im1 %d 0 R >> >> >>" % (pages_id, content, img)))
    objs[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    with open(path, "wb") as f:
        f.write(out)
    return path
