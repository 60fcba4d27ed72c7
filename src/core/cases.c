/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Cases: the state machine, validation of raising a case and of each event, and the view
 * model. See cases.h for the life of a case. */
#include "core/cases.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "util/text.h"
#include "util/xalloc.h"

/* ---------------------------------------------------------------- names */

static const char *const state_names[CASE_STATE__MAX] = {"raised",  "assigned", "recommended",
                                                         "decided", "closed",   "withdrawn"};
static const char *const state_titles[CASE_STATE__MAX] = {"Rejst",   "Tildelt", "Indstillet",
                                                          "Afgjort", "Lukket",  "Trukket tilbage"};
static const char *const event_names[CEV__MAX] = {"raise", "assign",   "recommend", "decide",
                                                  "close", "withdraw", "send-back"};
static const char *const event_titles[CEV__MAX] = {
    "Sagen er rejst",           "Sagen er tildelt", "Indstilling afgivet",
    "Styregruppens afgørelse",  "Sagen er lukket",  "Sagen er trukket tilbage",
    "Sendt tilbage til gruppen"};
static const char *const kind_names[CDK__MAX] = {"rådgivning", "beslutning"};
static const char *const kind_titles[CDK__MAX] = {"Rådgivning", "Beslutning"};

const char *case_state_name(int s)
{
	return s >= 0 && s < CASE_STATE__MAX ? state_names[s] : "?";
}
const char *case_state_title(int s)
{
	return s >= 0 && s < CASE_STATE__MAX ? state_titles[s] : "?";
}
const char *case_event_name(int e)
{
	return e >= 0 && e < CEV__MAX ? event_names[e] : "?";
}
const char *case_event_title(int e)
{
	return e >= 0 && e < CEV__MAX ? event_titles[e] : "?";
}
const char *case_kind_name(int k)
{
	return k >= 0 && k < CDK__MAX ? kind_names[k] : "?";
}
const char *case_kind_title(int k)
{
	return k >= 0 && k < CDK__MAX ? kind_titles[k] : "?";
}

int case_state_parse(const char *s)
{
	for (int i = 0; s && i < CASE_STATE__MAX; i++)
		if (!strcmp(s, state_names[i]))
			return i;
	return -1;
}

int case_event_parse(const char *s)
{
	if (!s)
		return -1;
	if (!strcmp(s, "send_back") || !strcmp(s, "sendback"))
		return CEV_SEND_BACK;
	for (int i = 0; i < CEV__MAX; i++)
		if (!strcmp(s, event_names[i]))
			return i;
	return -1;
}

/* Equal, ignoring the case of a-z and of å/Å. */
static bool same_word(const char *a, const char *b)
{
	while (*a && *b) {
		if (!strncmp(a, "\xc3\x85", 2) || !strncmp(a, "\xc3\xa5", 2)) { /* Å å */
			if (strncmp(b, "\xc3\x85", 2) && strncmp(b, "\xc3\xa5", 2))
				return false;
			a += 2;
			b += 2;
			continue;
		}
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		if (x != y)
			return false;
		a++;
		b++;
	}
	return !*a && !*b;
}

int case_kind_parse(const char *s)
{
	if (!s)
		return -1;
	if (same_word(s, "raadgivning"))
		return CDK_ADVICE;
	for (int i = 0; i < CDK__MAX; i++)
		if (same_word(s, kind_names[i]))
			return i;
	return -1;
}

/* ---------------------------------------------------------------- the state machine */

/* The one table of legal moves: next[from][event] is the state after, or -1. */
/* clang-format off */
static const signed char next_state[CASE_STATE__MAX][CEV__MAX] = {
    /*                  raise  assign         recommend         decide        close        withdraw        send-back */
    [CASE_RAISED]      = {-1,  CASE_ASSIGNED, -1,               -1,           -1,          CASE_WITHDRAWN, -1},
    [CASE_ASSIGNED]    = {-1,  -1,            CASE_RECOMMENDED, -1,           -1,          CASE_WITHDRAWN, -1},
    [CASE_RECOMMENDED] = {-1,  -1,            -1,               CASE_DECIDED, -1,          -1,             CASE_ASSIGNED},
    [CASE_DECIDED]     = {-1,  -1,            -1,               -1,           CASE_CLOSED, -1,             -1},
    [CASE_CLOSED]      = {-1,  -1,            -1,               -1,           -1,          -1,             -1},
    [CASE_WITHDRAWN]   = {-1,  -1,            -1,               -1,           -1,          -1,             -1},
};
/* clang-format on */

