/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov meeting material|status|portfolio: written material on agenda items, the reference
 * groups' status for a meeting and the meeting's portfolio overview. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/agenda.h"
#include "core/material.h"
#include "util/buf.h"
#include "util/err.h"
#include "web/package.h"
#include "web/packet.h"
#include "web/tmpl.h"
#include "web/web.h"

static const char usage[] =
    "Brug: fkigov [--db STI] meeting material KOMMANDO ...\n"
    "      fkigov [--db STI] meeting status ID --body GRUPPE --set INITIATIV=STATUS[:BEGRUNDELSE]\n"
    "                                         ... [--note TEKST]\n"
    "      fkigov [--db STI] meeting portfolio ID [--json]\n"
    "      fkigov [--db STI] meeting package ID [--out FIL]\n"
    "      fkigov [--db STI] meeting pdf ID [--out FIL]\n"
    "      fkigov [--db STI] meeting minutes-pdf ID [--out FIL]\n\n"
    "  material add ID --item N FIL [--reason TEKST]\n"
    "                             læg en fil på punkt N (efter udsendelsen kun med en\n"
    "                             begrundelse, som vises som en rettelse)\n"
    "  material list ID [--json]  mødets materiale\n"
    "  material get MATERIALE [--out FIL]\n"
    "                             hent en fil (til FIL, ellers under sit eget navn)\n"
    "  material remove MATERIALE [--reason TEKST]\n"
    "                             fjern en fil; efter udsendelsen trækkes den tilbage med\n"
    "                             en begrundelse, der vises som en rettelse\n\n"
    "  status                     referencegruppens status på sine igangsatte initiativer\n"
    "                             (grøn, gul eller rød; gul og rød med begrundelse) til mødet,\n"
    "                             senest statusfristen; --set én gang pr. initiativ\n"
    "  portfolio                  mødets porteføljeoverblik: grupperne, deres status,\n"
    "                             milepæle, budget og indstillinger\n"
    "  package                    dagsorden og alt materiale i én zip-fil (som udsendt),\n"
    "                             til FIL eller Styregruppemoede-NR-ÅR.zip\n"
    "  pdf                        dagsorden med bilag som én PDF (den seneste udsendte udgave;\n"
    "                             før udsendelsen en forhåndsvisning), til FIL eller\n"
    "                             Dagsorden-Styregruppemoede-NR-ÅR.pdf\n"
    "  minutes-pdf                det godkendte referat som PDF, til FIL eller\n"
    "                             Referat-Styregruppemoede-NR-ÅR.pdf\n"
    "Filer overskrives aldrig: findes FIL, så vælg et andet navn med --out.\n\n"
    "Filtyper: PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX) og billeder (PNG, JPEG, GIF,\n"
    "WebP), højst 8 MB. Typen bestemmes af indholdet, ikke af navnet.\n";

struct fopts {
	const char *item, *reason, *out, *body, *note;
	const char *sets[256];
	int nsets;
	const char *pos[3];
	int npos;
	int json;
};

