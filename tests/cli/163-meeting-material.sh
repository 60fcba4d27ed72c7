# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# Material files on agenda items (type by content, SHA-256, size limit, amendments after
# dispatch), the reference groups' status for a meeting, the portfolio overview, and case
# recommendations on the agenda, decided by the minutes once they are approved.
. "$ROOT/tests/cli/lib.sh"
M="$ROOT/tests/data/material"
export FKIGOV_NOW=2027-01-10T10:00:00Z FKIGOV_TODAY=2027-01-10
fk init >/dev/null
fk person add k1 --name "Anne Kommune" >/dev/null
fk appoint k1 styregruppe --seat kommune --municipality 751 --profile it-digitaliseringschef --start 2024-01-01 >/dev/null
fk cycle plan 2027 --dates 2027-03-04,2027-06-10,2027-09-09,2027-12-02 --save >/dev/null 2>&1
fk initiative add fki-1 --name "Fælles login" --body rg-forretning >/dev/null
fk initiative add fki-2 --name "Datafordeler" --body rg-forretning >/dev/null
fk initiative add fki-3 --name "Driftsaftale" --body rg-drift-forvaltning >/dev/null
# A case recommended by the business reference group goes on the agenda as a decision.
fk case raise --title "Prioritering af login" --text "Skal login prioriteres?" --by rg-forretning >/dev/null
fk case assign sag-1 --to rg-forretning --text "Undersøg og indstil" >/dev/null
fk case recommend sag-1 --text "Gruppen indstiller, at login prioriteres i 2027." >/dev/null
expect_rc 0 fk meeting agenda 1 --json
python3 - out <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
it = d["items"][7]
assert it["source"] == "case" and it["ref"] == "sag-1" and it["kind"] == "beslutning", it
assert it["presenter"] == "Referencegruppe Forretning" and it["recommendation"].startswith("Gruppen indstiller"), it
assert it["files"] == 0 and len(d["items"]) == 8, d
PY
# Files: every allowed type; HTML named .pdf, an empty file, a zip and a duplicate refused
# with exit 2 and nothing stored.
for f in notat.pdf notat.docx budget.xlsx oplaeg.pptx billede.png; do
	expect_rc 0 fk meeting material add 1 --item 8 "$M/$f"
