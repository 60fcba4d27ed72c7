/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Working groups and the written hearing: the state machine, deadlines, amounts, the check
 * rules and the view models (see wg.h). */
#include "core/wg.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/economy.h"
#include "core/report.h"
#include "util/text.h"
#include "util/xalloc.h"

/* ---------------------------------------------------------------- names */

static const char *const state_names[WG_STATE__MAX] = {
    "proposed", "in_hearing", "approved",  "rejected",
    "started",  "delivered",  "dissolved", "withdrawn",
};
static const char *const state_labels[WG_STATE__MAX] = {
    "Foreslået", "I høring", "Godkendt", "Afvist",
    "I gang",    "Leveret",  "Nedlagt",  "Trukket tilbage",
};
static const char *const event_names[WG_EV__MAX] = {
    "propose", "open_hearing", "approve", "reject", "start", "deliver", "dissolve", "withdraw",
};
static const char *const event_labels[WG_EV__MAX] = {
    "Foreslået af referencegruppen",
    "Skriftlig høring i styregruppen åbnet",
    "Godkendt af styregruppen",
    "Afvist af styregruppen",
    "Startet",
    "Forslag afleveret til referencegruppen",
    "Nedlagt",
    "Forslaget trukket tilbage",
};
static const char *const position_names[WG_POS__MAX] = {"støtter", "indsigelse", "bemærkning"};
static const char *const position_labels[WG_POS__MAX] = {"Støtter", "Indsigelse", "Bemærkning"};
static const char *const org_names[WG_ORG__MAX] = {"KL", "UDK", "KOMBIT", "referencegruppe"};
static const char *const org_labels[WG_ORG__MAX] = {"KL", "UDK (Udbetaling Danmark)", "KOMBIT",
                                                    "Referencegruppen"};

const char *wg_state_name(enum wg_state s)
{
	return (unsigned)s < WG_STATE__MAX ? state_names[s] : "?";
}
const char *wg_state_label(enum wg_state s)
{
	return (unsigned)s < WG_STATE__MAX ? state_labels[s] : "?";
}
const char *wg_event_name(enum wg_event e)
{
	return (unsigned)e < WG_EV__MAX ? event_names[e] : "?";
}
const char *wg_event_label(enum wg_event e)
{
	return (unsigned)e < WG_EV__MAX ? event_labels[e] : "?";
}
const char *wg_position_name(enum wg_position p)
{
	return (unsigned)p < WG_POS__MAX ? position_names[p] : "?";
}
const char *wg_position_label(enum wg_position p)
{
	return (unsigned)p < WG_POS__MAX ? position_labels[p] : "?";
}
const char *wg_org_name(enum wg_org o)
{
	return (unsigned)o < WG_ORG__MAX ? org_names[o] : "?";
}
const char *wg_org_label(enum wg_org o)
{
	return (unsigned)o < WG_ORG__MAX ? org_labels[o] : "?";
}

static int find_name(const char *const *names, int n, const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

int wg_state_parse(const char *s)
{
	return find_name(state_names, WG_STATE__MAX, s);
}
int wg_event_parse(const char *s)
{
	return find_name(event_names, WG_EV__MAX, s);
}

/* s in lower case (ASCII and the Danish capitals Æ, Ø, Å) into out; false when too long. */
static bool lower_da(const char *s, char *out, size_t n)
{
	size_t k = 0;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (k + 2 >= n)
			return false;
		if (c[0] == 0xc3 && (c[1] == 0x86 || c[1] == 0x98 || c[1] == 0x85)) {
			out[k++] = (char)0xc3;
			out[k++] = (char)(c[1] + 0x20);
			c++;
			continue;
		}
		out[k++] = (char)tolower(*c);
	}
	out[k] = '\0';
	return true;
}

int wg_position_parse(const char *s)
{
	char l[32];
	if (!s || !lower_da(s, l, sizeof l))
		return -1;
	int p = find_name(position_names, WG_POS__MAX, l);
	if (p >= 0)
		return p;
	if (!strcmp(l, "stoetter") || !strcmp(l, "stotter") || !strcmp(l, "støtte"))
		return WG_POS_SUPPORT;
	if (!strcmp(l, "bemaerkning"))
		return WG_POS_REMARK;
	return -1;
}

int wg_org_parse(const char *s)
{
	char l[32];
	if (!s || !lower_da(s, l, sizeof l))
		return -1;
	if (!strcmp(l, "kl"))
		return WG_ORG_KL;
	if (!strcmp(l, "udk"))
		return WG_ORG_UDK;
	if (!strcmp(l, "kombit"))
		return WG_ORG_KOMBIT;
	if (!strcmp(l, "referencegruppe") || !strcmp(l, "reference-group") ||
	    !strcmp(l, "referencegruppen"))
		return WG_ORG_RG;
	return -1;
}