bool case_allowed(enum case_state from, enum case_event e)
{
	return (unsigned)from < CASE_STATE__MAX && (unsigned)e < CEV__MAX &&
	       next_state[from][e] >= 0;
}

/* Why event e cannot happen in state from: one sentence on what is wrong, one on what to do. */
static const char *refusal(enum case_state from, enum case_event e)
{
	if (e == CEV_RAISE)
		return "Sagen er allerede rejst. En ny sag rejses med sin egen titel og tekst.";
	switch (from) {
	case CASE_CLOSED:
		return "Sagen er lukket og kan ikke ændres. Rejs en ny sag, hvis spørgsmålet skal "
		       "behandles igen.";
	case CASE_WITHDRAWN:
		return "Sagen er trukket tilbage og kan ikke ændres. Rejs en ny sag, hvis "
		       "spørgsmålet skal behandles igen.";
	case CASE_DECIDED:
		switch (e) {
		case CEV_DECIDE:
			return "Styregruppen har allerede truffet afgørelse i sagen. Sagen kan nu "
			       "kun lukkes.";
		default:
			return "Styregruppen har allerede truffet afgørelse i sagen, så den kan "
			       "ikke "
			       "ændres. Luk sagen, og rejs en ny, hvis der skal arbejdes videre.";
		}
	case CASE_RAISED:
		switch (e) {
		case CEV_RECOMMEND:
			return "Sagen kan ikke få en indstilling, før den er tildelt en "
			       "referencegruppe "
			       "eller en arbejdsgruppe. Tildel sagen først.";
		case CEV_DECIDE:
			return "Sagen kan ikke besluttes, før der er en indstilling fra "
			       "referencegruppen. Tildel sagen en gruppe, og afvent indstillingen.";
		case CEV_CLOSE:
			return "Sagen kan ikke lukkes, før styregruppen har truffet afgørelse. En "
			       "sag, "
			       "der ikke skal behandles, kan trækkes tilbage.";
		case CEV_SEND_BACK:
			return "Sagen kan ikke sendes tilbage, for der er ingen indstilling at "
			       "sende "
			       "tilbage. Tildel sagen en gruppe først.";
		default:
			break;
		}
		break;
	case CASE_ASSIGNED:
		switch (e) {
		case CEV_ASSIGN:
			return "Sagen er allerede tildelt en gruppe. Den kan først tildeles igen, "
			       "når "
			       "styregruppen sender en indstilling tilbage.";
		case CEV_DECIDE:
			return "Sagen kan ikke besluttes, før der er en indstilling fra "
			       "referencegruppen. Afvent gruppens indstilling.";
		case CEV_CLOSE:
			return "Sagen kan ikke lukkes, før styregruppen har truffet afgørelse. En "
			       "sag, "
			       "der ikke skal behandles, kan trækkes tilbage.";
		case CEV_SEND_BACK:
			return "Sagen kan ikke sendes tilbage, før gruppen har afgivet en "
			       "indstilling.";
		default:
			break;
		}
		break;
	case CASE_RECOMMENDED:
		switch (e) {
		case CEV_ASSIGN:
			return "Sagen har allerede en indstilling. Send den tilbage til gruppen, "
			       "hvis "
			       "der skal arbejdes mere med den.";
		case CEV_RECOMMEND:
			return "Sagen har allerede en indstilling. Styregruppen skal træffe "
			       "afgørelse "
			       "eller sende den tilbage, før der kan komme en ny.";
		case CEV_CLOSE:
			return "Sagen kan ikke lukkes, før styregruppen har truffet afgørelse om "
			       "indstillingen.";
		case CEV_WITHDRAW:
			return "Sagen kan ikke trækkes tilbage, når der er en indstilling. "
			       "Styregruppen kan træffe afgørelse eller sende den tilbage til "
			       "gruppen.";
		default:
			break;
		}
		break;
	default:
		break;
	}
	return "Det kan sagen ikke i sin nuværende status.";
}

