/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Messages (core/mail.h, core/notify.h, the outbox in store_mail.c): RFC 2047 encoded-words
 * and their folding, quoted-printable, no header injection from any field, the Date header,
 * stable Message-IDs, the retry schedule, who gets which message for a written hearing, the
 * reminder days across Easter and Christmas, and the outbox: queued in the caller's
 * transaction (a rollback queues nothing), one message per idempotency key, backoff to
 * "failed" after MAIL_MAX_ATTEMPTS, "send again". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/mail.h"
#include "core/notify.h"
#include "dbfixture.h"
#include "util/buf.h"
#include "util/text.h"

static fk_date D(const char *s)
{
	fk_date t;
	assert_int_equal(date_parse(s, strlen(s), &t), 0);
	return t;
}

static void assert_date(fk_date t, const char *want)
{
	char s[11];
	date_format(t, s);
	assert_string_equal(s, want);
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes one header's value: encoded-words (Q) joined, folding removed. */
static void decode_header(const char *v, struct buf *out)
{
	const char *p = v;
	while (*p) {
		if (!strncmp(p, "=?UTF-8?Q?", 10)) {
			p += 10;
			while (*p && strncmp(p, "?=", 2)) {
				if (*p == '_')
					buf_addc(out, ' '), p++;
				else if (*p == '=') {
					assert_true(hexval(p[1]) >= 0 && hexval(p[2]) >= 0);
					buf_addc(out, (char)(hexval(p[1]) * 16 + hexval(p[2])));
					p += 3;
				} else
					buf_addc(out, *p++);
			}
			assert_non_null(strstr(p, "?="));
			p += 2;
			/* whitespace between adjacent encoded-words is ignored */
			const char *q = p;
			while (*q == '\r' || *q == '\n' || *q == ' ')
				q++;
			if (!strncmp(q, "=?UTF-8?Q?", 10))
				p = q;
		} else if (*p == '\r' && p[1] == '\n' && p[2] == ' ') {
			p += 2; /* unfold */
		} else {
			buf_addc(out, *p++);
		}
	}
}

static void assert_lines_max(const char *s, size_t max)
{
	for (const char *p = s; *p;) {
		const char *e = strstr(p, "\r\n");
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len > max)
			fail_msg("line of %zu > %zu: %.*s", len, max, (int)len, p);
		/* a bare CR or LF never occurs */
		for (size_t i = 0; i < len; i++)
			assert_true(p[i] != '\r' && p[i] != '\n');
		p += len + (e ? 2 : 0);
		if (!e)
			break;
	}
}

/* ---------------------------------------------------------------- headers */

static void subject_roundtrip(const char *subject)
{
	struct buf b;
	buf_init(&b);
	mail_header_text(&b, "Subject", subject, false);
	assert_lines_max(b.s, 76);
	assert_true(b.len > 2 && !strcmp(b.s + b.len - 2, "\r\n"));
	b.s[b.len - 2] = 0;
	struct buf d;
	buf_init(&d);
	decode_header(b.s + strlen("Subject: "), &d);
	buf_addc(&d, 0);
	assert_string_equal(d.s, subject);
	/* every encoded-word alone is whole UTF-8 (no character split across words) */
	for (const char *w = strstr(b.s, "=?UTF-8?Q?"); w; w = strstr(w + 1, "=?UTF-8?Q?")) {
		const char *e = strstr(w + 10, "?=");
		assert_true(e - w + 2 <= 75);
		char one[100];
		snprintf(one, sizeof one, "%.*s", (int)(e - w + 2), w);
		struct buf x;
		buf_init(&x);
		decode_header(one, &x);
		buf_addc(&x, 0);
		char why[100];
		assert_int_equal(text_check(x.s, strlen(x.s), false, why, sizeof why), 0);
		buf_free(&x);
	}
	buf_free(&b);
	buf_free(&d);
}

