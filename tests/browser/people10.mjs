// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// Browser tests of issue 10's register, people and pickers in Debian's headless Chromium
// (playwright-core), one test per finding, each failing on the code before the issue:
//   7  corrections: a namesake asks before it is created; name and e-mail are edited; an
//      appointment entered by mistake is deleted with a reason; two registrations merged
//   9  the person page explains a stint of two appointments and its last allowed day
//  12  persons are chosen by name (the meeting page's proposer and swap), and a new person
//      needs no invented id
//  14  the person table fits at 1280 px; the menu is short at 390 px; a long heading wraps
//  15  the people table sorts by its column headers; people are found by municipality and
//      e-mail
// axe-core (WCAG 2.1 A and AA) and a screenshot of every changed page at 1280 and 390 px in
// build/screenshots/people10-*.png. Everything works without JavaScript (the last test).
//
// Usage: node people10.mjs [--keep] [--filter TEXT]   Environment: FKIGOV, CHROMIUM.
// The last line printed is "browser (personer, issue 10): N passed, N failed".

import {
	addUser, check, fk, initDemo, launchBrowser, login, look, newContext, runSuite, startServer, submit, suite,
	test, text,
} from './lib.mjs';

suite({ label: 'browser (personer, issue 10)', name: 'people10', env: { FKIGOV_TODAY: '2027-01-20' }, serverLogCheck: true });
let BASE = '';

function setup() {
	initDemo();
	addUser('admin', 'admin');
	fk(['cycle', 'plan', '2027', '--dates', '2027-03-04,2027-06-10,2027-09-09,2027-12-02', '--save']);
	// Two appointments to one reference group with a pause under a year: one stint.
	fk(['person', 'add', 'bo', '--name', 'Bo Periode', '--email', 'bo@demo-odense.dk']);
	fk(['appoint', 'bo', 'rg-forretning', '--seat', 'kommune', '--municipality', '461', '--profile', 'fagperson-digital',
		'--start', '2022-01-01', '--end', '2025-12-31']);
	fk(['appoint', 'bo', 'rg-forretning', '--seat', 'kommune', '--municipality', '461', '--profile', 'fagperson-digital',
		'--start', '2026-09-01']);
}

// Looks at the page at 1280 px (page) and the same URL at 390 px (narrow).
async function both(page, narrow, name) {
	await look(page, name);
	await narrow.goto(page.url());
	await look(narrow, `${name}-390`);
}

