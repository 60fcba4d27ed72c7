/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* libFuzzer harness for the workbook reader (src/util/xlsx_read.c) through the importer
 * (imp_xlsx). Two ways in, chosen by the first byte:
 *   odd:  the bytes are the .xlsx file, the ZIP package as it arrives;
 *   even: the bytes are the parts, split by 0x1E: the sheet, the shared strings and the
 *         styles, packed here into a valid package with a fixed workbook, so the fuzzer's
 *         changes reach expat and our handlers instead of failing the ZIP's checksums.
 * It must never crash or leak; it plans (with no diagnostics) or says why not. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/importer.h"
#include "core/model.h"
#include "core/munic.h"
#include "core/package.h"
#include "util/buf.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct model *M;
static struct reg R;

static const char rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
    "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char book[] =
    "<?xml version=\"1.0\"?><workbook "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"Ark1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char book_rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/></Relationships>";

static void setup(void)
{
	size_t len;
	const char *json = model_builtin(&len);
	struct diags d;
	diags_init(&d);
	if (model_load(json, len, "fki.json", &M, &d) != FK_OK)
		abort();
	diags_free(&d);
	reg_init(&R);
}

static void plan(const char *data, size_t size)
{
	struct diags d;
	diags_init(&d);
	struct imp_plan p;
	int rc = imp_xlsx(M, munic_builtin(), &R, data, size, "fuzz.xlsx", &p, &d);
	if ((rc == FK_OK) != (d.n == 0))
		abort();
	for (size_t i = 0; rc == FK_OK && i < p.nappts; i++)
		if (p.appts[i].a.end < p.appts[i].a.start || (size_t)p.appts[i].a.person >= p.npersons)
			abort();
	imp_plan_free(&p);
	diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!M)
		setup();
	if (!size)
		return 0;
	if (data[0] & 1) {
		plan((const char *)data + 1, size - 1);
		return 0;
	}
	const char *part[3] = {"", "", ""};
	size_t len[3] = {0, 0, 0};
	const char *s = (const char *)data + 1, *end = (const char *)data + size;
	for (int k = 0; k < 3 && s <= end; k++) {
		const char *sep = k < 2 ? memchr(s, 0x1e, (size_t)(end - s)) : NULL;
		part[k] = s;
		len[k] = (size_t)((sep ? sep : end) - s);
		s = sep ? sep + 1 : end + 1;
	}
	struct package_entry e[6] = {
	    {"_rels/.rels", rels, sizeof rels - 1, 0},
	    {"xl/workbook.xml", book, sizeof book - 1, 0},
	    {"xl/_rels/workbook.xml.rels", book_rels, sizeof book_rels - 1, 0},
	    {"xl/worksheets/sheet1.xml", part[0], len[0], 0},
	    {"xl/sharedStrings.xml", part[1], len[1], 0},
	    {"xl/styles.xml", part[2], len[2], 0},
	};
	struct buf zip;
	buf_init(&zip);
	char err[200];
	if (package_zip(e, 6, 0, &zip, err, sizeof err) == 0)
		plan(zip.s, zip.len);
	buf_free(&zip);
	return 0;
}
