/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* libFuzzer harness for the model loader: any bytes in, a model or diagnostics out, no
 * crash and no leak. A model that loads must answer every id lookup with its own index.
 * jsonpos is also run directly on the raw bytes, which need not be JSON at all. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/model.h"
#include "util/diag.h"
#include "util/jsonpos.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct diags d;
	diags_init(&d);
	struct model *m = NULL;
	if (model_load(text, size, "fuzz.json", &m, &d) == 0) {
		if (d.n != 0 || !m)
			__builtin_trap();
		for (size_t i = 0; i < m->nbodies; i++)
			if (model_body_index(m, m->bodies[i].id) != (int)i)
				__builtin_trap();
		for (size_t i = 0; i < m->nprofiles; i++)
			if (model_profile_index(m, m->profiles[i].id) != (int)i)
				__builtin_trap();
		model_free(m);
	} else if (m || d.n == 0) {
		__builtin_trap();
	}
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].line < 1 || d.v[i].col < 1 || !d.v[i].msg)
			__builtin_trap();
	diags_free(&d);

	static const struct jsonpos_step paths[][4] = {
		{{"bodies", 0}, {NULL, 0}, {"profiles", 0}, {NULL, 1}},
		{{"cycle", 0}, {"items_by_meeting", 0}, {"1", 0}, {NULL, 0}},
		{{NULL, 2}, {"\xc3\xa6", 0}, {NULL, 0}, {"a\"b", 0}},
	};
	for (size_t p = 0; p < sizeof paths / sizeof paths[0]; p++) {
		long line, col;
		size_t done = jsonpos_find(text, size, paths[p], 4, (int)(p & 1), &line, &col);
		if (done > 4 || line < 1 || col < 1)
			__builtin_trap();
	}
	return 0;
}
