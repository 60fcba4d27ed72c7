/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Attendance at meetings (core/attend.h, issue 12): the Danish labels and the stored names of
 * every status and their parsing; apologies until and including the meeting day while it is
 * planned or dispatched; attendance recorded from the meeting day until the minutes are
 * approved; a substitute only for a member who did not attend; the minutes' participants and
 * absentees. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/agenda.h"
#include "core/attend.h"

static fk_date D(const char *s)
{
	fk_date t;
	assert_int_equal(date_parse(s, strlen(s), &t), 0);
	return t;
}

static void test_labels(void **state)
{
	(void)state;
	assert_string_equal(attend_status_da(ATTEND_NONE), "ikke registreret");
	assert_string_equal(attend_status_da(ATTEND_PRESENT), "deltog");
	assert_string_equal(attend_status_da(ATTEND_APOLOGY), "afbud");
	assert_string_equal(attend_status_da(ATTEND_ABSENT), "fraværende");
	/* Out of range on both sides. */
	assert_string_equal(attend_status_da(-1), "");
	assert_string_equal(attend_status_da(ATTEND__MAX), "");
	assert_null(attend_status_name(-1));
	assert_null(attend_status_name(ATTEND__MAX));
	for (int s = 0; s < ATTEND__MAX; s++) {
		assert_int_equal(attend_status_parse(attend_status_name(s)), s);
		assert_int_equal(attend_status_parse(attend_status_da(s)), s);
	}
	assert_int_equal(attend_status_parse("fravaerende"), ATTEND_ABSENT);
	assert_int_equal(attend_status_parse("Afbud"), -1);
	assert_int_equal(attend_status_parse(""), -1);
	assert_int_equal(attend_status_parse(NULL), -1);
}

static void test_apology_window(void **state)
{
	(void)state;
	char msg[400];
	fk_date day = D("2027-03-04");
	/* Until and including the meeting day, while planned or dispatched. */
	assert_int_equal(attend_apology_allowed(MEETING_PLANNED, day, D("2027-01-01"), msg, sizeof msg), 0);
	assert_int_equal(attend_apology_allowed(MEETING_DISPATCHED, day, D("2027-03-03"), msg, sizeof msg), 0);
	assert_int_equal(attend_apology_allowed(MEETING_DISPATCHED, day, day, msg, sizeof msg), 0);
	/* The day after: refused with a Danish sentence naming the day. */
	assert_int_equal(attend_apology_allowed(MEETING_DISPATCHED, day, D("2027-03-05"), msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "4. marts 2027"));
	assert_non_null(strstr(msg, "Kontakt sekretariatet"));
	/* Held (minutes begun) on the day itself: refused too. */
	assert_int_equal(attend_apology_allowed(MEETING_HELD, day, day, msg, sizeof msg), -1);
	assert_int_equal(attend_apology_allowed(MEETING_PUBLISHED, day, D("2027-01-01"), msg, sizeof msg), -1);
}

static void test_record_window(void **state)
{
	(void)state;
	char msg[400];
	fk_date day = D("2027-03-04");
	assert_int_equal(attend_record_allowed(MEETING_DISPATCHED, day, D("2027-03-03"), msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "fra mødedagen"));
	assert_int_equal(attend_record_allowed(MEETING_DISPATCHED, day, day, msg, sizeof msg), 0);
	assert_int_equal(attend_record_allowed(MEETING_PLANNED, day, D("2027-03-05"), msg, sizeof msg), 0);
	assert_int_equal(attend_record_allowed(MEETING_HELD, day, D("2027-04-01"), msg, sizeof msg), 0);
	assert_int_equal(attend_record_allowed(MEETING_APPROVED, day, D("2027-04-01"), msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "godkendt"));
}

