// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// Browser tests for fkigov in Debian's headless Chromium, driven by playwright-core:
// the main flows as a user does them (log in, import a CSV, fix a finding, log out),
// axe-core (WCAG 2.1 A and AA) on every page for each role, keyboard-only navigation,
// the flows once more with JavaScript turned off, and a full-page screenshot of every
// page visited in build/screenshots/.
//
// Usage: node run.mjs [--filter TEXT] [--keep] [--verbose]   (the options of lib.mjs)
//   --filter TEXT  run only the tests whose name contains TEXT (setup always runs)
//   --keep         keep the temporary directory (database, server log, CSV files)
//   --verbose      also print axe's "needs review" results
// Environment: FKIGOV (the binary; default build/fkigov in the repository),
//   CHROMIUM (default /usr/bin/chromium).
// The last line printed is "browser: N passed, N failed"; the exit status is 0 only when
// nothing failed.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	BIN, PASSWORD, SHOTS, addUser, axeVersion, check, focused as focusInfo, initDemo, launchBrowser, login,
	look, newContext, runSuite, screenshot, startServer, submit, suite, tabTo, test, text,
} from './lib.mjs';

const TODAY = '2026-11-27';
// Every page: the basics of PAGE_RULES with the title and the skip link to <main id="indhold">;
// each chart is also screenshot on its own.
const { tmp } = suite({
	label: 'browser', env: { FKIGOV_TODAY: TODAY },
	pageRules: ['lang', 'title', 'h1', 'landmarks', 'scripts', 'styles'], figures: true,
});
let BASE = '';

// Visits (or, with no path, takes the current page), checks the status, takes a
// screenshot and runs axe.
async function audit(page, name, path, { status = 200, url } = {}) {
	let resp = null;
	if (path) {
		resp = await page.goto(BASE + path);
		check(resp && resp.status() === status, `${name}: GET ${path} gav ${resp && resp.status()}, ventede ${status}`);
	}
	if (url) check(url.test(page.url()), `${name}: endte på ${page.url()}`);
	await look(page, name);
	return resp;
}

// ---------------------------------------------------------------- CSV files

const CSV_HEAD = 'person,name,email,organisation,municipality,body,seat,profile,start,end\n';
// rd06 fills the vacant municipal seat now; rd07 succeeds rd01, whose end is recorded.
const CSV_GOOD = CSV_HEAD +
	'rd06,Freja Holm,fho@demo-fredericia.dk,kommune,607,rg-drift-forvaltning,kommune,driftsrepraesentant,2026-11-01,\n' +
	'rd07,Mikkel Aagaard,maa@demo-lolland.dk,kommune,360,rg-drift-forvaltning,kommune,teknisk-arkitekt,2027-01-15,\n' +
	'rd01,Gitte Lauridsen,gla@demo-horsens.dk,kommune,615,rg-drift-forvaltning,kommune,driftschef,2024-01-15,2027-01-14\n';
const CSV_PREVIEW = CSV_HEAD +
	'rd08,Ulla Kjeldsen,uk@demo-taastrup.dk,kommune,169,rg-drift-forvaltning,kommune,systemansvarlig,2026-12-01,\n';
const CSV_BAD = CSV_HEAD +
	'x1,Anne Test,,kommune,999,rg-drift-forvaltning,kommune,driftschef,2026-12-01,\n' +
	'x2,Bo Test,,kommune,169,findes-ikke,kommune,driftschef,2026-12-01,\n' +
	'x3,Carl Test,,kommune,169,rg-drift-forvaltning,kommune,driftschef,2026-13-45,\n';
const files = {};
for (const [k, v] of Object.entries({ good: CSV_GOOD, preview: CSV_PREVIEW, bad: CSV_BAD })) {
	files[k] = join(tmp, `${k === 'good' ? 'nye-medlemmer' : k === 'bad' ? 'fejl-i-filen' : 'forhaandsvisning'}.csv`);
	writeFileSync(files[k], v);
}

// The bad rows as an Excel workbook too, written by Debian's openpyxl: its errors are named
// by cell (Ark1!E2).
files.badXlsx = join(tmp, 'fejl-i-regnearket.xlsx');
execFileSync('/usr/bin/python3', ['-c', `
import csv, io, sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Ark1"
for r in csv.reader(io.StringIO(sys.argv[2])):
    ws.append([int(v) if v.isdigit() else (v or None) for v in r])
wb.save(sys.argv[1])`, files.badXlsx, CSV_BAD]);

