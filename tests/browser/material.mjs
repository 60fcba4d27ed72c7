// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// Browser tests of written material files on agenda items in Debian's headless Chromium
// (playwright-core): the secretariat uploads a PDF through the file input on the meeting
// page, sees it listed at the item with its type and size, and downloads it by the link
// (same bytes, the Danish name); a file of the wrong type gets the error next to the field;
// the file is removed again; the upload form is reached and used with the keyboard alone;
// everything works with JavaScript turned off. axe-core (WCAG 2.1 A and AA) on the meeting
// page with files and with the error, zero violations; screenshots in
// build/screenshots/material-*.png.
//
// Usage: node material.mjs [--keep] [--filter TEXT]   Environment: FKIGOV (default build/fkigov), CHROMIUM.
// The last line printed is "browser (materiale): N passed, N failed".

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
	addUser, check, fk, focused, initDemo, launchBrowser, login, look, newContext, runSuite, startServer, submit, suite,
	tabTo, test,
} from './lib.mjs';

suite({ label: 'browser (materiale)', name: 'material', env: { FKIGOV_TODAY: '2027-01-20' } });
let BASE = '';

function setup() {
	initDemo();
	addUser('admin', 'admin');
	fk(['cycle', 'plan', '2027', '--dates', '2027-03-04,2027-06-10,2027-09-09,2027-12-02', '--save']);
	fk(['meeting', 'agenda', '1']);
}

// ---------------------------------------------------------------- files

// A small PDF whose bytes depend on tag.
const pdf = (tag) => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'latin1');
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

// Every context takes downloads.
const context = (opts = {}) => newContext({ acceptDownloads: true, ...opts });

// ---------------------------------------------------------------- the tests