bool wg_state_active(enum wg_state s)
{
	return s == WG_PROPOSED || s == WG_IN_HEARING || s == WG_APPROVED || s == WG_STARTED;
}

/* ---------------------------------------------------------------- the state machine */

/* The one legal transition of each (state, event), or -1. */
static const signed char next_state[WG_STATE__MAX][WG_EV__MAX] = {
    [WG_PROPOSED] = {[WG_EV_PROPOSE] = -1,
                     [WG_EV_OPEN_HEARING] = WG_IN_HEARING,
                     [WG_EV_APPROVE] = -1,
                     [WG_EV_REJECT] = -1,
                     [WG_EV_START] = -1,
                     [WG_EV_DELIVER] = -1,
                     [WG_EV_DISSOLVE] = -1,
                     [WG_EV_WITHDRAW] = WG_WITHDRAWN},
    [WG_IN_HEARING] = {[WG_EV_PROPOSE] = -1,
                       [WG_EV_OPEN_HEARING] = -1,
                       [WG_EV_APPROVE] = WG_APPROVED,
                       [WG_EV_REJECT] = WG_REJECTED,
                       [WG_EV_START] = -1,
                       [WG_EV_DELIVER] = -1,
                       [WG_EV_DISSOLVE] = -1,
                       [WG_EV_WITHDRAW] = WG_WITHDRAWN},
    [WG_APPROVED] = {[WG_EV_PROPOSE] = -1,
                     [WG_EV_OPEN_HEARING] = -1,
                     [WG_EV_APPROVE] = -1,
                     [WG_EV_REJECT] = -1,
                     [WG_EV_START] = WG_STARTED,
                     [WG_EV_DELIVER] = -1,
                     [WG_EV_DISSOLVE] = -1,
                     [WG_EV_WITHDRAW] = -1},
    [WG_REJECTED] = {-1, -1, -1, -1, -1, -1, -1, -1},
    [WG_STARTED] = {[WG_EV_PROPOSE] = -1,
                    [WG_EV_OPEN_HEARING] = -1,
                    [WG_EV_APPROVE] = -1,
                    [WG_EV_REJECT] = -1,
                    [WG_EV_START] = -1,
                    [WG_EV_DELIVER] = WG_DELIVERED,
                    [WG_EV_DISSOLVE] = -1,
                    [WG_EV_WITHDRAW] = -1},
    [WG_DELIVERED] = {[WG_EV_PROPOSE] = -1,
                      [WG_EV_OPEN_HEARING] = -1,
                      [WG_EV_APPROVE] = -1,
                      [WG_EV_REJECT] = -1,
                      [WG_EV_START] = -1,
                      [WG_EV_DELIVER] = -1,
                      [WG_EV_DISSOLVE] = WG_DISSOLVED,
                      [WG_EV_WITHDRAW] = -1},
    [WG_DISSOLVED] = {-1, -1, -1, -1, -1, -1, -1, -1},
    [WG_WITHDRAWN] = {-1, -1, -1, -1, -1, -1, -1, -1},
};

