/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_NIGHTLY_H
#define FK_NIGHTLY_H
/* The nightly backup of `serve` (SPEC §10): a thread with its own connection that, from the
 * hour FKIGOV_BACKUP_HOUR (local time, default 2) each day, writes the day's copy into
 * FKIGOV_BACKUP_DIR (default: "backups" beside the database) with the online backup API
 * and keeps the newest FKIGOV_BACKUP_KEEP (default 7; 0: no nightly backup). */

/* Starts it for db. */
void nightly_start(const char *db);
void nightly_stop(void);
/* The directory of the nightly copies, for /healthz ("" before nightly_start). */
const char *nightly_dir(void);
/* The database file, for /healthz. */
const char *nightly_db(void);
#endif