static int parse(int argc, char **argv, int first, struct fopts *o)
{
	memset(o, 0, sizeof *o);
	for (int i = first; i < argc;) {
		const char *set = NULL;
		int r = cli_opt(argc, argv, &i, "--item", &o->item);
		if (!r)
			r = cli_opt(argc, argv, &i, "--reason", &o->reason);
		if (!r)
			r = cli_opt(argc, argv, &i, "--out", &o->out);
		if (!r)
			r = cli_opt(argc, argv, &i, "--body", &o->body);
		if (!r)
			r = cli_opt(argc, argv, &i, "--note", &o->note);
		if (!r && (r = cli_opt(argc, argv, &i, "--set", &set)) > 0) {
			if (o->nsets == (int)(sizeof o->sets / sizeof o->sets[0]))
				return cli_usage(usage, "for mange --set.");
			o->sets[o->nsets++] = set;
		}
		if (r < 0)
			return 2;
		if (r)
			continue;
		if (cli_flag(argv, i, "--json")) {
			o->json = 1;
			i++;
		} else if (argv[i][0] != '-' && o->npos < 3) {
			o->pos[o->npos++] = argv[i++];
		} else {
			return cli_usage(usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	return 0;
}

static json_t *file_json(const struct store_material *f)
{
	char sz[32];
	material_size_text((size_t)f->size, sz, sizeof sz);
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s?}", "id",
	                 (json_int_t)f->id, "meeting", (json_int_t)f->meeting, "item_source",
	                 f->source, "item_ref", f->ref, "name", f->name, "mime", f->mime, "type",
	                 material_type_label(f->mime) ? material_type_label(f->mime) : f->mime,
	                 "size", (json_int_t)f->size, "size_text", sz, "sha256", f->sha256,
	                 "uploaded", f->uploaded, "reason", f->reason);
}

static int material(struct cli *c, const struct fopts *o)
{
	const char *act = o->npos > 0 ? o->pos[0] : "";
	long id;
	if (strcmp(act, "add") && strcmp(act, "list") && strcmp(act, "get") && strcmp(act, "remove"))
		return cli_usage(usage, "angiv add, list, get eller remove efter »material«.");
	if (o->npos < 2)
		return cli_usage(usage, "angiv %s.", strcmp(act, "add") && strcmp(act, "list")
		                                         ? "materialets nummer (se »material list«)"
		                                         : "mødets ID");
	if (cli_number(strcmp(act, "add") && strcmp(act, "list") ? "MATERIALE" : "ID", o->pos[1],
	               1L << 30, &id))
		return 2;
	if (!strcmp(act, "add") && (!o->item || o->npos < 3))
		return cli_usage(usage, "angiv --item N og filen.");
	long pos = 0;
	if (o->item && cli_number("--item", o->item, 1L << 30, &pos))
		return 2;
	struct buf b;
	buf_init(&b);
	if (!strcmp(act, "add") && cli_read_file(o->pos[2], &b) != 0) {
		buf_free(&b);
		return 2;
	}
	int rc = cli_open(c, false);
	if (rc) {
		buf_free(&b);
		return rc;
	}
	struct diags d;
	diags_init(&d);
	if (!strcmp(act, "add")) {
		int64_t mid = 0;
		rc = store_material_add(c->st, c->actor, id, (int)pos, o->pos[2],
		                        (const unsigned char *)b.s, b.len, MATERIAL_MAX_BYTES, o->reason,
		                        &mid, &d);
		buf_free(&b);
		if (rc == FK_OK)
			printf("Materiale %lld er lagt på punkt %ld.\n", (long long)mid, pos);
		return cli_finish(rc, &d);
	}
	if (!strcmp(act, "list")) {
		struct store_material *v;
		size_t n;
		struct meeting mt;
		if ((rc = store_meeting_get(c->st, id, &mt)) != FK_OK) {
			diags_add(&d, NULL, 0, 0, "meeting", "Der er intet møde med nummer %ld.", id);
			return cli_finish(rc, &d);
		}
		if ((rc = store_material_list(c->st, id, &v, &n)) != FK_OK) {
			meeting_free(&mt);
			return cli_finish(rc, &d);
		}
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++) {
			int at = v[i].pos;
			json_t *x = file_json(&v[i]);
			json_object_set_new(x, "item", at ? json_integer(at) : json_null());
			if (!o->json) {
				char sz[32], num[16] = "-";
				material_size_text((size_t)v[i].size, sz, sizeof sz);
				if (at)
					snprintf(num, sizeof num, "%d", at);
				printf("%4lld  punkt %-3s %-40s %-24s %8s  %.12s\n", (long long)v[i].id, num,
				       v[i].name, json_string_value(json_object_get(x, "type")), sz,
				       v[i].sha256);
			}
			json_array_append_new(a, x);
		}
		if (o->json)
			cli_print_json(json_pack("{s:I, s:o}", "meeting", (json_int_t)id, "material", a));
		else {
			if (n == 0)
				printf("Mødet har intet materiale endnu.\n");
			json_decref(a);
		}
		store_materials_free(v, n);
		meeting_free(&mt);
		return cli_finish(FK_OK, &d);
	}
	if (!strcmp(act, "get")) {
		struct store_material f;
		unsigned char *data = NULL;
		rc = store_material_get(c->st, id, &f, &data);
		if (rc == FK_ENOTFOUND)
			diags_add(&d, NULL, 0, 0, "material", "Der er intet materiale med nummer %ld.", id);
		if (rc != FK_OK)
			return cli_finish(rc, &d);
		/* Without --out: the stored name with the extension of the type libmagic found
		 * and no bidirectional controls (material_file_name). */
		char *name = material_file_name(f.name, f.mime);
		const char *path = o->out ? o->out : name;
		FILE *fp = fopen(path, "wbx");
		int err = !fp || fwrite(data, 1, (size_t)f.size, fp) != (size_t)f.size;
		if (fp && fclose(fp) != 0)
			err = 1;
		if (err)
			fprintf(stderr, "fkigov: %s: kan ikke skrive filen: %s%s.\n", path,
			        strerror(errno), errno == EEXIST ? " (vælg et andet navn med --out)" : "");
		else
			printf("%s (%s, %lld byte, SHA-256 %s)\n", path, f.mime, (long long)f.size,
			       f.sha256);
		free(name);
		free(data);
		store_material_clear(&f);
		diags_free(&d);
		return err ? 2 : 0;
	}
	rc = store_material_remove(c->st, c->actor, id, o->reason, &d);
	if (rc == FK_OK)
		printf("Materiale %ld er %s.\n", id, o->reason ? "trukket tilbage" : "fjernet");
	return cli_finish(rc, &d);
}