/* Why event may not happen in state from: one sentence on the rule, one on what to do. */
static void refusal(enum wg_state from, enum wg_event ev, char *msg, size_t n)
{
	const char *why = "", *todo = "";
	bool decided = from == WG_APPROVED || from == WG_REJECTED || from == WG_STARTED ||
	               from == WG_DELIVERED || from == WG_DISSOLVED;
	bool over = from == WG_REJECTED || from == WG_WITHDRAWN || from == WG_DISSOLVED;
	switch (ev) {
	case WG_EV_PROPOSE:
		why = "Arbejdsgruppen er allerede foreslået.";
		todo = "Foreslå en ny arbejdsgruppe, hvis der er brug for en til.";
		break;
	case WG_EV_OPEN_HEARING:
		if (from == WG_IN_HEARING) {
			why = "Den skriftlige høring i styregruppen er allerede åbnet.";
			todo = "Se høringens frist og svarene på arbejdsgruppens side.";
		} else {
			why = "En skriftlig høring kan kun åbnes for en arbejdsgruppe, der er "
			      "foreslået og endnu ikke hørt.";
			todo = decided
			           ? "Styregruppen har allerede truffet sin beslutning."
			           : "Foreslå en ny arbejdsgruppe, hvis opgaven stadig skal løses.";
		}
		break;
	case WG_EV_APPROVE:
	case WG_EV_REJECT:
		if (from == WG_PROPOSED) {
			why = "Styregruppens beslutning kan først registreres, når arbejdsgruppen "
			      "har "
			      "været i skriftlig høring.";
			todo = "Åbn den skriftlige høring først.";
		} else if (decided) {
			why = "Styregruppen har allerede truffet sin beslutning om arbejdsgruppen.";
			todo = "Foreslå en ny arbejdsgruppe, hvis beslutningen skal tages op igen.";
		} else {
			why = "Forslaget er trukket tilbage, så der er ikke noget at beslutte.";
			todo = "Foreslå arbejdsgruppen igen, hvis den skal behandles.";
		}
		break;
	case WG_EV_START:
		if (from == WG_PROPOSED || from == WG_IN_HEARING) {
			why = "Arbejdsgruppen kan ikke startes, før styregruppen har godkendt den "
			      "i en "
			      "skriftlig høring.";
			todo = from == WG_PROPOSED ? "Åbn den skriftlige høring først."
			                           : "Registrér styregruppens beslutning først.";
		} else if (from == WG_REJECTED || from == WG_WITHDRAWN) {
			why = "Arbejdsgruppen kan ikke startes, før styregruppen har godkendt den "
			      "i en "
			      "skriftlig høring.";
			todo = "Foreslå en ny arbejdsgruppe, hvis opgaven stadig skal løses.";
		} else {
			why = "Arbejdsgruppen er allerede startet.";
			todo = "Tilføj medlemmer eller registrér afleveringen på arbejdsgruppens "
			       "side.";
		}
		break;
	case WG_EV_DELIVER:
		if (from == WG_DELIVERED || from == WG_DISSOLVED) {
			why = "Arbejdsgruppen har allerede afleveret sit forslag.";
			todo = from == WG_DELIVERED ? "Nedlæg arbejdsgruppen, når opgaven er slut."
			                            : "Arbejdsgruppen er nedlagt.";
		} else {
			why =
			    "Arbejdsgruppen kan først aflevere sit forslag, når den er godkendt og "
			    "startet.";
			todo =
			    from == WG_APPROVED ? "Start arbejdsgruppen først."
			    : over
			        ? "Foreslå en ny arbejdsgruppe, hvis opgaven stadig skal løses."
			        : "Den skal først godkendes af styregruppen i en skriftlig høring.";
		}
		break;
	case WG_EV_DISSOLVE:
		if (from == WG_DISSOLVED) {
			why = "Arbejdsgruppen er allerede nedlagt.";
			todo = "Der er ikke mere at gøre.";
		} else if (from == WG_STARTED) {
			why = "Arbejdsgruppen kan først nedlægges, når den har afleveret sit "
			      "forslag til "
			      "referencegruppen.";
			todo = "Registrér afleveringen først.";
		} else {
			why = "Kun en arbejdsgruppe, der har afleveret sit forslag, kan nedlægges.";
			todo = from == WG_PROPOSED || from == WG_IN_HEARING
			           ? "Et forslag, der ikke er besluttet, trækkes tilbage i stedet."
			       : from == WG_APPROVED
			           ? "Start arbejdsgruppen, og registrér afleveringen."
			           : "Arbejdsgruppen har aldrig været i gang.";
		}
		break;
	case WG_EV_WITHDRAW:
		if (from == WG_WITHDRAWN) {
			why = "Forslaget er allerede trukket tilbage.";
			todo = "Der er ikke mere at gøre.";
		} else {
			why = "Kun et forslag, som styregruppen endnu ikke har besluttet, kan "
			      "trækkes "
			      "tilbage.";
			todo = from == WG_STARTED || from == WG_DELIVERED
			           ? "En arbejdsgruppe i gang afleverer sit forslag og nedlægges."
			           : "Styregruppen har allerede truffet sin beslutning.";
		}
		break;
	case WG_EV__MAX:
		break;
	}
	snprintf(msg, n, "%s Arbejdsgruppens status er »%s«. %s", why, wg_state_label(from), todo);
}

int wg_transition(enum wg_state from, enum wg_event ev, enum wg_state *to, char *msg, size_t n)
{
	if ((unsigned)from >= WG_STATE__MAX || (unsigned)ev >= WG_EV__MAX) {
		snprintf(msg, n, "Ukendt status eller handling for arbejdsgruppen.");
		return -1;
	}
	int next = next_state[from][ev];
	if (next < 0) {
		refusal(from, ev, msg, n);
		return -1;
	}
	*to = (enum wg_state)next;
	if (n)
		msg[0] = '\0';
	return 0;
}

fk_date wg_hearing_deadline(fk_date opened, int working_days)
{
	return date_add_working_days(opened, working_days > 0 ? working_days : 1);
}