static void test_encoded_words(void **state)
{
	(void)state;
	subject_roundtrip("Skriftlig høring: Fælles klassifikation af sager");
	subject_roundtrip("Påmindelse: æøå ÆØÅ – »citat« og 'enkelt' (svar senest 11. december "
	                  "2026) med en meget lang tekst, der skal foldes over flere linjer, "
	                  "æææææææææææææææææææææææææææææææææææææææææææææææ ø");
	subject_roundtrip("=?UTF-8?Q?falsk?= ord");
	/* plain ASCII that fits is left alone */
	struct buf b;
	buf_init(&b);
	mail_header_text(&b, "Subject", "Kort emne", false);
	assert_string_equal(b.s, "Subject: Kort emne\r\n");
	buf_free(&b);
}

static void test_no_injection(void **state)
{
	(void)state;
	const char *names[] = {"Anne\r\nBcc: offer@example.dk", "Bo \"Chef\" <x@y.dk>",
	                       "Æble\nSubject: falsk", "Carl\r\n\r\n<html>krop", "\"\r\n.\r\n"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct buf b;
		buf_init(&b);
		struct mail_out m = {.from_name = "Sekretariat FKI",
		                     .from_addr = "fki@kombit.dk",
		                     .to_name = names[i],
		                     .to_addr = "anne@aarhus.dk",
		                     .subject = names[i],
		                     .message_id = "<a.b@kombit.dk>",
		                     .date = 1795773600,
		                     .text = "Tekst",
		                     .html = "<p>Tekst</p>"};
		char why[200];
		assert_int_equal(mail_format(&b, &m, why, sizeof why), 0);
		assert_lines_max(b.s, 998);
		/* the header ends at the first blank line; in it only our header names start a line */
		char *end = strstr(b.s, "\r\n\r\n");
		assert_non_null(end);
		*end = 0;
		for (char *line = b.s; line;) {
			if (*line != ' ') {
				static const char *const ok[] = {"Date:", "From:", "To:", "Subject:",
				                                 "Message-ID:", "MIME-Version:",
				                                 "Auto-Submitted:", "X-Auto-Response-Suppress:",
				                                 "Content-Type:"};
				bool known = false;
				for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++)
					known |= !strncmp(line, ok[k], strlen(ok[k]));
				if (!known)
					fail_msg("unexpected header line: %s", line);
			}
			char *nl = strstr(line, "\r\n");
			line = nl ? nl + 2 : NULL;
		}
		assert_null(strstr(b.s, "\r\nBcc"));
		assert_non_null(strstr(b.s, "<anne@aarhus.dk>"));
		buf_free(&b);
	}
	/* an address with a line break, a quote or a space is refused, not written */
	const char *bad[] = {"a@b.dk\r\nBcc: c@d.dk", "\"a\"@b.dk", "a b@c.dk", "a@b", "a..b@c.dk",
	                     "<a@b.dk>",           "a@b.dk,c@d.dk", "", "a@-",  "æ@b.dk"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(mail_addr_ok(bad[i]));
		struct buf b;
		buf_init(&b);
		struct mail_out m = {.from_addr = "fki@kombit.dk", .to_addr = bad[i], .subject = "x",
		                     .message_id = "<a@b>", .text = "x"};
		char why[200];
		assert_int_equal(mail_format(&b, &m, why, sizeof why), -1);
		buf_free(&b);
	}
	assert_true(mail_addr_ok("anne.b-hansen+fki@aarhus.dk"));
	char name[100], addr[100];
	assert_int_equal(mail_parse_from("Sekretariat FKI <fki@kombit.dk>", name, sizeof name, addr,
	                                 sizeof addr),
	                 0);
	assert_string_equal(name, "Sekretariat FKI");
	assert_string_equal(addr, "fki@kombit.dk");
	assert_int_equal(mail_parse_from("fki@kombit.dk", name, sizeof name, addr, sizeof addr), 0);
	assert_int_equal(mail_parse_from("x <fki@kombit.dk>\r\nBcc: y@z.dk", name, sizeof name, addr,
	                                 sizeof addr),
	                 -1);
}

/* ---------------------------------------------------------------- bodies */