async function upload(page, file) {
	await page.goto(`${BASE}/import`);
	await page.getByLabel('CSV-fil med udpegninger').setInputFiles(file);
	await submit(page, page.getByRole('button', { name: 'Vis forhåndsvisning' }));
}

// ---------------------------------------------------------------- tests

let dateOrder = 'ymd';
// Finds the order in which Chromium's date field takes the parts when typed.
async function probeDateOrder() {
	const ctx = await newContext();
	const p = await ctx.newPage();
	await p.setContent('<input id="d" type="date">');
	await p.focus('#d');
	await p.keyboard.type('01022003');
	const v = await p.inputValue('#d');
	dateOrder = v === '2003-01-02' ? 'mdy' : v === '2003-02-01' ? 'dmy' : 'ymd';
	await ctx.close();
}
// Types a date into the focused field: ÅÅÅÅ-MM-DD into a text field, the parts in
// Chromium's order into a date field.
async function typeDate(page, iso) {
	const type = await page.evaluate(() => document.activeElement.type);
	if (type !== 'date') return page.keyboard.type(iso);
	const [y, m, d] = iso.split('-');
	const s = dateOrder === 'mdy' ? m + d + y : dateOrder === 'dmy' ? d + m + y : y + m + d;
	await page.keyboard.type(s);
}

