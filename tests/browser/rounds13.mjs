// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// Browser tests of the public recruitment call (issue 13) in Debian's headless Chromium
// (playwright-core): a candidate finds the call from the footer, applies with the keyboard
// only, and again without JavaScript after first sending the form empty (the errors next to
// their fields and in a summary). axe-core (WCAG 2.1 A and AA) on every page visited;
// screenshots at 1280 and 390 px in build/screenshots/rounds13-*.png.
//
// Usage: node rounds13.mjs [--keep] [--filter TEXT]   Environment: FKIGOV, CHROMIUM.
// The last line printed is "browser (rekruttering): N passed, N failed".
import {
	check, fk, initDemo, launchBrowser, look, newContext, runSuite, startServer, submit, suite, test, text,
} from './lib.mjs';

suite({
	label: 'browser (rekruttering)', name: 'rounds13', env: { FKIGOV_TODAY: '2027-03-01' }, serverLogCheck: true,
	pageRules: ['lang', 'title', 'h1', 'landmarks', 'scripts', 'styles', 'ids', 'describedby', 'labels'],
});
const PHONE = { width: 390, height: 844 };
let BASE = '';

async function run() {
	await test('rekruttering: en kandidat søger med tastaturet alene', async () => {
		const page = await (await newContext()).newPage();
		await page.goto(`${BASE}/`);
		await page.getByRole('link', { name: 'Ledige pladser' }).click();
		await look(page, 'opslag-liste', { route: '/calls' });
		await page.getByRole('link', { name: /Styregruppen og Forretning 2027/ }).click();
		await look(page, 'opslag', { route: '/calls/{id}' });
		// Keyboard only: Tab to each field in order, type, and press Enter on the button.
		await page.locator('#name').focus();
		await page.keyboard.type('Karen Tastatur');
		await page.keyboard.press('Tab');
		await page.keyboard.type('karen.tastatur@example.dk');
		await page.keyboard.press('Tab');
		await page.keyboard.type('Digitaliseringschef');
		await page.keyboard.press('Tab');
		await page.keyboard.type('Aarhus'); // a select takes the typed name
		await page.keyboard.press('Tab');
		await page.keyboard.press('Space'); // the first group: Kommunestyregruppe
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		await page.keyboard.type('IT- og');
		await page.keyboard.press('Tab');
		await page.keyboard.type('Jeg vil gerne bidrage.');
		const active = await page.evaluate(() => document.activeElement.id);
		check(active === 'motivation', `fokus efter motivationen: ${active}`);
		await page.locator('button[type=submit]').focus();
		await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
		const t = await text(page);
		check(/Dit kvitteringsnummer er FKI-[A-Z2-9]{10}/.test(t), `kvitteringen: ${t.slice(0, 300)}`);
		await look(page, 'kvittering', { route: '/calls/{id}/receipt' });
		await page.context().close();
	});

	await test('rekruttering: uden JavaScript, først med fejl', async () => {
		const nojs = await (await newContext({ javaScriptEnabled: false })).newPage();
		await nojs.goto(`${BASE}/calls/1`);
		let r = await submit(nojs, nojs.getByRole('button', { name: 'Send ansøgning' }));
		check(r.status() === 400, `tom ansøgning gav ${r.status()}`);
		const summary = await nojs.locator('.error-summary').innerText();
		check(summary.includes('Navn: Udfyld dit navn') && summary.includes('Gruppe: Vælg mindst én gruppe'),
			`fejlopsummeringen: ${summary}`);
		await look(nojs, 'opslag-fejl-uden-js', { js: false });
		await nojs.getByLabel('Navn', { exact: true }).fill('Niels Uden Script');
		await nojs.getByLabel('E-mail', { exact: true }).fill('niels@example.dk');
		await nojs.getByLabel('Stilling', { exact: true }).fill('IT-arkitekt');
		await nojs.getByLabel('Kommune', { exact: true }).selectOption('101');
		await nojs.getByLabel('Referencegruppe Forretning', { exact: true }).check();
		await nojs.getByLabel('Profil', { exact: true }).selectOption({ label: 'Fagperson med digitale kompetencer' });
		await nojs.getByLabel('Motivation', { exact: true }).fill('Arkitektur er mit fag.');
		r = await submit(nojs, nojs.getByRole('button', { name: 'Send ansøgning' }));
		check(r.status() === 200 && (await text(nojs)).includes('Tak for din ansøgning'), `ansøgningen uden JavaScript: ${r.status()}`);
		await nojs.context().close();
		const apps = JSON.parse(fk(['round', 'applications', '1', '--json'])).applications;
		check(apps.length === 2 && apps.some((a) => a.name === 'Niels Uden Script'), `ansøgningerne: ${apps.length}`);
		const phone = await (await newContext({ viewport: PHONE })).newPage();
		await phone.goto(`${BASE}/calls/1`);
		await look(phone, 'opslag-390');
		await phone.context().close();
	});
}

await runSuite(async () => {
	initDemo();
	fk(['round', 'create', '--title', 'Styregruppen og Forretning 2027', '--first-day', '2027-07-01', '--deadline',
		'2027-04-15', '--body', 'styregruppe:2:it-digitaliseringschef', '--body', 'rg-forretning:1']);
	fk(['round', 'open', '1']);
	BASE = await startServer();
	await launchBrowser();
	await run();
});
