/* The dispatch with its messages (dispatch.h). */
#include "web/dispatch.h"

#include <stdio.h>
#include <string.h>

#include "core/mail.h"
#include "core/notify.h"
#include "util/err.h"
#include "web/package.h"
#include "web/visible.h"

/* Builds the packet as a member reads it after dispatch and the notices for everyone
 * summoned; inside the caller's transaction. */
static int queue(struct store *st, const struct tmpl_set *t, const struct model *m, int64_t id,
                 struct diags *d, struct dispatch_result *res)
{
	struct meeting mt;
	int rc = store_meeting_get(st, id, &mt);
	if (rc != FK_OK)
		return rc;
	struct meeting_view view;
	meeting_view_members(&mt, &view);
	struct buf zip;
	buf_init(&zip);
	char name[128], err[256];
	rc = web_meeting_package(st, t, id, &view, &zip, name, sizeof name, err, sizeof err);
	struct reg r;
	reg_init(&r);
	struct notices ns = {0};
	if (rc != FK_OK) {
		diags_add(d, NULL, 0, 0, NULL, "Mødepakken kunne ikke laves: %s Intet er udsendt.",
		          err);
	} else if ((rc = store_load_register(st, m, &r)) == FK_OK) {
		char link[300];
		snprintf(link, sizeof link, "%s/meetings/%lld/package", mail_public_url(),
		         (long long)id);
		res->bytes = zip.len;
		res->attached = zip.len <= (size_t)m->cycle.attach_max_kb * 1024;
		struct notify_packet pk = {res->attached, zip.s, zip.len, name, "application/zip",
		                           link};
		notify_dispatch(m, &r, &mt, store_audit_last(st), &pk, mail_public_url(), &ns);
		rc = store_mail_queue_notices(st, &ns, &res->queued);
	}
	notices_free(&ns);
	reg_free(&r);
	buf_free(&zip);
	meeting_view_free(&view);
	meeting_free(&mt);
	return rc;
}

int web_dispatch(struct store *st, const struct tmpl_set *t, const struct model *m,
                 const char *actor, int64_t id, fk_date day, struct diags *d,
                 struct dispatch_result *res)
{
	memset(res, 0, sizeof *res);
	int rc = store_begin(st);
	if (rc != FK_OK)
		return rc;
	if ((rc = store_meeting_dispatch(st, actor, id, day, d)) == FK_OK &&
	    (rc = queue(st, t, m, id, d, res)) == FK_OK)
		return store_commit(st);
	store_rollback(st);
	res->queued = 0;
	return rc;
}
