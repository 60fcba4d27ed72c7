/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Messages about meetings (core/notify.h, notify_meeting.c): who is summoned for the
 * dispatch, an amendment and a recall (members who joined or left between planning and the
 * meeting), and the deadline reminders at their boundaries across Easter and Christmas, only
 * to those who have not submitted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/notify.h"
#include "core/wg.h"
#include "util/xalloc.h"

static struct model *M;

static fk_date D(const char *s)
{
	fk_date t;
	assert_int_equal(date_parse(s, strlen(s), &t), 0);
	return t;
}

/* The steering group: sg01 throughout, sg02 leaves 31 March 2027, sg03 joins 1 March 2027,
 * sg04 without an address. rg01, rg02 in the first reference group. */
static void fixture(struct reg *r, int *rg)
{
	reg_init(r);
	int sg = wg_steering_group(M);
	*rg = -1;
	for (size_t b = 0; b < M->nbodies; b++)
		if (*rg < 0 && !strcmp(M->bodies[b].kind, "reference-group"))
			*rg = (int)b;
	assert_true(sg >= 0 && *rg >= 0);
	const char *people[][6] = {{"sg01", "Anne", "anne@x.dk", "2026-01-01", NULL, "s"},
	                           {"sg02", "Bo", "bo@x.dk", "2026-01-01", "2027-03-31", "s"},
	                           {"sg03", "Carl", "carl@x.dk", "2027-03-01", NULL, "s"},
	                           {"sg04", "Dorthe", NULL, "2026-01-01", NULL, "s"},
	                           {"rg01", "Eva", "eva@x.dk", "2026-01-01", NULL, "r"},
	                           {"rg02", "Finn", "finn@x.dk", "2026-01-01", NULL, "r"}};
	for (int i = 0; i < 6; i++) {
		int32_t p = reg_person_add(r, i + 1, people[i][0], people[i][1], people[i][2]);
		struct reg_appt a = {.person = p, .body = people[i][5][0] == 's' ? sg : *rg,
		                     .org = SEAT_KL, .seat = SEAT_KL, .profile = -1,
		                     .start = D(people[i][3]),
		                     .end = people[i][4] ? D(people[i][4]) : DATE_OPEN};
		reg_appt_add(r, &a);
	}
	reg_sort(r);
}

static struct meeting meeting(const char *day, const char *deadline)
{
	struct meeting mt;
	memset(&mt, 0, sizeof mt);
	mt.id = 5;
	mt.year = 2027;
	mt.number = 2;
	mt.date = D(day);
	mt.start_min = 9 * 60;
	mt.end_min = 13 * 60;
	mt.proposals = mt.statuses = D(deadline);
	mt.state = MEETING_PLANNED;
	return mt;
}

static bool has(const struct notices *ns, const char *key)
{
	for (size_t i = 0; i < ns->n; i++)
		if (!strcmp(ns->v[i].key, key))
			return true;
	return false;
}

static void test_summoned(void **state)
{
	(void)state;
	struct reg r;
	int rg;
	fixture(&r, &rg);
	/* On 9 March 2027 Anne, Bo and Carl serve; Dorthe has no address. */
	struct meeting mt = meeting("2027-03-09", "2027-02-09");
	struct notify_packet pk = {true, "PK", 2, "pakke.zip", "application/zip", NULL};
	struct notices ns = {0};
	notify_dispatch(M, &r, &mt, 41, &pk, "https://x", &ns);
	assert_int_equal(ns.n, 3);
	assert_true(has(&ns, "meeting-dispatch:5:sg01:41"));
	assert_true(has(&ns, "meeting-dispatch:5:sg02:41"));
	assert_true(has(&ns, "meeting-dispatch:5:sg03:41"));
	assert_int_equal(ns.v[0].att_len, 2);
	assert_string_equal(ns.v[0].att_name, "pakke.zip");
	notices_free(&ns);
	/* On 6 April Bo has left: the amendment reaches Anne and Carl. */
	mt.date = D("2027-04-06");
	struct meeting_item it = {.pos = 3, .title = "Punkt", .kind = "orientering"};
	notify_amendment(M, &r, &mt, &it, "Nyt bilag", 42, "https://x", &ns);
	assert_int_equal(ns.n, 2);
	assert_false(has(&ns, "meeting-amend:5:sg02:42"));
	assert_non_null(strstr(ns.v[0].text, "Nyt bilag"));
	notices_free(&ns);
	/* Above the limit the packet is a link, nothing attached. */
	struct notify_packet link = {false, NULL, 0, "pakke.zip", NULL, "https://x/meetings/5/package"};
	notify_dispatch(M, &r, &mt, 43, &link, "https://x", &ns);
	assert_null(ns.v[0].att);
	assert_non_null(strstr(ns.v[0].text, "https://x/meetings/5/package"));
	notices_free(&ns);
	notify_recall(M, &r, &mt, "Forkert bilag", 44, "https://x", &ns);
	assert_int_equal(ns.n, 2);
	assert_true(has(&ns, "meeting-recall:5:sg03:44"));
	notices_free(&ns);
	reg_free(&r);
}

