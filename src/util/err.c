/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#include "util/err.h"

static const struct {
	const char *name;
	int exit_code;
	int http;
} errs[FK_ERR__MAX] = {
	[FK_OK] = {"ok", 0, 200},
	[FK_EUSAGE] = {"usage", 2, 400},
	[FK_EINPUT] = {"input", 2, 400},
	[FK_ENOTFOUND] = {"not-found", 2, 404},
	[FK_ECONFLICT] = {"conflict", 2, 409},
	[FK_EAUTH] = {"auth", 2, 401},
	[FK_EFORBIDDEN] = {"forbidden", 2, 403},
	[FK_EDB] = {"database", 1, 500},
	[FK_EIO] = {"io", 1, 500},
	[FK_ETAMPER] = {"tamper", 1, 500},
};

int err_exit_code(enum fk_err e) { return (unsigned)e < FK_ERR__MAX ? errs[e].exit_code : 1; }
int err_http_status(enum fk_err e) { return (unsigned)e < FK_ERR__MAX ? errs[e].http : 500; }
const char *err_name(enum fk_err e) { return (unsigned)e < FK_ERR__MAX ? errs[e].name : "unknown"; }
