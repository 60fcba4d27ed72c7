/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_WEB_DISPATCH_H
#define FK_WEB_DISPATCH_H
/* The dispatch of a meeting's agenda with its messages, for the page /meetings/{id}/dispatch
 * and `fkigov meeting dispatch`: in one transaction the meeting is dispatched
 * (store_meeting_dispatch) and everyone summoned gets the agenda by e-mail
 * (core/notify.h, notify_dispatch) with the meeting packet as members read it, as PDF
 * (web/packet.h), recorded as the packet's next version: attached when it is at most the
 * model's attach_max_kb, else a link to /meetings/{id}/packet.pdf. A dispatch that fails
 * queues nothing. */
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "store/store.h"
#include "util/diag.h"

/* What the dispatch sent. */
struct dispatch_result {
	size_t queued;   /* messages queued */
	size_t bytes;    /* the packet's size */
	int attached;    /* 1: attached, 0: linked */
	int version;     /* the packet's version */
	char sha256[65]; /* and its SHA-256 */
};

int web_dispatch(struct store *st, const struct model *m, const char *actor, int64_t id, fk_date day, struct diags *d,
                 struct dispatch_result *res);
#endif
