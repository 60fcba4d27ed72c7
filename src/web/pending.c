/* Development scaffold: weak placeholders for handlers whose page files are being written.
 * A page file's strong definition replaces its placeholder. This file is deleted when every
 * page exists. */
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
PENDING(page_material)
PENDING(api_meeting_material)
PENDING(page_meeting_portfolio)
PENDING(page_meeting_status)
PENDING(api_meeting_portfolio)
PENDING(api_meeting_statuses)
