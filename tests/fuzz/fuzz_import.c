/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* libFuzzer harness for the appointments importer (src/core/importer.c): any bytes as an
 * appointments file, planned against a small register on the built-in FKI model. It must
 * never crash or leak; it either plans (and then every planned row is valid and exports)
 * or reports at least one diagnostic. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/importer.h"
#include "core/model.h"
#include "core/munic.h"
#include "util/buf.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct model *M;
static struct reg R;

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
	int32_t p = reg_person_add(&R, 1, "p1", "Anne Hansen", "anne@example.dk");
	struct reg_appt a = {1, p, (int32_t)model_body_index(M, "styregruppe"), SEAT_KOMMUNE,
	                     SEAT_KOMMUNE, (int16_t)model_profile_index(M, "it-digitaliseringschef"),
	                     751, 18993, DATE_OPEN};
	reg_appt_add(&R, &a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!M)
		setup();
	struct diags d;
	diags_init(&d);
	struct imp_plan plan;
	int rc = imp_csv(M, munic_builtin(), &R, (const char *)data, size, "fuzz.csv", &plan, &d);
	if (rc == FK_OK) {
		if (d.n)
			abort();
		for (size_t i = 0; i < plan.nappts; i++) {
			const struct reg_appt *a = &plan.appts[i].a;
			if (a->body < 0 || (size_t)a->body >= M->nbodies || a->end < a->start ||
			    (size_t)a->person >= plan.npersons)
				abort();
		}
	} else if (d.n == 0) {
		abort();
	}
	imp_plan_free(&plan);
	diags_free(&d);
	return 0;
}
