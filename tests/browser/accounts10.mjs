// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// Browser tests of accounts in the browser (issue 10) in Debian's headless Chromium
// (playwright-core): the secretariat creates an account on /accounts with a person chosen
// from the register, copies the one-time link, the person opens it in a fresh browser
// (another context, no cookies), chooses a password — a mistake first — and logs in; the
// link then works no more; the secretariat resets a password and makes a token. axe-core
// (WCAG 2.1 A and AA) on every page visited; screenshots of /accounts, the account's page
// and the link's page at 1280 and 390 px wide in build/screenshots/accounts10-*.png.
//
// Usage: node accounts10.mjs [--keep] [--filter TEXT]   Environment: FKIGOV, CHROMIUM.
// The last line printed is "browser (konti): N passed, N failed".

import {
	addUser, check, initDemo, launchBrowser, login, look, newContext, runSuite, startServer, submit, suite, test, text,
} from './lib.mjs';

suite({
	label: 'browser (konti)', name: 'accounts10', env: { FKIGOV_TODAY: '2026-11-27' }, serverLogCheck: true,
	pageRules: ['lang', 'title', 'h1', 'landmarks', 'scripts', 'styles', 'ids', 'describedby', 'labels'],
});
const PHONE = { width: 390, height: 844 };
const NEW_PASSWORD = 'solsikker i september';
let BASE = '';

