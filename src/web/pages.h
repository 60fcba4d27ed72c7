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
int page_login(struct web_req *r, struct web_resp *p);
int page_logout(struct web_req *r, struct web_resp *p);
int page_org(struct web_req *r, struct web_resp *p);
int page_body(struct web_req *r, struct web_resp *p);
int page_people(struct web_req *r, struct web_resp *p);
int page_person(struct web_req *r, struct web_resp *p);
int page_person_new(struct web_req *r, struct web_resp *p);
int page_appoint(struct web_req *r, struct web_resp *p);
int page_appt_end(struct web_req *r, struct web_resp *p);
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
/* initiatives, portfolio and economy */
/* working groups and written hearings */
/* cases and goals */
#endif
