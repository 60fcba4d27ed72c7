// SPDX-FileCopyrightText: 2026 fkigov contributors
// SPDX-License-Identifier: MPL-2.0
// Reads iTIP invitations (text/calendar parts saved from real messages by
// tests/web/invite_test.py) with an independent parser, ical.js, and checks each against what
// the test expects: METHOD, UID, SEQUENCE, STATUS, ORGANIZER, ATTENDEE, LOCATION, and the
// start as a UTC instant through the VTIMEZONE for Europe/Copenhagen the object carries.
//
// Usage: node itip_check.mjs CASES.json
//   CASES.json: [{"file": "...ics", "method": "REQUEST", "uid": "...", "sequence": 0,
//                 "organizer": "mailto:...", "attendee": "mailto:...", "location": "..."|null,
//                 "start_utc": "2027-03-09T08:00:00Z", "status": "CONFIRMED"}]
// The last line printed is "itip: N passed, N failed"; exit status 1 when any failed.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

let passed = 0, failed = 0;
function check(ok, what) {
	if (ok) passed++;
	else { failed++; console.log('FEJL: ' + what); }
}

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
for (const c of cases) {
	const text = readFileSync(c.file, 'utf8');
	let cal;
	try {
		cal = new ICAL.Component(ICAL.parse(text));
	} catch (e) {
		check(false, `${c.file}: ical.js cannot parse it: ${e.message}`);
		continue;
	}
	const tzs = cal.getAllSubcomponents('vtimezone');
	check(tzs.length === 1 && tzs[0].getFirstPropertyValue('tzid') === 'Europe/Copenhagen',
		`${c.file}: one VTIMEZONE for Europe/Copenhagen`);
	for (const tz of tzs) ICAL.TimezoneService.register(tz);
	check(cal.getFirstPropertyValue('method') === c.method, `${c.file}: METHOD ${cal.getFirstPropertyValue('method')} is ${c.method}`);
	check(cal.getFirstPropertyValue('version') === '2.0', `${c.file}: VERSION 2.0`);
	const vevents = cal.getAllSubcomponents('vevent');
	if (!check(vevents.length === 1, `${c.file}: one VEVENT (${vevents.length})`) && vevents.length === 0) continue;
	const v = vevents[0], e = new ICAL.Event(v);
	check(e.uid === c.uid, `${c.file}: UID ${e.uid} is ${c.uid}`);
	check(e.sequence === c.sequence, `${c.file}: SEQUENCE ${e.sequence} is ${c.sequence}`);
	check(v.getFirstPropertyValue('status') === c.status, `${c.file}: STATUS ${v.getFirstPropertyValue('status')} is ${c.status}`);
	check(v.getFirstPropertyValue('organizer') === c.organizer, `${c.file}: ORGANIZER ${v.getFirstPropertyValue('organizer')}`);
	const att = v.getAllProperties('attendee');
	check(att.length === 1 && att[0].getFirstValue() === c.attendee, `${c.file}: the one ATTENDEE is ${c.attendee}`);
	check(att.length === 1 && att[0].getParameter('rsvp') === 'FALSE' && att[0].getParameter('partstat') === 'NEEDS-ACTION',
		`${c.file}: ATTENDEE with PARTSTAT=NEEDS-ACTION and RSVP=FALSE`);
	check((v.getFirstPropertyValue('location') ?? null) === c.location, `${c.file}: LOCATION ${v.getFirstPropertyValue('location')} is ${c.location}`);
	const tzid = v.getFirstProperty('dtstart').getParameter('tzid');
	check(tzid === 'Europe/Copenhagen', `${c.file}: DTSTART has TZID=Europe/Copenhagen (${tzid})`);
	const utc = e.startDate.toJSDate().toISOString().replace('.000', '');
	check(utc === c.start_utc, `${c.file}: starts ${utc}, expected ${c.start_utc}`);
	check(e.endDate.compare(e.startDate) > 0, `${c.file}: ends after it starts`);
	check(!!v.getFirstPropertyValue('dtstamp'), `${c.file}: DTSTAMP`);
}
console.log(`itip: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
