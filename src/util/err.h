/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_ERR_H
#define FK_ERR_H
/* One error enum for the whole program. OK is 0; every function that can fail returns one
 * of these, and err_exit_code()/err_http_status() map them to the outside world once. */
enum fk_err {
	FK_OK = 0,
	FK_EUSAGE,      /* bad command line */
	FK_EINPUT,      /* bad input from a user: file, form, API body */
	FK_ENOTFOUND,   /* the thing named does not exist */
	FK_ECONFLICT,   /* a constraint would be broken (duplicate, overlap) */
	FK_EAUTH,       /* not logged in / bad credentials */
	FK_EFORBIDDEN,  /* logged in, but not allowed */
	FK_EDB,         /* the database failed */
	FK_EIO,         /* the file system failed */
	FK_ETAMPER,     /* the audit chain is broken */
	FK_ERR__MAX
};

/* Exit status of the command line: 2 for usage and input errors (nothing changed),
 * 1 for everything else that went wrong. */
int err_exit_code(enum fk_err e);
/* HTTP status for an error. */
int err_http_status(enum fk_err e);
const char *err_name(enum fk_err e);

#endif
