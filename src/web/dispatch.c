/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The dispatch with its messages (dispatch.h). */
#include "web/dispatch.h"

#include <stdio.h>
#include <string.h>

#include "core/mail.h"
#include "core/notify.h"
#include "util/err.h"
#include "web/packet.h"
#include "web/visible.h"

/* Records the packet as a member reads it as the meeting's next version and queues the
 * notices for everyone summoned, with it attached; inside the caller's transaction. */
static int queue(struct store *st, const struct model *m, const char *actor, int64_t id,
                 struct diags *d, struct dispatch_result *res)
{
	struct meeting mt;
	int rc = store_meeting_get(st, id, &mt);
	if (rc != FK_OK)
		return rc;
	/* A dispatch after a recall is a new version; it says so. */
	int next = 1;
	if ((rc = store_packet_next(st, id, &next)) != FK_OK) {
		meeting_free(&mt);
		return rc;
	}
	struct store_packet sp;
	rc = web_packet_record(st, actor, id,
	                       next > 1 ? "Dagsordenen er udsendt igen efter en tilbagekaldelse."
	                                : NULL,
	                       &sp);
	struct reg r;
	reg_init(&r);
	struct notices ns = {0};
	if (rc != FK_OK) {
		diags_add(d, NULL, 0, 0, NULL, "Mødepakken kunne ikke laves. Intet er udsendt.");
	} else if ((rc = store_load_register(st, m, &r)) == FK_OK) {
		char link[300], name[96];
		snprintf(link, sizeof link, "%s/meetings/%lld/packet.pdf", mail_public_url(),
		         (long long)id);
		web_packet_name(&mt, "Dagsorden", name, sizeof name);
		res->bytes = (size_t)sp.size;
		res->version = sp.version;
		snprintf(res->sha256, sizeof res->sha256, "%s", sp.sha256);
		res->attached = res->bytes <= (size_t)m->cycle.attach_max_kb * 1024;
		struct notify_packet pk = {res->attached, sp.pdf, res->bytes, name, "application/pdf",
		                           link};
		notify_dispatch(m, &r, &mt, store_audit_last(st), &pk, mail_public_url(), &ns);
		rc = store_mail_queue_notices(st, &ns, &res->queued);
	}
	notices_free(&ns);
	reg_free(&r);
	store_packet_clear(&sp);
	meeting_free(&mt);
	return rc;
}

int web_dispatch(struct store *st, const struct model *m, const char *actor, int64_t id, fk_date day, struct diags *d,
                 struct dispatch_result *res)
{
	memset(res, 0, sizeof *res);
	int rc = store_begin(st);
	if (rc != FK_OK)
		return rc;
	if ((rc = store_meeting_dispatch(st, actor, id, day, d)) == FK_OK &&
	    (rc = queue(st, m, actor, id, d, res)) == FK_OK)
		return store_commit(st);
	store_rollback(st);
	res->queued = 0;
	return rc;
}
