/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_WEB_PACKET_H
#define FK_WEB_PACKET_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/agenda.h"
#include "store/store.h"
#include "util/buf.h"

struct meeting_view;
/* The meeting packet of meeting id as PDF (core/pdf.h) into out, with what view may read of
 * it (web/visible.h; NULL: everything, for the secretariat and the command line); version
 * and changes for the cover (0, NULL: none), made for the metadata. *pages (may be NULL)
 * gets its pages. FK_OK, FK_ENOTFOUND or FK_EDB with a Danish reason in err[n]. */
int web_packet_pdf(struct store *st, int64_t id, const struct meeting_view *view, int version,
                   const char *changes, time_t made, struct buf *out, int *pages, char *err,
                   size_t n);
/* Makes the packet as every member summoned reads it and records it as the meeting's next
 * version with changes (NULL: none) by actor, in the caller's transaction; *out gets the
 * version with its bytes (store_packet_clear). */
int web_packet_record(struct store *st, const char *actor, int64_t id, const char *changes,
                      struct store_packet *out);
/* Lets the store record a new version when a dispatched agenda is amended
 * (store_packet_builder). Once, at start. */
void web_packet_init(void);
/* The minutes of meeting id as PDF: every item's outcome and text, decisions named as in the
 * decision log, attendance. Everything: the caller decides who may read it. */
int web_minutes_pdf(struct store *st, int64_t id, time_t made, struct buf *out, char *err,
                    size_t n);
/* The file name of a document of mt: "Dagsorden-Styregruppemoede-1-2027.pdf" for kind
 * "Dagsorden". */
void web_packet_name(const struct meeting *mt, const char *kind, char *out, size_t n);
#endif