int case_next(enum case_state from, enum case_event e, enum case_state *to, char *msg, size_t n)
{
	assert((unsigned)from < CASE_STATE__MAX && (unsigned)e < CEV__MAX);
	if (next_state[from][e] >= 0) {
		*to = (enum case_state)next_state[from][e];
		if (n)
			msg[0] = '\0';
		return 0;
	}
	if (n)
		snprintf(msg, n, "%s", refusal(from, e));
	return -1;
}

/* ---------------------------------------------------------------- records */

static void event_free(struct case_event_rec *e)
{
	free(e->actor);
	free(e->at);
	free(e->text);
	free(e->assignee);
}

void case_rec_free(struct case_rec *c)
{
	if (!c)
		return;
	free(c->title);
	free(c->text);
	free(c->raised_by);
	free(c->assignee);
	free(c->recommendation);
	free(c->created);
	free(c->updated);
	for (size_t i = 0; i < c->ntags; i++)
		free(c->tags[i]);
	free(c->tags);
	for (size_t i = 0; i < c->nevents; i++)
		event_free(&c->events[i]);
	free(c->events);
	free(c->decision.text);
	free(c->decision.meeting);
	memset(c, 0, sizeof *c);
}

void case_set_free(struct case_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		case_rec_free(&s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

struct case_rec *case_set_add(struct case_set *s)
{
	s->v = xgrow(s->v, sizeof *s->v, s->n + 1, &s->cap);
	struct case_rec *c = &s->v[s->n++];
	memset(c, 0, sizeof *c);
	return c;
}

struct case_rec *case_set_find(const struct case_set *s, int64_t id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].id == id)
			return &s->v[i];
	return NULL;
}

fk_date case_recommended_on(const struct case_rec *c)
{
	fk_date when = c->raised_on;
	for (size_t k = 0; k < c->nevents; k++)
		if (c->events[k].event == CEV_RECOMMEND && c->events[k].at)
			date_parse(c->events[k].at, 10, &when);
	return when;
}

void case_id_format(int64_t id, char *out, size_t n)
{
	snprintf(out, n, "sag-%lld", (long long)id);
}

int64_t case_id_parse(const char *s)
{
	if (!s)
		return 0;
	if ((s[0] == 's' || s[0] == 'S') && (s[1] == 'a' || s[1] == 'A') &&
	    (s[2] == 'g' || s[2] == 'G') && s[3] == '-')
		s += 4;
	if (!*s || strlen(s) > 15)
		return 0;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* ---------------------------------------------------------------- who and what */

/* s without the spaces, tabs and line breaks around it: start and length. */
static const char *trim(const char *s, size_t *len)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	*len = n;
	return s;
}

const char *case_topic_find(const struct model *m, const char *tag)
{
	if (!tag)
		return NULL;
	size_t n;
	const char *t = trim(tag, &n);
	if (!n)
		return NULL;
	char *want = xstrndup(t, n);
	const char *hit = NULL;
	for (size_t i = 0; i < m->nbodies && !hit; i++) {
		const struct model_body *b = &m->bodies[i];
		if (!b->kind || strcmp(b->kind, "reference-group"))
			continue;
		for (size_t k = 0; k < b->ntopics && !hit; k++)
			if (!strcmp(b->topics[k], want))
				hit = b->topics[k];
		/* The same words in other case: the letters fold alike and take as many bytes. */
		for (size_t k = 0; k < b->ntopics && !hit; k++)
			if (strlen(b->topics[k]) == n && report_text_match(b->topics[k], want))
				hit = b->topics[k];
	}
	free(want);
	return hit;
}

char *case_topics_text(const struct model *m)
{
	size_t len = 0, count = 0;
	for (size_t i = 0; i < m->nbodies; i++)
		if (m->bodies[i].kind && !strcmp(m->bodies[i].kind, "reference-group"))
			for (size_t k = 0; k < m->bodies[i].ntopics; k++) {
				len += strlen(m->bodies[i].topics[k]) + 8;
				count++;
			}
	char *out = xmalloc(len + 1), *p = out;
	*p = '\0';
	size_t at = 0;
	for (size_t i = 0; i < m->nbodies; i++) {
		if (!m->bodies[i].kind || strcmp(m->bodies[i].kind, "reference-group"))
			continue;
		for (size_t k = 0; k < m->bodies[i].ntopics; k++) {
			at++;
			const char *sep = at == 1 ? "" : at == count ? " og " : ", ";
			p += sprintf(p, "%s»%s«", sep, m->bodies[i].topics[k]);
		}
	}
	return out;
}