static int status(struct cli *c, const struct fopts *o)
{
	long id;
	if (o->npos < 1)
		return cli_usage(usage, "angiv mødets ID.");
	if (cli_number("ID", o->pos[0], 1L << 30, &id))
		return 2;
	if (!o->body)
		return cli_usage(usage, "angiv --body med referencegruppens id.");
	struct store_status_line v[256];
	char *copies[256];
	for (int i = 0; i < o->nsets; i++) {
		copies[i] = strdup(o->sets[i]);
		char *eq = strchr(copies[i], '=');
		if (!eq) {
			fprintf(stderr, "fkigov: --set: »%s«: skriv INITIATIV=STATUS, fx "
			                "fki-2027-01=gul:Forsinket leverance.\n",
			        o->sets[i]);
			for (int k = 0; k <= i; k++)
				free(copies[k]);
			return 2;
		}
		*eq = '\0';
		char *colon = strchr(eq + 1, ':');
		if (colon)
			*colon = '\0';
		v[i] = (struct store_status_line){copies[i], eq + 1, colon ? colon + 1 : NULL};
	}
	int rc = cli_open(c, false);
	struct diags d;
	diags_init(&d);
	if (rc == 0) {
		int64_t sid = 0;
		rc = store_mstatus_submit(c->st, c->actor, c->model, munic_builtin(), id, o->body, v,
		                          (size_t)o->nsets, o->note, date_today(), &sid, &d);
		if (rc == FK_OK)
			printf("Status fra %s til møde %ld er modtaget (%d initiativ%s).\n", o->body, id,
			       o->nsets, o->nsets == 1 ? "" : "er");
		rc = cli_finish(rc, &d);
	} else
		diags_free(&d);
	for (int i = 0; i < o->nsets; i++)
		free(copies[i]);
	return rc;
}

static void print_initiative(json_t *x)
{
	json_t *nm = json_object_get(x, "next_milestone");
	printf("  %-8s %-40s %s%s%s\n",
	       json_is_string(json_object_get(x, "status"))
	           ? json_string_value(json_object_get(x, "status"))
	           : "-",
	       json_string_value(json_object_get(x, "name")),
	       json_string_value(json_object_get(x, "trend_da")),
	       json_is_string(json_object_get(x, "reason")) ? ": " : "",
	       json_is_string(json_object_get(x, "reason"))
	           ? json_string_value(json_object_get(x, "reason"))
	           : "");
	if (json_is_object(nm))
		printf("           næste milepæl: %s (%s)\n",
		       json_string_value(json_object_get(nm, "title")),
		       json_string_value(json_object_get(nm, "due")));
	size_t k;
	json_t *ms;
	json_array_foreach(json_object_get(x, "overdue"), k, ms)
	    printf("           overskredet: %s (%s)\n", json_string_value(json_object_get(ms, "title")),
	           json_string_value(json_object_get(ms, "due")));
}

static void print_recommendations(json_t *a)
{
	size_t k;
	json_t *r;
	json_array_foreach(a, k, r)
	    printf("  Indstilling %s: %s (%s%s)\n     %s\n",
	           json_string_value(json_object_get(r, "case")),
	           json_string_value(json_object_get(r, "title")),
	           json_string_value(json_object_get(r, "date")),
	           json_is_true(json_object_get(r, "late")) ? ", efter fristen" : "",
	           json_is_string(json_object_get(r, "recommendation"))
	               ? json_string_value(json_object_get(r, "recommendation"))
	               : "");
}

