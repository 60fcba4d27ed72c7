/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The nightly backup of serve (nightly.h). */
#include "web/nightly.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/model.h"
#include "store/store.h"
#include "store/store_round.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/periodic.h"

static char dir[4096], db[4096];
static int keep = 7, hour = 2;
static const struct model *model;

const char *nightly_dir(void)
{
	return dir;
}

const char *nightly_db(void)
{
	return db;
}

static int env_int(const char *name, int def, int lo, int hi)
{
	const char *s = getenv(name);
	if (!s || !*s)
		return def;
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi) {
		fprintf(stderr, "fkigov: %s=»%s« skal være et helt tal fra %d til %d; bruger %d.\n",
		        name, s, lo, hi, def);
		return def;
	}
	return (int)v;
}

static void backup_round(struct store *st, void *arg)
{
	(void)arg;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	if (tm.tm_hour < hour)
		return;
	size_t purged = 0;
	if (model && model->recruitment.ncriteria &&
	    store_round_purge(st, "fkigov", model, date_today(), &purged) == FK_OK && purged)
		fprintf(stderr, "fkigov: personoplysningerne i %zu ansøgninger er slettet efter "
		                "opbevaringsperioden.\n", purged);
	char made[4200], err[600];
	if (keep > 0 &&
	    store_backup_nightly(st, dir, keep, now, made, sizeof made, err, sizeof err) != FK_OK)
		fprintf(stderr, "fkigov: natlig sikkerhedskopi: %s\n", err);
}

static struct periodic nightly = {.round = backup_round, .seconds = 600};

void nightly_start(const char *path, const struct model *m)
{
	model = m;
	snprintf(db, sizeof db, "%s", path);
	const char *d = getenv("FKIGOV_BACKUP_DIR");
	if (d && *d) {
		snprintf(dir, sizeof dir, "%s", d);
	} else {
		const char *slash = strrchr(path, '/');
		if (slash)
			snprintf(dir, sizeof dir, "%.*s/backups", (int)(slash - path), path);
		else
			snprintf(dir, sizeof dir, "backups");
	}
	keep = env_int("FKIGOV_BACKUP_KEEP", 7, 0, 3650);
	hour = env_int("FKIGOV_BACKUP_HOUR", 2, 0, 23);
	periodic_start(&nightly, path);
}

void nightly_stop(void)
{
	periodic_stop(&nightly);
}
