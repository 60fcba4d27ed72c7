// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// Issue 10, language, dates, import and links: one browser test per finding, in Debian's
// headless Chromium (playwright-core), as the secretariat would meet it.
//   3  no page tells its reader to run a command; the front page's "too few meetings" leads to
//      the form »Planlæg året« (/meetings/plan), which plans the year in the browser
//   4  "Styregruppens møder 2026" links to the year's meetings, not to a 404
//   5  every date field is <input type=date>; a date typed as Danes write it (30.11.2026,
//      31-12-2026, 1.4.2027) is read where the web reads a date
//   6  groups' pages and Overholdelse name the rules in Danish, not by id
//   10 import: the column as Excel shows it ("I (body)"), a template to download, the valid
//      group and profile ids, Danish time, the failed try gone once the corrected file is saved
//   15 the calendar links to the meeting with an absolute address (serve --public-url); the
//      audit log shows amounts in kroner
// axe-core (WCAG 2.1 A and AA) and screenshots of each changed page at 1280 and 390 px in
// build/screenshots/danish10-*.png.
//
// Usage: node danish10.mjs [--keep] [--filter TEXT]   Environment: FKIGOV, CHROMIUM.
// The last line printed is "browser (dansk, datoer, import og links): N passed, N failed".

import {
	addUser, check, fk, initDemo, launchBrowser, login, look, newContext, runSuite, startServer, submit, suite,
	test, text,
} from './lib.mjs';

// 27 November 2026, 10:00 UTC (11:00 in Copenhagen): no meetings planned in 2026 yet.
suite({
	label: 'browser (dansk, datoer, import og links)', name: 'danish10',
	env: { FKIGOV_TODAY: '2026-11-27', FKIGOV_NOW: '2026-11-27T10:00:00Z' },
});
const PUBLIC = 'https://fkigov.example.dk';
let BASE = '';

// A command the way the command line's own messages write one (http_test.py has the full list).
const CLI = /\bfkigov\s+(?:user|token|cycle|meeting|economy|initiative|body|import|check)\b|»(?:meeting|cycle|user|token)\s|(?<![\w-])--(?:item|dates|save|json|role)\b/;

// The admin's page; with mobile, at 390 px.
async function adminPage(mobile = false) {
	const ctx = await newContext(mobile ? { viewport: { width: 390, height: 844 } } : {});
	const page = await ctx.newPage();
	await login(page, 'admin');
	return page;
}

// Looks at path at 1280 px (axe and screenshot) and takes a screenshot at 390 px too.
async function both(page, path, name) {
	await look(page, name, { route: path });
	const small = await adminPage(true);
	await small.goto(BASE + path);
	await look(small, `${name}-390`);
	const wide = await small.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
	check(!wide, `${name}: siden ruller sidelæns ved 390 px`);
	await small.context().close();
}

// A file for /import: body in column I, so an error in it is "I (body)".
const COLS = 'person;name;email;organisation;municipality;seat;profile;start;body;end';
const row = (body) => `zz1;Zia Zacho;zz1@example.dk;kommune;751;kommune;it-digitaliseringschef;2027-01-01;${body};`;

