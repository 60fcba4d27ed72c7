/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* libFuzzer harness for what users type into cases and goals: any bytes, cut into fields at
 * NUL bytes, go through raising a case, every event from every state, a goal and a status
 * report, and the name parsers. No crash, no leak; a refusal always says why on a field; an
 * accepted text is well-formed and trimmed. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/cases.h"
#include "core/goals.h"
#include "core/model.h"
#include "core/register.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct model *M;

/* Every diagnostic names a field and says something. */
static void check_diags(const struct diags *d, size_t from)
{
	for (size_t i = from; i < d->n; i++)
		if (!d->v[i].field || !d->v[i].msg || !*d->v[i].msg)
			__builtin_trap();
}

static void check_text(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n && (s[0] == ' ' || s[n - 1] == ' ' || s[n - 1] == '\n'))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!M) {
		size_t len;
		const char *json = model_builtin(&len);
		struct diags d;
		diags_init(&d);
		if (model_load(json, len, "fki.json", &M, &d) != 0)
			__builtin_trap();
		diags_free(&d);
	}
	/* Eight NUL-terminated fields from the input. */
	char *buf = malloc(size + 9);
	memcpy(buf, data, size);
	memset(buf + size, 0, 9);
	const char *f[8];
	size_t at = 0;
	for (int i = 0; i < 8; i++) {
		f[i] = buf + (at < size ? at : size);
		while (at < size && buf[at])
			at++;
		at++;
	}
	struct reg r;
	reg_init(&r);
	reg_person_add(&r, 1, "p1", "Anne", NULL);
	fk_date today = date_from_ymd(2026, 11, 27);
	struct diags d;
	diags_init(&d);

	const char *tags[3] = {f[3], f[4], f[5]};
	struct case_input in = {.title = f[0], .text = f[1], .by = f[2], .tags = tags, .ntags = 3,
	                        .to = f[2], .kind = f[3], .date = f[4], .meeting = f[5]};
	struct case_rec c;
	if (case_check_raise(M, &r, &in, today, &c, &d) == 0) {
		check_text(c.title);
		check_text(c.text);
		for (size_t i = 0; i < c.ntags; i++)
			if (!case_topic_find(M, c.tags[i]))
				__builtin_trap();
		json_t *o = case_json(M, &r, &c, true);
		if (!o)
			__builtin_trap();
		json_decref(o);
		case_rec_free(&c);
	} else if (d.n == 0) {
		__builtin_trap();
	}
	check_diags(&d, 0);
	for (int s = 0; s < CASE_STATE__MAX; s++)
		for (int e = 0; e < CEV__MAX; e++) {
			struct case_rec x;
			memset(&x, 0, sizeof x);
			x.state = (enum case_state)s;
			x.raised_on = date_from_ymd(2026, 1, 1);
			x.assignee = (char *)"rg-forretning";
			struct case_change ch;
			size_t before = d.n;
			if (case_check_event(M, &x, (enum case_event)e, &in, today, &ch, &d) == 0) {
				if (!case_allowed(x.state, (enum case_event)e) || d.n != before)
					__builtin_trap();
				check_text(ch.text);
				if (ch.has_decision && (ch.decision.date > today || ch.decision.date < x.raised_on))
					__builtin_trap();
				case_change_free(&ch);
			} else if (d.n == before) {
				__builtin_trap();
			}
		}
	check_diags(&d, 0);

	struct goal_input gi = {.year = f[0], .text = f[1], .indicator = f[2], .target = f[3],
	                        .set_on = f[4], .status = f[5], .note = f[6], .date = f[7]};
	struct goal_rec g;
	if (goal_check_add(&gi, today, &g, &d) == 0) {
		if (g.year < GOAL_YEAR_MIN || g.year > GOAL_YEAR_MAX || g.set_on > today)
			__builtin_trap();
		struct goal_status_rec s;
		if (goal_check_status(&g, &gi, today, &s, &d) == 0) {
			if (s.date < g.set_on || s.date > today)
				__builtin_trap();
			free(s.note);
		}
		goal_rec_free(&g);
	}
	check_diags(&d, 0);
	(void)case_state_parse(f[6]);
	(void)case_event_parse(f[6]);
	(void)case_kind_parse(f[7]);
	(void)goal_status_parse(f[7]);
	(void)case_id_parse(f[7]);
	char out[80];
	case_time_da(f[6], out, sizeof out);
	diags_free(&d);
	reg_free(&r);
	free(buf);
	return 0;
}
