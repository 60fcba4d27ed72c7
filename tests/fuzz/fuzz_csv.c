/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* libFuzzer harness for the CSV reader (src/util/csv.c).
 * Reads every record of the input and checks what the reader promises: each field is
 * NUL-terminated at its length, positions are 1-based, an error leaves exactly one
 * diagnostic with a position. Each record read is then written back with csv_write_field
 * (under a header line that fixes the separator) and must read back unchanged. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A record of one empty field cannot be written (it would be a blank line). */
static int writable(const struct csv_reader *r)
{
	return !(r->nfields == 1 && r->fields[0].len == 0);
}

static void round_trip(const struct csv_reader *r)
{
	struct buf out;
	buf_init(&out);
	buf_addc(&out, 'h');
	buf_addc(&out, r->sep);
	buf_adds(&out, "h\r\n");
	for (size_t i = 0; i < r->nfields; i++) {
		if (i)
			buf_addc(&out, r->sep);
		csv_write_field(&out, r->fields[i].s, r->sep);
	}
	buf_addc(&out, '\n');

	struct csv_reader back;
	struct diags d;
	diags_init(&d);
	csv_open(&back, out.s, out.len, "round-trip");
	if (back.sep != r->sep || csv_next(&back, &d) != 1 || csv_next(&back, &d) != 1 ||
	    back.nfields != r->nfields)
		abort();
	for (size_t i = 0; i < r->nfields; i++)
		if (back.fields[i].len != r->fields[i].len ||
		    memcmp(back.fields[i].s, r->fields[i].s, r->fields[i].len) != 0)
			abort();
	if (csv_next(&back, &d) != 0 || d.n != 0)
		abort();
	csv_close(&back);
	diags_free(&d);
	buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader r;
	struct diags d;
	int rc;
	long last_line = 0;
	diags_init(&d);
	csv_open(&r, (const char *)data, size, "fuzz.csv");
	if (r.sep != ',' && r.sep != ';')
		abort();
	while ((rc = csv_next(&r, &d)) == 1) {
		if (r.nfields == 0 || r.record_line <= last_line)
			abort();
		last_line = r.record_line;
		for (size_t i = 0; i < r.nfields; i++) {
			const struct csv_field *f = &r.fields[i];
			if (f->s[f->len] != '\0' || memchr(f->s, '\0', f->len) || f->line < 1 ||
			    f->col < 1)
				abort();
		}
		if (writable(&r))
			round_trip(&r);
	}
	if (rc == 0 && d.n != 0)
		abort();
	if (rc == -1 &&
	    (d.n != 1 || d.v[0].line < 1 || d.v[0].col < 1 || csv_next(&r, &d) != -1 || d.n != 1))
		abort();
	csv_close(&r);
	diags_free(&d);
	return 0;
}
