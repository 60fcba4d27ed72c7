/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_PAGES_H
#define FK_PAGES_H
#include "web/web.h"

/* CONTRIBUTORS: read docs/web-development.md before writing a page (CSP rules, templates,
 * escaping, accessibility, how to run and screenshot the server, and — for helpers working
 * in parallel — which files you may touch and that you must not commit).
 *
 * One file per page (page_*.c) or API resource (api_*.c); each exports its handlers.
 * A handler fills p->doc with the view model (or p->body for raw output, p->location for a
 * redirect) and returns 0; the server renders doc with the route's template or as JSON. */

int page_home(struct web_req *r, struct web_resp *p);
int page_healthz(struct web_req *r, struct web_resp *p);
int page_open_data(struct web_req *r, struct web_resp *p);
int page_popolo(struct web_req *r, struct web_resp *p);
int page_oparl(struct web_req *r, struct web_resp *p);
int page_oparl_file(struct web_req *r, struct web_resp *p);
/* The OParl document of the published meetings under base (core/opendata.h); NULL when the
 * meetings cannot be read. */
json_t *web_oparl(struct store *st, const struct model *m, const char *base, fk_date today);
int page_compliance_xlsx(struct web_req *r, struct web_resp *p);
int page_register_xlsx(struct web_req *r, struct web_resp *p);
int page_forecast_xlsx(struct web_req *r, struct web_resp *p);
int page_calls(struct web_req *r, struct web_resp *p);
int page_call(struct web_req *r, struct web_resp *p);
int page_call_receipt(struct web_req *r, struct web_resp *p);
int page_call_report(struct web_req *r, struct web_resp *p);
int page_call_report_xlsx(struct web_req *r, struct web_resp *p);
int page_rounds(struct web_req *r, struct web_resp *p);
int page_round(struct web_req *r, struct web_resp *p);
int page_application(struct web_req *r, struct web_resp *p);
int page_application_cv(struct web_req *r, struct web_resp *p);
int api_rounds(struct web_req *r, struct web_resp *p);
int api_round(struct web_req *r, struct web_resp *p);
int api_round_report(struct web_req *r, struct web_resp *p);
int api_application_marks(struct web_req *r, struct web_resp *p);
int page_economy_xlsx(struct web_req *r, struct web_resp *p);
int page_portfolio_xlsx(struct web_req *r, struct web_resp *p);
int page_decisions_xlsx(struct web_req *r, struct web_resp *p);
int page_login(struct web_req *r, struct web_resp *p);
int page_logout(struct web_req *r, struct web_resp *p);
int page_org(struct web_req *r, struct web_resp *p);
int page_body(struct web_req *r, struct web_resp *p);
int page_people(struct web_req *r, struct web_resp *p);
int page_person(struct web_req *r, struct web_resp *p);
int page_person_new(struct web_req *r, struct web_resp *p);
int page_appoint(struct web_req *r, struct web_resp *p);
int page_appt_end(struct web_req *r, struct web_resp *p);
/* register corrections (page_forms.c, api_register.c, api_appointments.c) */
int page_person_edit(struct web_req *r, struct web_resp *p);
int page_person_merge(struct web_req *r, struct web_resp *p);
int page_appt_delete(struct web_req *r, struct web_resp *p);
int api_person_merge(struct web_req *r, struct web_resp *p);
int api_appt_delete(struct web_req *r, struct web_resp *p);
int page_compliance(struct web_req *r, struct web_resp *p);
int page_import(struct web_req *r, struct web_resp *p);
int page_import_show(struct web_req *r, struct web_resp *p);
int page_import_commit(struct web_req *r, struct web_resp *p);
int page_import_cancel(struct web_req *r, struct web_resp *p);
int page_audit(struct web_req *r, struct web_resp *p);
int page_static(struct web_req *r, struct web_resp *p);