static void qp_decode(const char *s, struct buf *out)
{
	for (const char *p = s; *p;) {
		if (*p == '=' && p[1] == '\r' && p[2] == '\n')
			p += 3;
		else if (*p == '=') {
			assert_true(hexval(p[1]) >= 0 && hexval(p[2]) >= 0);
			buf_addc(out, (char)(hexval(p[1]) * 16 + hexval(p[2])));
			p += 3;
		} else if (*p == '\r' && p[1] == '\n') {
			buf_addc(out, '\n');
			p += 2;
		} else
			buf_addc(out, *p++);
	}
}

static void test_quoted_printable(void **state)
{
	(void)state;
	const char *texts[] = {
	    "Kære Anne\n\nDin periode udløber 31. december 2027.",
	    "Slutter med mellemrum \nog tabulator\t\n.punktum først\nFrom her\na=b",
	    "ææææææææææææææææææææææææææææææææææææææææææææææææææææææææææææææææææææææææææææææ",
	    "En meget lang linje uden linjeskift, der skal brydes med bløde linjeskift, fordi den "
	    "er længere end 76 tegn, og det gør den."};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct buf b, d;
		buf_init(&b);
		buf_init(&d);
		mail_qp(&b, texts[i]);
		assert_lines_max(b.s, 76);
		/* nothing but printable ASCII; no line starts with '.' or "From " */
		for (size_t k = 0; k < b.len; k++)
			assert_true(b.s[k] == '\r' || b.s[k] == '\n' || (b.s[k] >= 0x20 && b.s[k] < 0x7f));
		assert_true(b.s[0] != '.');
		assert_null(strstr(b.s, "\r\n."));
		assert_null(strstr(b.s, "\r\nFrom "));
		assert_null(strstr(b.s, " \r\n"));
		qp_decode(b.s, &d);
		buf_addc(&d, 0);
		assert_string_equal(d.s, texts[i]);
		buf_free(&b);
		buf_free(&d);
	}
	struct buf b;
	buf_init(&b);
	mail_qp(&b, "æ=");
	assert_string_equal(b.s, "=C3=A6=3D");
	buf_free(&b);
}

static void test_date_and_id(void **state)
{
	(void)state;
	char d[40];
	mail_date(1795773600, d); /* 2026-11-27T10:00:00Z */
	assert_string_equal(d, "Fri, 27 Nov 2026 11:00:00 +0100");
	mail_date(1814515200, d); /* 2027-07-02T08:00:00Z: summer time */
	assert_string_equal(d, "Fri, 2 Jul 2027 10:00:00 +0200");
	char a[200], b[200];
	mail_message_id("hearing-opened:ag-3:sg04", "kombit.dk", a, sizeof a);
	mail_message_id("hearing-opened:ag-3:sg04", "kombit.dk", b, sizeof b);
	assert_string_equal(a, b);
	assert_int_equal(strncmp(a, "<hearing-opened-ag-3-sg04.", 26), 0);
	assert_non_null(strstr(a, "@kombit.dk>"));
	mail_message_id("hearing-opened:ag-3:sg05", "kombit.dk", b, sizeof b);
	assert_string_not_equal(a, b);
	int64_t t;
	assert_int_equal(mail_utc_parse("2026-11-27T10:00:00Z", &t), 0);
	assert_int_equal(t, 1795773600);
}

static void test_backoff(void **state)
{
	(void)state;
	assert_int_equal(mail_backoff(1), 60);
	assert_int_equal(mail_backoff(2), 120);
	assert_int_equal(mail_backoff(3), 240);
	assert_int_equal(mail_backoff(8), 60 * 128);
	assert_int_equal(mail_backoff(9), 60 * 256);
	assert_int_equal(mail_backoff(10), 6 * 3600);
	assert_int_equal(mail_backoff(30), 6 * 3600);
}

/* ---------------------------------------------------------------- who gets what */

