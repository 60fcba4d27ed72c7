/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* libFuzzer harness for the candidates file of `recruit propose` (core/recruit.h): any bytes
 * are read as the CSV. It is either refused with at least one diagnostic that names a line
 * and column, or read; then the recommendation for the first byte's body and seats never
 * selects an ineligible candidate, selects exactly min(seats, eligible), and says why for
 * every eligible candidate. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "core/munic.h"
#include "core/recruit.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct model *M;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!M && model_load_builtin(&M) != 0)
		abort();
	struct reg r;
	reg_init(&r);
	struct diags d;
	diags_init(&d);
	struct recruit_file f = {0};
	int rc = recruit_read_csv(M, &r, "kandidater.csv", (const char *)data, size, &f, &d);
	if (rc != FK_OK) {
		if (d.n == 0 || d.v[0].line < 1 || d.v[0].col < 1)
			abort();
	} else {
		int body = model_body_index(M, "styregruppe") + (size ? data[0] % 4 : 0); /* and the three reference groups after it */
		int seats = size > 1 ? data[1] % 12 - 1 : -1;
		struct recruit_result x;
		if (recruit_select(M, munic_builtin(), &r, body, 20513, f.v, f.n, seats, 0, NULL, &x) ==
		    0) {
			size_t eligible = 0, chosen = 0;
			for (size_t i = 0; i < f.n; i++) {
				eligible += x.reason[i] == RECRUIT_OK;
				chosen += x.selected[i];
				if (x.selected[i] && x.reason[i] != RECRUIT_OK)
					abort();
				if (x.reason[i] == RECRUIT_OK && !x.why[i])
					abort();
			}
			size_t want = (size_t)x.seats < eligible ? (size_t)x.seats : eligible;
			if (chosen != want || x.nselected != chosen)
				abort();
			recruit_result_free(&x);
		}
	}
	recruit_file_free(&f);
	diags_free(&d);
	reg_free(&r);
	return 0;
}
