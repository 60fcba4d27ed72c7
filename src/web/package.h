/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_WEB_PACKAGE_H
#define FK_WEB_PACKAGE_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/buf.h"

struct tmpl_set;
struct meeting_view;
/* Writes the package of meeting id into zip: "00 Dagsorden.html" (the agenda with deadlines,
 * items, recommendations, amendments, minutes and links to the files) and each material file
 * as "NN Item title - file.ext"; with view (web/visible.h; NULL: everything, for the command
 * line) only the files, material and minutes its user may read. fname[nfname] gets the
 * archive's name
 * ("Styregruppemoede-1-2027.zip"). FK_OK, FK_ENOTFOUND (no such meeting) or FK_EDB, with a
 * Danish reason in err[errlen]. */
int web_meeting_package(struct store *st, const struct tmpl_set *t, int64_t id,
                        const struct meeting_view *view, struct buf *zip, char *fname,
                        size_t nfname, char *err, size_t errlen);
#endif