static size_t reminders(const struct meeting *mt, const struct reg *r, const char *const *sent,
                        size_t nsent, const char *today, const char *suffix)
{
	struct notices ns = {0};
	notify_deadline_reminders(M, r, mt, sent, nsent, D(today), "https://x", &ns);
	size_t n = 0;
	for (size_t i = 0; i < ns.n; i++) {
		size_t k = strlen(ns.v[i].key), s = strlen(suffix);
		n += k > s && !strcmp(ns.v[i].key + k - s, suffix);
	}
	size_t all = ns.n;
	notices_free(&ns);
	return n == all ? n : (size_t)-1;
}

static void test_deadline_easter(void **state)
{
	(void)state;
	struct reg r;
	int rg;
	fixture(&r, &rg);
	/* Deadline Tuesday 30 March 2027, after Easter (25, 26, 29 March are holidays): two
	 * working days before is 23 March. */
	struct meeting mt = meeting("2027-04-27", "2027-03-30");
	assert_int_equal(reminders(&mt, &r, NULL, 0, "2027-03-22", ""), 0);
	/* proposals: Anne, Carl (Bo leaves before the meeting); statuses: Eva, Finn */
	assert_int_equal(reminders(&mt, &r, NULL, 0, "2027-03-23", ":before"), 4);
	assert_int_equal(reminders(&mt, &r, NULL, 0, "2027-03-29", ":before"), 4);
	assert_int_equal(reminders(&mt, &r, NULL, 0, "2027-03-30", ":day"), 4);
	assert_int_equal(reminders(&mt, &r, NULL, 0, "2027-03-31", ""), 0);
	/* Anne has proposed and the group has sent its status: Carl only. */
	struct meeting_proposal p = {.person = "sg01"};
	mt.props = &p;
	mt.nprops = 1;
	const char *sent[] = {M->bodies[rg].id};
	assert_int_equal(reminders(&mt, &r, sent, 1, "2027-03-30", ":day"), 1);
	/* Dispatched: no more reminders. */
	mt.state = MEETING_DISPATCHED;
	assert_int_equal(reminders(&mt, &r, NULL, 0, "2027-03-30", ""), 0);
	reg_free(&r);
}

static void test_deadline_christmas(void **state)
{
	(void)state;
	struct reg r;
	int rg;
	fixture(&r, &rg);
	/* Deadline Tuesday 28 December 2027: 24-26 December are closed, so the reminder comes
	 * on Thursday 23 December, not on the 22nd. */
	struct meeting mt = meeting("2028-01-25", "2027-12-28");
	assert_int_equal(reminders(&mt, &r, NULL, 0, "2027-12-22", ""), 0);
	assert_int_equal(reminders(&mt, &r, NULL, 0, "2027-12-23", ":before"), 4);
	assert_int_equal(reminders(&mt, &r, NULL, 0, "2027-12-28", ":day"), 4);
	reg_free(&r);
}

static int setup(void **state)
{
	(void)state;
	return model_load_builtin(&M);
}

static int teardown(void **state)
{
	(void)state;
	model_free(M);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_summoned),
	    cmocka_unit_test(test_deadline_easter),
	    cmocka_unit_test(test_deadline_christmas),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