static void test_check_line(void **state)
{
	(void)state;
	char msg[400], big[ATTEND_NAME_MAX + 2], note[ATTEND_NOTE_MAX + 2];
	assert_int_equal(attend_check_line("A", ATTEND_PRESENT, NULL, NULL, msg, sizeof msg), ATTEND_FIELD_OK);
	assert_int_equal(attend_check_line("A", ATTEND_PRESENT, "", "", msg, sizeof msg), ATTEND_FIELD_OK);
	assert_int_equal(attend_check_line("A", ATTEND_APOLOGY, "Ole", NULL, msg, sizeof msg), ATTEND_FIELD_OK);
	assert_int_equal(attend_check_line("A", ATTEND_ABSENT, "Ole", NULL, msg, sizeof msg), ATTEND_FIELD_OK);
	assert_int_equal(attend_check_line("Anne", ATTEND_PRESENT, "Ole", NULL, msg, sizeof msg),
	                 ATTEND_FIELD_SUBSTITUTE);
	assert_non_null(strstr(msg, "Anne"));
	assert_int_equal(attend_check_line("A", ATTEND_NONE, "Ole", NULL, msg, sizeof msg), ATTEND_FIELD_SUBSTITUTE);
	assert_int_equal(attend_check_line("A", -1, NULL, NULL, msg, sizeof msg), ATTEND_FIELD_STATUS);
	assert_int_equal(attend_check_line("A", ATTEND__MAX, NULL, NULL, msg, sizeof msg), ATTEND_FIELD_STATUS);
	/* Limits: exactly the maximum passes, one more does not. */
	memset(big, 'x', ATTEND_NAME_MAX);
	big[ATTEND_NAME_MAX] = '\0';
	assert_int_equal(attend_check_line("A", ATTEND_ABSENT, big, NULL, msg, sizeof msg), ATTEND_FIELD_OK);
	big[ATTEND_NAME_MAX] = 'x';
	big[ATTEND_NAME_MAX + 1] = '\0';
	assert_int_equal(attend_check_line("A", ATTEND_ABSENT, big, NULL, msg, sizeof msg), ATTEND_FIELD_SUBSTITUTE);
	memset(note, 'n', ATTEND_NOTE_MAX);
	note[ATTEND_NOTE_MAX] = '\0';
	assert_int_equal(attend_check_line("A", ATTEND_PRESENT, NULL, note, msg, sizeof msg), ATTEND_FIELD_OK);
	note[ATTEND_NOTE_MAX] = 'n';
	note[ATTEND_NOTE_MAX + 1] = '\0';
	assert_int_equal(attend_check_line("A", ATTEND_PRESENT, NULL, note, msg, sizeof msg), ATTEND_FIELD_NOTE);
}

static void test_minutes(void **state)
{
	(void)state;
	struct attendance v[] = {
	    {"a", "Anne", ATTEND_PRESENT, NULL, NULL, NULL, NULL, true},
	    {"b", "Bo", ATTEND_APOLOGY, "Ole Hansen", "Ferie", NULL, NULL, true},
	    {"c", "Carl", ATTEND_ABSENT, NULL, NULL, NULL, NULL, true},
	    {"d", "Dorte", ATTEND_NONE, NULL, NULL, NULL, NULL, true},
	    {"e", "Erik", ATTEND_PRESENT, NULL, NULL, NULL, NULL, false}, /* no longer summoned */
	};
	struct meeting_guest g[] = {{1, "Kim Berg", "Digitaliseringsstyrelsen"}, {2, "Lis", NULL}};
	struct attend_minutes mn;
	attend_minutes_build(v, 5, g, 2, &mn);
	assert_int_equal(mn.nparticipants, 4);
	assert_string_equal(mn.participants[0], "Anne");
	assert_string_equal(mn.participants[1], "Ole Hansen (stedfortræder for Bo)");
	assert_string_equal(mn.participants[2], "Gæst: Kim Berg, Digitaliseringsstyrelsen");
	assert_string_equal(mn.participants[3], "Gæst: Lis");
	assert_int_equal(mn.nabsentees, 2);
	assert_string_equal(mn.absentees[0], "Bo (afbud)");
	assert_string_equal(mn.absentees[1], "Carl (fraværende)");
	assert_int_equal(mn.unrecorded, 1);
	attend_minutes_free(&mn);
	/* Nothing at all. */
	attend_minutes_build(NULL, 0, NULL, 0, &mn);
	assert_int_equal(mn.nparticipants + mn.nabsentees + mn.unrecorded, 0);
	attend_minutes_free(&mn);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_labels),
	    cmocka_unit_test(test_apology_window),
	    cmocka_unit_test(test_record_window),
	    cmocka_unit_test(test_check_line),
	    cmocka_unit_test(test_minutes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
