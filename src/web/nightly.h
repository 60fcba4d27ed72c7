/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_NIGHTLY_H
#define FK_NIGHTLY_H
/* The nightly backup of `serve` (SPEC §10): a thread with its own connection that, from the
 * hour FKIGOV_BACKUP_HOUR (local time, default 2) each day, writes the day's copy into
 * FKIGOV_BACKUP_DIR (default: "backups" beside the database) with the online backup API
 * and keeps the newest FKIGOV_BACKUP_KEEP (default 7; 0: no nightly backup). From the same
 * hour it also deletes the personal data of recruitment applications whose retention period
 * has passed (store_round_purge), so nobody has to remember to. */

/* Starts it for db with the model (the retention periods). */
struct model;
void nightly_start(const char *db, const struct model *m);
void nightly_stop(void);
/* The directory of the nightly copies, for /healthz ("" before nightly_start). */
const char *nightly_dir(void);
/* The database file, for /healthz. */
const char *nightly_db(void);
#endif
