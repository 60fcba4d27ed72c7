// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// Browser tests of the meeting's documents (issue 12) in Debian's headless Chromium
// (playwright-core): before dispatch the secretariat previews the packet as PDF from the
// meeting page and a member is told it comes with the dispatch; after dispatch the member
// downloads the version sent out and reads its SHA-256 on the page, which matches the bytes;
// an amendment makes version 2, and the page lists the earlier version with what changed.
// axe-core (WCAG 2.1 A and AA) on every page visited; screenshots at 1280 and 390 px wide in
// build/screenshots/documents-*.png.
//
// Usage: node documents12.mjs [--keep] [--filter TEXT]   Environment: FKIGOV, CHROMIUM.
// The last line printed is "browser (dokumenter): N passed, N failed".
import { createHash } from 'node:crypto';

import {
	addUser, check, fk, initDemo, launchBrowser, login, look, newContext, runSuite, startServer, suite, test, text,
} from './lib.mjs';

suite({
	label: 'browser (dokumenter)', name: 'documents', env: { FKIGOV_TODAY: '2027-02-01' }, serverLogCheck: true,
	pageRules: ['lang', 'title', 'h1', 'landmarks', 'scripts', 'styles', 'ids', 'describedby', 'labels'],
});
const PHONE = { width: 390, height: 844 };
let BASE = '';

async function pdfVia(page, href) {
	const r = await page.request.get(`${BASE}${href}`);
	return { status: r.status(), type: r.headers()['content-type'], body: await r.body() };
}

async function run() {
	await test('dokumenter: sekretariatet forhåndsviser mødepakken; medlemmet venter på udsendelsen', async () => {
		const admin = await (await newContext()).newPage();
		await login(admin, 'admin');
		await admin.goto(`${BASE}/meetings/1`);
		const link = admin.getByRole('link', { name: 'Forhåndsvis dagsorden med bilag som PDF' });
		check(await link.isVisible(), 'sekretariatet ser forhåndsvisningen');
		const pdf = await pdfVia(admin, await link.getAttribute('href'));
		check(pdf.status === 200 && pdf.type === 'application/pdf' && pdf.body.subarray(0, 5).toString() === '%PDF-',
			`forhåndsvisningen er en PDF (${pdf.status} ${pdf.type})`);
		await look(admin, 'moede-forhaand', { route: '/meetings/{id}' });
		const member = await (await newContext()).newPage();
		await login(member, 'medlem');
		await member.goto(`${BASE}/meetings/1`);
		check(!(await member.getByRole('link', { name: /dagsorden med bilag som PDF/ }).count()),
			'medlemmet har intet link før udsendelsen');
		const r = await pdfVia(member, '/meetings/1/packet.pdf');
		check(r.status === 403 && r.body.toString().includes('når sekretariatet har udsendt dagsordenen'),
			`medlemmet får at vide, hvornår pakken kommer (${r.status})`);
		await member.context().close();
		await admin.context().close();
	});

	await test('dokumenter: efter udsendelsen henter medlemmet udgaven med kontrolsum; en rettelse giver udgave 2', async () => {
		fk(['meeting', 'dispatch', '1', '--date', '2027-02-01']);
		const member = await (await newContext()).newPage();
		await login(member, 'medlem');
		await member.goto(`${BASE}/meetings/1`);
		const link = member.getByRole('link', { name: 'Hent dagsorden med bilag som PDF' });
		check(await link.isVisible(), 'medlemmet ser linket efter udsendelsen');
		const v1 = await pdfVia(member, await link.getAttribute('href'));
		const sha1 = createHash('sha256').update(v1.body).digest('hex');
		const shown = (await member.locator('.documents code.hash').first().innerText()).trim();
		check(shown === sha1, `kontrolsummen på siden er filens (${shown.slice(0, 12)} / ${sha1.slice(0, 12)})`);
		check((await member.locator('.documents').innerText()).includes('udgave 1'), 'siden nævner udgave 1');
		await look(member, 'moede-udsendt');
		fk(['meeting', 'amend', '1', '--item', '2', '--reason', 'Nyt bilag fra KOMBIT', '--presenter', 'Åse Ærø']);
		await member.goto(`${BASE}/meetings/1`);
		const v2 = await pdfVia(member, '/meetings/1/packet.pdf');
		const sha2 = createHash('sha256').update(v2.body).digest('hex');
		check(sha2 !== sha1 && (await member.locator('.documents code.hash').first().innerText()).trim() === sha2,
			'efter rettelsen viser siden den nye kontrolsum');
		await member.getByText('Tidligere udgaver og hvad der er ændret').click();
		const hist = await member.locator('.documents details').innerText();
		check(hist.includes('Punkt 2: Nyt bilag fra KOMBIT') && hist.includes('Første udsendelse') && hist.includes(sha1),
			`udgaverne med ændringerne: ${hist.slice(0, 200)}`);
		const old = await pdfVia(member, '/meetings/1/packet.pdf?version=1');
		check(createHash('sha256').update(old.body).digest('hex') === sha1, 'udgave 1 kan stadig hentes uændret');
		await look(member, 'moede-udgaver');
		const phone = await (await newContext({ viewport: PHONE })).newPage();
		await login(phone, 'medlem');
		await phone.goto(`${BASE}/meetings/1`);
		await look(phone, 'moede-dokumenter-390');
		check((await text(phone)).includes('Dokumenter'), 'dokumenterne står også på telefonen');
		await phone.context().close();
		await member.context().close();
	});
}

await runSuite(async () => {
	initDemo();
	addUser('admin', 'admin');
	addUser('medlem', 'member', 'sg01');
	fk(['cycle', 'plan', '2027', '--dates', '2027-03-04,2027-06-10,2027-09-09,2027-12-02', '--place', 'KOMBIT, Halfdansgade 8', '--save']);
	fk(['meeting', 'agenda', '1']);
	BASE = await startServer();
	await launchBrowser();
	await run();
});
