#!/bin/sh
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
# Opdigtet demoportefølje og -økonomi (se README.md): initiativer med statusrapporter,
# milepæle og budgetter, en besluttet sats og bevillinger til særlige indsatser.
#   sh data/demo/portfolio.sh FKIGOV-BINÆR DATABASE
# Kør den én gang på en ny demodatabase (efter import af appointments.csv).
set -eu
bin=$1
db=$2
fk() { FKIGOV_ACTOR=${FKIGOV_ACTOR:-demo} "$bin" --db "$db" "$@" >/dev/null; }

fk initiative add demo-login --body styregruppe --special \
	--name "Fælles login til kommunale selvbetjeninger" \
	--description "Demo: ét login på tværs af kommunernes selvbetjeningsløsninger."
fk initiative add demo-data --body rg-arkitektur-udvikling --special \
	--name "Fælles datamodel for borgerdata" \
	--description "Demo: en fælles model for stamdata om borgere."
fk initiative add demo-drift --body rg-drift-forvaltning \
	--name "Overvågning af fælles driftsplatform"
fk initiative add demo-vejledning --body rg-forretning \
	--name "Vejledning om digital post til fagsystemer"

fk initiative status demo-login --status grøn --date 2026-03-02
fk initiative status demo-login --status gul --reason "Leverandøren er to måneder forsinket med testmiljøet." --date 2026-06-01
fk initiative status demo-login --status grøn --reason "Testmiljøet er leveret; planen holder igen." --date 2026-09-01
fk initiative status demo-data --status grøn --date 2026-05-04
fk initiative status demo-data --status rød --reason "Juridisk afklaring af hjemmel mangler; styregruppen bedes tage stilling." --date 2026-09-07
fk initiative status demo-drift --status gul --reason "Der mangler ressourcer i to kommuner." --date 2026-08-17

fk initiative milestone demo-login --title "Pilot i tre kommuner" --due 2026-06-30 --done 2026-07-10
fk initiative milestone demo-login --title "Udrulning til alle kommuner" --due 2027-06-30
fk initiative milestone demo-data --title "Hjemmel afklaret" --due 2026-10-31
fk initiative milestone demo-data --title "Datamodel godkendt" --due 2027-03-31
fk initiative milestone demo-drift --title "Overvågning i drift" --due 2027-01-31

fk initiative budget demo-login 2027 --kr 12.000.000
fk initiative budget demo-login 2028 --kr 8.000.000
fk initiative budget demo-data 2027 --kr 6.500.000

fk economy allocate demo-login 2026 --kr 9.000.000 --decision "Demo: Styregruppemøde 4, 2025" --date 2025-12-04
fk economy allocate demo-login 2027 --kr 12.000.000 --decision "Demo: Styregruppemøde 4, 2026" --date 2026-11-26
fk economy allocate demo-data 2027 --kr 6.500.000 --decision "Demo: Styregruppemøde 4, 2026" --date 2026-11-26
fk economy spend demo-login 2026 --kr 4.250.000 --date 2026-06-30 --note "Demo: første rate til leverandøren"
fk economy rate set 2028 --kr 5,25 --decision "Demo: Styregruppemøde 4, 2026, punkt 6" --date 2026-11-26

# Styregruppens år 2027 med dagsorden, en indstilling fra en referencegruppe, en status og
# materiale på et punkt.
here=$(dirname "$0")
fk cycle plan 2027 --dates 2027-03-04,2027-06-10,2027-09-09,2027-12-02 --save
fk case raise --by rg-forretning --title "Fælles vejledning om digital post" \
	--text "Demo: kommunerne ønsker én vejledning om digital post fra fagsystemerne."
fk case assign sag-1 --to rg-forretning --text "Demo: referencegruppen undersøger behovet."
fk case recommend sag-1 \
	--text "Demo: Referencegruppe Forretning indstiller, at styregruppen prioriterer en fælles vejledning i 2027."
fk meeting agenda 1
fk meeting inspiration 1
fk meeting status 1 --body rg-forretning --set demo-vejledning=grøn --note "Demo: vejledningen følger planen."
fk meeting material add 1 --item 8 "$here/notat-demo.pdf"
