/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_ROUTE_H
#define FK_ROUTE_H
#include "web/web.h"

/* Every route of the web application in one table: path pattern, handler, template and
 * the roles allowed per method. Authorisation is the table; tests walk it row by row
 * (fkigov routes --json prints it). */

enum page {
	PAGE_HOME,
	PAGE_HEALTHZ,
	PAGE_OPEN_DATA,
	PAGE_POPOLO,
	API_POPOLO,
	PAGE_OPARL,
	API_OPARL,
	PAGE_OPARL_FILE,
	PAGE_COMPLIANCE_XLSX,
	PAGE_REGISTER_XLSX,
	PAGE_FORECAST_XLSX,
	PAGE_CALLS,
	PAGE_CALL,
	PAGE_CALL_RECEIPT,
	PAGE_CALL_REPORT,
	PAGE_CALL_REPORT_XLSX,
	PAGE_ROUNDS,
	PAGE_ROUND,
	PAGE_APPLICATION,
	PAGE_APPLICATION_CV,
	API_ROUNDS,
	API_ROUND,
	API_ROUND_REPORT,
	API_APPLICATION_MARKS,
	PAGE_ECONOMY_XLSX,
	PAGE_PORTFOLIO_XLSX,
	PAGE_DECISIONS_XLSX,
	PAGE_LOGIN,
	PAGE_LOGOUT,
	PAGE_ORG,
	PAGE_BODY,
	PAGE_PEOPLE,
	PAGE_PERSON,
	PAGE_PERSON_NEW,
	PAGE_APPOINT,
	PAGE_APPT_END,
	PAGE_COMPLIANCE,
	PAGE_IMPORT,
	PAGE_IMPORT_SHOW,
	PAGE_IMPORT_COMMIT,
	PAGE_IMPORT_CANCEL,
	PAGE_AUDIT,
	PAGE_STATIC,
	API_BODIES,
	API_BODY,
	API_PEOPLE,
	API_PERSON,
	API_APPOINTMENTS,
	API_FINDINGS,
	API_FORECAST,
	API_AUDIT,
	API_OPENAPI,
	/* initiatives, portfolio and economy */
	PAGE_ECONOMY,
	PAGE_PORTFOLIO,
	PAGE_INITIATIVE,
	API_ECONOMY_FRAME,
	API_ECONOMY_REPORT,
	API_ECONOMY_ALLOCATIONS,
	API_INITIATIVES,
	API_INITIATIVE,
	/* working groups and written hearings */
	PAGE_WGS,
	PAGE_WG,
	PAGE_WG_ANSWER,
	API_WGS,
	API_WG,
	API_WG_ANSWERS,
	/* end working groups and written hearings */
	/* cases and goals */
	PAGE_CASES,
	PAGE_CASE,
	PAGE_GOALS,
	API_CASES,
	API_CASE,
	API_CASE_EVENTS,
	API_GOALS,
	API_GOAL_STATUS,
	/* meetings */
	PAGE_MEETINGS,
	PAGE_MEETING,
	PAGE_MY,
	PAGE_MESSAGE, /* one message sent to the user's person, or any for the secretariat */
	PAGE_DECISIONS,
	PAGE_CAL_BODY,
	PAGE_CAL_PERSON,
	API_MEETINGS,
	API_MEETING,
	API_MEETING_PROPOSALS,
	API_DECISIONS,
	PAGE_MATERIAL,
	API_MEETING_MATERIAL,
	PAGE_MEETING_PORTFOLIO,
	PAGE_MEETING_STATUS,
	API_MEETING_PORTFOLIO,
	API_MEETING_STATUSES,
	PAGE_MEETING_PACKAGE,
	PAGE_MEETING_PACKET,
	PAGE_MEETING_MINUTES_PDF,
	PAGE_MEETING_DISPATCH,
	PAGE_MEETING_ATTENDANCE, /* apologies, attendance, guests (page_attend.c, issue 12) */
	API_MEETING_ATTENDANCE,
	/* end meetings */
	PAGE_ACCOUNTS, /* accounts, tokens and login throttling (page_accounts.c) */
	/* accounts in the browser */
	PAGE_ACCOUNT,  /* one account: role, person, one-time link, token (page_accounts.c) */
	PAGE_PASSWORD, /* choose a password with a one-time link (page_password.c) */
	/* end accounts in the browser */
	/* language, dates, import and links (issue 10) */
	PAGE_CYCLE_PLAN,      /* the secretariat plans the year's meetings (page_cycle.c) */
	PAGE_IMPORT_TEMPLATE, /* the appointments file to fill in (page_import.c) */
	/* register corrections (page_forms.c, api_register.c, api_appointments.c) */
	PAGE_PERSON_EDIT,
	PAGE_PERSON_MERGE,
	PAGE_APPT_DELETE,
	API_PERSON_MERGE,
	API_APPT_DELETE,
	/* messages (issue 11) */
	PAGE_MAIL, /* the outbox for the secretariat (page_mail.c) */
	PAGE__MAX
};

typedef int (*web_handler)(struct web_req *r, struct web_resp *p);

struct route {
	const char *pattern;   /* "/bodies/{id}": {id} matches one path segment */
	web_handler handler;
	const char *tmpl;      /* template of the HTML rendering; NULL for API and raw bodies */
	unsigned get;          /* roles allowed to GET (and HEAD); 0: method not allowed */
	unsigned post;         /* roles allowed to POST; 0: method not allowed */
	const char *title;     /* Danish, for navigation and the route listing */
};

extern const struct route routes[PAGE__MAX];

/* Finds the route of path; sets *param to a copy of the {id} segment (caller frees) or
 * NULL. Returns PAGE__MAX when no route matches. */
enum page route_match(const char *path, char **param);
/* The route table as JSON: [{"page","pattern","get":[roles],"post":[roles],"api"}]. */
json_t *route_table_json(void);
#endif