/* ---------------------------------------------------------------- the data */

void wg_clear(struct wg *w)
{
	free(w->topic);
	free(w->question);
	free(w->reference_group);
	free(w->proposer);
	free(w->summary);
	free(w->delivery);
	free(w->created);
	for (size_t i = 0; i < w->nstaff; i++) {
		free(w->staff[i].person);
		free(w->staff[i].person_name);
		free(w->staff[i].profile);
		free(w->staff[i].note);
	}
	free(w->staff);
	for (size_t i = 0; i < w->nanswers; i++) {
		free(w->answers[i].person);
		free(w->answers[i].name);
		free(w->answers[i].text);
		free(w->answers[i].actor);
	}
	free(w->answers);
	for (size_t i = 0; i < w->nmembers; i++) {
		free(w->members[i].person);
		free(w->members[i].name);
		free(w->members[i].role);
	}
	free(w->members);
	for (size_t i = 0; i < w->nsteps; i++) {
		free(w->steps[i].actor);
		free(w->steps[i].text);
		free(w->steps[i].at);
	}
	free(w->steps);
	memset(w, 0, sizeof *w);
}

void wg_list_free(struct wg *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		wg_clear(&v[i]);
	free(v);
}

int64_t wg_key_parse(const char *s)
{
	if (!s || strncmp(s, "ag-", 3) != 0)
		return 0;
	s += 3;
	if (!*s || *s == '0' || strlen(s) > 15)
		return 0;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

bool wg_was_approved(const struct wg *w)
{
	for (size_t i = 0; i < w->nsteps; i++)
		if (w->steps[i].event == WG_EV_APPROVE)
			return true;
	return false;
}

const struct wg_answer *wg_answer_of(const struct wg *w, const char *person)
{
	for (size_t i = 0; i < w->nanswers; i++)
		if (!strcmp(w->answers[i].person, person))
			return &w->answers[i];
	return NULL;
}

int wg_ready_for_hearing(const struct wg *w, char *msg, size_t n)
{
	if (!w->nstaff) {
		snprintf(msg, n,
		         "Høringen skal omfatte den foreslåede bemanding, men arbejdsgruppen har "
		         "intet bemandingsforslag. Tilføj mindst én person eller profil til "
		         "bemandingsforslaget, og åbn derefter høringen.");
		return -1;
	}
	if (w->hours <= 0 && w->ore <= 0) {
		snprintf(msg, n,
		         "Høringen skal omfatte arbejdsgruppens ressourcebehov, men der er hverken "
		         "angivet timer eller kroner. Ret ressourcebehovet, og åbn derefter "
		         "høringen.");
		return -1;
	}
	return 0;
}

int wg_hearing_accepts(const struct wg *w, fk_date d, char *msg, size_t n)
{
	char dl[40], od[40];
	if (w->hearing_opened == DATE_NONE || w->state == WG_PROPOSED) {
		snprintf(msg, n,
		         "Den skriftlige høring om arbejdsgruppen er ikke åbnet endnu. Sekretariat "
		         "FKI åbner høringen og giver besked, når styregruppen kan svare.");
		return -1;
	}
	date_format_da(w->hearing_deadline, dl, sizeof dl);
	if (w->state != WG_IN_HEARING) {
		snprintf(
		    msg, n,
		    "Høringen om arbejdsgruppen er afsluttet (fristen var %s), og styregruppens "
		    "beslutning er registreret. Kontakt Sekretariat FKI, hvis du har "
		    "spørgsmål.",
		    dl);
		return -1;
	}
	if (d < w->hearing_opened) {
		date_format_da(w->hearing_opened, od, sizeof od);
		snprintf(msg, n,
		         "Høringen blev åbnet %s; et svar kan ikke være givet før den dag. Ret "
		         "datoen.",
		         od);
		return -1;
	}
	if (d > w->hearing_deadline) {
		snprintf(
		    msg, n,
		    "Fristen for svar i høringen var %s. Kontakt Sekretariat FKI, hvis dit svar "
		    "skal med alligevel.",
		    dl);
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- the steering group */

int wg_steering_group(const struct model *m)
{
	for (size_t i = 0; i < m->nbodies; i++)
		if (m->bodies[i].kind && !strcmp(m->bodies[i].kind, "steering-group"))
			return (int)i;
	return model_body_index(m, m->cycle.body);
}

bool wg_is_reference_group(const struct model *m, const char *body)
{
	int b = model_body_index(m, body);
	return b >= 0 && m->bodies[b].kind && !strcmp(m->bodies[b].kind, "reference-group");
}

bool wg_serves(const struct reg *r, int body, int32_t person, fk_date d)
{
	for (size_t i = 0; i < r->nappts; i++) {
		const struct reg_appt *a = &r->appts[i];
		if (a->body == body && a->person == person && a->start <= d && d <= a->end)
			return true;
	}
	return false;
}

/* Sorts idx[0..n) by the persons' names, with a small insertion sort (no global state: the
 * server is threaded). */
static void sort_by_name(const struct reg *r, int32_t *idx, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		int32_t v = idx[i];
		size_t k = i;
		while (k > 0) {
			const struct reg_person *a = &r->persons[idx[k - 1]], *b = &r->persons[v];
			int c = strcmp(a->name, b->name);
			if (c < 0 || (c == 0 && strcmp(a->key, b->key) <= 0))
				break;
			idx[k] = idx[k - 1];
			k--;
		}
		idx[k] = v;
	}
}

int32_t *wg_body_members(const struct reg *r, int body, fk_date d, size_t *n)
{
	*n = 0;
	if (body < 0)
		return NULL;
	int32_t *v = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < r->nappts; i++) {
		const struct reg_appt *a = &r->appts[i];
		if (a->body != body || a->start > d || d > a->end)
			continue;
		bool seen = false;
		for (size_t k = 0; k < *n && !seen; k++)
			seen = v[k] == a->person;
		if (seen)
			continue;
		v = xgrow(v, sizeof *v, *n + 1, &cap);
		v[(*n)++] = a->person;
	}
	sort_by_name(r, v, *n);
	return v;
}

fk_date wg_hearing_day(const struct wg *w, fk_date today)
{
	fk_date d = today;
	if (w->hearing_deadline != DATE_NONE && d > w->hearing_deadline)
		d = w->hearing_deadline;
	if (w->decided != DATE_NONE && d > w->decided)
		d = w->decided;
	if (w->hearing_opened != DATE_NONE && d < w->hearing_opened)
		d = w->hearing_opened;
	return d;
}

void wg_hearing_counts(const struct wg *w, const struct reg *r, const int32_t *mem, size_t nmem,
                       int counts[WG_POS__MAX], int *missing)
{
	for (int i = 0; i < WG_POS__MAX; i++)
		counts[i] = 0;
	for (size_t i = 0; i < w->nanswers; i++)
		if ((unsigned)w->answers[i].position < WG_POS__MAX)
			counts[w->answers[i].position]++;
	*missing = 0;
	for (size_t i = 0; i < nmem; i++)
		if (!wg_answer_of(w, r->persons[mem[i]].key))
			(*missing)++;
}

void wg_summary_text(const int counts[WG_POS__MAX], int missing, char *out, size_t n)
{
	int len = snprintf(
	    out, n, "%d støtter, %d %s, %d %s", counts[WG_POS_SUPPORT], counts[WG_POS_OBJECTION],
	    counts[WG_POS_OBJECTION] == 1 ? "indsigelse" : "indsigelser", counts[WG_POS_REMARK],
	    counts[WG_POS_REMARK] == 1 ? "bemærkning" : "bemærkninger");
	if (missing > 0 && len > 0 && (size_t)len < n)
		snprintf(out + len, n - (size_t)len, "; %d har ikke svaret", missing);
}

/* ---------------------------------------------------------------- money */

static void set_msg(char *msg, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_msg(char *msg, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, n, fmt, ap);
	va_end(ap);
}

#define KR_MAX INT64_C(10000000000000) /* ---------------------------------------------------------------- text */

/* The number of code points of s when it is well-formed UTF-8 (no overlongs, no surrogates),
 * else (size_t)-1. */
static size_t utf8_chars(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	while (*p) {
		unsigned c = *p;
		size_t len;
		unsigned min;
		if (c < 0x80) {
			p++;
			n++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			len = 2;
			min = 0x80;
			c &= 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			len = 3;
			min = 0x800;
			c &= 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			len = 4;
			min = 0x10000;
			c &= 0x07;
		} else {
			return (size_t)-1;
		}
		for (size_t i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return (size_t)-1;
			c = (c << 6) | (p[i] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return (size_t)-1;
		p += len;
		n++;
	}
	return n;
}

int wg_text_check(const char *s, const char *label, size_t maxchars, bool multiline, char *msg,
                  size_t n)
{
	if (!s)
		s = "";
	const char *t = s;
	while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
		t++;
	if (!*t) {
		set_msg(msg, n, "Skriv %s.", label);
		return -1;
	}
	size_t chars = utf8_chars(s);
	if (chars == (size_t)-1) {
		set_msg(msg, n,
		        "Feltet %s indeholder tegn, der ikke kan læses. Skriv teksten igen.",
		        label);
		return -1;
	}
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if ((*c < 0x20 || *c == 0x7f) &&
		    !(multiline && (*c == '\n' || *c == '\r' || *c == '\t'))) {
			set_msg(msg, n,
			        multiline ? "Feltet %s må ikke indeholde kontroltegn."
			                  : "Feltet %s skal stå på én linje (uden linjeskift og "
			                    "tabulatorer).",
			        label);
			return -1;
		}
	/* The text rule (util/text.h) for what the loop above lets through: bidirectional
	 * controls and C1 control characters. */
	char why[300];
	if (text_check(s, strlen(s), multiline, why, sizeof why) != 0) {
		set_msg(msg, n, "Feltet %s: %s", label, why);
		return -1;
	}
	if (chars > maxchars) {
		set_msg(msg, n, "Feltet %s må højst være %zu tegn; det er %zu tegn nu.", label,
		        maxchars, chars);
		return -1;
	}
	if (n)
		msg[0] = '\0';
	return 0;
}

/* ---------------------------------------------------------------- the rules */

static const char *da(fk_date t, char *b, size_t n)
{
	date_format_da(t, b, n);
	return b;
}

void wg_check(const struct model *m, const struct wg *v, size_t n, fk_date d, struct findings *out)
{
	char a[40], b[40];
	for (size_t i = 0; i < n; i++) {
		const struct wg *w = &v[i];
		bool over = w->state == WG_REJECTED || w->state == WG_WITHDRAWN;
		bool approved = wg_was_approved(w);
		if (!approved) {
			if (w->state == WG_STARTED || w->state == WG_DELIVERED ||
			    w->state == WG_DISSOLVED)
				findings_add_other(
				    out, RULE_WG_UNAPPROVED, w->key, w->topic,
				    "Arbejdsgruppen »%s« er sat i gang, men styregruppen har ikke "
				    "godkendt "
				    "den i en skriftlig høring. En arbejdsgruppe må først gå i "
				    "gang, når "
				    "styregruppen har godkendt den; kontakt Sekretariat FKI.",
				    w->topic);
			else if (w->nmembers && !over)
				findings_add_other(out, RULE_WG_UNAPPROVED, w->key, w->topic,
				                   "Arbejdsgruppen »%s« har medlemmer, men "
				                   "styregruppen har ikke godkendt "
				                   "den. Afvent styregruppens beslutning i den "
				                   "skriftlige høring, før "
				                   "gruppen bemandes.",
				                   w->topic);
			else if (!over && w->start <= d)
				findings_add_other(out, RULE_WG_UNAPPROVED, w->key, w->topic,
				                   "Arbejdsgruppen »%s« skulle starte %s, men "
				                   "styregruppen har ikke "
				                   "godkendt den. %s",
				                   w->topic, da(w->start, a, sizeof a),
				                   w->state == WG_IN_HEARING
				                       ? "Registrér styregruppens beslutning, når "
				                         "høringen er slut, og "
				                         "flyt startdatoen til efter beslutningen."
				                       : "Åbn den skriftlige høring i "
				                         "styregruppen, og flyt startdatoen "
				                         "til efter beslutningen.");
		}
		if (!over && w->state != WG_DISSOLVED &&
		    !wg_is_reference_group(m, w->reference_group))
			findings_add_other(
			    out, RULE_WG_NO_REFERENCE_GROUP, w->key, w->topic,
			    "Arbejdsgruppen »%s« skal rapportere til præcis én af modellens "
			    "referencegrupper, men »%s« er ikke en referencegruppe. Ret "
			    "arbejdsgruppens referencegruppe.",
			    w->topic, w->reference_group ? w->reference_group : "");
		if (!over && w->state != WG_DISSOLVED && w->end < d) {
			const char *todo =
			    w->state == WG_STARTED
			        ? "Registrér gruppens aflevering, og nedlæg den, eller forlæng "
			          "slutdatoen, hvis opgaven tager længere tid."
			    : w->state == WG_DELIVERED
			        ? "Gruppen har afleveret sit forslag; nedlæg den."
			    : w->state == WG_APPROVED
			        ? "Start gruppen med en ny slutdato, eller ret perioden."
			        : "Ret perioden, eller træk forslaget tilbage.";
			findings_add_other(out, RULE_WG_OVERDUE, w->key, w->topic,
			                   "Arbejdsgruppen »%s« skulle være færdig %s, men er ikke "
			                   "nedlagt (status »%s«). %s",
			                   w->topic, da(w->end, b, sizeof b),
			                   wg_state_label(w->state), todo);
		}
	}
}

/* ---------------------------------------------------------------- view models */

static json_t *body_ref(const struct model *m, const char *id)
{
	int b = model_body_index(m, id);
	return json_pack("{s:s, s:s}", "id", id ? id : "", "name",
	                 b >= 0 ? m->bodies[b].name : (id ? id : ""));
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *resources_json(const struct wg *w)
{
	char kr[48];
	econ_format_kr(w->ore, true, kr, sizeof kr);
	return json_pack("{s:I, s:I, s:s}", "hours", (json_int_t)w->hours, "ore",
	                 (json_int_t)w->ore, "kr", kr);
}

/* The fields of the list and the details alike. */
static json_t *summary_json(const struct model *m, const struct wg *w)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(w->key));
	json_object_set_new(o, "topic", json_string(w->topic));
	json_object_set_new(o, "question", json_string(w->question));
	json_object_set_new(o, "reference_group", body_ref(m, w->reference_group));
	json_object_set_new(o, "proposer", body_ref(m, w->proposer));
	json_object_set_new(o, "state", json_string(wg_state_name(w->state)));
	json_object_set_new(o, "state_label", json_string(wg_state_label(w->state)));
	json_object_set_new(o, "active", json_boolean(wg_state_active(w->state)));
	json_object_set_new(o, "start", report_date(w->start));
	json_object_set_new(o, "end", report_date(w->end));
	json_object_set_new(o, "resources", resources_json(w));
	json_object_set_new(o, "rank", w->rank > 0 ? json_integer(w->rank) : json_null());
	json_object_set_new(o, "hearing_deadline", report_date(w->hearing_deadline));
	json_object_set_new(o, "members_count", json_integer((json_int_t)w->nmembers));
	return o;
}

static json_t *staff_json(const struct model *m, const struct wg_staff *s)
{
	int p = s->profile ? model_profile_index(m, s->profile) : -1;
	return json_pack("{s:I, s:o, s:o, s:o, s:o, s:s, s:s, s:o}", "id", (json_int_t)s->id,
	                 "person", str_or_null(s->person), "name", str_or_null(s->person_name),
	                 "profile", str_or_null(s->profile), "profile_name",
	                 p >= 0 ? json_string(m->profiles[p].name) : str_or_null(s->profile),
	                 "organisation", wg_org_name(s->org), "organisation_label",
	                 wg_org_label(s->org), "note", str_or_null(s->note));
}

static json_t *member_json(const struct munic_table *mt, const struct wg_member *x, fk_date today)
{
	json_t *o =
	    json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:b}", "id", (json_int_t)x->id, "person",
	              x->person, "name", x->name, "organisation", seat_name(x->org), "role",
	              x->role, "start", report_date(x->start), "end", report_date(x->end),
	              "current", x->start <= today && today <= x->end);
	const struct munic *mu = mt && x->munic ? munic_find(mt, x->munic) : NULL;
	if (x->munic) {
		char code[8];
		snprintf(code, sizeof code, "%03d", x->munic);
		json_object_set_new(o, "municipality",
		                    json_pack("{s:s, s:o}", "code", code, "name",
		                              mu ? json_string(mu->name) : json_null()));
	} else {
		json_object_set_new(o, "municipality", json_null());
	}
	return o;
}

