/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_STORE_ROUND_H
#define FK_STORE_ROUND_H
/* Recruitment rounds in the database (issue 13; migration 16): rounds with their seats,
 * applications with the candidate's personal data sealed by a key of its own, and the purge
 * after the retention period. The rules are in core/round.c; every change is audited, the
 * applications by id and hash only. */
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/model.h"
#include "core/round.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/diag.h"

struct round_seat {
	char *body;        /* a body id of the model */
	int seats;
	char **profiles;   /* the profiles sought (ids) */
	size_t nprofiles;
};

struct round_rec {
	int64_t id;
	char *title;
	fk_date first_day, deadline;
	enum round_state state;
	int min_score, evaluators; /* at creation: min_score -1 takes the model's */
	json_t *criteria;  /* [{"id", "name", "weight"}] */
	fk_date decided;   /* DATE_NONE before the decision */
	char *decision;    /* the reason when the decision departs from the recommendation */
	char *created_by, *created_at;
	struct round_seat *seats;
	size_t nseats;
};
void round_rec_free(struct round_rec *r);

/* A new round in draft, with the criteria of the model (weights as in the model unless
 * weights[k] > 0 for criterion k; weights may be NULL). Checks the model's rules: bodies with
 * municipal seats, profiles of the body, a deadline before the first day; each problem into d
 * (field names: "title", "first_day", "deadline", "body", "profile", "seats"), FK_EINPUT.
 * FK_OK with *id. */
int store_round_create(struct store *st, const char *actor, const struct model *m,
                       const struct round_rec *in, const int *weights, struct diags *d,
                       int64_t *id);
int store_round_get(struct store *st, int64_t id, struct round_rec *out);
/* Every round, newest first: fn(round, arg) until it returns non-zero. */
int store_round_list(struct store *st, int (*fn)(const struct round_rec *r, void *arg), void *arg);
/* Moves the round by event e (core/round.h), with the rules of each move: to open, the
 * deadline must not have passed (today); to evaluate, the deadline must have passed or the
 * round have applications. FK_EINPUT with the Danish reason in msg[n]; FK_ENOTFOUND. */
int store_round_move(struct store *st, const char *actor, int64_t id, enum round_event e,
                     fk_date today, char *msg, size_t n);

/* An application as the candidate gives it. */
struct round_application {
	const char *name, *email, *title, *motivation;
	int munic;
	const char *profile;         /* a profile id */
	const char *const *bodies;   /* body ids of the round, at least one */
	size_t nbodies;
	bool nominated, pool;
	const void *cv;              /* may be NULL; PDF or DOCX by its bytes */
	size_t cvlen;
	const char *cv_name;
};

/* A new receipt number, "FKI-" and ten random letters and digits (none can be guessed from
 * another). */
void store_round_ref(char ref[16]);
/* Stores an application to round (which must be open, today on or before its deadline) with
 * the receipt number ref; every problem into d with the form's field names ("name", "email",
 * "title", "motivation", "municipality", "profile", "body", "cv"; "state" for the round):
 * FK_EINPUT, nothing stored. FK_OK with the id in *app, and receipt (may be NULL; its key
 * "round-receipt:REF", which the purge deletes with the application's data) queued in the
 * same transaction. A register person with the same e-mail (case ignored) is
 * matched. */
struct store_mail_new;
int store_round_apply(struct store *st, const struct model *m, int64_t round,
                      const struct round_application *a, fk_date today, const char *ref,
                      const struct store_mail_new *receipt, struct diags *d, int64_t *app);

struct round_app_rec {
	int64_t id;
	char ref[16];
	json_t *bodies;      /* body ids */
	int munic;
	char *profile;
	bool nominated, pool, appointed;
	char *received;      /* UTC time */
	char *purged;        /* NULL while the personal data is kept */
	char *person;        /* the matched register person's key, or NULL */
	/* opened from the sealed data; NULL after the purge */
	char *name, *email, *title, *motivation, *cv_name;
};
/* The round's applications in the order received: fn(app, arg) until it returns non-zero. */
int store_round_apps(struct store *st, int64_t round,
                     int (*fn)(const struct round_app_rec *a, void *arg), void *arg);

/* The CV of application app, opened: its bytes into out (empty on entry), its name and
 * media type (caller frees); *round its round. FK_ENOTFOUND when there is none (or it is
 * purged). */
int store_round_cv(struct store *st, int64_t app, struct buf *out, char **name, char **type,
                   int64_t *round);