async function run() {
	const ctx = await context();
	const admin = await ctx.newPage();
	await login(admin, 'admin');
	const url = `${BASE}/meetings/1`;
	const name = 'Notat om økonomi.pdf';
	const bytes = pdf('notat');

	await test('materiale: sekretariatet lægger en PDF på punkt 1 med filvælgeren', async () => {
		await admin.goto(url);
		const item = admin.locator('#punkt-1');
		check((await item.innerText()).includes('Materiale mangler.'), 'punktet mangler materiale');
		await item.locator('summary', { hasText: 'Læg en fil på punkt 1' }).click();
		const input = item.getByLabel('Fil til punkt 1');
		check((await input.getAttribute('type')) === 'file', 'feltet er en filvælger');
		check((await input.getAttribute('accept')).includes('.pdf'), 'accept nævner .pdf');
		await input.setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
		const resp = await submit(admin, item.getByRole('button', { name: 'Læg filen på' }));
		check(resp.status() === 200, `efter upload: ${resp.status()}`);
		check((await admin.locator('.notice.ok').innerText()).includes('Filen er lagt på punktet'), 'kvittering');
		const t = await admin.locator('#punkt-1').innerText();
		check(t.includes(name) && t.includes('PDF') && t.includes('byte'), `filen står ved punktet: ${t.slice(0, 300)}`);
		check(!t.includes('Materiale mangler.'), 'punktet mangler ikke længere materiale');
		await look(admin, 'med-fil');
	});

	await test('materiale: linket henter filen (samme bytes, det danske navn)', async () => {
		const link = admin.locator('#punkt-1').getByRole('link', { name });
		const href = await link.getAttribute('href');
		check(/^\/material\/\d+$/.test(href), `linket peger på /material/ID: ${href}`);
		const [dl] = await Promise.all([admin.waitForEvent('download'), link.click()]);
		check(dl.suggestedFilename() === name, `filnavnet ved hentning: ${dl.suggestedFilename()}`);
		const got = readFileSync(await dl.path());
		check(sha256(got) === sha256(bytes), 'samme SHA-256 som den lagte fil');
		const r = await admin.request.get(`${BASE}${href}`);
		check(r.status() === 200 && r.headers()['content-type'] === 'application/pdf', `hentning: ${r.status()} ${r.headers()['content-type']}`);
		check(r.headers()['content-disposition'].startsWith('attachment;'), 'vedhæftet fil');
		check(admin.url() === url || admin.url().startsWith(url), `siden bliver stående: ${admin.url()}`);
	});

	await test('materiale: en HTML-fil kaldt .pdf afvises med fejlen ved feltet', async () => {
		await admin.goto(url);
		const item = admin.locator('#punkt-2');
		await item.locator('summary', { hasText: 'Læg en fil på punkt 2' }).click();
		await item.getByLabel('Fil til punkt 2').setInputFiles({ name: 'side.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>') });
		const resp = await submit(admin, item.getByRole('button', { name: 'Læg filen på' }));
		check(resp.status() === 400, `forkert type: ${resp.status()}`);
		const input = admin.locator('#i2-up-file');
		check((await input.getAttribute('aria-invalid')) === 'true', 'feltet er markeret ugyldigt');
		check((await input.getAttribute('aria-describedby')).includes('i2-up-file-fejl'), 'fejlen er knyttet til feltet');
		check((await admin.locator('#i2-up-file-fejl').innerText()).includes('en HTML-side'), 'fejlen nævner typen ved navn');
		await admin.locator('.error-summary a[href="#i2-up-file"]').click();
		check((await focused(admin)).id === 'i2-up-file', 'fejlopsummeringen fører til feltet');
		await look(admin, 'fejl');
	});

	await test('materiale: kun med tastaturet – find formularen, vælg fil, læg den på', async () => {
		await admin.goto(url);
		await admin.locator('body').click({ position: { x: 1, y: 1 } });
		// The upload form is folded: Tab to its summary, open it with Enter, Tab to the file.
		const s = await tabTo(admin, (x) => x.tag === 'summary' && x.text.startsWith('Læg en fil på punkt 2'),
			'foldningen', 300, { checkFocus: false }).catch(() => null);
		if (!check(s, 'foldningen »Læg en fil på punkt 2« nås med Tab')) return;
		await admin.keyboard.press('Enter');
		await admin.keyboard.press('Tab');
		const f = await focused(admin);
		if (!check(f && f.id === 'i2-up-file' && f.type === 'file', `så filvælgeren: ${JSON.stringify(f)}`)) return;
		// The file chooser opens with Space (or Enter); the file is chosen there, then Tab and
		// Enter. Chromium now and then drops the first key's chooser in headless mode, so the
		// keys are tried in turn; focus stays on the field throughout.
		let chooser = null;
		for (const key of ['Space', 'Enter', 'Space']) {
			const wait = admin.waitForEvent('filechooser', { timeout: 4000 }).catch(() => null);
			await admin.keyboard.press(key);
			if ((chooser = await wait)) break;
			check((await focused(admin)).id === 'i2-up-file', `fokus bliver på filvælgeren efter ${key}`);
		}
		if (!check(chooser, 'filvælgeren åbner fra tastaturet')) return;
		await chooser.setFiles({ name: 'tastatur.pdf', mimeType: 'application/pdf', buffer: pdf('tastatur') });
		await admin.keyboard.press('Tab');
		const b = await focused(admin);
		check(b.tag === 'button' && b.text.startsWith('Læg filen på'), `så knappen: ${JSON.stringify(b)}`);
		const [resp] = await Promise.all([admin.waitForNavigation(), admin.keyboard.press('Enter')]);
		check(resp.status() === 200 && (await admin.locator('#punkt-2').innerText()).includes('tastatur.pdf'), 'filen er lagt på med tastaturet');
	});

	await test('materiale: sekretariatet fjerner en fil, før dagsordenen er udsendt', async () => {
		await admin.goto(url);
		const btn = admin.locator('#punkt-2').getByRole('button', { name: 'Fjern filen tastatur.pdf fra punkt 2' });
		check(await btn.count() === 1, 'knappen har et navn, der siger hvilken fil');
		await submit(admin, btn);
		check((await admin.locator('.notice.ok').innerText()).includes('Filen er fjernet'), 'kvittering');
		check(!(await admin.locator('#punkt-2').innerText()).includes('tastatur.pdf'), 'filen er væk');
	});

	await test('materiale: uden JavaScript', async () => {
		const nojs = await (await context({ javaScriptEnabled: false })).newPage();
		await login(nojs, 'admin');
		await nojs.goto(url);
		const item = nojs.locator('#punkt-2');
		await item.locator('summary', { hasText: 'Læg en fil på punkt 2' }).click();
		await item.getByLabel('Fil til punkt 2').setInputFiles({ name: 'Bilag å.pdf', mimeType: 'application/pdf', buffer: pdf('nojs') });
		const resp = await submit(nojs, item.getByRole('button', { name: 'Læg filen på' }));
		check(resp.status() === 200, `uden JS: ${resp.status()}`);
		check((await nojs.locator('#punkt-2').innerText()).includes('Bilag å.pdf'), 'filen står ved punktet');
		const [dl] = await Promise.all([nojs.waitForEvent('download'), nojs.locator('#punkt-2').getByRole('link', { name: 'Bilag å.pdf' }).click()]);
		check(sha256(readFileSync(await dl.path())) === sha256(pdf('nojs')), 'hentet uden JS');
		await nojs.context().close();
	});
}

await runSuite(async () => {
	setup();
	BASE = await startServer();
	await launchBrowser();
	await run();
});