int api_bodies(struct web_req *r, struct web_resp *p);
int api_body(struct web_req *r, struct web_resp *p);
int api_people(struct web_req *r, struct web_resp *p);
int api_person(struct web_req *r, struct web_resp *p);
int api_appointments(struct web_req *r, struct web_resp *p);
int api_findings(struct web_req *r, struct web_resp *p);
int api_forecast(struct web_req *r, struct web_resp *p);
int api_audit(struct web_req *r, struct web_resp *p);
int api_openapi(struct web_req *r, struct web_resp *p);
/* initiatives, portfolio and economy (page_economy.c, page_portfolio.c, api_economy.c) */
int page_economy(struct web_req *r, struct web_resp *p);
int page_portfolio(struct web_req *r, struct web_resp *p);
int page_initiative(struct web_req *r, struct web_resp *p);
int api_economy_frame(struct web_req *r, struct web_resp *p);
int api_economy_report(struct web_req *r, struct web_resp *p);
int api_economy_allocations(struct web_req *r, struct web_resp *p);
int api_initiatives(struct web_req *r, struct web_resp *p);
int api_initiative(struct web_req *r, struct web_resp *p);
/* working groups and written hearings (page_wg.c, api_wg.c) */
int page_wgs(struct web_req *r, struct web_resp *p);
int page_wg(struct web_req *r, struct web_resp *p);
int page_wg_answer(struct web_req *r, struct web_resp *p);
int api_wgs(struct web_req *r, struct web_resp *p);
int api_wg(struct web_req *r, struct web_resp *p);
int api_wg_answers(struct web_req *r, struct web_resp *p);
/* The inputs of a working-group action: a form's fields or a JSON object's members. */
struct form;
struct wg_input {
	const char *(*get)(void *arg, const char *name); /* NULL when absent */
	void *arg;
};
/* Runs one working-group action for the user of r, in r's transaction: key NULL proposes a
 * group (newkey, 24 bytes, gets its id); else action names what happens to key ("staff-add",
 * "decide", "answer", ...; see page_wg.c). Errors go into fm, by field ("_" for the request
 * as a whole); *flash names what the page then says. Returns FK_OK or the refusal's error
 * (wg_web_status maps it to an HTTP status). */
int wg_web_act(struct web_req *r, const char *key, const char *action,
               const struct wg_input *in, struct form *fm, char newkey[24], const char **flash);
int wg_web_status(int rc, const struct form *fm);
/* end working groups and written hearings */
/* cases and goals */
int page_cases(struct web_req *r, struct web_resp *p);
int page_case(struct web_req *r, struct web_resp *p);
int page_goals(struct web_req *r, struct web_resp *p);
int api_cases(struct web_req *r, struct web_resp *p);
int api_case(struct web_req *r, struct web_resp *p);
int api_case_events(struct web_req *r, struct web_resp *p);
int api_goals(struct web_req *r, struct web_resp *p);
int api_goal_status(struct web_req *r, struct web_resp *p);
/* meetings (page_meetings.c, api_meetings.c, ical.c) */
int page_meetings(struct web_req *r, struct web_resp *p);
int page_meeting(struct web_req *r, struct web_resp *p);
int page_my(struct web_req *r, struct web_resp *p);
/* /my's messages (page_mail.c): the person's choice of digest and the messages sent to
 * them, into doc; POST /my sets the choice. GET /messages/{id}: one message, for its person
 * and the secretariat. */
void my_mail_json(struct web_req *r, json_t *doc);
int my_mail_post(struct web_req *r, struct web_resp *p);
int page_message(struct web_req *r, struct web_resp *p);
int page_decisions(struct web_req *r, struct web_resp *p);
int page_cal_body(struct web_req *r, struct web_resp *p);
int page_cal_person(struct web_req *r, struct web_resp *p);
int api_meetings(struct web_req *r, struct web_resp *p);
int api_meeting(struct web_req *r, struct web_resp *p);
int api_meeting_proposals(struct web_req *r, struct web_resp *p);
/* written material (page_material.c) */
int page_material(struct web_req *r, struct web_resp *p);
int api_meeting_material(struct web_req *r, struct web_resp *p);
int page_meeting_package(struct web_req *r, struct web_resp *p);
int page_meeting_packet(struct web_req *r, struct web_resp *p);
int page_meeting_minutes_pdf(struct web_req *r, struct web_resp *p);
/* The meeting page's documents: the packet's address (for the secretariat a preview before
 * dispatch), its versions with SHA-256 and changes, and the minutes' address once the
 * user may read them. */