async function run() {
	const admin = await (await newContext()).newPage();
	const narrow = await (await newContext({ viewport: { width: 390, height: 800 } })).newPage();
	await login(admin, 'admin');
	await login(narrow, 'admin');

	await test('7: rettelser – dublet, navn og e-mail, slet udpegning, læg sammen', async () => {
		// A second Mette Kjær (sg01) with her e-mail: asked first, with a link to the one there.
		await admin.goto(`${BASE}/person-new`);
		await admin.getByLabel('Navn').fill('Mette Kjær');
		await admin.getByLabel('E-mail').fill('mkj@demo-koebenhavn.dk');
		await submit(admin, admin.getByRole('button', { name: 'Opret person' }));
		const warn = admin.locator('.notice.similar');
		check(await warn.count() === 1, 'advarslen om en mulig dublet vises');
		check(await warn.getByRole('link', { name: 'Mette Kjær' }).getAttribute('href') === '/people/sg01', 'advarslen linker til sg01');
		await both(admin, narrow, 'dublet');
		await submit(admin, admin.getByRole('button', { name: 'Opret alligevel' }));
		check(/\/appoint\?person=mette-kjaer/.test(admin.url()), `oprettet som mette-kjaer: ${admin.url()}`);
		// Edit her name and e-mail.
		await admin.goto(`${BASE}/people/mette-kjaer`);
		await submit(admin, admin.getByRole('link', { name: 'Ret navn og e-mail' }));
		await both(admin, narrow, 'ret');
		await admin.getByLabel('Navn').fill('Mette K. Kjær');
		await admin.getByLabel('E-mail').fill('mette.k@demo-koebenhavn.dk');
		await submit(admin, admin.getByRole('button', { name: 'Gem ændringen' }));
		check((await text(admin)).includes('Navn og e-mail er rettet'), 'kvittering for rettelsen');
		check(await admin.getByRole('heading', { level: 1 }).innerText() === 'Mette K. Kjær', 'det nye navn står på siden');
		// An appointment entered by mistake, deleted with a reason.
		fk(['appoint', 'mette-kjaer', 'rg-drift-forvaltning', '--seat', 'KL', '--start', '2026-01-01']);
		await admin.reload();
		await submit(admin, admin.getByRole('link', { name: /^Slet udpegningen til Referencegruppe Drift og Forvaltning/ }));
		await both(admin, narrow, 'slet');
		await submit(admin, admin.getByRole('button', { name: 'Slet udpegningen' }));
		check(await admin.locator('#reason-fejl').count() === 1, 'en begrundelse kræves');
		await admin.getByLabel('Begrundelse').fill('Oprettet på den forkerte person');
		await submit(admin, admin.getByRole('button', { name: 'Slet udpegningen' }));
		check((await text(admin)).includes('Udpegningen er slettet'), 'kvittering for sletningen');
		check(!(await text(admin)).includes('Drift og Forvaltning'), 'udpegningen er væk');
		// Merge her into sg01, chosen by name.
		await admin.goto(`${BASE}/people/sg01/merge`);
		await both(admin, narrow, 'laeg-sammen');
		await admin.getByLabel('Den registrering, der skal fjernes').selectOption({ label: 'Mette K. Kjær' });
		await submit(admin, admin.getByRole('button', { name: 'Læg sammen' }));
		check((await text(admin)).includes('Personerne er lagt sammen'), 'kvittering for sammenlægningen');
		const gone = await admin.goto(`${BASE}/people/mette-kjaer`);
		check(gone.status() === 404, `dubletten er slettet: ${gone.status()}`);
		const log = fk(['audit', 'log', '--entity', 'person']);
		check(/merge\s+person\s+mette-kjaer/.test(log), 'sammenlægningen står i revisionsloggen');
	});

	await test('9: personsiden forklarer perioden', async () => {
		await admin.goto(`${BASE}/people/bo`);
		const t = await text(admin);
		check(t.includes('Pausen fra 1. jan. 2026 til 31. aug. 2026 var under et år, så de to udpegninger tæller som én periode.'),
			'pausen forklares');
		check(t.includes('1. jan. 2022 – ingen slutdato, sidste tilladte dag 31. dec. 2024'), 'perioden med sidste tilladte dag');
		check(t.includes('perioden startede 1. jan. 2022'), 'ved udpegningen fra 2026 står, hvorfra dagen regnes');
		await both(admin, narrow, 'person-periode');
	});

	await test('12: personer vælges ved navn, og id laves af navnet', async () => {
		const meetings = JSON.parse(fk(['meeting', 'list', '--year', '2027', '--json'])).meetings;
		await admin.goto(`${BASE}/meetings/${meetings[0].id}`);
		const prop = admin.getByLabel('Forslagsstiller');
		check(await prop.evaluate((e) => e.tagName) === 'SELECT', 'forslagsstilleren vælges i en liste');
		const labels = await prop.locator('option').allInnerTexts();
		check(labels.includes('Mette Kjær – København'), `navn og kommune i listen: ${labels.slice(0, 4).join(' | ')}`);
		const swap = admin.getByLabel('Byt med');
		check(await swap.evaluate((e) => e.tagName) === 'SELECT', 'byt med vælges i en liste');
		await look(admin, 'moede-vaelgere');
		await admin.goto(`${BASE}/person-new`);
		await admin.getByLabel('Navn').fill('Åse Ærø Østergård');
		await submit(admin, admin.getByRole('button', { name: 'Opret person' }));
		check(/person=aase-aeroe-oestergaard/.test(admin.url()), `id af navnet: ${admin.url()}`);
		check(await admin.locator('#person option:checked').innerText() === 'Åse Ærø Østergård', 'udpeg-formularen har personen valgt');
		await both(admin, narrow, 'udpeg');
	});

	await test('14: tabellen passer ved 1280 px, menuen er kort ved 390 px, lange overskrifter brydes', async () => {
		await admin.goto(`${BASE}/people/sg01`);
		const fits = await admin.evaluate(() => {
			const t = document.querySelector('main table'), w = t.closest('.table-wrap') || t.parentElement;
			return t.getBoundingClientRect().right <= w.getBoundingClientRect().right + 1;
		});
		check(fits, 'persontabellen går ud over sin boks ved 1280 px');
		check(await admin.getByRole('link', { name: /^Afslut/ }).first().isVisible(), '»Afslut« er synlig');
		await narrow.goto(`${BASE}/people`);
		const h = await narrow.locator('header.top').evaluate((e) => e.getBoundingClientRect().height);
		check(h <= 200, `menuen fylder ${Math.round(h)} px ved 390 px`);
		fk(['person', 'add', 'lang', '--name', 'Anne-Kathrine Skovgaard-Christiansen-Vestergaard-Rasmussen-Bøgelund']);
		await narrow.goto(`${BASE}/people/lang`);
		const over = await narrow.evaluate(() => document.querySelector('h1').scrollWidth > document.documentElement.clientWidth);
		check(!over, 'den lange overskrift går ud over skærmen');
		const wide = await narrow.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
		check(!wide, 'siden kan rulles vandret ved 390 px');
		await look(narrow, 'lang-overskrift-390');
	});

	await test('15: tabellen sorteres, og personer findes på kommune og e-mail', async () => {
		await admin.goto(`${BASE}/people`);
		await submit(admin, admin.getByRole('link', { name: 'Kommune', exact: true }));
		check(await admin.locator('th[aria-sort="ascending"]').innerText().then((t) => t.startsWith('Kommune')), 'kommune-kolonnen er sorteret');
		const first = await admin.locator('table.people-list tbody tr td').first().innerText();
		check(first === 'Aabenraa', `første kommune: ${first}`);
		await submit(admin, admin.getByRole('link', { name: 'Kommune', exact: true }));
		check(await admin.locator('th[aria-sort="descending"]').count() === 1, 'et klik mere vender rækkefølgen');
		await both(admin, narrow, 'personer-sorteret');
		await admin.getByRole('searchbox', { name: 'Søg' }).fill('Odense');
		await submit(admin, admin.getByRole('button', { name: 'Søg' }));
		const names = await admin.locator('table.people-list tbody th').allInnerTexts();
		check(names.some((n) => n.startsWith('Bo Periode')) && names.some((n) => n.startsWith('Sofie Dahl')), `søgt på kommune: ${names.join(', ')}`);
		await admin.getByRole('searchbox', { name: 'Søg' }).fill('mkj@demo');
		await submit(admin, admin.getByRole('button', { name: 'Søg' }));
		const byMail = await admin.locator('table.people-list tbody th').allInnerTexts();
		check(byMail.length === 1 && byMail[0].startsWith('Mette Kjær'), `søgt på e-mail: ${byMail.join(', ')}`);
	});

	await test('uden JavaScript: ret, slet og læg sammen', async () => {
		const ctx = await newContext({ javaScriptEnabled: false });
		const page = await ctx.newPage();
		await login(page, 'admin');
		await page.goto(`${BASE}/people/lang/edit`);
		await page.getByLabel('Navn').fill('Anne Lang');
		await submit(page, page.getByRole('button', { name: 'Gem ændringen' }));
		check((await text(page)).includes('Navn og e-mail er rettet'), 'uden JS: rettelsen er gemt');
		await page.goto(`${BASE}/people/lang/merge`);
		await page.locator('#gone').selectOption('aase-aeroe-oestergaard');
		await submit(page, page.getByRole('button', { name: 'Læg sammen' }));
		check((await text(page)).includes('Personerne er lagt sammen'), 'uden JS: lagt sammen');
		await ctx.close();
	});
}

await runSuite(async () => {
	setup();
	BASE = await startServer();
	await launchBrowser();
	await run();
});