static void test_reminder_days(void **state)
{
	(void)state;
	/* Easter 2027: Maundy Thursday 25 March, Good Friday 26, Easter Monday 29 */
	assert_date(notify_working_days_before(D("2027-03-30"), 2), "2027-03-23");
	assert_date(notify_working_days_before(D("2027-03-31"), 2), "2027-03-24");
	/* Christmas 2027: 24 (Friday), 25, 26 December and 31 December closed */
	assert_date(notify_working_days_before(D("2027-12-28"), 2), "2027-12-23");
	assert_date(notify_working_days_before(D("2028-01-03"), 2), "2027-12-29");
	assert_date(notify_working_days_before(D("2026-12-01"), 2), "2026-11-27");
}

static struct model *M;

static void hearing_fixture(struct reg *r, struct wg *w)
{
	reg_init(r);
	int sg = wg_steering_group(M);
	assert_true(sg >= 0);
	const char *people[][3] = {{"sg01", "Anne Æbelø", "anne@aarhus.dk"},
	                           {"sg02", "Bo \"Chef\"\r\nBcc: x@y.dk", "bo@kl.dk"},
	                           {"sg03", "Carl Uden Adresse", NULL},
	                           {"sg04", "Dorthe Gået", "dorthe@udk.dk"}};
	for (int i = 0; i < 4; i++) {
		int32_t p = reg_person_add(r, i + 1, people[i][0], people[i][1], people[i][2]);
		struct reg_appt a = {.person = p, .body = sg, .org = SEAT_KL, .seat = SEAT_KL,
		                     .profile = -1, .start = D("2026-01-01"),
		                     .end = i == 3 ? D("2027-03-20") : DATE_OPEN};
		reg_appt_add(r, &a);
	}
	reg_sort(r);
	memset(w, 0, sizeof *w);
	w->id = 3;
	snprintf(w->key, sizeof w->key, "ag-3");
	w->topic = "Fælles klassifikation";
	w->question = "Hvordan?";
	w->state = WG_IN_HEARING;
	w->decided = DATE_NONE;
	w->start = w->end = DATE_NONE;
	w->hearing_opened = D("2027-03-16");
	w->hearing_deadline = wg_hearing_deadline(w->hearing_opened, 10);
}

static void test_hearing_notices(void **state)
{
	(void)state;
	struct reg r;
	struct wg w;
	hearing_fixture(&r, &w);
	assert_date(w.hearing_deadline, "2027-04-02"); /* 10 working days across Easter */
	struct notices ns = {0};
	notify_hearing_opened(M, &r, &w, "https://fkigov.example.dk/", &ns);
	/* one each, but not Carl (no address) */
	assert_int_equal(ns.n, 3);
	for (size_t i = 0; i < ns.n; i++) {
		assert_int_equal(strncmp(ns.v[i].key, "hearing-opened:ag-3:sg0", 23), 0);
		assert_non_null(strstr(ns.v[i].text, "https://fkigov.example.dk/working-groups/ag-3"));
		assert_non_null(strstr(ns.v[i].html, "href=\"https://fkigov.example.dk/working-groups/ag-3\""));
		assert_int_equal(ns.v[i].kind, MAIL_ACTION);
	}
	notices_free(&ns);
	/* Anne answers; the reminder (2 working days before 2 April: 31 March) goes to Bo only
	 * (Dorthe left on 20 March); nothing before the reminder day */
	struct wg_answer ans = {.person = "sg01", .name = "Anne", .position = WG_POS_SUPPORT};
	w.answers = &ans;
	w.nanswers = 1;
	notify_hearing_reminders(M, &r, &w, 1, D("2027-03-30"), "http://x", &ns);
	assert_int_equal(ns.n, 0);
	notify_hearing_reminders(M, &r, &w, 1, D("2027-03-31"), "http://x", &ns);
	assert_int_equal(ns.n, 1);
	assert_string_equal(ns.v[0].key, "hearing-reminder:ag-3:sg02");
	notices_free(&ns);
	notify_hearing_reminders(M, &r, &w, 1, D("2027-04-02"), "http://x", &ns);
	assert_int_equal(ns.n, 1);
	assert_string_equal(ns.v[0].key, "hearing-lastday:ag-3:sg02");
	notices_free(&ns);
	notify_hearing_reminders(M, &r, &w, 1, D("2027-04-05"), "http://x", &ns);
	assert_int_equal(ns.n, 0);
	reg_free(&r);
}

