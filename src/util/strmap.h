/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_STRMAP_H
#define FK_STRMAP_H
#include <stddef.h>
#include <stdint.h>
/* A string → int64 hash map (open addressing, FNV-1a). Keys are copied. Used where a
 * linear search would be quadratic: person ids in an import of a million rows. */
struct strmap {
	char **keys;
	int64_t *vals;
	size_t n, cap; /* cap is a power of two, 0 when empty */
};
void strmap_init(struct strmap *m);
void strmap_free(struct strmap *m);
/* Sets key to val (insert or replace). */
void strmap_put(struct strmap *m, const char *key, int64_t val);
/* Returns 1 and sets *val when key is present, else 0. */
int strmap_get(const struct strmap *m, const char *key, int64_t *val);
#endif
