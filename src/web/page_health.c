/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET /healthz (SPEC §10): for the operator's monitoring, without login. 200 with the status
 * while the database answers and its file can be read and written; 503 when not. Says
 * nothing a visitor could use: no paths, no names. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "util/err.h"
#include "web/nightly.h"
#include "web/pages.h"

int page_healthz(struct web_req *r, struct web_resp *p)
{
	int version = 0;
	int64_t queued = 0, failed = 0, oldest = 0;
	const char *path = nightly_db();
	bool file_ok = !*path || access(path, R_OK | W_OK) == 0;
	int rc = file_ok ? store_health(r->st, &version, &queued, &failed, &oldest) : FK_EDB;
	p->ctype = "application/json";
	web_resp_header(p, "Cache-Control", "no-store");
	json_t *doc;
	if (rc != FK_OK) {
		p->status = 503;
		doc = json_pack("{s:s, s:s}", "status", "fejl", "database",
		                file_ok ? "svarer ikke" : "filen kan ikke læses eller skrives");
		char *s = json_dumps(doc, JSON_COMPACT);
		buf_adds(&p->body, s);
		free(s);
		json_decref(doc);
		return 0;
	}
	json_t *backup = json_null();
	char last[4200];
	time_t when;
	if (*nightly_dir() && store_backup_last(nightly_dir(), last, sizeof last, &when) == FK_OK)
		backup = json_pack("{s:I}", "age_s", (json_int_t)(time(NULL) - when));
	doc = json_pack("{s:s, s:s, s:i, s:s, s:{s:I, s:I, s:I}, s:o}", "status", "ok",
	                   "database", "ok", "schema_version", version, "version", FKIGOV_VERSION,
	                   "outbox", "queued", (json_int_t)queued, "failed", (json_int_t)failed,
	                   "oldest_queued_age_s", (json_int_t)oldest, "last_backup", backup);
	char *s = json_dumps(doc, JSON_COMPACT);
	buf_adds(&p->body, s);
	free(s);
	json_decref(doc);
	return 0;
}