static void test_term_notices(void **state)
{
	(void)state;
	int sg = wg_steering_group(M);
	assert_true(M->bodies[sg].term_years > 0);
	struct reg r;
	reg_init(&r);
	int32_t p = reg_person_add(&r, 1, "p7", "Anne Hansen", "anne@aarhus.dk");
	struct reg_appt a = {.person = p, .body = sg, .org = SEAT_KOMMUNE, .seat = SEAT_KOMMUNE,
	                     .profile = -1, .munic = 751, .start = D("2023-01-01"), .end = DATE_OPEN};
	reg_appt_add(&r, &a);
	reg_sort(&r);
	fk_date last = rules_last_allowed(D("2023-01-01"), M->bodies[sg].term_years);
	int warn = M->bodies[sg].term_warning_days;
	struct notices ns = {0};
	notify_term_expiring(M, &r, last - warn, "fki@kombit.dk", "http://x", &ns);
	assert_int_equal(ns.n, 0);
	notify_term_expiring(M, &r, last - warn + 1, "fki@kombit.dk", "http://x", &ns);
	assert_int_equal(ns.n, 2);
	char d[11], key[200];
	date_format(last, d);
	snprintf(key, sizeof key, "term-expiring:%s:p7:%s", M->bodies[sg].id, d);
	assert_string_equal(ns.v[0].key, key);
	assert_string_equal(ns.v[0].address, "anne@aarhus.dk");
	assert_string_equal(ns.v[1].address, "fki@kombit.dk");
	notices_free(&ns);
	reg_free(&r);
}

/* ---------------------------------------------------------------- the outbox */

static int db_setup(void **state)
{
	extern const unsigned char embed_fki_json[];
	extern const size_t embed_fki_json_len;
	return fx_setup(state, "mail", (const char *)embed_fki_json, embed_fki_json_len);
}

static struct store_mail_new msg(const char *key)
{
	return (struct store_mail_new){.key = key, .address = "anne@aarhus.dk", .name = "Anne",
	                               .subject = "Emne", .text = "Tekst", .kind = MAIL_ACTION};
}

static void test_outbox_rollback(void **state)
{
	struct fx *f = *state;
	struct store_mail_new m = msg("hearing-opened:ag-1:sg01");
	assert_int_equal(store_begin(f->st), FK_OK);
	bool q = false;
	assert_int_equal(store_mail_queue(f->st, &m, &q), FK_OK);
	assert_true(q);
	store_rollback(f->st);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM mail"), 0);
	/* committed: once; the same key again is a no-op */
	assert_int_equal(store_mail_queue(f->st, &m, &q), FK_OK);
	assert_true(q);
	assert_int_equal(store_mail_queue(f->st, &m, &q), FK_OK);
	assert_false(q);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM mail"), 1);
	struct store_mail_new bad = msg("x");
	bad.address = "anne@aarhus.dk\r\nBcc: x@y.dk";
	assert_int_equal(store_mail_queue(f->st, &bad, NULL), FK_EINPUT);
}

