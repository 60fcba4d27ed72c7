/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_PACKAGE_H
#define FK_PACKAGE_H
#include <stddef.h>
#include <time.h>

#include "util/buf.h"

/* The meeting package: the agenda and every file of written material in one ZIP archive, as
 * the secretariat sends them out (issue 5, dispatch). Names are UTF-8 (the archive says so),
 * files are stored as they are (PDF and Office files are compressed already) and the agenda
 * document is deflated. Written with libzip. */

struct package_entry {
	const char *name; /* as package_file_name made it; unique in the archive */
	const void *data;
	size_t len;
	int deflate; /* 1: compress (text), 0: store */
};

/* The archive name of a material file of agenda item pos (title: the item's): "03 Title -
 * file.pdf", the title cut to 60 bytes on a character boundary; characters Windows does not
 * allow in names (\ / : * ? " < > |) and control characters become '_'. When taken (n names
 * so far in taken) " (2)", " (3)", ... goes before the extension. The caller frees it. */
char *package_file_name(int pos, const char *title, const char *file, char *const *taken,
                        size_t n);

/* Writes the archive of v[0..n) into out, every entry dated mtime. 0, or -1 with libzip's
 * reason in err[errlen]. */
int package_zip(const struct package_entry *v, size_t n, time_t mtime, struct buf *out, char *err,
                size_t errlen);
#endif
