/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The route table: who may call what. */
#include "web/route.h"

#include <stdlib.h>
#include <string.h>

#include "web/pages.h"
#include "util/xalloc.h"

#define R_READERS (R_VIEWER | R_ADMIN) /* read everything, e-mails and the audit log too */

const struct route routes[PAGE__MAX] = {
    /* pattern                  handler              template      GET        POST */
    [PAGE_HOME] = {"/", page_home, "home", R_ALL, 0, "Forside"},
    /* the operator's health check (SPEC §10): no login, nothing but status and figures */
    [PAGE_HEALTHZ] = {"/healthz", page_healthz, NULL, R_ALL, 0, "Driftsstatus"},
    [PAGE_LOGIN] = {"/login", page_login, "login", R_ALL, R_ALL, "Log ind"},
    [PAGE_LOGOUT] = {"/logout", page_logout, NULL, 0, R_USERS, "Log ud"},
    [PAGE_ORG] = {"/organisation", page_org, "org", R_ALL, 0, "Organisation"},
    [PAGE_BODY] = {"/bodies/{id}", page_body, "body", R_ALL, 0, "Organ"},
    [PAGE_PEOPLE] = {"/people", page_people, "people", R_ALL, 0, "Personer"},
    [PAGE_PERSON] = {"/people/{id}", page_person, "person", R_ALL, 0, "Person"},
    [PAGE_PERSON_NEW] = {"/person-new", page_person_new, "person_new", R_ADMIN, R_ADMIN, "Ny person"},
    [PAGE_APPOINT] = {"/appoint", page_appoint, "appoint", R_ADMIN, R_ADMIN, "Udpeg"},
    [PAGE_APPT_END] = {"/appointments/{id}/end", page_appt_end, "appt_end", R_ADMIN, R_ADMIN,
                       "Afslut udpegning"},
    [PAGE_COMPLIANCE] = {"/compliance", page_compliance, "compliance", R_USERS, 0, "Overholdelse"},
    /* tables as Excel workbooks (page_xlsx.c): the findings for every account, the register
     * with its e-mail addresses for the secretariat */
    [PAGE_COMPLIANCE_XLSX] = {"/compliance.xlsx", page_compliance_xlsx, NULL, R_USERS, 0,
                              "Fundene som Excel"},
    /* open data (page_opendata.c): public, no login */
    [PAGE_OPEN_DATA] = {"/open-data/", page_open_data, "open_data", R_ALL, 0, "Åbne data"},
    [PAGE_POPOLO] = {"/open-data/popolo.json", page_popolo, NULL, R_ALL, 0,
                     "Registret som Popolo"},
    [API_POPOLO] = {"/api/v1/open-data/popolo", page_popolo, NULL, R_ALL, 0,
                    "Registret som Popolo"},
    [PAGE_OPARL] = {"/open-data/oparl.json", page_oparl, NULL, R_ALL, 0,
                    "Møderne som OParl"},
    [API_OPARL] = {"/api/v1/open-data/oparl", page_oparl, NULL, R_ALL, 0, "Møderne som OParl"},
    [PAGE_OPARL_FILE] = {"/open-data/oparl/file/{id}", page_oparl_file, NULL, R_ALL, 0,
                         "En fil fra et offentliggjort møde"},
    [PAGE_REGISTER_XLSX] = {"/register.xlsx", page_register_xlsx, NULL, R_ADMIN, 0,
                            "Registret som Excel"},
    /* recruitment (page_calls.c): the public calls and the application form, no login */
    [PAGE_CALLS] = {"/calls", page_calls, "calls", R_ALL, 0, "Ledige pladser"},
    [PAGE_CALL] = {"/calls/{id}", page_call, "call", R_ALL, R_ALL, "Opslag"},
    [PAGE_CALL_RECEIPT] = {"/calls/{id}/receipt", page_call_receipt, "call_receipt", R_ALL, 0,
                           "Kvittering"},
    [PAGE_CALL_REPORT] = {"/calls/{id}/report", page_call_report, "call_report", R_ALL, 0,
                          "Rundens rapport"},
    [PAGE_CALL_REPORT_XLSX] = {"/calls/{id}/report.xlsx", page_call_report_xlsx, NULL, R_ALL, 0,
                               "Rundens rapport som Excel"},
    /* the rounds for the secretariat (page_rounds.c): its accounts are the evaluators */
    [PAGE_ROUNDS] = {"/rounds", page_rounds, "rounds", R_ADMIN, R_ADMIN, "Rekruttering"},
    [PAGE_ROUND] = {"/rounds/{id}", page_round, "round", R_ADMIN, R_ADMIN, "Runde"},
    [PAGE_APPLICATION] = {"/applications/{id}", page_application, "application", R_ADMIN, R_ADMIN,
                          "Ansøgning"},
    [PAGE_APPLICATION_CV] = {"/applications/{id}/cv", page_application_cv, NULL, R_ADMIN, 0,
                             "Ansøgningens CV"},
    [API_ROUNDS] = {"/api/v1/rounds", api_rounds, NULL, R_ADMIN, 0, "Rekrutteringsrunder"},
    [API_ROUND] = {"/api/v1/rounds/{id}", api_round, NULL, R_ADMIN, 0, "Rekrutteringsrunde"},
    [API_ROUND_REPORT] = {"/api/v1/rounds/{id}/report", api_round_report, NULL, R_ALL, 0,
                          "Rundens rapport"},
    [API_APPLICATION_MARKS] = {"/api/v1/applications/{id}/marks", api_application_marks, NULL, 0,
                               R_ADMIN, "Bedømmerens point"},
    /* the API's documents as workbooks, for the accounts that may read them */
    [PAGE_FORECAST_XLSX] = {"/forecast.xlsx", page_forecast_xlsx, NULL, R_USERS, 0,
                            "Fremskrivningen som Excel"},
    [PAGE_ECONOMY_XLSX] = {"/economy.xlsx", page_economy_xlsx, NULL, R_USERS, 0,
                           "Økonomien som Excel"},
    [PAGE_PORTFOLIO_XLSX] = {"/portfolio.xlsx", page_portfolio_xlsx, NULL, R_USERS, 0,
                             "Porteføljen som Excel"},
    [PAGE_DECISIONS_XLSX] = {"/decisions.xlsx", page_decisions_xlsx, NULL, R_USERS, 0,
                             "Beslutningsloggen som Excel"},
    [PAGE_IMPORT] = {"/import", page_import, "import", R_ADMIN, R_ADMIN, "Import"},
    [PAGE_IMPORT_SHOW] = {"/import/{id}", page_import_show, "import", R_ADMIN, 0, "Import"},
    [PAGE_IMPORT_COMMIT] = {"/import/{id}/commit", page_import_commit, NULL, 0, R_ADMIN,
                            "Gem import"},
    [PAGE_IMPORT_CANCEL] = {"/import/{id}/cancel", page_import_cancel, NULL, 0, R_ADMIN,
                            "Annullér import"},
    [PAGE_AUDIT] = {"/audit", page_audit, "audit", R_READERS, 0, "Revisionslog"},
    [PAGE_STATIC] = {"/static/{id}", page_static, NULL, R_ALL, 0, "Statisk fil"},
    [API_BODIES] = {"/api/v1/bodies", api_bodies, NULL, R_ALL, 0, "Organer"},
    [API_BODY] = {"/api/v1/bodies/{id}", api_body, NULL, R_ALL, 0, "Organ"},
    [API_PEOPLE] = {"/api/v1/people", api_people, NULL, R_ALL, R_ADMIN, "Personer"},
    [API_PERSON] = {"/api/v1/people/{id}", api_person, NULL, R_ALL, R_ADMIN, "Person"},
    [API_APPOINTMENTS] = {"/api/v1/appointments", api_appointments, NULL, R_ALL, R_ADMIN,
                          "Udpegninger"},
    [API_FINDINGS] = {"/api/v1/findings", api_findings, NULL, R_USERS, 0, "Fund"},
    [API_FORECAST] = {"/api/v1/forecast", api_forecast, NULL, R_USERS, 0, "Fremskrivning"},
    [API_AUDIT] = {"/api/v1/audit", api_audit, NULL, R_READERS, 0, "Revisionslog"},
    [API_OPENAPI] = {"/api/v1/openapi.json", api_openapi, NULL, R_ALL, 0, "OpenAPI"},
    /* initiatives, portfolio and economy: readable by every account; changes by the
     * secretariat, except status reports, which members of the owning body may post too
     * (checked per form in page_portfolio.c) */
    [PAGE_ECONOMY] = {"/economy", page_economy, "economy", R_USERS, R_ADMIN, "Økonomi"},
    [PAGE_PORTFOLIO] = {"/portfolio", page_portfolio, "portfolio", R_USERS, R_ADMIN,
                        "Portefølje"},
    [PAGE_INITIATIVE] = {"/initiatives/{id}", page_initiative, "initiative", R_USERS,
                         R_MEMBER | R_ADMIN, "Initiativ"},
    [API_ECONOMY_FRAME] = {"/api/v1/economy/frame", api_economy_frame, NULL, R_USERS, 0,
                           "Rammen"},
    [API_ECONOMY_REPORT] = {"/api/v1/economy/report", api_economy_report, NULL, R_USERS, 0,
                            "Økonomirapport"},
    [API_ECONOMY_ALLOCATIONS] = {"/api/v1/economy/allocations", api_economy_allocations, NULL,
                                 0, R_ADMIN, "Bevillinger"},
    [API_INITIATIVES] = {"/api/v1/initiatives", api_initiatives, NULL, R_USERS, 0,
                         "Initiativer"},
    [API_INITIATIVE] = {"/api/v1/initiatives/{id}", api_initiative, NULL, R_USERS, 0,
                        "Initiativ"},
    /* working groups and written hearings: public to read (the hearing's answers need a
     * login); members propose for their own reference group and answer the hearing; the
     * secretariat runs the rest (checked per action in page_wg.c) */
    [PAGE_WGS] = {"/working-groups", page_wgs, "wg_list", R_ALL, R_MEMBER | R_ADMIN,
                  "Arbejdsgrupper"},
    [PAGE_WG] = {"/working-groups/{id}", page_wg, "wg", R_ALL, R_MEMBER | R_ADMIN,
                 "Arbejdsgruppe"},
    [PAGE_WG_ANSWER] = {"/working-groups/{id}/answer", page_wg_answer, "wg", 0,
                        R_MEMBER | R_ADMIN, "Svar i høringen"},
    [API_WGS] = {"/api/v1/working-groups", api_wgs, NULL, R_ALL, R_MEMBER | R_ADMIN,
                 "Arbejdsgrupper"},
    [API_WG] = {"/api/v1/working-groups/{id}", api_wg, NULL, R_ALL, R_MEMBER | R_ADMIN,
                "Arbejdsgruppe"},
    [API_WG_ANSWERS] = {"/api/v1/working-groups/{id}/answers", api_wg_answers, NULL, 0,
                        R_MEMBER | R_ADMIN, "Svar i høringen"},
    /* end working groups and written hearings */
    /* cases and goals: logged-in users read (cases may be internal); the secretariat writes;
     * members of the assigned reference group post its recommendation (checked in the
     * handler) */
    [PAGE_CASES] = {"/cases", page_cases, "cases", R_USERS, R_ADMIN, "Sager"},
    [PAGE_CASE] = {"/cases/{id}", page_case, "case", R_USERS, R_ADMIN | R_MEMBER, "Sag"},
    [PAGE_GOALS] = {"/goals", page_goals, "goals", R_USERS, R_ADMIN, "Mål"},
    [API_CASES] = {"/api/v1/cases", api_cases, NULL, R_USERS, R_ADMIN, "Sager"},
    [API_CASE] = {"/api/v1/cases/{id}", api_case, NULL, R_USERS, 0, "Sag"},
    [API_CASE_EVENTS] = {"/api/v1/cases/{id}/events", api_case_events, NULL, 0,
                         R_ADMIN | R_MEMBER, "Sagens forløb"},
    [API_GOALS] = {"/api/v1/goals", api_goals, NULL, R_USERS, R_ADMIN, "Mål"},
    [API_GOAL_STATUS] = {"/api/v1/goals/{id}/status", api_goal_status, NULL, 0, R_ADMIN,
                         "Målets status"},
    /* meetings: logged-in users read meetings and the decision log; before dispatch a
     * meeting's material and proposals only the secretariat and those they concern, draft
     * minutes only the secretariat (visible.c); members of the steering group and the
     * secretariat post proposals, the secretariat the rest (checked per action in
     * page_meetings.c); the calendars are public, as the steering group's meetings and
     * deadlines are public information (Outlook subscribes without a login) */
    [PAGE_MEETINGS] = {"/meetings", page_meetings, "meetings", R_USERS, R_ADMIN, "Møder"},
    [PAGE_MEETING] = {"/meetings/{id}", page_meeting, "meeting", R_USERS, R_MEMBER | R_ADMIN,
                      "Møde"},
    [PAGE_MY] = {"/my", page_my, "my", R_MEMBER, R_MEMBER, "Mine frister og beskeder"},
    /* messages: each person reads those sent to them, the secretariat all (page_mail.c) */
    [PAGE_MESSAGE] = {"/messages/{id}", page_message, "message", R_MEMBER | R_ADMIN, 0,
                      "Besked"},
    [PAGE_DECISIONS] = {"/decisions", page_decisions, "decisions", R_USERS, 0,
                        "Beslutninger"},
    [PAGE_CAL_BODY] = {"/calendar/bodies/{id}", page_cal_body, NULL, R_ALL, 0,
                       "Kalender for et organ"},
    [PAGE_CAL_PERSON] = {"/calendar/people/{id}", page_cal_person, NULL, R_ALL, 0,
                         "Kalender for en person"},
    [API_MEETINGS] = {"/api/v1/meetings", api_meetings, NULL, R_USERS, 0, "Møder"},
    [API_MEETING] = {"/api/v1/meetings/{id}", api_meeting, NULL, R_USERS, 0, "Møde"},
    [API_MEETING_PROPOSALS] = {"/api/v1/meetings/{id}/proposals", api_meeting_proposals, NULL,
                               0, R_MEMBER | R_ADMIN, "Forslag til dagsordenen"},
    [API_DECISIONS] = {"/api/v1/decisions", api_decisions, NULL, R_USERS, 0,
                       "Beslutningslog"},
    /* written material: read by every account once the agenda is dispatched, before that by
     * the secretariat, the uploader and those the item concerns (checked per file in
     * visible.c); uploaded by the secretariat to any item and by members to their own items
     * (checked per item in page_material.c) */
    [PAGE_MATERIAL] = {"/material/{id}", page_material, NULL, R_USERS, 0, "Materiale"},
    [API_MEETING_MATERIAL] = {"/api/v1/meetings/{id}/material", api_meeting_material, NULL,
                              R_USERS, R_MEMBER | R_ADMIN, "Mødets materiale"},
    /* the portfolio overview and the reference groups' statuses: read by every account;
     * posted by members of the reference group and the secretariat (checked per group in
     * page_overview.c) */
    [PAGE_MEETING_PORTFOLIO] = {"/meetings/{id}/portfolio", page_meeting_portfolio,
                                "meeting_portfolio", R_USERS, 0, "Porteføljeoverblik"},
    [PAGE_MEETING_STATUS] = {"/meetings/{id}/status", page_meeting_status, "meeting_status",
                             R_MEMBER | R_ADMIN, R_MEMBER | R_ADMIN, "Referencegruppens status"},
    [API_MEETING_PORTFOLIO] = {"/api/v1/meetings/{id}/portfolio", api_meeting_portfolio, NULL,
                               R_USERS, 0, "Porteføljeoverblik"},
    [API_MEETING_STATUSES] = {"/api/v1/meetings/{id}/statuses", api_meeting_statuses, NULL,
                              R_USERS, R_MEMBER | R_ADMIN, "Referencegruppernes status"},
    /* the meeting package: agenda and material as one ZIP archive, for every account, with
     * what the account may read (visible.c) */
    [PAGE_MEETING_PACKAGE] = {"/meetings/{id}/package", page_meeting_package, NULL, R_USERS, 0,
                              "Mødepakke"},
    /* the documents as PDF (page_packet.c): the packet for every account from dispatch on
     * (before it the secretariat's preview), the minutes once approved (before it the
     * secretariat's draft) */
    [PAGE_MEETING_PACKET] = {"/meetings/{id}/packet.pdf", page_meeting_packet, NULL, R_USERS, 0,
                             "Mødepakke (PDF)"},
    [PAGE_MEETING_MINUTES_PDF] = {"/meetings/{id}/minutes.pdf", page_meeting_minutes_pdf, NULL,
                                  R_USERS, 0, "Referat (PDF)"},
    /* the dispatch of the agenda as a deliberate act: GET shows what is not ready and who
     * gets it, POST sends it out (the secretariat) */
    [PAGE_MEETING_DISPATCH] = {"/meetings/{id}/dispatch", page_meeting_dispatch,
                               "meeting_dispatch", R_ADMIN, R_ADMIN, "Udsend dagsordenen"},
    /* attendance (issue 12): every account reads who is summoned, the apologies and who
     * attended; the secretariat records attendance, substitutes and guests. Members send
     * their own apologies on /my. */
    [PAGE_MEETING_ATTENDANCE] = {"/meetings/{id}/attendance", page_meeting_attendance,
                                 "meeting_attendance", R_USERS, R_ADMIN, "Fremmøde"},
    [API_MEETING_ATTENDANCE] = {"/api/v1/meetings/{id}/attendance", api_meeting_attendance,
                                NULL, R_USERS, 0, "Fremmøde"},
    /* end meetings */
    [PAGE_ACCOUNTS] = {"/accounts", page_accounts, "accounts", R_ADMIN, R_ADMIN,
                       "Konti og adgang"},
    /* accounts in the browser: the secretariat changes an account and makes its one-time
     * links and tokens on its page; the person with a one-time link chooses a password
     * without being logged in (the link is the credential; the form has the pre-login CSRF
     * token) */
    [PAGE_ACCOUNT] = {"/accounts/{id}", page_account, "accounts_account", R_ADMIN, R_ADMIN,
                      "Konto"},
    [PAGE_PASSWORD] = {"/password/{id}", page_password, "password", R_ALL, R_ALL,
                       "Vælg adgangskode"},
    /* end accounts in the browser */
    /* language, dates, import and links (issue 10) */
    [PAGE_CYCLE_PLAN] = {"/meetings/plan", page_cycle_plan, "cycle_plan", R_ADMIN, R_ADMIN,
                         "Planlæg året"},
    [PAGE_IMPORT_TEMPLATE] = {"/import/template.csv", page_import_template, NULL, R_ADMIN, 0,
                              "Skabelon til import"},
    /* register corrections: the secretariat edits persons, merges two registrations of one
     * person and deletes an appointment entered by mistake */
    [PAGE_PERSON_EDIT] = {"/people/{id}/edit", page_person_edit, "person_edit", R_ADMIN, R_ADMIN,
                          "Ret person"},
    [PAGE_PERSON_MERGE] = {"/people/{id}/merge", page_person_merge, "person_merge", R_ADMIN,
                           R_ADMIN, "Læg personer sammen"},
    [PAGE_APPT_DELETE] = {"/appointments/{id}/delete", page_appt_delete, "appt_delete", R_ADMIN,
                          R_ADMIN, "Slet udpegning"},
    [API_PERSON_MERGE] = {"/api/v1/people/{id}/merge", api_person_merge, NULL, 0, R_ADMIN,
                          "Læg personer sammen"},
    [API_APPT_DELETE] = {"/api/v1/appointments/{id}/delete", api_appt_delete, NULL, 0, R_ADMIN,
                         "Slet udpegning"},
    /* messages: the outbox, and "Send igen" for a failed message (issue 11) */
    [PAGE_MAIL] = {"/mail", page_mail, "mail", R_ADMIN, R_ADMIN, "Udbakke"},
};