async function main() {
	initDemo();
	addUser('admin', 'admin');
	addUser('viewer', 'viewer');
	addUser('member', 'member', 'sg01');
	BASE = await startServer();
	console.log(`fkigov: ${BIN} på ${BASE}, i dag ${TODAY}; skærmbilleder i ${SHOTS}`);
	const browser = await launchBrowser();
	console.log(`Chromium ${browser.version()}, axe-core ${axeVersion()}`);
	await probeDateOrder();

	// ---- axe and screenshots: anonymous
	await test('axe anonym', async () => {
		const ctx = await newContext();
		const page = await ctx.newPage();
		await audit(page, 'anon-forside', '/');
		await audit(page, 'anon-login', '/login');
		await audit(page, 'anon-organisation', '/organisation');
		await audit(page, 'anon-aabne-data', '/open-data/');
		await audit(page, 'anon-organ-styregruppe', '/bodies/styregruppe');
		await audit(page, 'anon-organ-rg-drift-forvaltning', '/bodies/rg-drift-forvaltning');
		await audit(page, 'anon-personer', '/people');
		await audit(page, 'anon-person-sg01', '/people/sg01');
		await audit(page, 'anon-404', '/bodies/findes-ikke', { status: 404 });
		await audit(page, 'anon-404-side', '/ingen-side-her', { status: 404 });
		for (const p of ['/compliance', '/audit', '/import', '/person-new', '/appoint']) {
			await page.goto(BASE + p);
			check(new URL(page.url()).pathname === '/login', `anonym ${p}: endte på ${page.url()}, ikke /login`);
		}
		// A failed login.
		await page.goto(`${BASE}/login`);
		await page.getByLabel('Brugernavn').fill('admin');
		await page.getByLabel('Adgangskode').fill('forkert adgangskode');
		await submit(page, page.getByRole('button', { name: 'Log ind' }));
		check(await page.locator('[role=alert]').count() > 0, 'forkert adgangskode: ingen fejlmeddelelse');
		await audit(page, 'anon-login-fejl');
		await ctx.close();
	});

	// ---- axe and screenshots: admin
	let endId = null;
	await test('axe admin', async () => {
		const ctx = await newContext();
		const page = await ctx.newPage();
		await login(page, 'admin', { verify: true });
		await audit(page, 'admin-forside', '/');
		await audit(page, 'admin-organisation', '/organisation');
		await audit(page, 'admin-organ-styregruppe', '/bodies/styregruppe');
		await audit(page, 'admin-organ-rg-drift-forvaltning', '/bodies/rg-drift-forvaltning');
		await audit(page, 'admin-organ-rg-forretning', '/bodies/rg-forretning');
		await audit(page, 'admin-personer', '/people');
		await audit(page, 'admin-person-sg01', '/people/sg01');
		await audit(page, 'admin-person-rf06', '/people/rf06');
		const href = await page.locator('a[href$="/end"]').first().getAttribute('href');
		endId = href && href.split('/')[2];
		await audit(page, 'admin-overholdelse', '/compliance');
		await audit(page, 'admin-revisionslog', '/audit');
		await audit(page, 'admin-import', '/import');
		await audit(page, 'admin-person-ny', '/person-new');
		await submit(page, page.getByRole('button', { name: 'Opret person' }));
		check(await page.locator('.error-summary').count() === 1, 'tom ny person: ingen fejlopsummering');
		await audit(page, 'admin-person-ny-fejl');
		await audit(page, 'admin-udpeg', '/appoint');
		await submit(page, page.getByRole('button', { name: 'Gem udpegning' }));
		check(await page.locator('.error-summary').count() === 1, 'tom udpegning: ingen fejlopsummering');
		await audit(page, 'admin-udpeg-fejl');
		await audit(page, 'admin-udpeg-person', '/appoint?person=sg03');
		check(!!endId, 'rf06: intet »Afslut«-link');
		if (endId) {
			await audit(page, 'admin-afslut', `/appointments/${endId}/end`);
			await page.getByLabel('Sidste dag').fill('2020-01-01');
			await submit(page, page.getByRole('button', { name: 'Gem sidste dag' }));
			await audit(page, 'admin-afslut-fejl');
		}
		await audit(page, 'admin-404', '/people/findes-ikke', { status: 404 });
		// An import preview and the list of pending imports; then cancel it.
		await upload(page, files.preview);
		check(/\/import\/[^/]+$/.test(new URL(page.url()).pathname), `forhåndsvisning: endte på ${page.url()}`);
		await audit(page, 'admin-import-forhaandsvisning');
		const preview = page.url();
		await audit(page, 'admin-import-ventende', '/import');
		await page.goto(preview);
		await submit(page, page.getByRole('button', { name: 'Annullér', exact: true }));
		await audit(page, 'admin-import-annulleret');
		await upload(page, files.bad);
		await audit(page, 'admin-import-fejl');
		await submit(page, page.getByRole('button', { name: 'Annullér denne import' }));
		await upload(page, files.badXlsx);
		await audit(page, 'admin-import-fejl-excel');
		const cells = await page.locator('table.errors').innerText();
		check(cells.includes('Ark1!E2') && cells.includes('E (municipality)') && cells.includes('Række'),
			`regnearkets fejl står ikke med celle: ${cells.slice(0, 300)}`);
		await submit(page, page.getByRole('button', { name: 'Annullér denne import' }));
		await ctx.close();
	});

	await test('axe viewer', async () => {
		const ctx = await newContext();
		const page = await ctx.newPage();
		await login(page, 'viewer', { verify: true });
		await audit(page, 'viewer-forside', '/');
		await audit(page, 'viewer-overholdelse', '/compliance');
		await audit(page, 'viewer-revisionslog', '/audit');
		await audit(page, 'viewer-person-sg01', '/people/sg01');
		for (const p of ['/import', '/person-new', '/appoint']) {
			const r = await page.goto(BASE + p);
			check(r.status() === 403, `viewer ${p}: status ${r.status()}, ventede 403`);
		}
		await audit(page, 'viewer-403');
		await ctx.close();
	});

	await test('axe member', async () => {
		const ctx = await newContext();
		const page = await ctx.newPage();
		await login(page, 'member', { verify: true });
		await audit(page, 'member-forside', '/');
		await audit(page, 'member-overholdelse', '/compliance');
		const r = await page.goto(`${BASE}/audit`);
		check(r.status() === 403, `member /audit: status ${r.status()}, ventede 403`);
		await ctx.close();
	});

	// ---- the main flow, by clicking and typing
	await test('flow: log ind, importér, ret et fund, log ud', async () => {
		const ctx = await newContext();
		const page = await ctx.newPage();
		await page.goto(`${BASE}/`);
		await submit(page, page.locator('.who').getByRole('link', { name: 'Log ind' }));
		check(new URL(page.url()).pathname === '/login', 'Log ind-linket fører ikke til /login');
		await page.getByLabel('Brugernavn').fill('admin');
		await page.getByLabel('Adgangskode').fill(PASSWORD);
		await submit(page, page.getByRole('button', { name: 'Log ind' }));
		check(new URL(page.url()).pathname === '/', `efter login: ${page.url()}`);
		check((await text(page, '.who')).includes('admin'), 'efter login: »Logget ind som admin« mangler');
		const before = await page.locator('.cards .card').filter({ hasText: 'Fejl' }).locator('.big').innerText();
		const errorsBefore = parseInt(before, 10);
		const home0 = await text(page);
		check(/Ole Mikkelsen/.test(home0) && /Karensperioden er ikke holdt/.test(home0), 'forsiden viser ikke karensfejlen (cooloff) for Ole Mikkelsen (rf06)');
		check(/5 af 6 kommunale pladser/.test(home0), 'forsiden viser ikke den ledige plads i Referencegruppe Drift og Forvaltning');
		// Findings about a whole group (a vacancy, a missing profile) name no member.
		const groupRows = page.locator('main tbody tr').filter({ hasText: /kommunale pladser besat|har profilen/ });
		check(await groupRows.count() >= 2, 'forsiden viser ikke fundene om ledige pladser og manglende profil');
		for (const t of await groupRows.all()) {
			const who = await t.locator('a[href^="/people/"]').allInnerTexts();
			check(who.length === 0, `forsiden: et fund om hele gruppen nævner medlemmet ${who.join(', ')}: ${(await t.innerText()).replace(/\s+/g, ' ').slice(0, 120)}`);
		}
		await screenshot(page, 'flow-1-forside-foer');

		// Import: a broken file first.
		await submit(page, page.getByRole('navigation', { name: 'Konto og værktøjer' }).getByRole('link', { name: 'Import' }));
		check(new URL(page.url()).pathname === '/import', `Import i menuen: ${page.url()}`);
		await page.getByLabel('CSV-fil med udpegninger').setInputFiles(files.bad);
		await submit(page, page.getByRole('button', { name: 'Vis forhåndsvisning' }));
		await screenshot(page, 'flow-2-import-fejl');
		check(await page.getByRole('heading', { level: 1 }).innerText() === 'Fejl i importfilen', 'den fejlbehæftede fil: overskriften er ikke »Fejl i importfilen«');
		const errRows = page.locator('table.errors tbody tr');
		const errLines = await errRows.locator('td:first-child').allInnerTexts();
		check(errLines.includes('2') && errLines.includes('3') && errLines.includes('4'), `fejl pr. linje: linjerne ${errLines.join(',')} (ventede 2, 3 og 4)`);
		const errText = await text(page, 'table.errors');
		check(/999/.test(errText), 'fejlen i kommunekoden 999 nævnes ikke');
		check(/findes-ikke/.test(errText), 'den ukendte gruppe findes-ikke nævnes ikke');
		check(await page.getByRole('button', { name: 'Gem', exact: true }).count() === 0, 'den fejlbehæftede fil har en »Gem«-knap');
		await submit(page, page.getByRole('button', { name: 'Annullér denne import' }));

		// Then the good file: preview, then save.
		await page.getByLabel('CSV-fil med udpegninger').setInputFiles(files.good);
		await submit(page, page.getByRole('button', { name: 'Vis forhåndsvisning' }));
		await screenshot(page, 'flow-3-import-forhaandsvisning');
		check(await page.getByRole('heading', { level: 1 }).innerText() === 'Forhåndsvisning af import', 'forhåndsvisningen mangler');
		const plan = await text(page, 'table.plan');
		check(/Freja Holm/.test(plan) && /Mikkel Aagaard/.test(plan) && /Gitte Lauridsen/.test(plan), 'forhåndsvisningen viser ikke de tre rækker');
		check(await page.locator('table.plan .tag', { hasText: 'Ændret' }).count() === 1, 'forhåndsvisningen viser ikke én ændret udpegning');
		const cards = await text(page, 'ul.summary');
		check(/2\s+ny/i.test(cards), `opsummeringen: »${cards.replace(/\s+/g, ' ')}«`);
		await submit(page, page.getByRole('button', { name: 'Gem', exact: true }));
		await screenshot(page, 'flow-4-import-gemt');
		const saved = await text(page);
		check(/gemt|indlæst/i.test(saved), `efter »Gem«: ingen bekræftelse (${page.url()})`);
		const flash = await page.locator('[role=status]').allInnerTexts();
		check(flash.length > 0, 'efter »Gem«: ingen statusbesked (role=status)');

		// The new people on the body page.
		await page.goto(`${BASE}/bodies/rg-drift-forvaltning`);
		await screenshot(page, 'flow-5-organ-efter-import');
		const body = await text(page);
		check(/Freja Holm/.test(body), 'Freja Holm (rd06) står ikke på gruppens side');
		check(/Mikkel Aagaard/.test(body), 'Mikkel Aagaard (rd07) står ikke på gruppens side');
		check(/6 af 6|7 af 7/.test(body) || !/5 af 6/.test(body), 'gruppens side viser stadig en ledig kommunal plads');

		// Fix a finding: end rf06's second appointment the day before today.
		await page.goto(`${BASE}/`);
		const home1 = await text(page);
		check(!/har 5 af 6 kommunale pladser/.test(home1), 'forsiden viser stadig den ledige plads efter importen');
		const errLink = page.locator('main table').first().getByRole('link', { name: 'Ole Mikkelsen' });
		if (check(await errLink.count() > 0, 'forsiden: intet link til Ole Mikkelsen i fejltabellen'))
			await submit(page, errLink.first());
		else
			await page.goto(`${BASE}/people/rf06`);
		check(new URL(page.url()).pathname === '/people/rf06', `linket til Ole Mikkelsen: ${page.url()}`);
		const row = page.locator('tbody tr').filter({ hasText: /\b1\. sep(tember|\.)? 2026/ });
		check(await row.count() === 1, 'personsiden: ingen række med start 1. september 2026');
		await submit(page, row.getByRole('link', { name: /Afslut/ }));
		check(/^\/appointments\/[^/]+\/end$/.test(new URL(page.url()).pathname), `Afslut-linket: ${page.url()}`);
		await page.getByLabel('Sidste dag').fill('2026-11-26');
		await screenshot(page, 'flow-6-afslut');
		await submit(page, page.getByRole('button', { name: 'Gem sidste dag' }));
		await screenshot(page, 'flow-7-afsluttet');
		check(await page.locator('.error-summary, .notice.error').count() === 0, `slutdatoen blev ikke gemt: ${(await text(page)).slice(0, 300)}`);
		await page.goto(`${BASE}/people/rf06`);
		check(/26\. nov(ember|\.)? 2026/.test(await text(page)), 'personsiden viser ikke sidste dag 26. november 2026');

		await submit(page, page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Forside' }));
		await screenshot(page, 'flow-8-forside-efter');
		const errorsAfter = parseInt(await page.locator('.cards .card').filter({ hasText: 'Fejl' }).locator('.big').innerText(), 10);
		check(errorsAfter < errorsBefore, `antallet af fejl faldt ikke: før ${errorsBefore}, efter ${errorsAfter}`);
		const cooloffRows = page.locator('main tbody tr').filter({ hasText: 'Ole Mikkelsen' }).filter({ hasText: 'Karensperioden er ikke holdt' });
		check(await cooloffRows.count() === 0, 'forsiden viser stadig cooloff-fejlen for Ole Mikkelsen');

		// Log out.
		await submit(page, page.getByRole('button', { name: 'Log ud' }));
		await screenshot(page, 'flow-9-logget-ud');
		check(await page.locator('.who').getByRole('link', { name: 'Log ind' }).count() === 1, 'efter log ud: linket »Log ind« mangler');
		await page.goto(`${BASE}/`);
		const anon = await text(page);
		check(!/Karensperioden|Valgperioden udløber|Advarsler/.test(anon), 'efter log ud viser forsiden stadig fund');
		check(/Log ind/.test(anon), 'efter log ud: forsiden opfordrer ikke til at logge ind');
		const r = await page.goto(`${BASE}/compliance`);
		check(new URL(page.url()).pathname === '/login' && r.status() === 200, 'efter log ud: /compliance sender ikke til /login');
		await ctx.close();
	});

	// ---- keyboard only
	await test('tastatur: springlink og hovedmenu', async () => {
		const ctx = await newContext();
		const page = await ctx.newPage();
		await page.goto(`${BASE}/`);
		await page.keyboard.press('Tab');
		let f = await focusInfo(page);
		check(f.tag === 'a' && f.href === '#indhold', `første Tab: ${f.tag} »${f.text}«, ikke springlinket`);
		check(f.visible && f.onScreen, `springlinket er ikke synligt med fokus (outline ${f.outline})`);
		await screenshot(page, 'tastatur-springlink');
		await page.keyboard.press('Enter');
		f = await focusInfo(page);
		check(f.tag === 'main' && f.id === 'indhold', `Enter på springlinket: fokus på ${f.tag}#${f.id}`);
		// Fresh page; Tab through the header into the main menu.
		await page.goto(`${BASE}/`);
		f = await tabTo(page, (x) => x.href === '/organisation', 'Organisation i hovedmenuen', 15);
		await screenshot(page, 'tastatur-menu-fokus');
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		check(new URL(page.url()).pathname === '/organisation', `Enter på Organisation: ${page.url()}`);
		check(await page.locator('nav a[aria-current="page"]').innerText() === 'Organisation', 'Organisation er ikke markeret som aktuel side');
		// On with the keyboard into the organisation chart and to a body.
		f = await tabTo(page, (x) => x.tag === 'a' && /^\/bodies\//.test(x.href || ''), 'et organ i organisationsdiagrammet', 40);
		await screenshot(page, 'tastatur-organisation-fokus');
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		check(/^\/bodies\//.test(new URL(page.url()).pathname), `Enter på et organ: ${page.url()}`);
		await ctx.close();
	});

	await test('tastatur: log ind', async () => {
		const ctx = await newContext();
		const page = await ctx.newPage();
		await page.goto(`${BASE}/`);
		await tabTo(page, (x) => x.href === '/login', 'Log ind-linket', 10);
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		check(new URL(page.url()).pathname === '/login', `Enter på Log ind: ${page.url()}`);
		await tabTo(page, (x) => x.id === 'login', 'feltet Brugernavn', 15);
		await page.keyboard.type('admin');
		await page.keyboard.press('Tab');
		check((await focusInfo(page)).id === 'password', 'Tab fra brugernavn fører ikke til adgangskoden');
		await page.keyboard.type('forkert');
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		check(await page.locator('[role=alert]').count() > 0, 'forkert adgangskode: ingen fejl');
		await screenshot(page, 'tastatur-login-fejl');
		await tabTo(page, (x) => x.id === 'password', 'feltet Adgangskode', 20);
		await page.keyboard.type(PASSWORD);
		await tabTo(page, (x) => x.tag === 'button' && x.text === 'Log ind', 'knappen Log ind', 3);
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Space')]);
		check(new URL(page.url()).pathname === '/', `efter login med tastaturet: ${page.url()}`);
		check((await text(page, '.who')).includes('admin'), 'efter login med tastaturet: ikke logget ind');
		// And out again with the keyboard.
		await page.goto(`${BASE}/`);
		await tabTo(page, (x) => x.tag === 'button' && x.text === 'Log ud', 'knappen Log ud', 10);
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		check(await page.locator('.who').getByRole('link', { name: 'Log ind' }).count() === 1, 'Log ud med tastaturet virkede ikke');
		await ctx.close();
	});

	await test('tastatur: udpeg et medlem', async () => {
		const ctx = await newContext();
		const page = await ctx.newPage();
		await login(page, 'admin', { verify: true });
		await page.goto(`${BASE}/appoint`);
		// Submit empty: errors in a summary, linked to the fields.
		await tabTo(page, (x) => x.tag === 'button' && x.text === 'Gem udpegning', 'knappen Gem udpegning', 80);
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		await screenshot(page, 'tastatur-udpeg-fejl');
		const links = await page.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		check(links.length >= 1, 'tom udpegning: ingen fejl i opsummeringen');
		for (const h of links) {
			const id = h.replace(/^#/, '');
			const field = await page.evaluate((i) => {
				const e = document.getElementById(i);
				if (!e) return null;
				const ids = (e.getAttribute('aria-describedby') || '').split(/\s+/);
				const msgs = ids.map((x) => document.getElementById(x)).filter(Boolean);
				return {
					invalid: e.getAttribute('aria-invalid'),
					described: msgs.some((m) => m.classList.contains('err')),
					label: !!document.querySelector(`label[for="${i}"]`),
				};
			}, id);
			check(field, `fejllinket ${h} peger ikke på et felt`);
			if (!field) continue;
			check(field.invalid === 'true', `${h}: aria-invalid="true" mangler`);
			check(field.described, `${h}: fejlteksten er ikke bundet med aria-describedby`);
			check(field.label, `${h}: feltet har ingen <label for>`);
		}
		// Follow the first error link with the keyboard: focus lands on the field.
		if (links.length) {
			// past the skip link, the tools, the account and the main menu
			await tabTo(page, (x) => x.href === links[0], `fejllinket ${links[0]}`, 30);
			await page.keyboard.press('Enter');
			const f = await focusInfo(page);
			check(`#${f.id}` === links[0], `Enter på fejllinket ${links[0]}: fokus på ${f.tag}#${f.id}`);
		}
		// Fill in the form from the top with Tab, typing and arrow keys.
		await page.goto(`${BASE}/appoint`);
		await tabTo(page, (x) => x.id === 'person', 'feltet Person', 40);
		const personTag = (await focusInfo(page)).tag;
		if (personTag === 'select') await page.keyboard.type('Sofie Dahl');
		else await page.keyboard.type('sg03');
		await page.keyboard.press('Tab');
		check((await focusInfo(page)).id === 'body', 'Tab fra Person fører ikke til Gruppe');
		await page.keyboard.type('Referencegruppe Drift');
		check(await page.inputValue('#body') === 'rg-drift-forvaltning', `Gruppe: ${await page.inputValue('#body')}`);
		await page.keyboard.press('Tab');
		check((await focusInfo(page)).id === 'seat', 'Tab fra Gruppe fører ikke til Plads');
		if (await page.inputValue('#seat') !== 'kommune') await page.keyboard.press('ArrowDown');
		const seatOpts = await page.locator('#seat option').evaluateAll((os) => os.map((o) => o.value));
		for (let i = 0; i < seatOpts.length && await page.inputValue('#seat') !== 'kommune'; i++)
			await page.keyboard.press(i < seatOpts.indexOf('kommune') ? 'ArrowDown' : 'ArrowUp');
		check(await page.inputValue('#seat') === 'kommune', `Plads: ${await page.inputValue('#seat')}`);
		await tabTo(page, (x) => x.id === 'organisation', 'feltet Organisation', 3);
		await tabTo(page, (x) => x.id === 'municipality', 'feltet Kommune', 3);
		await page.keyboard.type('Odense');
		check(await page.inputValue('#municipality') === '461', `Kommune: ${await page.inputValue('#municipality')}`);
		await tabTo(page, (x) => x.id === 'profile', 'feltet Profil', 3);
		// Arrow down to the first profile of the group (the options under "Referencegruppe Drift ...").
		const want = await page.locator('#profile optgroup').filter({ has: page.locator('option') })
			.evaluateAll((gs) => {
				const g = gs.find((x) => /Drift/.test(x.label)) || gs[0];
				return g ? g.querySelector('option').value : '';
			});
		for (let i = 0; i < 200 && await page.inputValue('#profile') !== want; i++)
			await page.keyboard.press('ArrowDown');
		check(await page.inputValue('#profile') === want, `Profil: ${await page.inputValue('#profile')}, ventede ${want}`);
		await tabTo(page, (x) => x.id === 'start', 'feltet Første dag', 3);
		await typeDate(page, '2026-12-01');
		check(await page.inputValue('#start') === '2026-12-01', `Første dag: ${await page.inputValue('#start')}`);
		await screenshot(page, 'tastatur-udpeg-udfyldt');
		await tabTo(page, (x) => x.tag === 'button' && x.text === 'Gem udpegning', 'knappen Gem udpegning', 10);
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Space')]);
		await screenshot(page, 'tastatur-udpeg-gemt');
		const after = await text(page);
		check(await page.locator('.error-summary, .notice.error').count() === 0, `udpegningen blev ikke gemt: ${after.slice(0, 400).replace(/\s+/g, ' ')}`);
		await page.goto(`${BASE}/people/sg03`);
		check(await page.locator('tbody tr').filter({ hasText: 'Drift og Forvaltning' }).count() === 1, 'sg03 er ikke udpeget til Referencegruppe Drift og Forvaltning');
		await ctx.close();
	});

	// ---- JavaScript off: the forms work the same.
	await test('uden JavaScript', async () => {
		const ctx = await newContext({ javaScriptEnabled: false });
		const page = await ctx.newPage();
		// Proof that scripts really are off in this context.
		await page.setContent('<title>uden</title><script>document.title = "med"</script>');
		check(await page.title() === 'uden', 'JavaScript er ikke slået fra i konteksten');
		await login(page, 'admin', { verify: true });
		await page.goto(`${BASE}/person-new`);
		await submit(page, page.getByRole('button', { name: 'Opret person' }));
		check(await page.locator('.error-summary').count() === 1, 'uden JS: tom ny person gav ingen fejl');
		await page.getByLabel('Id').fill('js-fri');
		await page.getByLabel('Navn').fill('Jonna Scriptfri');
		await submit(page, page.getByRole('button', { name: 'Opret person' }));
		await screenshot(page, 'nojs-person-oprettet');
		check(await page.locator('.error-summary, .notice.error').count() === 0, 'uden JS: personen blev ikke oprettet');
		await page.goto(`${BASE}/people/js-fri`);
		check(/Jonna Scriptfri/.test(await text(page)), 'uden JS: personsiden viser ikke den nye person');
		await page.goto(`${BASE}/appoint?person=js-fri`);
		const personIsSelect = await page.locator('select#person').count() === 1;
		if (personIsSelect) await page.locator('#person').selectOption('js-fri');
		else await page.locator('#person').fill('js-fri');
		await page.locator('#body').selectOption('rg-arkitektur-udvikling');
		await page.locator('#seat').selectOption('kommune');
		await page.locator('#municipality').selectOption('760');
		const prof = await page.locator('#profile option').evaluateAll((os) => os.map((o) => o.value));
		await page.locator('#profile').selectOption(prof.includes('it-arkitekt') ? 'it-arkitekt' : prof[1]);
		await page.getByLabel('Første dag').fill('2026-12-01');
		await submit(page, page.getByRole('button', { name: 'Gem udpegning' }));
		await screenshot(page, 'nojs-udpeget');
		check(await page.locator('.error-summary, .notice.error').count() === 0, `uden JS: udpegningen blev ikke gemt: ${(await text(page)).slice(0, 300).replace(/\s+/g, ' ')}`);
		await upload(page, files.preview);
		check(await page.getByRole('heading', { level: 1 }).innerText() === 'Forhåndsvisning af import', 'uden JS: ingen forhåndsvisning');
		await submit(page, page.getByRole('button', { name: 'Annullér', exact: true }));
		check(new URL(page.url()).pathname === '/import', `uden JS: Annullér endte på ${page.url()}`);
		await page.goto(`${BASE}/organisation`);
		await screenshot(page, 'nojs-organisation');
		await submit(page, page.getByRole('button', { name: 'Log ud' }));
		check(await page.locator('.who').getByRole('link', { name: 'Log ind' }).count() === 1, 'uden JS: log ud virkede ikke');
		await ctx.close();
	});

	// ---- small screens: nothing wider than the viewport
	await test('smal skærm (320 px)', async () => {
		const ctx = await newContext({ viewport: { width: 320, height: 640 } });
		const page = await ctx.newPage();
		await login(page, 'admin', { verify: true });
		for (const [name, path] of [['forside', '/'], ['organisation', '/organisation'], ['organ', '/bodies/rg-forretning'],
			['overholdelse', '/compliance'], ['udpeg', '/appoint'], ['personer', '/people'],
			['person', '/people/rf06'], ['revisionslog', '/audit'], ['import', '/import']]) {
			await page.goto(BASE + path);
			await screenshot(page, `smal-${name}`);
			// WCAG 1.4.10: no horizontal scrolling of the page itself (tables may scroll in their own box).
			const w = await page.evaluate(() => {
				const wide = [];
				for (const e of document.querySelectorAll('body *')) {
					const r = e.getBoundingClientRect();
					const abs = getComputedStyle(e).position === 'absolute';
					let clipped = false;
					for (let a = e.parentElement; a && !clipped; a = a.parentElement)
						clipped = ['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX);
					if (r.right > 321 && r.width > 0 && (abs || !clipped)) {
						const cls = String(e.className && e.className.baseVal !== undefined ? e.className.baseVal : e.className);
						wide.push(`${e.tagName.toLowerCase()}${cls ? '.' + cls.split(' ').join('.') : ''} (${Math.round(r.right)} px${abs ? ', position: absolute' : ''})`);
					}
				}
				return { width: document.documentElement.scrollWidth, wide: [...new Set(wide)].slice(0, 6) };
			});
			check(w.width <= 320, `smal ${path}: siden er ${w.width} px bred ved 320 px; for brede: ${w.wide.join(', ')}`);
		}
		await ctx.close();
	});
}

await runSuite(main);