static void test_outbox_backoff(void **state)
{
	struct fx *f = *state;
	struct store_mail_new m = msg("k1");
	assert_int_equal(store_mail_queue(f->st, &m, NULL), FK_OK);
	int64_t now = store_mail_now(f->st);
	struct store_mail *v;
	size_t n;
	assert_int_equal(store_mail_due(f->st, false, now, 0, 10, &v, &n), FK_OK);
	assert_int_equal(n, 1);
	int64_t id = v[0].id;
	assert_non_null(strstr(v[0].message_id, "@fkigov.invalid>"));
	store_mails_free(v, n);
	bool failed = true;
	for (int a = 1; a < MAIL_MAX_ATTEMPTS; a++) {
		assert_int_equal(store_mail_retry(f->st, id, a, now, "421 try later", false, &failed),
		                 FK_OK);
		assert_false(failed);
		/* not due before its time; due with all */
		assert_int_equal(store_mail_due(f->st, false, now + mail_backoff(a) - 1, 0, 10, &v, &n),
		                 FK_OK);
		assert_int_equal(n, 0);
		assert_int_equal(store_mail_due(f->st, false, now + mail_backoff(a), 0, 10, &v, &n),
		                 FK_OK);
		assert_int_equal(n, 1);
		assert_int_equal(v[0].attempts, a);
		store_mails_free(v, n);
	}
	assert_int_equal(store_mail_retry(f->st, id, MAIL_MAX_ATTEMPTS, now, "421 try later", false,
	                                  &failed),
	                 FK_OK);
	assert_true(failed);
	struct store_mail g;
	assert_int_equal(store_mail_get(f->st, id, &g), FK_OK);
	assert_int_equal(g.state, MAIL_FAILED);
	assert_string_equal(g.answer, "421 try later");
	store_mail_clear(&g);
	assert_int_equal(store_mail_due(f->st, true, now, 0, 10, &v, &n), FK_OK);
	assert_int_equal(n, 0);
	/* send again: queued, due now, audited; only a failed message */
	assert_int_equal(store_mail_requeue(f->st, "tester", id), FK_OK);
	assert_int_equal(store_mail_requeue(f->st, "tester", id), FK_ENOTFOUND);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit WHERE entity = 'mail'"), 1);
	assert_int_equal(store_mail_due(f->st, false, now, 0, 10, &v, &n), FK_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].attempts, 0);
	store_mails_free(v, n);
	assert_int_equal(store_mail_sent(f->st, id, "250 ok"), FK_OK);
	assert_int_equal(store_mail_get(f->st, id, &g), FK_OK);
	assert_int_equal(g.state, MAIL_SENT);
	store_mail_clear(&g);
	/* a permanent refusal fails at once */
	m = msg("k2");
	assert_int_equal(store_mail_queue(f->st, &m, NULL), FK_OK);
	assert_int_equal(store_mail_due(f->st, false, now, 0, 10, &v, &n), FK_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_mail_retry(f->st, v[0].id, 1, now, "550 no such user", true, &failed),
	                 FK_OK);
	assert_true(failed);
	store_mails_free(v, n);
}

static void test_outbox_lock(void **state)
{
	struct fx *f = *state;
	struct store_mail_lock a = {.holder = "h:1:cli", .host = "h", .pid = 1, .until = 1000};
	struct store_mail_lock b = {.holder = "h:2:serve", .host = "h", .pid = 2, .until = 1000};
	struct store_mail_lock held;
	assert_int_equal(store_mail_lock(f->st, &a, 500, false, NULL), FK_OK);
	assert_int_equal(store_mail_lock(f->st, &b, 500, false, &held), FK_ECONFLICT);
	assert_string_equal(held.holder, "h:1:cli");
	assert_int_equal(store_mail_lock(f->st, &a, 600, false, NULL), FK_OK); /* renew */
	assert_int_equal(store_mail_lock(f->st, &b, 1001, false, NULL), FK_OK); /* expired */
	assert_int_equal(store_mail_lock(f->st, &a, 1001, true, NULL), FK_OK);  /* stolen */
	store_mail_unlock(f->st, "h:1:cli");
	assert_int_equal(store_mail_lock(f->st, &b, 500, false, NULL), FK_OK);
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
	    cmocka_unit_test(test_encoded_words),
	    cmocka_unit_test(test_no_injection),
	    cmocka_unit_test(test_quoted_printable),
	    cmocka_unit_test(test_date_and_id),
	    cmocka_unit_test(test_backoff),
	    cmocka_unit_test(test_reminder_days),
	    cmocka_unit_test(test_hearing_notices),
	    cmocka_unit_test(test_term_notices),
	    cmocka_unit_test_setup_teardown(test_outbox_rollback, db_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_outbox_backoff, db_setup, fx_teardown),
	    cmocka_unit_test_setup_teardown(test_outbox_lock, db_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