static json_t *step_json(const struct wg_step *s, bool with_private)
{
	json_t *o = json_pack("{s:s, s:s, s:o, s:s, s:s, s:o, s:o}", "event",
	                      wg_event_name(s->event), "label", wg_event_label(s->event), "from",
	                      s->from >= 0 ? json_string(wg_state_name((enum wg_state)s->from))
	                                   : json_null(),
	                      "to", wg_state_name(s->to), "to_label", wg_state_label(s->to), "date",
	                      report_date(s->date), "text", str_or_null(s->text));
	if (with_private)
		json_object_set_new(o, "actor", json_string(s->actor ? s->actor : ""));
	return o;
}

json_t *wg_json(const struct model *m, const struct munic_table *mt, const struct reg *r,
                const struct wg *w, fk_date today, bool with_private)
{
	json_t *o = summary_json(m, w);
	json_t *a = json_array();
	for (size_t i = 0; i < w->nstaff; i++)
		json_array_append_new(a, staff_json(m, &w->staff[i]));
	json_object_set_new(o, "staffing", a);
	a = json_array();
	for (size_t i = 0; i < w->nmembers; i++)
		json_array_append_new(a, member_json(mt, &w->members[i], today));
	json_object_set_new(o, "members", a);
	a = json_array();
	const struct wg_step *decision = NULL;
	for (size_t i = 0; i < w->nsteps; i++) {
		json_array_append_new(a, step_json(&w->steps[i], with_private));
		if (w->steps[i].event == WG_EV_APPROVE || w->steps[i].event == WG_EV_REJECT)
			decision = &w->steps[i];
	}
	json_object_set_new(o, "timeline", a);
	if (decision)
		json_object_set_new(
		    o, "decision",
		    json_pack("{s:s, s:s, s:o, s:o}", "decision",
		              decision->event == WG_EV_APPROVE ? "approved" : "rejected", "label",
		              decision->event == WG_EV_APPROVE ? "Godkendt" : "Afvist", "date",
		              report_date(decision->date), "summary",
		              str_or_null(w->summary ? w->summary : decision->text)));
	else
		json_object_set_new(o, "decision", json_null());
	json_object_set_new(o, "delivery", str_or_null(w->delivery));
	json_object_set_new(o, "created", str_or_null(w->created));

	if (w->hearing_opened == DATE_NONE) {
		json_object_set_new(o, "hearing", json_null());
		return o;
	}
	bool open = w->state == WG_IN_HEARING && today <= w->hearing_deadline;
	json_t *h = json_pack("{s:o, s:o, s:b, s:b}", "opened", report_date(w->hearing_opened),
	                      "deadline", report_date(w->hearing_deadline), "open", open, "closed",
	                      w->state != WG_IN_HEARING);
	json_object_set_new(h, "days_left",
	                    open ? json_integer(w->hearing_deadline - today) : json_null());
	if (with_private) {
		fk_date day = wg_hearing_day(w, today);
		size_t nmem = 0;
		int32_t *mem = wg_body_members(r, wg_steering_group(m), day, &nmem);
		json_t *ans = json_array(), *miss = json_array();
		for (size_t i = 0; i < w->nanswers; i++) {
			const struct wg_answer *x = &w->answers[i];
			int32_t pi = reg_person_find(r, x->person);
			json_array_append_new(
			    ans, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:s, s:b}",
			                   "person", x->person, "name", x->name, "position",
			                   wg_position_name(x->position), "position_label",
			                   wg_position_label(x->position), "text", x->text, "date",
			                   report_date(x->date), "on_behalf", x->on_behalf, "actor",
			                   x->actor ? x->actor : "", "member",
			                   pi >= 0 && wg_serves(r, wg_steering_group(m), pi, day)));
		}
		for (size_t i = 0; i < nmem; i++) {
			const struct reg_person *p = &r->persons[mem[i]];
			if (!wg_answer_of(w, p->key))
				json_array_append_new(miss, json_pack("{s:s, s:s}", "person",
				                                      p->key, "name", p->name));
		}
		int counts[WG_POS__MAX], missing;
		wg_hearing_counts(w, r, mem, nmem, counts, &missing);
		char sum[200];
		wg_summary_text(counts, missing, sum, sizeof sum);
		json_object_set_new(h, "answers", ans);
		json_object_set_new(h, "missing", miss);
		json_object_set_new(h, "asked", json_integer((json_int_t)nmem));
		json_object_set_new(h, "counts",
		                    json_pack("{s:i, s:i, s:i, s:i}", "support",
		                              counts[WG_POS_SUPPORT], "objection",
		                              counts[WG_POS_OBJECTION], "remark",
		                              counts[WG_POS_REMARK], "missing", missing));
		json_object_set_new(h, "summary", json_string(sum));
		free(mem);
	}
	json_object_set_new(o, "hearing", h);
	return o;
}