/* The meeting ID of the command, with the database opened: 0, or the exit status. */
static int id_arg(struct cli *c, const struct fopts *o, long *id)
{
	if (o->npos < 1)
		return cli_usage(usage, "angiv mødets ID.");
	if (cli_number("ID", o->pos[0], 1L << 30, id))
		return 2;
	return cli_open(c, false);
}

static int portfolio(struct cli *c, const struct fopts *o)
{
	long id;
	int rc = id_arg(c, o, &id);
	if (rc)
		return rc;
	json_t *doc;
	rc = store_meeting_overview(c->st, c->model, munic_builtin(), id, date_today(), &doc);
	if (rc == FK_ENOTFOUND) {
		fprintf(stderr, "fkigov: der er intet møde med nummer %ld. Se møderne med »fkigov "
		                "meeting list«.\n",
		        id);
		return 2;
	}
	if (rc != FK_OK)
		return 1;
	if (o->json) {
		cli_print_json(doc);
		return 0;
	}
	json_t *mt = json_object_get(doc, "meeting");
	printf("Porteføljeoverblik til styregruppemøde %lld/%lld (%s), status pr. %s\n",
	       json_integer_value(json_object_get(mt, "number")),
	       json_integer_value(json_object_get(mt, "year")),
	       json_string_value(json_object_get(mt, "date")),
	       json_string_value(json_object_get(doc, "cutoff")));
	size_t i, k;
	json_t *g, *x;
	json_array_foreach(json_object_get(doc, "groups"), i, g)
	{
		json_t *sub = json_object_get(g, "submitted");
		printf("\n%s: %s%s\n", json_string_value(json_object_get(g, "name")),
		       json_is_string(sub) ? "status indsendt " : "",
		       json_is_string(sub) ? json_string_value(sub)
		       : json_is_true(json_object_get(g, "missing")) ? "STATUS MANGLER"
		                                                      : "ingen status endnu");
		if (json_is_true(json_object_get(g, "late")))
			printf("  (efter fristen %s)\n",
			       json_string_value(json_object_get(mt, "statuses_deadline")));
		if (json_is_string(json_object_get(g, "note")))
			printf("  Bemærkning: %s\n", json_string_value(json_object_get(g, "note")));
		json_array_foreach(json_object_get(g, "initiatives"), k, x) print_initiative(x);
		print_recommendations(json_object_get(g, "recommendations"));
	}
	json_t *others = json_object_get(doc, "others");
	if (json_array_size(json_object_get(others, "initiatives")) ||
	    json_array_size(json_object_get(others, "recommendations"))) {
		printf("\nØvrige initiativer og indstillinger:\n");
		json_array_foreach(json_object_get(others, "initiatives"), k, x) print_initiative(x);
		print_recommendations(json_object_get(others, "recommendations"));
	}
	json_decref(doc);
	return 0;
}

/* Writes data[0..len) to a new file path (never over an existing one) and says so, with
 * note: 0, or -1 after saying why not. */
static int write_new(const char *path, const char *data, size_t len, const char *note)
{
	FILE *fp = fopen(path, "wbx");
	int bad = !fp || fwrite(data, 1, len, fp) != len;
	if (fp && fclose(fp) != 0)
		bad = 1;
	if (bad) {
		fprintf(stderr, "fkigov: %s: kan ikke skrive filen: %s%s.\n", path, strerror(errno),
		        errno == EEXIST ? " (vælg et andet navn med --out)" : "");
		return -1;
	}
	if (note)
		printf("%s (%zu byte; %s)\n", path, len, note);
	else
		printf("%s (%zu byte)\n", path, len);
	return 0;
}