/* Deletes the personal data of every application whose candidate was not appointed, once the
 * retention period of the model has passed since its round's decision (the pool period with
 * the candidate's consent): the key and the sealed data, the evaluators' reasons; what stays
 * is the municipality, the profile, the bodies and the marks (the anonymised statistics).
 * Then the freed pages are overwritten and the log checkpointed, so the file holds none of it.
 * *n gets how many. */
int store_round_purge(struct store *st, const char *actor, const struct model *m, fk_date today,
                      size_t *n);

/* ---------------------------------------------------------------- evaluation (state evaluation) */

/* evaluator's marks of app on every criterion of its round (marks[k] 1-5, reasons[k] a
 * written reason), replacing earlier ones. Refused (FK_EINPUT, by field "mark-K" /
 * "reason-K" or "state"): the round is not in evaluation, the evaluator declared a conflict
 * for the application or works in its municipality (evaluator_person, -1 none, on the round's
 * first day by reg), a mark outside 1-5, a reason missing. Audited without the reasons' text. */
int store_round_mark(struct store *st, const struct reg *reg, int64_t app, const char *evaluator,
                     int32_t evaluator_person, const int *marks, const char *const *reasons,
                     size_t n, struct diags *d);
/* Matches application app to the register person with key person (NULL: none), when the
 * secretariat knows the candidate is or was a member: eligibility (SPEC §7.1) and "new
 * member" then follow the person's history. FK_EINPUT (field "person") for an unknown person;
 * FK_ENOTFOUND. Audited. */
int store_round_match(struct store *st, const char *actor, const struct reg *reg, int64_t app,
                      const char *person, struct diags *d);
/* The round of application app: FK_OK, or FK_ENOTFOUND. */
int store_round_of_app(struct store *st, int64_t app, int64_t *round);
/* evaluator declares a conflict of interest for app (reason required); their marks of it are
 * deleted. */
int store_round_conflict(struct store *st, int64_t app, const char *evaluator, const char *reason,
                         struct diags *d);

/* The round as a JSON view for viewer (a login; NULL: everything, as after the evaluation):
 * {"round": {...}, "applications": [{"id", "ref", "name", "email", "title", "motivation",
 * "municipality", "municipality_name", "region", "profile", "profile_name", "bodies",
 * "person", "eligibility" (per body applied: {"body", "eligible", "message"} on the first
 * day, SPEC §7.1, the day a former member may return included), "evaluators" (complete
 * evaluations counted), "score" (0-100 or null), "spread"
 * (criterion ids), "excluded" (viewer may not score it, with "excluded_why"), "mine" (the
 * viewer's marks), "others" (the other evaluators' marks, or null while blind)}],
 * "ready": whether every application has the evaluations the round needs}. Blind scoring:
 * "others" is null until viewer has marked every criterion of that application, unless the
 * round is past its evaluation. NULL when the round cannot be read. */
json_t *store_round_view(struct store *st, const struct model *m, const struct reg *reg,
                         int64_t round, const char *viewer, int32_t viewer_person);

/* The recommendation of SPEC §7.2 for the round, body by body in the model's order (a
 * candidate recommended for an earlier body is not considered for a later one), from the
 * view's scores: {"bodies": [{"body", "name", "seats", "selected": [{"id", "ref", "name",
 * "score", "why"}], "left_out": [{"id", "ref", "name", "score", "why"}], and the evidence:
 * "checks" (every rule on the first day with the new members: [{"severity", "message"}]),
 * "forecast" ({"quota_breaks": quarters where the seniority quota breaks in the next five
 * years, "leaving": [{"ref", "last_day", "quarter"}] when a new member must leave}) and
 * "if_declines" ([{"declines", "instead"}]: the candidate the best set takes if that one
 * declines, null when none can)}]}. NULL on error. */
json_t *store_round_recommendation(struct store *st, const struct model *m, const struct reg *reg,
                                   int64_t round);

/* Records the decision of a recommended round: the picks (application ids with the body each
 * is appointed to; NULL/0: the recommendation as it stands), and when they depart from the
 * recommendation a reason (required then). In one transaction: the appointments from the
 * round's first day (a matched person, or a new one from the application's name and e-mail),
 * the round decided today, and the outcome by e-mail to every candidate. */
struct round_pick {
	int64_t app;
	const char *body;
};
int store_round_decide(struct store *st, const char *actor, const struct model *m,
                       const struct reg *reg, int64_t round, const struct round_pick *picks,
                       size_t npicks, const char *reason, fk_date today, struct diags *d);

/* The transparency report of a decided round: the criteria and weights, applicants by
 * region, municipality group and profile, the appointed with their scores, and the other
 * scores without names. NULL before the decision or on error. */
json_t *store_round_report(struct store *st, const struct model *m, const struct reg *reg,
                           int64_t round);
#endif
