/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Shared helpers of the command line. */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/err.h"
#include "util/text.h"
#include "util/xalloc.h"
#include "util/xlsx.h"

/* What a file that is not a regular one is, in Danish ("en navngiven pipe (FIFO)"). */
static const char *file_kind(mode_t m)
{
	return S_ISFIFO(m)                ? "en navngiven pipe (FIFO)"
	       : S_ISDIR(m)               ? "en mappe"
	       : S_ISCHR(m) || S_ISBLK(m) ? "en enhed"
	       : S_ISSOCK(m)              ? "en sokkel"
	                                  : "ikke en almindelig fil";
}

int cli_open(struct cli *c, bool want_reg)
{
	struct diags d;
	diags_init(&d);
	/* A database path that names a pipe or a device would make SQLite wait or fail late. */
	struct stat sb;
	if (stat(c->db, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		fprintf(
		    stderr,
		    "fkigov: databasen %s er %s, ikke en almindelig fil. Angiv databasefilen med "
		    "--db STI.\n",
		    c->db, file_kind(sb.st_mode));
		return 2;
	}
	int rc = store_open(c->db, &c->st, &d);
	if (rc != FK_OK) {
		diags_print(&d);
		diags_free(&d);
		return rc == FK_ENOTFOUND ? 2 : err_exit_code(rc);
	}
	char *json = NULL;
	size_t len = 0;
	if ((rc = store_model_json(c->st, &json, &len)) != FK_OK ||
	    (rc = model_load(json, len, c->db, &c->model, &d)) != FK_OK) {
		fprintf(stderr, "fkigov: modellen i %s kan ikke læses.\n", c->db);
		diags_print(&d);
		free(json);
		diags_free(&d);
		return 1;
	}
	free(json);
	diags_free(&d);
	if (want_reg) {
		reg_init(&c->reg);
		c->reg_loaded = true;
		if ((rc = store_load_register(c->st, c->model, &c->reg)) != FK_OK) {
			fprintf(stderr, "fkigov: registret i %s kan ikke læses.\n", c->db);
			return 1;
		}
	}
	return 0;
}

void cli_close(struct cli *c)
{
	if (c->reg_loaded)
		reg_free(&c->reg);
	c->reg_loaded = false;
	if (c->model)
		model_free(c->model);
	c->model = NULL;
	if (c->st)
		store_close(c->st);
	c->st = NULL;
}

int cli_opt(int argc, char **argv, int *i, const char *name, const char **val)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*val = a + n + 1;
		(*i)++;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		fprintf(stderr, "fkigov: %s skal have en værdi.\n", name);
		return -1;
	}
	*val = argv[*i + 1];
	*i += 2;
	return 1;
}

int cli_flag(char **argv, int i, const char *name) { return strcmp(argv[i], name) == 0; }

int cli_usage(const char *usage, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fkigov: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", usage);
	return 2;
}

int cli_number(const char *what, const char *s, long max, long *out)
{
	char *end;
	long v = s && *s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || *end || v < 1 || v > max) {
		fprintf(stderr, "fkigov: %s: »%s« er ikke et gyldigt nummer. Skriv et helt tal fra 1.\n",
		        what, s ? s : "");
		return -1;
	}
	*out = v;
	return 0;
}

int cli_finish(int rc, struct diags *d)
{
	static const char *const plain[] = {"state", "meeting", "proposal", "material", "date"};
	for (size_t i = 0; i < d->n; i++) {
		const char *f = d->v[i].field;
		for (size_t k = 0; f && k < sizeof plain / sizeof plain[0]; k++)
			if (!strcmp(f, plain[k]))
				f = NULL;
		if (f)
			fprintf(stderr, "fkigov: --%s: %s\n", f, d->v[i].msg);
		else
			fprintf(stderr, "fkigov: %s\n", d->v[i].msg);
	}
	diags_free(d);
	return rc == FK_OK ? 0 : (rc == FK_EINPUT || rc == FK_ENOTFOUND || rc == FK_ECONFLICT) ? 2 : 1;
}

