/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_MATERIAL_H
#define FK_MATERIAL_H
#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

/* Written material uploaded to agenda items (issue 5): PDF, Word, Excel and PowerPoint
 * documents and images. The type is what libmagic finds in the bytes, never what the file
 * name or the browser claims; only the types below are kept, so nothing a browser would run
 * (HTML, SVG, scripts) can be served back. */

/* The largest file kept, in bytes (8 MiB: fits the server's 10 MB request limit with room
 * for the form around it). */
#define MATERIAL_MAX_BYTES (8u * 1024u * 1024u)
/* The longest file name kept, in bytes. */
#define MATERIAL_NAME_MAX 200

/* The media type libmagic finds in data[0..len) ("application/pdf"), copied into out[n];
 * "" when libmagic cannot be used. Thread-safe (one libmagic handle per thread). */
void material_sniff(const unsigned char *data, size_t len, char *out, size_t n);
/* The Danish label of an allowed media type ("PDF", "Word-dokument", ...), NULL when the
 * type is not allowed. */
const char *material_type_label(const char *mime);
/* The type of a file as a Danish reader calls it, with its article, into out[n]: "en
 * HTML-side", "et billede (PNG)", "en zip-fil"; "en fil af typen X" for a type without a
 * name. For messages that refuse a file. */
void material_type_name(const char *mime, char *out, size_t n);
/* The allowed media type equal to mime, as a static string (for a response that outlives the
 * record it came from); NULL when the type is not allowed. */
const char *material_type_static(const char *mime);
/* The usual file name extension of an allowed type ("pdf", "docx", ...), NULL when not. */
const char *material_type_ext(const char *mime);
/* The allowed types as Danish text for messages: "PDF, Word (DOCX), ...". */
const char *material_types_text(void);

/* The file name to keep from what a browser or the command line gave: the last path segment
 * (Windows browsers send a whole path), control characters (C0, DEL, C1) and bidirectional
 * controls (util/text.h) dropped, cut to MATERIAL_NAME_MAX bytes on a character boundary,
 * bytes that are not UTF-8 replaced by '_'; "materiale" when nothing is left. The caller
 * frees it. */
char *material_clean_name(const char *name);
/* The name a file of type mime is saved under (download, meeting package, `material get`):
 * material_clean_name of the stored name (so rows stored before it dropped bidirectional
 * controls come out clean too), with the extension of the type libmagic found — kept when
 * the name has it in any case ("rapport.PDF", "foto.jpeg"), else put in place of the name's
 * extension ("referat.html" of a PDF: "referat.pdf") or added ("referat", "Budget 2027.1":
 * "referat.pdf", "Budget 2027.1.pdf"). A type that is not allowed keeps the clean name. The
 * caller frees it. */
char *material_file_name(const char *name, const char *mime);

/* Checks an upload: not empty, at most max bytes, and of an allowed type by its content.
 * Returns 0 with *mime (a static string) set, or -1 with one Danish diagnostic on field
 * "file" that names the file, says what is wrong and what to do. */
int material_check(const char *name, const unsigned char *data, size_t len, size_t max,
                   const char **mime, struct diags *d);

/* The SHA-256 of data[0..len) as 64 lowercase hex digits and a NUL. */
void material_sha256(const unsigned char *data, size_t len, char out[65]);

/* "1,2 MB", "340 kB", "12 byte" into out[n], in binary units (1 kB = 1024 bytes). */
void material_size_text(size_t bytes, char *out, size_t n);
#endif
