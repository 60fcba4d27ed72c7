/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET /organisation: the organisation chart of the governance model (SPEC §2.1) as SVG, laid
 * out here from the model's parent, relation and via_seat fields and drawn by
 * templates/org.mustache, with the same structure as a nested list beside it (screen readers,
 * print) and the municipal involvement of each body.
 *
 * Layout: bodies sit in tiers by their distance from the top; a body that "serves" its parent
 * (the secretariat) sits left of it in the same tier; bodies "linked" to a parent through one
 * of its seats (KL's bodies, via the KL seat) are stacked in a frame right of the tiers, level
 * with that parent. Tiers with many bodies wrap into rows. Nothing of the FKI model is named
 * in this file. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/pages.h"

#define OR_W 1000.0    /* canvas width */
#define OR_MAIN_X 10.0 /* the tiers use [OR_MAIN_X, OR_MAIN_X + OR_MAIN_W) */
#define OR_MAIN_W 740.0
#define OR_SIDE_X 772.0 /* the frames of linked bodies */
#define OR_SIDE_W 218.0
#define OR_TOP 12.0
#define OR_BH 66.0     /* box height */
#define OR_VGAP 48.0   /* between tiers (room for the lines and their labels) */
#define OR_ROWGAP 18.0 /* between wrapped rows of one tier */
#define OR_HGAP 24.0
#define OR_PER_ROW 4
#define OR_LH 40.0 /* box height in a frame */
#define OR_LGAP 8.0
#define OR_FHEAD 28.0 /* frame title */

enum place { PL_MAIN, PL_SIDE, PL_LINKED };

struct onode {
	int tier;
	enum place place;
	double x, y, w, h;
	bool placed;
};

static json_t *num(double v)
{
	return json_real(round(v * 10.0) / 10.0);
}

static enum place place_of(const struct model_body *b)
{
	if (b->parent_index < 0 || !b->relation)
		return PL_MAIN;
	if (!strcmp(b->relation, "serves"))
		return PL_SIDE;
	if (!strcmp(b->relation, "linked"))
		return PL_LINKED;
	return PL_MAIN;
}

static int tier_of(const struct model *m, int i, int depth)
{
	const struct model_body *b = &m->bodies[i];
	if (b->parent_index < 0 || depth > (int)m->nbodies)
		return 0;
	int t = tier_of(m, b->parent_index, depth + 1);
	return place_of(b) == PL_MAIN ? t + 1 : t;
}

/* Splits name into lines of at most max characters at spaces (a longer word stands alone). */
static json_t *wrap(const char *name, size_t max)
{
	json_t *lines = json_array();
	size_t n = strlen(name), i = 0;
	while (i < n) {
		size_t best = 0, chars = 0, j = i;
		while (j < n) {
			if (name[j] == ' ' && chars <= max)
				best = j;
			if (chars > max)
				break;
			j++;
			while (j < n && ((unsigned char)name[j] & 0xC0) == 0x80)
				j++;
			chars++;
		}
		size_t end = j >= n && chars <= max ? n : best > i ? best : j;
		json_array_append_new(lines, json_stringn(name + i, end - i));
		i = end;
		while (i < n && name[i] == ' ')
			i++;
	}
	return lines;
}

struct ctx {
	const struct model *m;
	struct onode *nd;
	size_t *members; /* current members per body */
	size_t *seats;   /* seats per body */
};

/* The box of body i as drawn: position, lines of the name, the line under it, its link. */
static json_t *box_json(const struct ctx *c, int i)
{
	const struct model_body *b = &c->m->bodies[i];
	const struct onode *n = &c->nd[i];
	bool small = n->place == PL_LINKED;
	size_t maxc = (size_t)((n->w - 20.0) / 8.4);
	json_t *lines = small ? json_pack("[s]", b->name) : wrap(b->name, maxc);
	size_t nl = json_array_size(lines);
	char sub[120];
	if (c->seats[i])
		snprintf(sub, sizeof sub, "%zu af %zu pladser besat", c->members[i], c->seats[i]);
	else
		snprintf(sub, sizeof sub, "%s", report_kind_name(b->kind));
	/* Lines 17 px apart, the block (name lines and, for big boxes, the sub line) centred. */
	double block = (double)nl * 17.0 + (small ? 0 : 15.0);
	double y0 = n->y + (n->h - block) / 2 + 13.0;
	json_t *tl = json_array();
	for (size_t k = 0; k < nl; k++)
		json_array_append_new(tl, json_pack("{s:s, s:o}", "text",
		                                    json_string_value(json_array_get(lines, k)),
		                                    "y", num(y0 + (double)k * 17.0)));
	json_decref(lines);
	char href[160], label[400];
	snprintf(href, sizeof href, "/bodies/%s", b->id);
	snprintf(label, sizeof label, "%s: %s", b->name, sub);
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o}",
	                 "id", b->id, "name", b->name, "kind", b->kind, "x", num(n->x), "y",
	                 num(n->y), "w", num(n->w), "h", num(n->h), "cx", num(n->x + n->w / 2),
	                 "lines", tl, "sub", small ? json_null() : json_string(sub), "sub_y",
	                 num(y0 + (double)nl * 17.0 - 1.0), "href",
	                 c->seats[i] ? json_string(href) : json_null(), "label", label,
	                 "involvement", b->involvement ? json_string(b->involvement) : json_null());
}