json_t *packet_doc_json(struct web_req *r, const struct meeting *mt);
int page_meeting_dispatch(struct web_req *r, struct web_resp *p);
/* Who may upload material, the one rule of the page and the API: may[i] (mt->nitems
 * entries) tells whether the user of r may add a file to item i of mt now. The secretariat
 * may to any item until the meeting is held (after dispatch with a reason); a member only
 * while the meeting is planned, and only to an item from their own accepted proposal, to
 * the inspiration talk when they give it, and to a case of a reference group they serve on
 * today. Returns FK_OK, or an error (all false) when the register or cases cannot be read. */
int material_may_upload(struct web_req *r, const struct meeting *mt, bool *may);
/* A file as JSON for the API and the pages: id, meeting, item (its number on mt's agenda,
 * null when it is no longer there), item_source, item_ref, name, mime, type (Danish label),
 * size, size_text, sha256, uploaded, reason (null: before dispatch) and url. */
json_t *material_file_json(const struct store_material *f);
/* Adds the file of r's form (fields file and reason) to item pos of mt for the user of r:
 * FK_OK with *mid (may be NULL) its id; FK_EFORBIDDEN when material_may_upload says no;
 * else an error with Danish diagnostics on the fields file, reason, item or state. */
int material_upload(struct web_req *r, const struct meeting *mt, long pos, int64_t *mid,
                    struct diags *d);
/* portfolio overview and reference groups' statuses (page_overview.c) */
int page_meeting_portfolio(struct web_req *r, struct web_resp *p);
int page_meeting_status(struct web_req *r, struct web_resp *p);
int api_meeting_portfolio(struct web_req *r, struct web_resp *p);
int api_meeting_statuses(struct web_req *r, struct web_resp *p);
int api_decisions(struct web_req *r, struct web_resp *p);
/* attendance at meetings (page_attend.c, issue 12): GET /meetings/{id}/attendance shows who
 * is summoned, apologies, attendance, substitutes and guests; the secretariat records them
 * there (POST, field "action": record, guest-add, guest-remove). GET
 * /api/v1/meetings/{id}/attendance: the same as JSON. */
int page_meeting_attendance(struct web_req *r, struct web_resp *p);
int api_meeting_attendance(struct web_req *r, struct web_resp *p);
/* The meeting page's summary of mt's attendance into doc ("attendance"): apologies before
 * the meeting, participants and absentees from its day, the address of the page. */
void meeting_attendance_json(struct web_req *r, const struct meeting *mt, json_t *doc);
/* /my's apologies: for each coming meeting (until and including its day, planned or
 * dispatched) the member of r is summoned to, whether they have sent apologies and the form
 * to send or withdraw them ("apologies", "has_apologies"); with d (may be NULL) the errors
 * of the failed form of meeting failed. */
void my_apology_json(struct web_req *r, json_t *doc, long failed, const struct diags *d);
/* POST /my with action apology or apology-withdraw, meeting and reason: for the member's
 * own person only. 0 when p is answered (a redirect to /my, or an error page); else the HTTP
 * status (400, 403, 404) with the Danish errors in d and the meeting in *meeting, for /my to
 * show next to the form. */
int my_apology_post(struct web_req *r, struct web_resp *p, struct diags *d, long *meeting);
/* end meetings */
int page_accounts(struct web_req *r, struct web_resp *p); /* page_accounts.c */
int page_account(struct web_req *r, struct web_resp *p);  /* page_accounts.c */
int page_password(struct web_req *r, struct web_resp *p); /* page_password.c */
int page_mail(struct web_req *r, struct web_resp *p);     /* page_mail.c: the outbox */
/* A stored UTC time ("2026-11-27T10:00:00Z") in Danish time, "27. november 2026 kl. 11.00";
 * "" for "", the text itself when it is not such a time (page_accounts.c). */
json_t *accounts_time_da(const char *s);
/* language, dates, import and links (issue 10) */
int page_cycle_plan(struct web_req *r, struct web_resp *p); /* page_cycle.c: /meetings/plan */
int page_import_template(struct web_req *r, struct web_resp *p); /* /import/template.csv */
/* Sets o's "href" (the page of the finding's group, meeting, working group or the economy;
 * null when there is none) and, where a form fixes the finding, "fix_href" and "fix_text"
 * (e.g. a year without its meetings: /meetings/plan?year=Y, "Planlæg året"); else null.
 * page_compliance.c; used by every page that lists findings. */
struct model;
struct finding;
void web_finding_links(const struct model *m, const struct finding *x, json_t *o);
#endif
