/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* libFuzzer harness for the documents (src/core/pdf*.c): the input is an attachment of a
 * meeting packet, read as PDF (qpdf, then our merging of its pages under frames) and as JPEG
 * (pdf_jpeg_size, our own marker walk). Whatever the bytes, the packet is made — a file that
 * cannot be read is listed as damaged — and is a PDF; the JPEG size is positive or refused. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int w = 0, h = 0, c = 0;
	if (pdf_jpeg_size(data, size, &w, &h, &c) == 0 && (w <= 0 || h <= 0 || c < 1 || c > 4))
		abort();
	struct pdf_file f[2] = {
	    {"bilag.pdf", "application/pdf", data, size, "0", NULL, NULL},
	    {"foto.jpg", "image/jpeg", data, size, "0", NULL, NULL},
	};
	struct pdf_item it = {.pos = 1, .at = "9.00", .title = "Punkt", .kind = "orientering",
	                      .minutes = 10, .files = f, .nfiles = 2};
	struct pdf_doc d = {.body = "Styregruppen", .title = "Møde 1/2027", .date = "1. marts 2027",
	                    .time = "kl. 9.00-10.00", .author = "Sekretariat", .items = &it,
	                    .nitems = 1, .made = 1800000000};
	struct buf out;
	buf_init(&out);
	char err[300];
	if (pdf_packet(&d, &out, NULL, err, sizeof err) != 0 || out.len < 5 ||
	    memcmp(out.s, "%PDF-", 5) != 0)
		abort();
	buf_free(&out);
	return 0;
}
