/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* libFuzzer harness for the parsers of the economy (src/core/economy.c): the first byte picks
 * the parser, the rest is its input. Amounts in kroner (econ_parse_kr): an accepted amount is
 * within 0..ECON_ORE_MAX, and what econ_format_kr writes for it parses back to the same øre; a
 * refusal has a reason. Population files (econ_population_parse): never crash or leak; either
 * all municipalities with their codes ascending, or at least one diagnostic and nothing out. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/economy.h"
#include "core/munic.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void amount(const char *s)
{
	int64_t ore = -1;
	char why[300] = "";
	if (econ_parse_kr(s, &ore, why, sizeof why) != 0) {
		if (!why[0])
			abort();
		return;
	}
	if (ore < 0 || ore > ECON_ORE_MAX)
		abort();
	char buf[64];
	econ_format_kr(ore, true, buf, sizeof buf);
	int64_t back = -1;
	if (econ_parse_kr(buf, &back, why, sizeof why) != 0 || back != ore)
		abort();
}

static void population(const char *s, size_t len)
{
	const struct munic_table *mt = munic_builtin();
	int *codes = NULL;
	int64_t *cit = NULL;
	size_t n = 0;
	struct diags d;
	diags_init(&d);
	int rc = econ_population_parse(s, len, "fuzz.csv", mt, &codes, &cit, &n, &d);
	if (rc == FK_OK) {
		if (d.n || n != mt->n)
			abort();
		for (size_t i = 1; i < n; i++)
			if (codes[i] <= codes[i - 1] || cit[i] < 0)
				abort();
	} else if (!d.n || codes || cit || n) {
		abort();
	}
	free(codes);
	free(cit);
	diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	char *s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	if (data[0] & 1)
		population(s, size - 1);
	else
		amount(s);
	free(s);
	return 0;
}
