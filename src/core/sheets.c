/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The workbooks of the tables (sheets.h): per kind the columns, and the rows taken out of the
 * API's document. A column's key may be a path ("status.date") into each row's object. */
#include "core/sheets.h"

#include <stdlib.h>
#include <string.h>

#include "core/economy.h"
#include "util/xlsx.h"

/* The forecast's bodies × quarters as flat rows, with the group's name and how many leave. */
static json_t *forecast_rows(json_t *doc)
{
	json_t *rows = json_array(), *b, *q;
	size_t i, k;
	json_array_foreach(json_object_get(doc, "bodies"), i, b)
	{
		json_array_foreach(json_object_get(b, "quarters"), k, q)
		{
			json_t *row = json_deep_copy(q);
			json_object_set(row, "name", json_object_get(b, "name"));
			json_object_set_new(
			    row, "leaving",
			    json_integer((json_int_t)json_array_size(json_object_get(q, "leavers"))));
			json_array_append_new(rows, row);
		}
	}
	return rows;
}

/* The municipalities with the code as a number. */
static json_t *economy_rows(json_t *doc)
{
	json_t *rows = json_deep_copy(json_object_get(doc, "municipalities")), *x;
	size_t i;
	json_array_foreach(rows, i, x)
	{
		const char *code = json_string_value(json_object_get(x, "code"));
		json_object_set_new(x, "code_n", json_integer(code ? atoi(code) : 0));
	}
	return rows;
}

static json_t *member_rows(json_t *doc, const char *key)
{
	json_t *rows = json_object_get(doc, key);
	return rows ? json_incref(rows) : json_array();
}

/* The initiatives with the trend in Danish. */
static json_t *portfolio_rows(json_t *doc)
{
	json_t *rows = json_deep_copy(json_object_get(doc, "initiatives")), *x;
	size_t i;
	json_array_foreach(rows, i, x)
	{
		const char *t = json_string_value(json_object_get(x, "trend"));
		for (int k = 0; t && k < TREND__MAX; k++)
			if (!strcmp(t, econ_trend_name((enum econ_trend)k)))
				json_object_set_new(x, "trend_da",
				                    json_string(econ_trend_da((enum econ_trend)k)));
	}
	return rows ? rows : json_array();
}

static json_t *decision_rows(json_t *doc)
{
	return member_rows(doc, "decisions");
}

static json_t *recruit_rows(json_t *doc)
{
	return member_rows(doc, "candidates");
}

static json_t *round_rows(json_t *doc)
{
	return member_rows(doc, "rows");
}

struct sheet_def {
	const char *sheet;
	const char *what;
	json_t *(*rows)(json_t *doc);
	struct xl_jcol cols[14];
	size_t ncols;
};

static const struct sheet_def defs[SHEET__MAX] = {
    [SHEET_FORECAST] = {"Fremskrivning", "Fremskrivningen af udskiftningen kvartal for kvartal",
                        forecast_rows,
                        {{"name", "Gruppe", XL_TEXT},
                         {"quarter", "Kvartal", XL_TEXT},
                         {"start", "Fra", XL_DATE},
                         {"end", "Til", XL_DATE},
                         {"leaving", "Går af", XL_INT},
                         {"vacancies_opened", "Nye ledige", XL_INT},
                         {"vacancies_now", "Ledige i alt", XL_INT},
                         {"members", "Medlemmer", XL_INT},
                         {"senior", "Med anciennitet", XL_INT},
                         {"required", "Krævet", XL_INT},
                         {"quota_ok", "Kravet holder", XL_TEXT}},
                        11},
    [SHEET_ECONOMY] = {"Kommuner", "Økonomien: kommunernes andel af rammen (sats gange borgere)",
                       economy_rows,
                       {{"code_n", "Kode", XL_INT},
                        {"name", "Kommune", XL_TEXT},
                        {"region", "Region", XL_TEXT},
                        {"citizens", "Borgere", XL_INT},
                        {"share_ore", "Andel af rammen", XL_MONEY}},
                       5},
    [SHEET_PORTFOLIO] = {"Portefølje", "Porteføljen: initiativerne med status og næste milepæl",
                         portfolio_rows,
                         {{"id", "Id", XL_TEXT},
                          {"name", "Initiativ", XL_TEXT},
                          {"body_name", "Ejer", XL_TEXT},
                          {"special", "Særlig opmærksomhed", XL_TEXT},
                          {"status.status", "Status", XL_TEXT},
                          {"status.date", "Status sat", XL_DATE},
                          {"status.reason", "Begrundelse", XL_TEXT},
                          {"trend_da", "Udvikling", XL_TEXT},
                          {"next_milestone.title", "Næste milepæl", XL_TEXT},
                          {"next_milestone.due", "Frist", XL_DATE},
                          {"next_milestone.overdue", "Overskredet", XL_TEXT},
                          {"description", "Beskrivelse", XL_TEXT}},
                         12},
    [SHEET_DECISIONS] = {"Beslutninger", "Beslutningsloggen: styregruppens beslutninger punkt for punkt",
                         decision_rows,
                         {{"date", "Mødedato", XL_DATE},
                          {"year", "År", XL_INT},
                          {"number", "Møde nr.", XL_INT},
                          {"item", "Punkt", XL_INT},
                          {"title", "Punktets titel", XL_TEXT},
                          {"outcome", "Udfald", XL_TEXT},
                          {"text", "Beslutning", XL_TEXT},
                          {"state", "Referatets status", XL_TEXT}},
                         8},
    [SHEET_RECRUIT] = {"Kandidater", "Anbefalingen: hver kandidat med udfald og begrundelse",
                       recruit_rows,
                       {{"candidate", "Kandidat", XL_TEXT},
                        {"municipality", "Kommunekode", XL_INT},
                        {"municipality_name", "Kommune", XL_TEXT},
                        {"region", "Region", XL_TEXT},
                        {"profile", "Profil", XL_TEXT},
                        {"score", "Score", XL_TENTHS},
                        {"outcome", "Udfald", XL_TEXT},
                        {"why", "Begrundelse", XL_TEXT},
                        {"eligible_from", "Kan udpeges fra", XL_DATE}},
                       9},
    [SHEET_ROUND] = {"Ansøgere", "Rundens rapport: hver ansøger med region, kommunegruppe, profil "
                                 "og score; navn og kommune kun for de udpegede",
                     round_rows,
                     {{"outcome", "Udfald", XL_TEXT},
                      {"name", "Navn", XL_TEXT},
                      {"municipality", "Kommune", XL_TEXT},
                      {"region", "Region", XL_TEXT},
                      {"group", "Kommunegruppe", XL_TEXT},
                      {"profile", "Profil", XL_TEXT},
                      {"score", "Score", XL_TENTHS}},
                     7},
};

int sheet_write(enum sheet_kind k, json_t *doc, const char *what, fk_date day, const char *source,
                const char *model, struct buf *out, size_t *rows, char *err, size_t n)
{
	const struct sheet_def *s = &defs[k];
	json_t *r = s->rows(doc);
	struct xl_table t = {.sheet = s->sheet, .what = what ? what : s->what, .source = source,
	                     .model = model, .date = day};
	int rc = xl_write_json(&t, r, s->cols, s->ncols, out, err, n);
	if (rows)
		*rows = json_array_size(r);
	json_decref(r);
	return rc;
}