bool case_is_wg(const char *s)
{
	if (!s || strncmp(s, "ag-", 3) != 0 || !s[3] || strlen(s) > 18)
		return false;
	for (s += 3; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

int case_assignee_body(const struct model *m, const char *s)
{
	int b = model_body_index(m, s);
	return b >= 0 && m->bodies[b].kind && !strcmp(m->bodies[b].kind, "reference-group") ? b
	                                                                                    : -1;
}

int case_raiser_kind(const struct model *m, const struct reg *r, const char *by)
{
	if (!by || !*by)
		return 0;
	int b = model_body_index(m, by);
	if (b >= 0) {
		const char *k = m->bodies[b].kind ? m->bodies[b].kind : "";
		return !strcmp(k, "steering-group") || !strcmp(k, "management") ||
		               !strcmp(k, "reference-group")
		           ? 1
		           : 0;
	}
	return r && reg_person_find(r, by) >= 0 ? 2 : 0;
}

bool case_member_of_assignee(const struct model *m, const struct reg *r, const char *person,
                             const struct case_rec *c, fk_date d)
{
	int b = c->assignee ? case_assignee_body(m, c->assignee) : -1;
	int32_t p = person && *person ? reg_person_find(r, person) : -1;
	return b >= 0 && p >= 0 && reg_serves(r, p, b, d);
}

void case_party_name(const struct model *m, const struct reg *r, const char *id, char *out,
                     size_t n)
{
	if (!id) {
		snprintf(out, n, "%s", "");
		return;
	}
	int b = model_body_index(m, id);
	if (b >= 0) {
		snprintf(out, n, "%s", m->bodies[b].name);
		return;
	}
	if (case_is_wg(id)) {
		snprintf(out, n, "Arbejdsgruppe %s", id);
		return;
	}
	int32_t p = r ? reg_person_find(r, id) : -1;
	snprintf(out, n, "%s", p >= 0 ? r->persons[p].name : id);
}

/* Bytes in the UTF-8 sequence at p (1-4), or 0 when it is not well-formed. */
static size_t utf8_len(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	size_t n;
	unsigned min;
	unsigned c;
	if ((p[0] & 0xe0) == 0xc0) {
		n = 2;
		c = p[0] & 0x1f;
		min = 0x80;
	} else if ((p[0] & 0xf0) == 0xe0) {
		n = 3;
		c = p[0] & 0x0f;
		min = 0x800;
	} else if ((p[0] & 0xf8) == 0xf0) {
		n = 4;
		c = p[0] & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return n;
}

int case_cut(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		return (int)n;
	for (n = max; n && ((unsigned char)s[n] & 0xc0) == 0x80; n--)
		;
	return (int)n;
}

char *case_text(struct diags *d, const char *field, const char *label, const char *s, size_t max,
                bool multiline, bool required)
{
	size_t n;
	const char *t = trim(s ? s : "", &n);
	if (!n) {
		if (required) {
			diags_add(d, NULL, 0, 0, field, "Skriv %s.", label);
			return NULL;
		}
		return xstrdup("");
	}
	size_t chars = 0;
	for (size_t i = 0; i < n;) {
		const unsigned char *p = (const unsigned char *)t + i;
		size_t k = utf8_len(p);
		if (!k || i + k > n) {
			diags_add(d, NULL, 0, 0, field,
			          "Der er tegn i %s, der ikke kan læses (ikke UTF-8). Skriv "
			          "teksten igen.",
			          label);
			return NULL;
		}
		if (k == 1 && (*p < 0x20 || *p == 0x7f) &&
		    !(multiline && (*p == '\n' || *p == '\r' || *p == '\t'))) {
			if (multiline)
				diags_add(d, NULL, 0, 0, field,
				          "Der må ikke være kontroltegn i %s.", label);
			else
				diags_add(d, NULL, 0, 0, field,
				          "Skriv %s på én linje uden tabulatorer.", label);
			return NULL;
		}
		i += k;
		chars++;
	}
	/* The text rule (util/text.h) for what the loop above lets through: bidirectional
	 * controls and C1 control characters. */
	char why[300];
	if (text_check(t, n, multiline, why, sizeof why) != 0) {
		diags_add(d, NULL, 0, 0, field, "%s", why);
		return NULL;
	}
	if (chars > max) {
		diags_add(d, NULL, 0, 0, field,
		          "Der må højst være %zu tegn i %s; der er %zu. Gør teksten kortere.", max,
		          label, chars);
		return NULL;
	}
	return xstrndup(t, n);
}

/* ---------------------------------------------------------------- raise */

int case_check_raise(const struct model *m, const struct reg *r, const struct case_input *in,
                     fk_date today, struct case_rec *out, struct diags *d)
{
	size_t before = d->n;
	memset(out, 0, sizeof *out);
	char *title = case_text(d, "title", "titlen", in->title, CASE_TITLE_MAX, false, true);
	char *text =
	    case_text(d, "text", "beskrivelsen af sagen", in->text, CASE_TEXT_MAX, true, true);
	size_t bl;
	const char *by = trim(in->by ? in->by : "", &bl);
	char *byc = xstrndup(by, bl);
	if (!bl)
		diags_add(d, NULL, 0, 0, "by",
		          "Skriv, hvem der rejser sagen: styregruppe, fki-ledelse, en "
		          "referencegruppe (fx rg-forretning) eller en persons id.");
	else if (!case_raiser_kind(m, r, byc))
		diags_add(
		    d, NULL, 0, 0, "by",
		    "»%.*s« kan ikke rejse en sag. Skriv styregruppe, fki-ledelse, en "
		    "referencegruppe (fx rg-forretning) eller id'et på en person i registret.",
		    case_cut(byc, 80), byc);
	char **tags = NULL;
	size_t ntags = 0;
	if (in->ntags)
		tags = xcalloc(in->ntags, sizeof *tags);
	for (size_t i = 0; i < in->ntags; i++) {
		const char *t = case_topic_find(m, in->tags[i]);
		if (!t) {
			char *all = case_topics_text(m);
			size_t tl;
			const char *shown = trim(in->tags[i] ? in->tags[i] : "", &tl);
			if (tl > 120) /* cut on a character boundary */
				for (tl = 120; tl && ((unsigned char)shown[tl] & 0xc0) == 0x80;
				     tl--)
					;
			/* The whole list is longer than a diagnostic's usual text: set it directly.
			 */
			diags_add(d, NULL, 0, 0, "tags", "-");
			free(d->v[d->n - 1].msg);
			d->v[d->n - 1].msg = xasprintf(
			    "»%.*s« er ikke et af referencegruppernes emner. Vælg blandt: %s.",
			    (int)tl, shown, all);
			free(all);
			break;
		}
		bool dup = false;
		for (size_t k = 0; k < ntags && !dup; k++)
			dup = !strcmp(tags[k], t);
		if (!dup)
			tags[ntags++] = xstrdup(t);
	}
	if (d->n > before) {
		free(title);
		free(text);
		free(byc);
		for (size_t i = 0; i < ntags; i++)
			free(tags[i]);
		free(tags);
		return -1;
	}
	out->title = title;
	out->text = text;
	out->raised_by = byc;
	out->raised_on = today;
	out->state = CASE_RAISED;
	out->tags = tags;
	out->ntags = ntags;
	return 0;
}

/* ---------------------------------------------------------------- events */

void case_change_free(struct case_change *ch)
{
	free(ch->text);
	free(ch->assignee);
	free(ch->decision.text);
	free(ch->decision.meeting);
	memset(ch, 0, sizeof *ch);
}

int case_check_event(const struct model *m, const struct case_rec *c, enum case_event e,
                     const struct case_input *in, fk_date today, struct case_change *out,
                     struct diags *d)
{
	memset(out, 0, sizeof *out);
	char msg[400];
	enum case_state to;
	if ((unsigned)e >= CEV__MAX) {
		diags_add(d, NULL, 0, 0, "event",
		          "Ukendt handling. Vælg assign, recommend, decide, close, withdraw eller "
		          "send-back.");
		return -1;
	}
	if (case_next(c->state, e, &to, msg, sizeof msg) != 0) {
		diags_add(d, NULL, 0, 0, "event", "%s", msg);
		return -1;
	}
	size_t before = d->n;
	out->event = e;
	out->from = c->state;
	out->to = to;
	switch (e) {
	case CEV_ASSIGN: {
		size_t tl;
		const char *t = trim(in->to ? in->to : "", &tl);
		char *who = xstrndup(t, tl);
		if (!tl)
			diags_add(d, NULL, 0, 0, "to",
			          "Vælg den referencegruppe eller arbejdsgruppe, der skal behandle "
			          "sagen (fx rg-forretning eller ag-3).");
		else if (case_assignee_body(m, who) < 0 && !case_is_wg(who))
			diags_add(
			    d, NULL, 0, 0, "to",
			    "»%.*s« er hverken en referencegruppe eller en arbejdsgruppe. Skriv "
			    "id'et på en referencegruppe (fx rg-forretning) eller en "
			    "arbejdsgruppe (ag- og et tal, fx ag-3).",
			    case_cut(who, 80), who);
		if (d->n == before)
			out->assignee = who;
		else
			free(who);
		out->text = case_text(d, "text", "opgaven til gruppen", in->text, CASE_TEXT_MAX,
		                      true, true);
		break;
	}
	case CEV_RECOMMEND:
		out->text =
		    case_text(d, "text", "indstillingen", in->text, CASE_TEXT_MAX, true, true);
		break;
	case CEV_WITHDRAW:
		out->text =
		    case_text(d, "text", "begrundelsen", in->text, CASE_TEXT_MAX, true, true);
		break;
	case CEV_SEND_BACK:
		out->text = case_text(d, "text", "beskeden til gruppen", in->text, CASE_TEXT_MAX,
		                      true, true);
		break;
	case CEV_CLOSE:
		out->text =
		    case_text(d, "text", "bemærkningen", in->text, CASE_TEXT_MAX, true, false);
		if (out->text && !*out->text) {
			free(out->text);
			out->text = NULL;
		}
		break;
	case CEV_DECIDE: {
		const char *k = in->kind ? in->kind : "";
		int kind = case_kind_parse(k);
		if (kind < 0 && *k)
			diags_add(d, NULL, 0, 0, "kind",
			          "»%.*s« er ikke en slags afgørelse. Vælg rådgivning eller "
			          "beslutning.",
			          case_cut(k, 40), k);
		else if (kind < 0)
			diags_add(
			    d, NULL, 0, 0, "kind",
			    "Vælg, om styregruppen giver rådgivning eller træffer beslutning.");
		out->text = case_text(d, "text", "afgørelsen", in->text, CASE_TEXT_MAX, true, true);
		fk_date date = today;
		size_t dl;
		const char *ds = trim(in->date ? in->date : "", &dl);
		char da[40];
		if (dl && date_parse(ds, dl, &date) != 0)
			diags_add(d, NULL, 0, 0, "date",
			          "»%.*s« er ikke en gyldig dato. Skriv datoen for afgørelsen som "
			          "ÅÅÅÅ-MM-DD, fx 2027-03-04.",
			          dl > 40 ? case_cut(ds, 40) : (int)dl, ds);
		else if (date > today) {
			date_format_da(today, da, sizeof da);
			diags_add(d, NULL, 0, 0, "date",
			          "Datoen for afgørelsen ligger efter i dag (%s). Skriv den dag, "
			          "styregruppen traf afgørelsen.",
			          da);
		} else if (date < c->raised_on) {
			date_format_da(c->raised_on, da, sizeof da);
			diags_add(
			    d, NULL, 0, 0, "date",
			    "Datoen for afgørelsen ligger før sagen blev rejst (%s). Skriv den "
			    "dag, styregruppen traf afgørelsen.",
			    da);
		}
		char *meeting = case_text(d, "meeting", "mødehenvisningen", in->meeting,
		                          CASE_MEETING_MAX, false, false);
		if (d->n == before) {
			out->has_decision = true;
			out->decision.kind = (enum case_decision_kind)kind;
			out->decision.text = xstrdup(out->text);
			out->decision.date = date;
			out->decision.meeting = meeting && *meeting ? meeting : NULL;
			if (!out->decision.meeting)
				free(meeting);
		} else {
			free(meeting);
		}
		break;
	}
	default:
		break;
	}
	if (d->n > before) {
		case_change_free(out);
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- views */

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *case_decision_json(const struct case_decision_rec *dr)
{
	char date[11];
	date_format(dr->date, date);
	return json_pack("{s:s, s:s, s:s, s:s, s:o}", "kind", case_kind_name((int)dr->kind),
	                 "kind_title", case_kind_title((int)dr->kind), "text",
	                 dr->text ? dr->text : "", "date", date, "meeting",
	                 str_or_null(dr->meeting));
}

static json_t *party_json(const struct model *m, const struct reg *r, const char *id)
{
	if (!id)
		return json_null();
	char name[300];
	case_party_name(m, r, id, name, sizeof name);
	int b = model_body_index(m, id);
	const char *kind = b >= 0 ? "body" : case_is_wg(id) ? "working-group" : "person";
	json_t *o = json_pack("{s:s, s:s, s:s}", "id", id, "kind", kind, "name", name);
	if (b >= 0)
		json_object_set_new(o, "body_kind", json_string(m->bodies[b].kind));
	return o;
}

json_t *case_json(const struct model *m, const struct reg *r, const struct case_rec *c, bool full)
{
	char id[32], date[11];
	case_id_format(c->id, id, sizeof id);
	date_format(c->raised_on, date);
	json_t *tags = json_array();
	for (size_t i = 0; i < c->ntags; i++)
		json_array_append_new(tags, json_string(c->tags[i]));
	json_t *o = json_pack(
	    "{s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:s}", "id", id, "title",
	    c->title ? c->title : "", "state", case_state_name((int)c->state), "state_title",
	    case_state_title((int)c->state), "raised_by", party_json(m, r, c->raised_by),
	    "raised_on", date, "assignee", party_json(m, r, c->assignee), "tags", tags, "decision",
	    c->has_decision ? case_decision_json(&c->decision) : json_null(), "updated",
	    c->updated ? c->updated : "");
	if (!full)
		return o;
	json_object_set_new(o, "text", json_string(c->text ? c->text : ""));
	json_object_set_new(o, "recommendation", str_or_null(c->recommendation));
	json_object_set_new(o, "created", json_string(c->created ? c->created : ""));
	json_t *next = json_array();
	for (int e = 0; e < CEV__MAX; e++)
		if (case_allowed(c->state, (enum case_event)e))
			json_array_append_new(next, json_string(case_event_name(e)));
	json_object_set_new(o, "next_events", next);
	json_t *events = json_array();
	for (size_t i = 0; i < c->nevents; i++) {
		const struct case_event_rec *e = &c->events[i];
		json_array_append_new(
		    events,
		    json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:o, s:o}", "id",
		              (json_int_t)e->id, "event", case_event_name((int)e->event),
		              "event_title", case_event_title((int)e->event), "from",
		              e->from >= 0 ? json_string(case_state_name(e->from)) : json_null(),
		              "to", case_state_name((int)e->to), "to_title",
		              case_state_title((int)e->to), "actor", e->actor ? e->actor : "", "at",
		              e->at ? e->at : "", "text", str_or_null(e->text), "assignee",
		              party_json(m, r, e->assignee)));
	}
	json_object_set_new(o, "events", events);
	return o;
}

bool case_matches(const struct case_rec *c, const struct case_filter *f)
{
	if (f->state >= 0 && (int)c->state != f->state)
		return false;
	if (f->tag && *f->tag) {
		bool hit = false;
		for (size_t i = 0; i < c->ntags && !hit; i++)
			hit = !strcmp(c->tags[i], f->tag);
		if (!hit)
			return false;
	}
	if (f->assignee && *f->assignee && (!c->assignee || strcmp(c->assignee, f->assignee)))
		return false;
	if (f->decided_year && (!c->has_decision || date_year(c->decision.date) != f->decided_year))
		return false;
	if (f->q && *f->q && !report_text_match(c->title, f->q) &&
	    !report_text_match(c->text, f->q) && !report_text_match(c->recommendation, f->q) &&
	    !(c->has_decision && (report_text_match(c->decision.text, f->q) ||
	                          report_text_match(c->decision.meeting, f->q)))) {
		char id[32];
		case_id_format(c->id, id, sizeof id);
		if (strcmp(id, f->q))
			return false;
	}
	return true;
}

/* Kept for the cases pages; the one formatter is date_utc_da. */
void case_time_da(const char *utc, char *out, size_t n) { date_utc_da(utc, false, out, n); }
