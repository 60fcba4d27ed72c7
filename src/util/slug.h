/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_SLUG_H
#define FK_SLUG_H
#include <stdbool.h>
#include <stddef.h>

/* Ids made from names, for a person, an initiative or a case made without one: lower-case
 * ASCII letters, digits and '-', with the Danish letters spelt out (æ→ae, ø→oe, å→aa) and
 * the other Latin-1 letters without their accents (é→e, ü→u). Anything else is a '-'; runs of
 * them become one, and none leads or trails. "Anne-Sofie Ørsted" → "anne-sofie-oersted". */

/* Writes the slug of name to out[0..n) (NUL-terminated, at most 40 characters before the
 * NUL, cut at a '-' where it can). A name with nothing usable gives fallback. */
void slug_make(const char *name, const char *fallback, char *out, size_t n);

/* slug_make, then made unique: base, base-2, base-3, ... until taken(arg, id) says no.
 * out needs room for the suffix (n >= 48). */
void slug_unique(const char *name, const char *fallback, bool (*taken)(void *arg, const char *id),
                 void *arg, char *out, size_t n);
#endif