async function run() {
	const page = await adminPage();

	await test('3 og 4: forsiden peger på formularen og på årets møder, ikke på kommandolinjen', async () => {
		for (const path of ['/', '/compliance', '/accounts', '/meetings']) {
			await page.goto(BASE + path);
			const m = (await text(page, 'body')).match(CLI);
			check(!m, `${path} beder læseren køre en kommando: ${m && m[0]}`);
		}
		await page.goto(BASE + '/');
		const year = page.getByRole('link', { name: 'Styregruppens møder 2026' });
		check(await year.count() === 1, 'forsiden linker »Styregruppens møder 2026«');
		const r = await submit(page, year.first());
		check(r.status() === 200, `»Styregruppens møder 2026« fører til ${page.url()}: ${r.status()}`);
		check(/Møder og årshjul 2026/.test(await text(page, 'h1')), `overskriften er ${await text(page, 'h1')}`);
		await page.goto(BASE + '/compliance');
		const plan = page.getByRole('link', { name: 'Åbn formularen »Planlæg året«' }).first();
		check(await plan.count() === 1, 'Overholdelse linker til formularen »Planlæg året«');
		await submit(page, plan);
		check(new URL(page.url()).pathname === '/meetings/plan', `fører til ${page.url()}`);
	});

	await test('3: årets møder planlægges i browseren med fire datofelter og tiden', async () => {
		await page.goto(BASE + '/meetings/plan?year=2026');
		for (let i = 1; i <= 4; i++)
			check(await page.locator(`#date${i}`).getAttribute('type') === 'date', `Møde ${i} er et datofelt`);
		// A Saturday is refused on its own field, with the core's words; the rest is kept.
		await page.fill('#date1', '2026-03-05');
		await page.fill('#date2', '2026-06-13');
		await page.fill('#date3', '2026-09-10');
		await page.fill('#date4', '2026-12-03');
		await page.fill('#time', '10:00');
		let r = await submit(page, page.getByRole('button', { name: 'Gem årets møder' }));
		check(r.status() === 400, `en lørdag afvises: ${r.status()}`);
		check(/lørdag/.test(await page.locator('#date2-fejl').innerText()), 'fejlen står ved Møde 2');
		check(await page.locator('#date2').getAttribute('aria-invalid') === 'true', 'Møde 2 er markeret ugyldigt');
		check(await page.inputValue('#date3') === '2026-09-10', 'de andre datoer er bevaret');
		await both(page, '/meetings/plan', 'plan-fejl');
		await page.fill('#date2', '2026-06-11');
		r = await submit(page, page.getByRole('button', { name: 'Gem årets møder' }));
		check(new URL(page.url()).pathname === '/meetings', `efter gem: ${page.url()}`);
		const t = await text(page);
		check(/11\. juni 2026/.test(t) && /kl\. 10[.:]00/.test(t), 'møderne står på Møder med dato og tid');
		await page.goto(BASE + '/');
		check(!/For få møder planlagt/.test(await text(page)), 'forsiden melder ikke længere for få møder');
		await page.goto(BASE + '/meetings/plan?year=2026');
		check(await page.inputValue('#date2') === '2026-06-11', 'formularen viser de planlagte datoer');
		await both(page, '/meetings/plan?year=2026', 'plan');
	});

	await test('5: datoer skrives, som danskere skriver dem', async () => {
		for (const path of ['/compliance', '/audit', '/appoint', '/economy'])  {
			await page.goto(BASE + path);
			const text = await page.locator('input.date, input[name="date"], input[name="since"], input[name="start"], input[name="end"]')
				.evaluateAll((xs) => xs.filter((x) => x.type !== 'date' && x.type !== 'hidden').map((x) => x.name));
			check(text.length === 0, `${path}: datofelter, der ikke er <input type=date>: ${text.join(', ')}`);
		}
		for (const [typed, da, iso] of [['30.11.2026', '30. november 2026', '2026-11-30'], ['1.4.2027', '1. april 2027', '2027-04-01'],
			['30-11-2026', '30. november 2026', '2026-11-30']]) {
			const r = await page.goto(BASE + '/compliance?date=' + encodeURIComponent(typed));
			check(r.status() === 200, `Overholdelse pr. ${typed}: ${r.status()}`);
			check((await text(page)).includes(da), `Overholdelse pr. ${typed} viser ${da}`);
			check(await page.inputValue('#date') === iso, `datofeltet viser ${iso}`);
		}
		// A form that posts: the last day of an appointment, typed as text.
		await page.goto(BASE + '/people/rf06');
		const end = page.locator('a[href$="/end"]').first();
		await submit(page, end);
		await page.evaluate(() => { document.querySelector('#end').type = 'text'; });
		await page.fill('#end', '31.12.2026');
		const r = await submit(page, page.getByRole('button', { name: 'Gem sidste dag' }));
		check(r.status() < 400 && !/\/end$/.test(new URL(page.url()).pathname), `31.12.2026 gemmes: ${r.status()} ${page.url()}`);
		await page.goto(BASE + '/audit?entity=appointment');
		check(/2026-12-31|31\. december 2026/.test(await text(page)), 'revisionsloggen har den nye sidste dag');
	});

	await test('6: reglerne hedder det samme overalt (titler, ikke id\'er)', async () => {
		for (const path of ['/bodies/rg-forretning', '/compliance']) {
			await page.goto(BASE + path);
			const t = await text(page);
			const id = t.match(/\b(term-limit|term-expiring|cooloff|vacancy|profile-coverage|seniority-quota)\b/);
			check(!id, `${path} viser regel-id'et ${id && id[0]}`);
			check(/Karensperioden er ikke holdt|Valgperioden er overskredet/.test(t), `${path} viser reglens danske titel`);
		}
		await page.goto(BASE + '/bodies/rg-forretning');
		await both(page, '/bodies/rg-forretning', 'gruppe');
	});

	await test('10: importen taler Excel', async () => {
		await page.goto(BASE + '/import');
		const t = await text(page);
		check(/styregruppe/.test(t) && /rg-forretning/.test(t) && /it-digitaliseringschef/.test(t), 'siden viser gruppernes og profilernes id\'er');
		const tpl = await page.request.get(BASE + '/import/template.csv');
		const csv = (await tpl.text()).replace(/^\uFEFF/, '');
		check(tpl.status() === 200 && /^text\/csv/.test(tpl.headers()['content-type']), `skabelonen: ${tpl.status()}`);
		check(csv.split('\r\n')[0] === 'person;name;email;organisation;municipality;body;seat;profile;start;end', `skabelonens overskrift: ${csv.split('\r\n')[0]}`);
		check(csv.split('\r\n').filter(Boolean).length === 2, 'skabelonen har én eksempelrække');
		check(await page.getByRole('link', { name: /Hent en skabelon/ }).count() === 1, 'siden linker til skabelonen');
		await both(page, '/import', 'import');
		// A bad group in column I: named as Excel shows it.
		await page.setInputFiles('#file', { name: 'udpegninger.csv', mimeType: 'text/csv', buffer: Buffer.from(`${COLS}\n${row('nosuch')}\n`) });
		await submit(page, page.getByRole('button', { name: 'Vis forhåndsvisning' }));
		const err = await text(page, 'table.errors');
		check(/I \(body\)/.test(err), `fejlen nævner kolonne I (body): ${err.slice(0, 300)}`);
		check(/27\. november 2026 kl\. 11\.00/.test(await text(page, '.lead')) && !/UTC/.test(await text(page)), 'tiden er dansk tid');
		await both(page, new URL(page.url()).pathname, 'import-fejl');
		// The corrected file is saved: the failed try is gone from the waiting list.
		await page.setInputFiles('#file', { name: 'udpegninger-rettet.csv', mimeType: 'text/csv', buffer: Buffer.from(`${COLS}\n${row('rg-forretning')}\n`) });
		await submit(page, page.getByRole('button', { name: 'Vis forhåndsvisning' }));
		await page.goto(BASE + '/import');
		const waiting = page.locator('table a[href^="/import/"]');
		check((await waiting.count()) === 2, `begge forsøg venter, før den rettede gemmes: ${await waiting.count()}`);
		await submit(page, waiting.filter({ hasText: 'udpegninger-rettet.csv' }));
		await submit(page, page.getByRole('button', { name: /^Gem/ }));
		check(/Importen er gemt/.test(await text(page)), 'den rettede fil er gemt');
		check(/Du har ingen importer, der venter/.test(await text(page)), 'det fejlede forsøg er væk fra listen');
	});

	await test('15: kalenderen linker med fuld adresse, beløb står i kroner', async () => {
		const r = await page.request.get(BASE + '/calendar/bodies/styregruppe.ics');
		const ics = (await r.text()).replace(/\r\n[ \t]/g, '');
		check(new RegExp(`^URL:${PUBLIC}/meetings/\\d+\\r?$`, 'm').test(ics), 'møderne har URL med den offentlige adresse');
		check(ics.includes(`referat: ${PUBLIC}/meetings/`), 'beskrivelsen linker med fuld adresse');
		check(!/: \/meetings\//.test(ics), 'ingen relative links');
		await page.goto(BASE + '/audit?entity=allocation');
		const t = await text(page);
		check(/beløb: 250\.000,00 kr\./.test(t), 'revisionsloggen viser bevillingen i kroner');
		check(!/25000000/.test(t), 'ingen beløb i øre');
		await both(page, '/audit?entity=allocation', 'revisionslog');
	});
}

await runSuite(async () => {
	initDemo();
	addUser('admin', 'admin');
	// 2027 is planned (as in the demo), 2026 is not: the check reports too few meetings.
	fk(['cycle', 'plan', '2027', '--dates', '2027-03-04,2027-06-10,2027-09-09,2027-12-02', '--save']);
	fk(['initiative', 'add', 'demo-login', '--body', 'styregruppe', '--special', '--name', 'Fælles login']);
	fk(['economy', 'allocate', 'demo-login', '2027', '--kr', '250.000', '--decision', 'Styregruppemøde 4, 2026, punkt 6']);
	// The public address as $FKIGOV_PUBLIC_URL (serve --public-url does the same).
	BASE = await startServer({ env: { FKIGOV_PUBLIC_URL: PUBLIC + '/' } });
	await launchBrowser();
	await run();
});