async function run() {
	const admin = await (await newContext()).newPage();
	await login(admin, 'admin');
	let link = '';

	await test('konti: sekretariatet opretter en konto og får et engangslink', async () => {
		const r = await admin.goto(`${BASE}/accounts`);
		check(r.status() === 200, `GET /accounts: ${r.status()}`);
		check(!(await text(admin)).includes('kommandolinjen'), 'siden henviser ikke til kommandolinjen');
		await look(admin, 'konti');
		// A member without a person first: the form says what is wrong, next to the field.
		await admin.getByLabel('Brugernavn').fill('lars.holm');
		await admin.getByLabel('Rolle').selectOption('member');
		const bad = await submit(admin, admin.getByRole('button', { name: 'Opret konto' }));
		check(bad.status() === 400, `medlem uden person gav ${bad.status()}`);
		check((await admin.locator('#person-fejl').innerText()).includes('Et medlem skal knyttes til en person'), 'fejlen står ved personen');
		check((await admin.getByLabel('Brugernavn').inputValue()) === 'lars.holm', 'brugernavnet er bevaret');
		await look(admin, 'opret-fejl');
		await admin.getByLabel('Person', { exact: true }).selectOption({ label: 'Lars Holm (Aarhus)' });
		const ok = await submit(admin, admin.getByRole('button', { name: 'Opret konto' }));
		check(ok.status() === 200, `opret gav ${ok.status()}`);
		check((await admin.locator('h1').innerText()) === 'Kontoen lars.holm', `overskrift: ${await admin.locator('h1').innerText()}`);
		link = await admin.getByLabel('Engangslink til lars.holm').inputValue();
		check(/^http:\/\/127\.0\.0\.1:\d+\/password\/[0-9a-f]{64}$/.test(link), `linket: ${link}`);
		check(/Linket er sendt på e-mail til \S+@\S+\. Du kan også give det til personen selv/.test(await text(admin)), 'siden siger, at linket er sendt på e-mail, og at det også kan gives personligt');
		await look(admin, 'konto-link');
		const phone = await (await newContext({ viewport: PHONE })).newPage();
		await login(phone, 'admin');
		await phone.goto(`${BASE}/accounts`);
		await look(phone, 'konti-390');
		await phone.goto(`${BASE}/accounts/lars.holm`);
		await look(phone, 'konto-390');
		await phone.context().close();
	});

	await test('konti: personen åbner linket i en ny browser og vælger adgangskode', async () => {
		for (const [viewport, name] of [[PHONE, 'link-390'], [undefined, 'link']]) {
			const ctx = await newContext(viewport ? { viewport } : {});
			const page = await ctx.newPage();
			const r = await page.goto(link);
			check(r.status() === 200, `${name}: GET linket gav ${r.status()}`);
			check((await page.locator('h1').innerText()) === 'Vælg din adgangskode', 'overskriften');
			check((await page.getByLabel('Brugernavn').inputValue()) === 'lars.holm', 'brugernavnet står der');
			await look(page, name);
			if (name === 'link-390') { await ctx.close(); continue; }
			// Two different passwords first.
			await page.getByLabel('Ny adgangskode').fill(NEW_PASSWORD);
			await page.getByLabel('Gentag adgangskoden').fill('noget helt andet her');
			const bad = await submit(page, page.getByRole('button', { name: 'Gem adgangskoden' }));
			check(bad.status() === 400, `forskellige adgangskoder gav ${bad.status()}`);
			check((await page.locator('#password2-fejl').innerText()).includes('ikke ens'), 'fejlen står ved gentagelsen');
			await look(page, 'link-fejl');
			await page.getByLabel('Ny adgangskode').fill(NEW_PASSWORD);
			await page.getByLabel('Gentag adgangskoden').fill(NEW_PASSWORD);
			const ok = await submit(page, page.getByRole('button', { name: 'Gem adgangskoden' }));
			check(ok.status() === 200, `gem gav ${ok.status()}`);
			check((await page.locator('h1').innerText()) === 'Din adgangskode er gemt', 'kvitteringen');
			await look(page, 'link-gemt');
			// Log in right there: the login is filled in.
			check((await page.getByLabel('Brugernavn').inputValue()) === 'lars.holm', 'brugernavnet er udfyldt');
			await page.getByLabel('Adgangskode', { exact: true }).fill(NEW_PASSWORD);
			await submit(page, page.getByRole('button', { name: 'Log ind' }));
			check((await page.locator('.who').innerText()).includes('lars.holm'), 'lars.holm er logget ind');
			// The link works once.
			const again = await page.goto(link);
			check(again.status() === 410, `linket igen gav ${again.status()}`);
			check((await text(page)).includes('allerede brugt'), 'siden siger, at linket er brugt');
			await look(page, 'link-brugt');
			await ctx.close();
		}
	});

	await test('konti: rolle, nyt link og token på kontoens side', async () => {
		await admin.goto(`${BASE}/accounts/lars.holm`);
		await admin.getByLabel('Rolle').selectOption('viewer');
		await admin.getByLabel('Person', { exact: true }).selectOption('');
		await submit(admin, admin.getByRole('button', { name: 'Gem rolle og person' }));
		check((await admin.locator('.notice.ok').innerText()).includes('Kontoen lars.holm er ændret'), 'kvittering for rollen');
		check((await admin.locator('dl.facts').innerText()).includes('læser'), 'rollen er nu læser');
		await submit(admin, admin.getByRole('button', { name: 'Lav et engangslink' }));
		const reset = await admin.getByLabel('Engangslink til lars.holm').inputValue();
		check(reset !== link && /\/password\/[0-9a-f]{64}$/.test(reset), 'et nyt link');
		await admin.getByLabel('Note (frivillig)').fill('ESDH');
		await admin.getByLabel('Antal dage, tokenet virker').fill('30');
		await submit(admin, admin.getByRole('button', { name: 'Lav token' }));
		const token = await admin.getByLabel("Token til API'et").inputValue();
		check(/^fkg_[0-9a-f]{64}$/.test(token), 'tokenet vises');
		const api = await fetch(`${BASE}/api/v1/findings`, { headers: { Authorization: `Bearer ${token}` } });
		check(api.status === 200, `tokenet virker: ${api.status}`);
		await look(admin, 'konto-token');
	});
}

await runSuite(async () => {
	initDemo();
	addUser('admin', 'admin');
	BASE = await startServer();
	await launchBrowser();
	await run();
});
