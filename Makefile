# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# fkigov — one entry point: build, run, check, fuzz, bench.
#   make          build build/fkigov
#   make run      install what is missing, build, create a demo database and start
#   make check    install what is missing, build and run every test (also under ASan+UBSan)
#   make fuzz     run the libFuzzer harnesses for a while (FUZZ_SECONDS, default 60)
#   make bench    run the benchmarks in bench/

VERSION  = 0.14.0
CC      ?= cc
PKGS     = sqlite3 jansson libsodium libmicrohttpd libical libmagic libzip libcurl pangocairo cairo-pdf libqpdf xlsxwriter expat
SAN     ?=
O       ?= build
CFLAGS  ?= -O2 -g
XCFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DFKIGOV_VERSION='"$(VERSION)"' -Wall -Wextra -Wpedantic -Werror \
           -Wshadow -Wformat=2 -Wno-format-nonliteral -Isrc -I$(O)/gen
XCFLAGS += $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
ifeq ($(SAN),1)
XCFLAGS += -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif

LIB_SRC  = $(filter-out src/cli/main.c,$(wildcard src/core/*.c src/store/*.c src/util/*.c src/web/*.c src/cli/*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(O)/%.o) $(O)/gen/embed.o $(O)/gen/files.o
WEB_FILES = $(sort $(wildcard templates/*.mustache static/*))
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
EMBED    = model/fki.json data/kommuner.csv

.PHONY: all deps deps-check run check unit cli web browser ops check-asan fuzz fuzz-short bench clean \
        install uninstall deb

# Installation (SPEC §10): make install [PREFIX=/usr/local] [DESTDIR=]. The unit, the example
# configuration and the nginx site are examples: the Debian package (make deb) puts the unit
# in place for systemd.
PREFIX  ?= /usr/local
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man
DOCDIR   = $(PREFIX)/share/doc/fkigov
UNITDIR ?= $(PREFIX)/lib/systemd/system
INSTALL ?= install
all: $(O)/fkigov

deps:
	@scripts/deps build
deps-check:
	@scripts/deps check

$(O)/gen/embed.c: scripts/embed $(EMBED)
	@mkdir -p $(@D)
	scripts/embed $(EMBED) > $@.tmp && mv $@.tmp $@

$(O)/gen/embed.o: $(O)/gen/embed.c
	$(CC) $(CFLAGS) $(XCFLAGS) -Wno-overlength-strings -c -o $@ $<

$(O)/gen/files.c: scripts/embed-table $(WEB_FILES)
	@mkdir -p $(@D)
	scripts/embed-table $(WEB_FILES) > $@.tmp && mv $@.tmp $@

$(O)/gen/files.o: $(O)/gen/files.c
	$(CC) $(CFLAGS) $(XCFLAGS) -Wno-overlength-strings -c -o $@ $<

$(O)/%.o: %.c $(wildcard src/*/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(XCFLAGS) -c -o $@ $<

$(O)/libfkigov.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

# Linked from the objects, not the archive, so every definition is seen.
$(O)/fkigov: $(O)/src/cli/main.o $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(O)/tests/%: tests/unit/%.c $(O)/libfkigov.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(XCFLAGS) $(shell pkg-config --cflags cmocka) $(LDFLAGS) -o $@ $< $(O)/libfkigov.a $(LDLIBS) $(shell pkg-config --libs cmocka)

unit: $(UNIT_BIN)
	@tests/run-unit $(UNIT_BIN)

cli: $(O)/fkigov
	@tests/cli/run $(O)/fkigov

web: $(O)/fkigov
	@tests/web/run $(O)/fkigov

browser: $(O)/fkigov
	@FKIGOV=$(CURDIR)/$(O)/fkigov tests/browser/run.sh

install: $(O)/fkigov
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(DOCDIR)/examples $(DESTDIR)$(UNITDIR)
	$(INSTALL) -m 0755 $(O)/fkigov $(DESTDIR)$(BINDIR)/fkigov
	$(INSTALL) -m 0644 man/fkigov.1 $(DESTDIR)$(MANDIR)/man1/fkigov.1
	$(INSTALL) -m 0644 man/fkigov-model.5 $(DESTDIR)$(MANDIR)/man5/fkigov-model.5
	sed 's|/usr/bin/fkigov|$(BINDIR)/fkigov|' packaging/fkigov.service > $(DESTDIR)$(UNITDIR)/fkigov.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/fkigov.service
	$(INSTALL) -m 0644 packaging/fkigov.conf.example packaging/nginx-fkigov.conf.example \
		$(DESTDIR)$(DOCDIR)/examples/
	$(INSTALL) -m 0644 README.md LICENSE $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/fkigov $(DESTDIR)$(MANDIR)/man1/fkigov.1 \
		$(DESTDIR)$(MANDIR)/man5/fkigov-model.5 $(DESTDIR)$(UNITDIR)/fkigov.service
	rm -rf $(DESTDIR)$(DOCDIR)

# The Debian package, with Debian's own tools (debian/), checked by lintian.
deb:
	@scripts/deb

ops: $(O)/fkigov
	@tests/ops/run $(O)/fkigov

run: deps $(O)/fkigov
	@scripts/run-demo $(O)/fkigov

check: deps-check
	$(MAKE) all unit cli web browser ops
	$(MAKE) fuzz-short
	$(MAKE) check-asan

# LSAN_OPTIONS: what fontconfig, pango and glib keep for the process's life (tests/lsan.supp).
check-asan:
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
		$(MAKE) O=build/asan SAN=1 CFLAGS="-g" all unit cli web

# libFuzzer harnesses (clang). FUZZ_SECONDS per harness. The library is compiled once for
# them (coverage and sanitizers, no main) into build/fuzz/libfkigov.a; each harness links it.
FUZZ_SECONDS ?= 60
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_FLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DFKIGOV_VERSION='"$(VERSION)"' -g -O1 -Isrc -Ibuild/fuzz/gen \
             $(shell pkg-config --cflags $(PKGS))
FUZZ_OBJ = $(LIB_SRC:%.c=build/fuzz/obj/%.o) build/fuzz/obj/gen/embed.o build/fuzz/obj/gen/files.o
build/fuzz/gen/embed.c: scripts/embed $(EMBED)
	@mkdir -p $(@D)
	scripts/embed $(EMBED) > $@.tmp && mv $@.tmp $@
build/fuzz/gen/files.c: scripts/embed-table $(WEB_FILES)
	@mkdir -p $(@D)
	scripts/embed-table $(WEB_FILES) > $@.tmp && mv $@.tmp $@
build/fuzz/obj/gen/%.o: build/fuzz/gen/%.c
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,address,undefined -Wno-overlength-strings -c -o $@ $<
build/fuzz/obj/%.o: %.c $(wildcard src/*/*.h)
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<
build/fuzz/libfkigov.a: $(FUZZ_OBJ)
	rm -f $@ && ar rcs $@ $^
build/fuzz/%: tests/fuzz/%.c build/fuzz/libfkigov.a
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< build/fuzz/libfkigov.a $(LDLIBS)
fuzz: $(FUZZ_BIN)
	@tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_BIN)
fuzz-short: $(FUZZ_BIN)
	@tests/fuzz/run 10 $(FUZZ_BIN)

bench: $(O)/fkigov
	bench/scale

clean:
	rm -rf build