json_t *wg_list_json(const struct model *m, const struct wg *v, size_t n, fk_date today)
{
	json_t *arr = json_array();
	/* The priority list first, by rank; then the others, newest first. */
	int maxrank = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].rank > maxrank)
			maxrank = v[i].rank;
	for (int rk = 1; rk <= maxrank; rk++)
		for (size_t i = 0; i < n; i++)
			if (v[i].rank == rk)
				json_array_append_new(arr, summary_json(m, &v[i]));
	for (size_t i = n; i-- > 0;)
		if (v[i].rank <= 0)
			json_array_append_new(arr, summary_json(m, &v[i]));
	return json_pack("{s:o, s:o}", "date", report_date(today), "working_groups", arr);
}

json_t *wg_person_json(const struct wg *v, size_t n, const char *person, fk_date today)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < v[i].nmembers; k++) {
			const struct wg_member *x = &v[i].members[k];
			if (strcmp(x->person, person) != 0)
				continue;
			json_array_append_new(
			    arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:b}",
			                   "working_group", v[i].key, "topic", v[i].topic, "state",
			                   wg_state_name(v[i].state), "organisation",
			                   seat_name(x->org), "role", x->role, "start",
			                   report_date(x->start), "end", report_date(x->end),
			                   "current", x->start <= today && today <= x->end));
		}
	return arr;
}