int cli_date(const char *opt, const char *s, fk_date *out)
{
	if (date_parse(s, strlen(s), out) == 0)
		return 0;
	fprintf(stderr,
	        "fkigov: %s: »%s« er ikke en gyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, fx 2027-03-01.\n",
	        opt, s);
	return -1;
}

int cli_help(char **argv, int argc, const char *usage)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return 1;
		}
	return 0;
}

void cli_print_json(json_t *doc)
{
	char *s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII * 0);
	if (s) {
		fputs(s, stdout);
		fputc('\n', stdout);
		free(s);
	}
	json_decref(doc);
}

/* ------------------------------------------------------------------ input */

int cli_check_args(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		/* opt[0..optlen): the option whose value argv[i] is ("--name=VALUE", or "--name"
		 * before it), NULL for an option's own name and for a positional argument. */
		const char *a = argv[i], *value = a, *opt = NULL, *eq = strchr(a, '=');
		size_t optlen = 0;
		if (!strncmp(a, "--", 2) && eq) {
			opt = a;
			optlen = (size_t)(eq - a);
			value = eq + 1;
		} else if (strncmp(a, "--", 2) && i > 1 && !strncmp(argv[i - 1], "--", 2) &&
		           !strchr(argv[i - 1], '=')) {
			opt = argv[i - 1]; /* a flag's neighbour is taken as its value: no harm */
			optlen = strlen(opt);
		}
		char name[64] = "";
		if (opt && optlen - 2 < sizeof name)
			memcpy(name, opt + 2, optlen - 2);
		char why[300];
		if (text_check(value, strlen(value), opt && text_multiline(name), why,
		               sizeof why) == 0)
			continue;
		if (opt && text_check(opt, optlen, false, NULL, 0) == 0)
			fprintf(stderr, "fkigov: %.*s: %s\n", (int)optlen, opt, why);
		else
			fprintf(stderr, "fkigov: argument nr. %d: %s\n", i, why);
		return 2;
	}
	return 0;
}

int cli_open_file(const char *path, size_t *size)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) != 0) {
		fprintf(stderr, "fkigov: %s: kan ikke læse filen: %s. Tjek navnet og stien.\n",
		        path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		fprintf(
		    stderr,
		    "fkigov: %s er %s, ikke en almindelig fil. Gem indholdet i en fil, og angiv "
		    "den i stedet.\n",
		    path, file_kind(sb.st_mode));
		close(fd);
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	*size = (size_t)sb.st_size;
	return fd;
}

int cli_read_file(const char *path, struct buf *b)
{
	size_t size;
	int fd = cli_open_file(path, &size);
	if (fd < 0)
		return -1;
	char tmp[65536];
	ssize_t n;
	while ((n = read(fd, tmp, sizeof tmp)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "fkigov: %s: kan ikke læse filen: %s.\n", path,
			        strerror(errno));
			close(fd);
			return -1;
		}
		buf_add(b, tmp, (size_t)n);
	}
	close(fd);
	return 0;
}

int cli_write_file(const char *path, const char *data, size_t len)
{
	char *tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	int bad = !f || fwrite(data, 1, len, f) != len;
	if (f && fclose(f) != 0)
		bad = 1;
	if (!bad && rename(tmp, path) != 0)
		bad = 1;
	if (bad) {
		fprintf(stderr, "fkigov: %s kan ikke skrives: %s.\n", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return bad ? -1 : 0;
}

int cli_write_sheet(struct cli *c, const char *path, enum sheet_kind k, json_t *doc,
                    const char *what, fk_date d)
{
	char *source = xasprintf("fkigov, databasen %s", c->db);
	struct buf wb;
	buf_init(&wb);
	char err[300];
	size_t rows = 0;
	int rc = sheet_write(k, doc, what, d, source, c->model ? c->model->name : "", &wb, &rows,
	                     err, sizeof err);
	free(source);
	if (rc != 0)
		fprintf(stderr, "fkigov: %s\n", err);
	else if ((rc = cli_write_file(path, wb.s, wb.len)) == 0)
		fprintf(stderr, "Skrev %zu rækker til %s.\n", rows, path);
	buf_free(&wb);
	return rc == 0 ? 0 : 2;
}
