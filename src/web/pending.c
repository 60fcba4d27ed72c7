/* Development scaffold: weak placeholders for handlers whose page files are being written.
 * A page file's strong definition replaces its placeholder. This file is deleted when every
 * page exists. */
#include <stdio.h>

#include "web/auth.h"
#include "web/pages.h"

#define PENDING(fn)                                                                           \
	__attribute__((weak)) int fn(struct web_req *r, struct web_resp *p)                       \
	{                                                                                         \
		return web_error(r, p, 501, "Siden er ikke færdig endnu.");                          \
	}
PENDING(page_org)
PENDING(page_body)
PENDING(page_people)
PENDING(page_person)
PENDING(page_person_new)
PENDING(page_appoint)
PENDING(page_appt_end)
PENDING(page_compliance)
PENDING(page_import)
PENDING(page_import_show)
PENDING(page_import_commit)
PENDING(page_import_cancel)
PENDING(page_audit)
PENDING(api_bodies)
PENDING(api_body)
PENDING(api_people)
PENDING(api_person)
PENDING(api_appointments)
PENDING(api_findings)
PENDING(api_forecast)
PENDING(api_audit)
PENDING(api_openapi)

__attribute__((weak)) void auth_identify(struct web_req *r, struct web_resp *p,
                                         const char *authorization, const char *session_cookie,
                                         const char *csrf_cookie, const char *trusted)
{
	(void)p;
	(void)authorization;
	(void)session_cookie;
	(void)csrf_cookie;
	(void)trusted;
	r->user.role = ROLE_ANON;
}
__attribute__((weak)) bool auth_csrf_ok(const struct web_req *r, const char *submitted)
{
	(void)r;
	(void)submitted;
	return false;
}
__attribute__((weak)) int auth_login(struct web_req *r, struct web_resp *p, const char *login,
                                     const char *password, char *msg, size_t msglen)
{
	(void)r;
	(void)p;
	(void)login;
	(void)password;
	snprintf(msg, msglen, "Log ind er ikke færdigt endnu.");
	return -1;
}
__attribute__((weak)) void auth_logout(struct web_req *r, struct web_resp *p)
{
	(void)r;
	(void)p;
}
__attribute__((weak)) void auth_init(void) {}
__attribute__((weak)) void auth_shutdown(void) {}