/* Lays out the chart: fills nd[] and returns the canvas height. */
static double layout(const struct model *m, struct onode *nd)
{
	size_t nb = m->nbodies;
	int maxtier = 0;
	for (size_t i = 0; i < nb; i++) {
		nd[i].tier = tier_of(m, (int)i, 0);
		nd[i].place = place_of(&m->bodies[i]);
		if (nd[i].tier > maxtier)
			maxtier = nd[i].tier;
	}
	int *order = xmalloc((nb + 1) * sizeof *order);
	double y = OR_TOP, bottom = OR_TOP, side_next = OR_TOP;
	for (int t = 0; t <= maxtier; t++) {
		/* The main bodies of tier t, ordered by their parent's place, then model order. */
		size_t n = 0;
		for (size_t i = 0; i < nb; i++)
			if (nd[i].tier == t && nd[i].place == PL_MAIN)
				order[n++] = (int)i;
		for (size_t a = 1; a < n; a++)
			for (size_t k = a; k > 0; k--) {
				int p = m->bodies[order[k - 1]].parent_index,
				    q = m->bodies[order[k]].parent_index;
				double px = p >= 0 ? nd[p].x : 0, qx = q >= 0 ? nd[q].x : 0;
				if (px <= qx)
					break;
				int tmp = order[k - 1];
				order[k - 1] = order[k];
				order[k] = tmp;
			}
		if (n == 0)
			continue;
		size_t per = n < OR_PER_ROW ? n : OR_PER_ROW;
		double w =
		    per <= 3 ? 214.0 : (OR_MAIN_W - (double)(per + 1) * OR_HGAP) / (double)per;
		size_t rows = (n + per - 1) / per;
		for (size_t k = 0; k < n; k++) {
			size_t row = k / per, col = k % per;
			size_t in_row = row + 1 < rows ? per : n - row * per;
			double total = (double)in_row * w + (double)(in_row - 1) * OR_HGAP;
			struct onode *o = &nd[order[k]];
			o->x = OR_MAIN_X + (OR_MAIN_W - total) / 2 + (double)col * (w + OR_HGAP);
			o->y = y + (double)row * (OR_BH + OR_ROWGAP);
			o->w = w;
			o->h = OR_BH;
			o->placed = true;
		}
		double tier_bottom = y + (double)rows * (OR_BH + OR_ROWGAP) - OR_ROWGAP;
		/* Bodies serving one of this tier's bodies: left of it, level with it. */
		for (size_t i = 0; i < nb; i++) {
			if (nd[i].place != PL_SIDE || nd[i].tier != t)
				continue;
			const struct onode *p = &nd[m->bodies[i].parent_index];
			nd[i].w = 180.0;
			nd[i].h = OR_BH;
			nd[i].x = p->x - 3 * OR_HGAP - nd[i].w;
			if (nd[i].x < OR_MAIN_X)
				nd[i].x = OR_MAIN_X;
			nd[i].y = p->y;
			nd[i].placed = true;
		}
		/* Bodies linked to one of this tier's bodies: a frame on the right per parent. */
		for (size_t k = 0; k < n; k++) {
			int par = order[k];
			double fy = nd[par].y > side_next ? nd[par].y : side_next,
			       ly = fy + OR_FHEAD;
			bool any = false;
			for (size_t i = 0; i < nb; i++) {
				if (nd[i].place != PL_LINKED || m->bodies[i].parent_index != par)
					continue;
				nd[i].x = OR_SIDE_X + 10;
				nd[i].w = OR_SIDE_W - 20;
				nd[i].y = ly;
				nd[i].h = OR_LH;
				nd[i].placed = true;
				ly += OR_LH + OR_LGAP;
				any = true;
			}
			if (any) {
				side_next = ly + 2 + OR_LGAP * 2;
				if (side_next > bottom)
					bottom = side_next;
			}
		}
		if (tier_bottom > bottom)
			bottom = tier_bottom;
		y = tier_bottom + OR_VGAP;
	}
	free(order);
	return bottom + OR_TOP;
}