/* Matches path against pattern; one {id} segment at most. */
static int match(const char *pat, const char *path, const char **seg, size_t *seglen)
{
	while (*pat && *path) {
		if (*pat == '{') {
			const char *end = strchr(path, '/');
			size_t n = end ? (size_t)(end - path) : strlen(path);
			if (n == 0)
				return 0;
			*seg = path;
			*seglen = n;
			path += n;
			pat = strchr(pat, '}') + 1;
			continue;
		}
		if (*pat++ != *path++)
			return 0;
	}
	return *pat == '\0' && *path == '\0';
}

enum page route_match(const char *path, char **param)
{
	*param = NULL;
	/* A fixed path wins over a pattern: /meetings/plan is not meeting "plan". */
	for (int i = 0; i < PAGE__MAX; i++)
		if (!strchr(routes[i].pattern, '{') && !strcmp(routes[i].pattern, path))
			return (enum page)i;
	for (int i = 0; i < PAGE__MAX; i++) {
		const char *seg = NULL;
		size_t n = 0;
		if (match(routes[i].pattern, path, &seg, &n)) {
			if (seg)
				*param = xstrndup(seg, n);
			return (enum page)i;
		}
	}
	return PAGE__MAX;
}

static json_t *roles_json(unsigned mask)
{
	json_t *a = json_array();
	for (int k = 0; k < ROLE__MAX; k++)
		if (mask & (1u << k))
			json_array_append_new(a, json_string(role_name((enum role)k)));
	return a;
}

json_t *route_table_json(void)
{
	json_t *arr = json_array();
	for (int i = 0; i < PAGE__MAX; i++)
		json_array_append_new(
		    arr, json_pack("{s:i, s:s, s:s, s:o, s:o, s:b}", "page", i, "pattern",
		                   routes[i].pattern, "title", routes[i].title, "get",
		                   roles_json(routes[i].get), "post", roles_json(routes[i].post), "api",
		                   strncmp(routes[i].pattern, "/api/", 5) == 0));
	return arr;
}
