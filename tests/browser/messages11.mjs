// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// Browser tests of messages (issue 11) in Debian's headless Chromium (playwright-core): a
// member sees on /my the messages fkigov has sent them, chooses the daily digest with the
// keyboard-friendly radio buttons and reads one message; the secretariat reads the outbox on
// /mail and a message from it. axe-core (WCAG 2.1 A and AA) on every page visited;
// screenshots at 1280 and 390 px wide in build/screenshots/messages11-*.png.
//
// Usage: node messages11.mjs [--keep] [--filter TEXT]   Environment: FKIGOV, CHROMIUM.
// The last line printed is "browser (beskeder): N passed, N failed".
import { spawnSync } from 'node:child_process';
import {
	BIN, addUser, check, fk, initDemo, launchBrowser, login, look, newContext, runSuite, startServer, submit, suite,
	test, text,
} from './lib.mjs';

const env = { FKIGOV_TODAY: '2026-12-03', FKIGOV_MAIL_FROM: 'Sekretariat FKI <fki@kombit.dk>' };
const { DB } = suite({
	label: 'browser (beskeder)', name: 'messages11', env, serverLogCheck: true,
	pageRules: ['lang', 'title', 'h1', 'landmarks', 'scripts', 'styles', 'ids', 'describedby', 'labels'],
});
const PHONE = { width: 390, height: 844 };
let BASE = '';

async function run() {
	await test('beskeder: medlemmet ser sine beskeder og vælger dagligt sammendrag', async () => {
		const page = await (await newContext()).newPage();
		await login(page, 'medlem');
		const r = await page.goto(`${BASE}/my`);
		check(r.status() === 200, `GET /my: ${r.status()}`);
		const t = await text(page);
		check(t.includes('Mine beskeder') && t.includes('Invitation: Styregruppemøde 1/2027'), 'invitationerne står på /my');
		check(t.includes('Din periode i Kommunestyregruppe udløber'), 'orienteringen om perioden står på /my');
		await look(page, 'my');
		await page.getByLabel('Saml orienteringer i én e-mail om dagen (kl. 7.00)').check();
		const ok = await submit(page, page.getByRole('button', { name: 'Gem mit valg' }));
		check(ok.status() === 200, `valget gav ${ok.status()}`);
		check((await page.locator('#beskeder ~ .notice.ok, .notice.ok').first().innerText()).includes('samles nu i én e-mail om dagen'), 'kvittering for valget');
		check(await page.getByLabel('Saml orienteringer i én e-mail om dagen (kl. 7.00)').isChecked(), 'valget står nu som valgt');
		await look(page, 'my-valgt');
		await page.getByRole('link', { name: /Din periode i Kommunestyregruppe udløber/ }).first().click();
		await page.waitForLoadState();
		check((await page.locator('h1').innerText()).startsWith('Din periode'), `beskedens side: ${await page.locator('h1').innerText()}`);
		check((await text(page)).includes('Med venlig hilsen'), 'beskedens tekst vises');
		await look(page, 'besked');
		const phone = await (await newContext({ viewport: PHONE })).newPage();
		await login(phone, 'medlem');
		await phone.goto(`${BASE}/my#beskeder`);
		await look(phone, 'my-390');
		await phone.context().close();
		await page.context().close();
	});

	await test('beskeder: sekretariatet ser udbakken og en besked', async () => {
		const page = await (await newContext()).newPage();
		await login(page, 'admin');
		const r = await page.goto(`${BASE}/mail`);
		check(r.status() === 200, `GET /mail: ${r.status()}`);
		const t = await text(page);
		check(t.includes('Der er ikke sat en postserver op'), 'udbakken siger, at postserveren mangler');
		check(t.includes('Venter på sammendrag'), 'fanerne har sammendragets tilstande');
		await look(page, 'udbakke');
		await page.getByRole('link', { name: /Invitation: Styregruppemøde 1\/2027/ }).first().click();
		await page.waitForLoadState();
		check((await text(page)).includes('invitation.ics'), 'invitationens vedhæftning nævnes');
		await look(page, 'udbakke-besked');
		await page.getByRole('link', { name: 'Udbakke' }).first().click();
		await page.waitForLoadState();
		await page.getByRole('link', { name: /Venter på sammendrag/ }).click();
		await page.waitForLoadState();
		check(page.url().endsWith('/mail?status=held'), `fanen: ${page.url()}`);
		await look(page, 'udbakke-held');
		await page.context().close();
	});
}

await runSuite(async () => {
	initDemo();
	addUser('admin', 'admin');
	addUser('medlem', 'member', 'sg01');
	fk(['cycle', 'plan', '2027', '--dates', '2027-03-09,2027-06-08,2027-09-14,2027-12-07', '--place', 'KL-huset, Weidekampsgade 10, København S', '--save']);
	// `mail send` without a mail server queues what the calendar makes due (the term
	// expiring) and then says the server is missing (exit 2).
	const p = spawnSync(BIN, ["--db", DB, "mail", "send"], { encoding: 'utf8', env: { ...process.env, ...env } });
	check(p.status === 2 && p.stderr.includes('FKIGOV_SMTP_URL'), `mail send uden postserver: ${p.status}`);
	BASE = await startServer();
	await launchBrowser();
	await run();
});
