/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_BUF_H
#define FK_BUF_H
#include <stddef.h>
/* The one growable byte buffer.
 * Invariants: after buf_init, b->s is never NULL and b->s[b->len] == '\0'.
 * buf_detach hands ownership of the bytes to the caller and re-initialises b. */
struct buf {
	char *s;
	size_t len;
	size_t cap;
};
void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *buf_detach(struct buf *b, size_t *len);
/* Reads a whole file into b. Returns 0, or -1 with errno set. */
int buf_read_file(struct buf *b, const char *path);
#endif