done
has out 'Materiale 5 er lagt på punkt 8'
cp "$M/side.html" forklaedt.pdf
before=$(fk audit log --json | wc -c)
expect_rc 2 fk meeting material add 1 --item 8 forklaedt.pdf
has err '^fkigov: --file: Filen »forklaedt.pdf« er en HTML-side, som ikke kan lægges på som materiale\. Brug PDF'
: > tom.pdf
expect_rc 2 fk meeting material add 1 --item 8 tom.pdf
has err 'er tom'
expect_rc 2 fk meeting material add 1 --item 8 "$M/arkiv.zip"
has err 'er en zip-fil'
expect_rc 2 fk meeting material add 1 --item 8 "$M/notat.pdf"
has err 'Punkt 8 har allerede den samme fil \(som »notat.pdf«\)'
expect_rc 2 fk meeting material add 1 --item 99 "$M/tekst.txt"
expect_rc 2 fk meeting material add 1 --item 99 "$M/billede.gif"
has err 'ikke noget punkt 99'
expect_rc 2 fk meeting material add 1 --item 8 /nonexistent/x.pdf
has err 'kan ikke læse filen'
[ "$(fk audit log --json | wc -c)" -eq "$before" ] || fail "en afvist fil ændrede revisionsloggen"
# Over the limit by one byte (8 MiB + 1), exactly at it accepted.
python3 -c "open('stor.pdf','wb').write(b'%PDF-1.4\n' + b'0' * (8*1024*1024 - 9))"
expect_rc 0 fk meeting material add 1 --item 1 stor.pdf
python3 -c "open('for-stor.pdf','wb').write(b'%PDF-1.4\n' + b'0' * (8*1024*1024 - 8))"
expect_rc 2 fk meeting material add 1 --item 1 for-stor.pdf
has err 'fylder 8\.388\.609 byte, men materiale må højst fylde 8\.388\.608 byte'
expect_rc 0 fk meeting material list 1 --json
python3 - out "$M" <<'PY'
import json, sys, hashlib, os
d = json.load(open(sys.argv[1]))
m = d["material"]
assert [x["name"] for x in m] == ["notat.pdf", "notat.docx", "budget.xlsx", "oplaeg.pptx", "billede.png", "stor.pdf"], m
assert [x["item"] for x in m] == [8, 8, 8, 8, 8, 1], m
assert m[1]["mime"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document" and m[1]["type"] == "Word-dokument", m[1]
for x in m[:5]:
    b = open(os.path.join(sys.argv[2], x["name"]), "rb").read()
    assert x["sha256"] == hashlib.sha256(b).hexdigest() and x["size"] == len(b), x
assert m[5]["size"] == 8*1024*1024
PY
# The bytes come back unchanged; an existing file is not overwritten.
expect_rc 0 fk meeting material get 2 --out hentet.docx
cmp hentet.docx "$M/notat.docx" || fail "filen kom ikke uændret tilbage"
expect_rc 2 fk meeting material get 2 --out hentet.docx
has err 'vælg et andet navn'
expect_rc 2 fk meeting material get 999
has err 'intet materiale med nummer 999'
# The file counts as written material for the rule (items 1 and 8 have files now).
fk meeting material remove 6 >/dev/null
expect_rc 0 fk meeting show 1 --json
python3 -c "import json; d=json.load(open('out')); assert d['items'][7]['files']==5 and d['items'][0]['files']==0, d['items']"
fk meeting item 1 --item 2 --material "Notat fra KOMBIT" >/dev/null 2>&1
fk meeting inspiration 1 >/dev/null
expect_rc 1 fk check --date 2027-02-19 --json
python3 -c "
import json; f=[x for x in json.load(open('out'))['findings'] if x['body']=='meeting-1' and x['rule']=='material-missing']
assert len(f)==1 and 'Punkt 1 ' in f[0]['message'] and 'meeting material add' in f[0]['message'], f"
fk meeting material add 1 --item 1 "$M/billede.jpg" >/dev/null
expect_rc 1 fk check --date 2027-02-19 --json
python3 -c "
import json; f=[x for x in json.load(open('out'))['findings'] if x['rule']=='material-missing']
assert f==[], f"
# The reference groups' status: every started initiative, reasons for gul and rød.
expect_rc 2 fk meeting status 1 --body rg-forretning --set fki-1=grøn
has err '^fkigov: --status-fki-2: Vælg status for »Datafordeler«'
expect_rc 2 fk meeting status 1 --body rg-forretning --set fki-1=grøn --set fki-2=gul
has err '^fkigov: --reason-fki-2: '
expect_rc 2 fk meeting status 1 --body rg-forretning --set fki-1=grøn --set fki-2=grøn --set fki-3=grøn
has err '»fki-3« er ikke et initiativ under Referencegruppe Forretning'
expect_rc 2 fk meeting status 1 --body styregruppe --set fki-1=grøn
has err 'ikke en referencegruppe'
expect_rc 2 fk meeting status 1 --body rg-forretning --set fki-1=lilla --set fki-2=grøn
has err '^fkigov: --status-fki-1: '
expect_rc 2 fk meeting status 1 --body rg-forretning --set fki-1
has err 'INITIATIV=STATUS'
FKIGOV_TODAY=2027-02-04 expect_rc 0 fk meeting status 1 --body rg-forretning --set fki-1=grøn --set "fki-2=gul:Leverandøren er forsinket" --note "Se også sag-1"
has out 'Status fra rg-forretning til møde 1 er modtaget \(2 initiativer\)'
# status-missing: drift has a started initiative and sent nothing by 4 February.
expect_rc 0 fk check --date 2027-02-05 --json
python3 -c "
import json; f=[x for x in json.load(open('out'))['findings'] if x['rule']=='status-missing']
assert len(f)==1 and 'Drift og Forvaltning' in f[0]['message'], f"
FKIGOV_TODAY=2027-02-05 expect_rc 0 fk meeting status 1 --body rg-drift-forvaltning --set fki-3=rød:Stoppet
expect_rc 0 fk check --date 2027-02-05 --json
python3 -c "
import json; assert [x for x in json.load(open('out'))['findings'] if x['rule']=='status-missing']==[]"
# The portfolio overview: statuses, late marker, the recommendation under its group.
FKIGOV_TODAY=2027-02-10 expect_rc 0 fk meeting portfolio 1 --json
python3 - out <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
g = {x["body"]: x for x in d["groups"]}
f = g["rg-forretning"]
assert f["submitted"] == "2027-02-04" and not f["late"] and f["note"] == "Se også sag-1", f
assert [(i["key"], i["status"]) for i in f["initiatives"]] == [("fki-1", "grøn"), ("fki-2", "gul")], f
assert f["initiatives"][1]["reason"] == "Leverandøren er forsinket"
assert [r["case"] for r in f["recommendations"]] == ["sag-1"], f
dr = g["rg-drift-forvaltning"]
assert dr["late"] and not dr["missing"] and dr["initiatives"][0]["status"] == "rød", dr
assert d["totals"] == {"grøn": 1, "gul": 1, "rød": 1, "ingen": 0}, d["totals"]
PY
FKIGOV_TODAY=2027-02-10 expect_rc 0 fk meeting portfolio 1
has out 'Referencegruppe Forretning: status indsendt 2027-02-04'
has out 'Indstilling sag-1: Prioritering af login'
# After dispatch: a file only with a reason, shown as an amendment; nothing can be removed.
fk meeting dispatch 1 --date 2027-02-18 >/dev/null
expect_rc 2 fk meeting material add 1 --item 8 "$M/billede.gif"
has err '^fkigov: --reason: Dagsordenen er udsendt'
expect_rc 0 fk meeting material add 1 --item 8 "$M/billede.gif" --reason "Rettet figur fra gruppen"
expect_rc 0 fk meeting show 1
has out 'Rettelse: Materiale »billede.gif« tilføjet: Rettet figur fra gruppen'
expect_rc 2 fk meeting material remove 1
has err '^fkigov: --reason: Dagsordenen er udsendt. Skriv en begrundelse for at trække filen tilbage'
expect_rc 0 fk meeting material remove 2 --reason "Indeholdt personoplysninger"
has out 'Materiale 2 er trukket tilbage'
expect_rc 2 fk meeting material get 2 --out x.docx
expect_rc 0 fk meeting show 1
has out 'Materiale »notat.docx« trukket tilbage: Indeholdt personoplysninger'
# The minutes decide the case when they are approved: until then the case waits (no draft
# on it) and goes on no other agenda; then beslutning with the meeting as reference.
FKIGOV_TODAY=2027-03-04 expect_rc 0 fk meeting minutes 1 --item 8 --outcome beslutning --text "Styregruppen besluttede at prioritere login."
expect_rc 0 fk case show sag-1 --json
python3 -c "import json; c=json.load(open('out')); c=c.get('case', c); assert c['state']=='recommended' and not c.get('decision'), c"
FKIGOV_TODAY=2027-03-04 expect_rc 0 fk meeting agenda 2
expect_rc 0 fk meeting show 2 --json
python3 -c "import json; d=json.load(open('out')); assert not [i for i in d['items'] if i['source']=='case'], d['items']"
# Status for a held meeting is refused.
FKIGOV_TODAY=2027-03-05 expect_rc 2 fk meeting status 1 --body rg-forretning --set fki-1=grøn --set fki-2=grøn
has err 'Mødet er holdt'
for i in 1 2 3 4 5 6 7; do
	FKIGOV_TODAY=2027-03-05 fk meeting minutes 1 --item $i --outcome taget-til-efterretning --text "Taget til efterretning." >/dev/null
done
FKIGOV_TODAY=2027-03-05 expect_rc 0 fk meeting approve 1
expect_rc 0 fk case show sag-1 --json
python3 - out <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c = c.get("case", c)
assert c["state"] == "decided", c["state"]
dec = c["decision"]
assert dec["kind"] == "beslutning" and dec["date"] == "2027-03-04", dec
assert dec["meeting"] == "Styregruppemøde 1/2027, punkt 8" and dec["text"].startswith("Styregruppen besluttede"), dec
PY
# The audit chain is intact.
expect_rc 0 fk audit verify
expect_rc 0 fk audit log --entity material --json
python3 -c "
import json; d=json.load(open('out')); e=d['audit']
acts=[x['action'] for x in e]; assert acts.count('create')==8 and acts.count('delete')==2, acts
w=[x for x in e if x['action']=='delete' and x['before'].get('withdrawn')]
assert len(w)==1 and w[0]['before']['name']=='notat.docx' and len(w[0]['before']['sha256'])==64, w"
# The meeting package: the agenda document and every file under its item's number.
expect_rc 0 fk meeting package 1 --out pakke.zip
has out '^pakke.zip \([0-9]+ byte\)'
expect_rc 2 fk meeting package 1 --out pakke.zip
has err 'vælg et andet navn'
expect_rc 2 fk meeting package 99
has err 'Mødet findes ikke'
python3 - pakke.zip "$M" <<'PY'
import sys, zipfile, os, urllib.parse
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
n = z.namelist()
assert n[0] == "00 Dagsorden.html", n
want = ["08 Prioritering af login - notat.pdf",
        "08 Prioritering af login - budget.xlsx", "08 Prioritering af login - oplaeg.pptx",
        "08 Prioritering af login - billede.png", "01 Kort orientering fra KL - billede.jpg",
        "08 Prioritering af login - billede.gif"]
assert n[1:] == want, n
for name in want:
    f = name.split(" - ", 1)[1]
    assert z.read(name) == open(os.path.join(sys.argv[2], f), "rb").read(), name
a = z.read(n[0]).decode()
assert "Dagsorden – styregruppemøde 1/2027" in a and "09.00 · 1. Kort orientering fra KL" in a
assert "Gruppen indstiller, at login prioriteres i 2027." in a
assert "Rettelse:</strong> Materiale »billede.gif« tilføjet: Rettet figur fra gruppen" in a
assert "Styregruppen besluttede at prioritere login." in a
for name in want:
    assert 'href="%s"' % urllib.parse.quote(name, safe="") in a, name
PY