/* The nested list of the same structure: children of body i (or the roots for -1). */
static json_t *tree_json(const struct ctx *c, int parent)
{
	const struct model *m = c->m;
	json_t *arr = json_array();
	/* Main children first, then the serving and the linked ones. */
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < m->nbodies; i++) {
			const struct model_body *b = &m->bodies[i];
			if (b->parent_index != parent || (int)place_of(b) != pass)
				continue;
			char rel[300] = "", seats[120] = "", href[160];
			if (parent >= 0) {
				const char *rn = report_relation_name(b->relation);
				if (b->via_seat >= 0)
					snprintf(rel, sizeof rel, "%s %s via %s-pladsen",
					         *rn ? rn : "under", m->bodies[parent].name,
					         seat_name(b->via_seat));
				else
					snprintf(rel, sizeof rel, "%s %s", *rn ? rn : "under",
					         m->bodies[parent].name);
			}
			if (rel[0] >= 'a' && rel[0] <= 'z')
				rel[0] = (char)(rel[0] - 'a' + 'A');
			if (c->seats[i])
				snprintf(seats, sizeof seats, "%zu af %zu pladser besat",
				         c->members[i], c->seats[i]);
			snprintf(href, sizeof href, "/bodies/%s", b->id);
			json_t *kids = tree_json(c, (int)i);
			json_array_append_new(
			    arr,
			    json_pack("{s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:b}", "id", b->id,
			              "name", b->name, "kind_name", report_kind_name(b->kind),
			              "href", c->seats[i] ? json_string(href) : json_null(),
			              "relation_text", rel, "seats_text",
			              *seats ? json_string(seats) : json_null(), "involvement",
			              b->involvement ? json_string(b->involvement) : json_null(),
			              "children", kids, "children_any", json_array_size(kids) > 0));
		}
	return arr;
}

