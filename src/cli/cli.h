/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_CLI_H
#define FK_CLI_H
#include <jansson.h>
#include <stdbool.h>

#include "core/model.h"
#include "core/munic.h"
#include "core/register.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/diag.h"

/* The command line: one file per command group, each exporting cmd_<group>(). Every
 * command returns an exit status (SPEC §5.1): 0 done, 1 error findings or failure, 2 bad
 * usage or bad input with nothing changed. Messages go to stderr in Danish. */

struct cli {
	const char *db;     /* --db, $FKIGOV_DB, or ./fkigov.db */
	const char *actor;  /* who changes things: $FKIGOV_ACTOR or cli:$USER */
	struct store *st;
	struct model *model;
	struct reg reg;
	bool reg_loaded;
};

/* Opens the database and loads the model (and the register when want_reg). Prints the
 * reason and returns an exit status != 0 on failure. */
int cli_open(struct cli *c, bool want_reg);
void cli_close(struct cli *c);

/* Option parsing for a sub-command: argv[*i] is examined. "--name VALUE" and
 * "--name=VALUE" both work. Returns 1 and sets *val (and advances *i) when argv[*i] is
 * the option; prints a Danish message and returns -1 when the value is missing. */
int cli_opt(int argc, char **argv, int *i, const char *name, const char **val);
/* A flag without a value. */
int cli_flag(char **argv, int i, const char *name);
int cli_usage(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A whole number 1..max from s into *out; prints the Danish reason naming what and returns
 * -1 when it is not one. */
int cli_number(const char *what, const char *s, long max, long *out);
/* Prints the diagnostics of a store call ("fkigov: --FIELD: message", or without the field
 * for the whole-request fields state, meeting, proposal, material and date), frees them and
 * maps rc to an exit status: 0 done, 2 refused input (nothing changed), 1 failure. */
int cli_finish(int rc, struct diags *d);
/* Parses a YYYY-MM-DD option value; prints the reason naming opt on failure. */
int cli_date(const char *opt, const char *s, fk_date *out);
int cli_help(char **argv, int argc, const char *usage);
/* Prints a JSON document to stdout (indented, sorted keys kept as built) and frees it. */
void cli_print_json(json_t *doc);
/* The text rule (util/text.h) for every argument of the command line, before any command
 * runs: an option's value may hold line breaks only when the option is multi-line
 * (text_multiline: --text, --reason, ...), every other argument is one line, and none holds
 * a control or bidirectional character. Prints "fkigov: --OPTION: why" (or the argument's
 * number) and returns 2 for the first that breaks it; 0 when all pass. */
int cli_check_args(int argc, char **argv);
/* Opens path for reading when it is a regular file, without waiting (a named pipe is never
 * opened for good, so nothing hangs): the descriptor, and its size in *size. A FIFO, a
 * directory or a device is refused; then the Danish reason is printed and -1 returned
 * (the command exits 2). */
int cli_open_file(const char *path, size_t *size);
/* Reads the regular file path whole into b (empty on entry): 0, or -1 with the reason
 * printed as cli_open_file does. */
int cli_read_file(const char *path, struct buf *b);
/* Writes data[0..len) to path: beside it first, then renamed into place, so a failure never
 * leaves half a file. 0, or -1 with the reason printed. */
int cli_write_file(const char *path, const char *data, size_t len);
/* doc as the workbook of kind k (core/sheets.h) at path, with what (NULL: the kind's own)
 * and day d on its "Om" sheet: 0, or 2 with the reason printed. */
#include "core/sheets.h"
int cli_write_sheet(struct cli *c, const char *path, enum sheet_kind k, json_t *doc,
                    const char *what, fk_date d);

int cmd_init(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_restore(struct cli *c, int argc, char **argv);
int cmd_recruit(struct cli *c, int argc, char **argv);
int cmd_round(struct cli *c, int argc, char **argv);
int cmd_recruit_propose(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_forecast(struct cli *c, int argc, char **argv);
int cmd_person(struct cli *c, int argc, char **argv);
int cmd_appoint(struct cli *c, int argc, char **argv);
int cmd_appointment(struct cli *c, int argc, char **argv);
int cmd_body(struct cli *c, int argc, char **argv);
int cmd_audit(struct cli *c, int argc, char **argv);
int cmd_municipalities(struct cli *c, int argc, char **argv);
int cmd_model(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
int cmd_routes(struct cli *c, int argc, char **argv);
int cmd_cycle(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_token(struct cli *c, int argc, char **argv);
/* cases and goals */
int cmd_case(struct cli *c, int argc, char **argv);
int cmd_goal(struct cli *c, int argc, char **argv);
/* initiatives, portfolio and economy */
int cmd_initiative(struct cli *c, int argc, char **argv);
int cmd_economy(struct cli *c, int argc, char **argv);
/* meetings */
int cmd_meeting(struct cli *c, int argc, char **argv);
/* meeting material|status|portfolio (cmd_material.c) */
int cmd_meeting_files(struct cli *c, int argc, char **argv);
/* meeting apology|attendance (cmd_attend.c) */
int cmd_meeting_attend(struct cli *c, int argc, char **argv);
int cmd_decisions(struct cli *c, int argc, char **argv);
/* working groups and written hearings */
int cmd_wg(struct cli *c, int argc, char **argv);
/* messages: the outbox (SPEC §8) */
int cmd_mail(struct cli *c, int argc, char **argv);
#endif