static int package(struct cli *c, const struct fopts *o)
{
	long id;
	int rc = id_arg(c, o, &id);
	if (rc)
		return rc;
	struct tmpl_set *t;
	if (web_templates_load(&t) != 0)
		return 1;
	struct buf zip;
	buf_init(&zip);
	char name[64], err[300];
	rc = web_meeting_package(c->st, t, id, NULL, &zip, name, sizeof name, err, sizeof err);
	tmpl_set_free(t);
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: %s%s\n", err,
		        rc == FK_ENOTFOUND ? " Se møderne med »fkigov meeting list«." : "");
		buf_free(&zip);
		return rc == FK_ENOTFOUND ? 2 : 1;
	}
	int bad = write_new(o->out ? o->out : name, zip.s, zip.len, NULL);
	buf_free(&zip);
	return bad ? 2 : 0;
}

/* The meeting of the command's ID into mt: 0, or the exit status. */
static int meeting_arg(struct cli *c, const struct fopts *o, struct meeting *mt)
{
	long id;
	int rc = id_arg(c, o, &id);
	if (rc)
		return rc;
	rc = store_meeting_get(c->st, id, mt);
	if (rc == FK_ENOTFOUND)
		fprintf(stderr, "fkigov: der er intet møde med nummer %ld. Se møderne med »fkigov "
		                "meeting list«.\n",
		        id);
	return rc == FK_OK ? 0 : rc == FK_ENOTFOUND ? 2 : 1;
}

static int packet(struct cli *c, const struct fopts *o)
{
	struct meeting mt;
	int rc = meeting_arg(c, o, &mt);
	if (rc)
		return rc;
	char name[96], err[300], note[160] = "forhåndsvisning: dagsordenen er ikke udsendt";
	web_packet_name(&mt, "Dagsorden", name, sizeof name);
	struct store_packet sp;
	struct buf pdf;
	buf_init(&pdf);
	rc = mt.state == MEETING_PLANNED ? FK_ENOTFOUND : store_packet_get(c->st, mt.id, 0, &sp);
	if (rc == FK_OK) {
		buf_add(&pdf, sp.pdf, (size_t)sp.size);
		snprintf(note, sizeof note, "udgave %d, %d sider, SHA-256 %s", sp.version, sp.pages,
		         sp.sha256);
		store_packet_clear(&sp);
	} else if (rc == FK_ENOTFOUND) {
		int pages = 0;
		rc = web_packet_pdf(c->st, mt.id, NULL, 0, NULL, time(NULL), &pdf, &pages, err,
		                    sizeof err);
		if (rc != FK_OK)
			fprintf(stderr, "fkigov: %s\n", err);
		else if (mt.state != MEETING_PLANNED)
			snprintf(note, sizeof note, "%d sider", pages);
	}
	meeting_free(&mt);
	int bad = rc != FK_OK ? 1 : write_new(o->out ? o->out : name, pdf.s, pdf.len, note) ? 2 : 0;
	buf_free(&pdf);
	return bad;
}

static int minutes(struct cli *c, const struct fopts *o)
{
	struct meeting mt;
	int rc = meeting_arg(c, o, &mt);
	if (rc)
		return rc;
	char name[96], err[300];
	web_packet_name(&mt, "Referat", name, sizeof name);
	bool approved = mt.state >= MEETING_APPROVED;
	int64_t id = mt.id;
	meeting_free(&mt);
	if (!approved) {
		fprintf(stderr, "fkigov: referatet af møde %lld er ikke godkendt endnu. Godkend det "
		                "med »fkigov meeting approve %lld«, og hent det så.\n",
		        (long long)id, (long long)id);
		return 2;
	}
	struct buf pdf;
	buf_init(&pdf);
	rc = web_minutes_pdf(c->st, id, time(NULL), &pdf, err, sizeof err);
	if (rc != FK_OK)
		fprintf(stderr, "fkigov: %s\n", err);
	int bad = rc != FK_OK ? 1 : write_new(o->out ? o->out : name, pdf.s, pdf.len, NULL) ? 2 : 0;
	buf_free(&pdf);
	return bad;
}

int cmd_meeting_files(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, usage))
		return 0;
	struct fopts o;
	int rc = parse(argc, argv, 2, &o);
	if (rc)
		return rc;
	if (!strcmp(argv[1], "material"))
		return material(c, &o);
	if (!strcmp(argv[1], "status"))
		return status(c, &o);
	if (!strcmp(argv[1], "package"))
		return package(c, &o);
	if (!strcmp(argv[1], "pdf"))
		return packet(c, &o);
	if (!strcmp(argv[1], "minutes-pdf"))
		return minutes(c, &o);
	return portfolio(c, &o);
}