int page_org(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		return web_error(r, p, 500, "Registret kunne ikke læses.");
	}
	size_t nb = m->nbodies;
	struct ctx c = {m, xcalloc(nb + 1, sizeof *c.nd), xcalloc(nb + 1, sizeof *c.members),
	                xcalloc(nb + 1, sizeof *c.seats)};
	for (size_t i = 0; i < reg.nappts; i++)
		if (reg.appts[i].start <= r->today && r->today <= reg.appts[i].end)
			c.members[reg.appts[i].body]++;
	reg_free(&reg);
	for (size_t i = 0; i < nb; i++)
		for (int s = 0; s < SEAT__MAX; s++)
			c.seats[i] += (size_t)m->bodies[i].seats[s];

	double height = layout(m, c.nd);
	json_t *nodes = json_array(), *edges = json_array(), *frames = json_array();
	for (size_t i = 0; i < nb; i++) {
		const struct model_body *b = &m->bodies[i];
		if (!c.nd[i].placed)
			continue;
		json_array_append_new(nodes, box_json(&c, (int)i));
		if (b->parent_index < 0 || !c.nd[b->parent_index].placed)
			continue;
		const struct onode *n = &c.nd[i], *pn = &c.nd[b->parent_index];
		char d[200];
		const char *label = NULL;
		double lx = 0, ly = 0;
		const char *anchor = "middle";
		if (n->place == PL_MAIN) {
			/* Down from the parent's bottom to the child's top, with one horizontal
			 * run. */
			double px = pn->x + pn->w / 2, cx = n->x + n->w / 2;
			double py = pn->y + pn->h, cy = n->y, mid = cy - OR_VGAP / 2;
			if (fabs(px - cx) < 0.5)
				snprintf(d, sizeof d, "M%.1f %.1fV%.1f", px, py, cy);
			else
				snprintf(d, sizeof d, "M%.1f %.1fV%.1fH%.1fV%.1f", px, py, mid, cx,
				         cy);
			if (b->relation && strcmp(b->relation, "reports-to")) {
				label = report_relation_name(b->relation);
				lx = cx + 8;
				ly = (py + cy) / 2 + 4;
				anchor = "start";
			}
		} else if (n->place == PL_SIDE) {
			double yy = n->y + n->h / 2;
			snprintf(d, sizeof d, "M%.1f %.1fH%.1f", n->x + n->w, yy, pn->x);
			label = report_relation_name(b->relation);
			lx = (n->x + n->w + pn->x) / 2;
			ly = yy - 6;
		} else {
			continue; /* the frame's line is drawn once per frame below */
		}
		json_array_append_new(
		    edges, json_pack("{s:s, s:s, s:o, s:o, s:o, s:s}", "d", d, "cls",
		                     n->place == PL_SIDE ? "org-edge org-serves" : "org-edge",
		                     "label", label ? json_string(label) : json_null(), "lx",
		                     num(lx), "ly", num(ly), "anchor", anchor));
	}
	/* A frame around each parent's linked bodies, and one dashed line to it. */
	for (size_t par = 0; par < nb; par++) {
		double top = 1e9, bot = 0;
		int via = -1;
		const char *kind = NULL;
		for (size_t i = 0; i < nb; i++)
			if (c.nd[i].placed && c.nd[i].place == PL_LINKED &&
			    m->bodies[i].parent_index == (int)par) {
				if (c.nd[i].y < top)
					top = c.nd[i].y;
				if (c.nd[i].y + c.nd[i].h > bot)
					bot = c.nd[i].y + c.nd[i].h;
				via = m->bodies[i].via_seat;
				kind = m->bodies[i].kind;
			}
		if (!kind)
			continue;
		const struct onode *pn = &c.nd[par];
		double fy = top - OR_FHEAD, fh = bot - fy + OR_LGAP;
		double yy = pn->y + pn->h / 2;
		if (yy < fy + 10)
			yy = fy + 10;
		char d[200], lab[80];
		snprintf(d, sizeof d, "M%.1f %.1fH%.1f", pn->x + pn->w, yy, OR_SIDE_X);
		if (via >= 0)
			snprintf(lab, sizeof lab, "via %s-pladsen", seat_name(via));
		else
			snprintf(lab, sizeof lab, "%s", report_relation_name("linked"));
		json_array_append_new(edges, json_pack("{s:s, s:s, s:s, s:o, s:o, s:s}", "d", d,
		                                       "cls", "org-edge org-linked", "label", lab,
		                                       "lx", num((pn->x + pn->w + OR_SIDE_X) / 2),
		                                       "ly", num(yy - 6), "anchor", "middle"));
		json_array_append_new(frames,
		                      json_pack("{s:o, s:o, s:o, s:o, s:s, s:o, s:o}", "x",
		                                num(OR_SIDE_X), "y", num(fy), "w", num(OR_SIDE_W),
		                                "h", num(fh), "title", report_kind_name(kind), "tx",
		                                num(OR_SIDE_X + 10), "ty", num(fy + 19)));
	}

	json_t *doc = json_object();
	json_object_set_new(doc, "chart",
	                    json_pack("{s:o, s:o, s:o, s:o, s:o}", "width", num(OR_W), "height",
	                              num(height), "nodes", nodes, "edges", edges, "frames",
	                              frames));
	json_t *tree = tree_json(&c, -1);
	json_object_set_new(doc, "tree", tree);
	json_t *inv = json_array();
	for (size_t i = 0; i < nb; i++)
		if (m->bodies[i].involvement) {
			char href[160];
			snprintf(href, sizeof href, "/bodies/%s", m->bodies[i].id);
			json_array_append_new(
			    inv, json_pack("{s:s, s:s, s:o}", "name", m->bodies[i].name,
			                   "involvement", m->bodies[i].involvement, "href",
			                   c.seats[i] ? json_string(href) : json_null()));
		}
	json_object_set_new(doc, "involvement_any", json_boolean(json_array_size(inv) > 0));
	json_object_set_new(doc, "involvement", inv);
	json_object_set_new(doc, "model_name", json_string(m->name));
	json_object_set_new(doc, "model_source", m->source ? json_string(m->source) : json_null());
	char da[40];
	date_format_da(r->today, da, sizeof da);
	json_object_set_new(doc, "date_da", json_string(da));
	json_object_set_new(doc, "title", json_string("Organisation"));
	free(c.nd);
	free(c.members);
	free(c.seats);
	p->doc = doc;
	p->cacheable = true;
	return 0;
}
