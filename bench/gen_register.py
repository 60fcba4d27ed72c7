#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 fkigov contributors
# SPDX-License-Identifier: MPL-2.0
"""Generate a synthetic FKI-like register for benchmarking fkigov.

Writes two files:

  model.json         a governance model with SCALE copies of the four FKI register
                     bodies (a steering group with 9 kommune + 1 KL + 1 UDK seats and
                     5-year terms; three reference groups with 6 kommune + 1 KL seats and
                     3-year terms), plus the FKI's organisation bodies above them.
  appointments.csv   the appointments of SCALE x 100 people, about SCALE x 1000 rows,
                     2007-2026, in the format of SPEC section 5.2.

Scale 1 is the FKI's own size (4 register bodies, ~100 people, ~1000 appointments);
scale 1000 is the issue's benchmark (4000 bodies, ~100,000 people, ~1,000,000 rows).

The data is deterministic for a given --scale and --seed. What it contains:

  * every seat is filled by a chain of stints from 2007 to the end of 2026; most
    municipal members serve a full term (5 or 3 years), many leave early, a few
    overrun the term limit (term-limit errors);
  * a stint is recorded as one or more consecutive appointments (renewals: the next
    row starts the day after the previous row's last day). 32 seats x SCALE over 20
    years are ~640 seat-years x SCALE, so ~1000 x SCALE rows means the average row is
    about 7 months long; the split is jittered, not fixed;
  * most hand-overs are seamless, some leave a vacancy of up to 6 months, very few
    overlap by a few days (over-capacity on those days);
  * people return to a body they left after at least one year's cooling-off; a few
    return too early (cooloff errors); people sit in several bodies over time and at
    the same time;
  * the municipal seats of a body draw from disjoint sets of municipalities spread
    over all 5 regions, so same-municipality and region-spread findings come only
    from vacancies; profiles are assigned per seat so every body covers its profiles;
  * a few seat-origin violations (a KL employee on a municipal seat) and profile
    mismatches;
  * members serving at the end of 2026 mostly have no end date (still serving).

Usage: gen_register.py --scale N [--seed S] --out DIR [--model-template model/fki.json]
"""

import argparse
import copy
import datetime
import json
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

FIRST = ("Anne Mette Hanne Susanne Lene Charlotte Camilla Louise Maria Pia Karen Birgitte "
         "Helle Tina Marianne Julie Sofie Ida Emma Laura Peter Jens Lars Michael Henrik "
         "Søren Thomas Jan Niels Rasmus Martin Anders Morten Jesper Christian Mads Frederik "
         "Kasper Jakob Ole Bo Torben Jørgen Kim Steen Claus Line Signe Maja Rikke").split()
LAST = ("Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen "
        "Jørgensen Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen "
        "Møller Mortensen Knudsen Jakobsen Mikkelsen Olesen Frederiksen Laursen Henriksen "
        "Lund Schmidt Eriksen Holm Kristiansen Clausen Simonsen Svendsen Andreasen Iversen "
        "Jeppesen Vestergaard Mogensen Dahl Østergaard Bech Kjær Lauridsen Bak Skov Friis").split()

# The four register bodies of the FKI, in the order each group is written.
KINDS = (
    # prefix, template id,              kommune, KL, UDK, term, municipal profiles by seat
    ("sg", "styregruppe", 9, 1, 1, 5),
    ("rgf", "rg-forretning", 6, 1, 0, 3),
    ("rga", "rg-arkitektur-udvikling", 6, 1, 0, 3),
    ("rgd", "rg-drift-forvaltning", 6, 1, 0, 3),
)

T0 = datetime.date(2007, 1, 1).toordinal()
T_END = datetime.date(2026, 12, 31).toordinal()
CHECK = datetime.date(2026, 11, 27).toordinal()

_DATES = {}


def iso(o):
    s = _DATES.get(o)
    if s is None:
        s = _DATES[o] = datetime.date.fromordinal(o).isoformat()
    return s


def add_years(o, n):
    """Ordinal of the date n years after o; 29 February becomes 28 February."""
    d = datetime.date.fromordinal(o)
    y = d.year + n
    try:
        return d.replace(year=y).toordinal()
    except ValueError:
        return datetime.date(y, 2, 28).toordinal()


def slug(s):
    s = s.lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("ü", "u")):
        s = s.replace(a, b)
    return "".join(ch for ch in s if ch.isalnum())


def load_kommuner(path):
    out = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            p = line.rstrip("\n").split(",")
            if len(p) >= 3 and p[0].isdigit():
                out.append((p[0], p[1], p[2]))
    return out


def build_model(template, scale, width):
    """The FKI model with the four register bodies replaced by SCALE numbered copies."""
    m = copy.deepcopy(template)
    by_id = {b["id"]: b for b in template["bodies"]}
    bodies = []
    first_sg = "sg-%0*d" % (width, 1)
    # The organisation above and beside the groups, re-pointed at the first copy.
    for b in template["bodies"]:
        if b.get("seats"):
            continue
        if b.get("parent") == "styregruppe":
            b = dict(b, parent=first_sg)
        bodies.append(b)
    for g in range(1, scale + 1):
        sg = "sg-%0*d" % (width, g)
        for prefix, tid, *_ in KINDS:
            b = copy.copy(by_id[tid])
            b["id"] = "%s-%0*d" % (prefix, width, g)
            b["name"] = "%s %0*d" % (by_id[tid]["name"], width, g)
            if prefix != "sg":
                b["parent"] = sg
            bodies.append(b)
    m["bodies"] = bodies
    m["name"] = "%s (benchmark, skala %d)" % (template.get("name", "model"), scale)
    if "cycle" in m:
        m["cycle"]["body"] = first_sg
    return m


class Gen:
    def __init__(self, scale, seed, kommuner, template):
        self.scale = scale
        self.rnd = random.Random(seed)
        self.kommuner = kommuner
        self.width = max(4, len(str(scale)))
        self.by_id = {b["id"]: b for b in template["bodies"]}
        self.all_profiles = [p["id"] for p in template["profiles"]]
        regions = sorted({k[2] for k in kommuner})
        self.region_munis = [[k[0] for k in kommuner if k[2] == r] for r in regions]
        self.domain = {k[0]: slug(k[1]) + ".dk" for k in kommuner}
        # people: list of (id, name, email, org, munic)
        self.people = []
        self.pool = {}            # municipality code, "KL" or "UDK" -> [person index]
        self.last_end = {}        # (person, body) -> last day of the latest appointment
        self.target_people = 100 * scale
        self.stints = []          # per body: list of stints, in body order
        self.stats = dict(stints=0, overrun=0, cooloff=0, return_=0, seat_origin=0,
                          profile_mismatch=0, overlap=0, vacancy_gap=0)

    # -------------------------------------------------------------- people
    def new_person(self, org, munic):
        r = self.rnd
        n = len(self.people) + 1
        first, last = r.choice(FIRST), r.choice(LAST)
        name = "%s %s" % (first, last)
        if r.random() < 0.9:
            dom = self.domain[munic] if org == "kommune" else ("kl.dk" if org == "KL" else "atp.dk")
            email = "%s.%s.%d@%s" % (slug(first), slug(last), n, dom)
        else:
            email = ""
        pid = "p%06d" % n
        self.people.append((pid, name, email, org, munic))
        self.pool.setdefault(munic if org == "kommune" else org, []).append(n - 1)
        return n - 1

    # -------------------------------------------------------------- timelines
    def seat_timeline(self, start, municipal, years):
        """Stints of one seat: list of [start, end or None]."""
        r = self.rnd
        out = []
        s = start
        first = True
        while s <= T_END:
            if municipal:
                full_end = add_years(s, years) - 1
                full = full_end - s + 1
                x = r.random()
                if x < 0.55:
                    e = full_end
                elif x < 0.99:
                    e = s + r.randint(180, full - 2)
                else:
                    e = full_end + r.randint(1, 300)
                    self.stats["overrun"] += 1
                if first:  # stagger the first turnover of the body
                    e = s + max(90, int((e - s) * r.uniform(0.3, 1.0)))
            else:
                e = s + r.randint(365, 8 * 365)
            first = False
            out.append([s, e])
            x = r.random()
            if x < 0.82:
                s = e + 1
            elif x < 0.997:
                s = e + r.randint(2, 180)
                self.stats["vacancy_gap"] += 1
            else:
                s = e - r.randint(0, 20)
                self.stats["overlap"] += 1
        last = out[-1]
        if last[1] >= CHECK and r.random() < 0.75:
            last[1] = None  # still serving, no end recorded
        return out

    def body_stints(self, g, kind):
        prefix, tid, n_k, n_kl, n_udk, years = kind
        r = self.rnd
        body = "%s-%0*d" % (prefix, self.width, g)
        profiles = self.by_id[tid].get("profiles", [])
        others = [p for p in self.all_profiles if p not in profiles]
        start = T0 + r.randint(0, 90)
        rot = r.randrange(5)
        stints = []
        seats = [("kommune", j) for j in range(n_k)] + [("KL", j) for j in range(n_kl)] + \
                [("UDK", j) for j in range(n_udk)]
        for origin, j in seats:
            municipal = origin == "kommune"
            if municipal:
                reg = self.region_munis[(j + rot) % 5]
                half = j // 5  # seats sharing a region use disjoint halves of it
                munis = reg[half::2] or reg
                prof = profiles[j % len(profiles)] if profiles else ""
            else:
                munis, prof = None, ""
            for s, e in self.seat_timeline(start, municipal, years):
                stints.append([s, e, origin, j, munis, prof])
        stints.sort(key=lambda t: (t[0], t[2], t[3]))
        self.stats["stints"] += len(stints)
        return body, others, stints

    def assign(self, body, others, stints):
        """People for the stints of one body, in start order, so that a person's stints in
        the body never overlap."""
        r = self.rnd
        past = {}  # seat -> [person]
        out = []
        for s, e, origin, j, munis, prof in stints:
            p = self.pick(body, s, origin, munis, past.setdefault((origin, j), []))
            if origin == "kommune" and prof and r.random() < 0.002:
                prof = r.choice(others)
                self.stats["profile_mismatch"] += 1
            pe = e if e is not None else 10 ** 7
            self.last_end[(p, body)] = max(self.last_end.get((p, body), 0), pe)
            past[(origin, j)].append(p)
            out.append((p, body, origin, prof, s, e))
            self.assigned += 1
        return out

    def eligible(self, p, body, s, cooloff=True):
        le = self.last_end.get((p, body))
        if le is None:
            return True
        return s >= le + 366 if cooloff else le < s - 1

    def pick(self, body, s, origin, munis, past):
        r = self.rnd
        # Return to the same seat after the cooling-off (or, rarely, too early).
        if past and r.random() < 0.08:
            p = r.choice(past)
            if self.eligible(p, body, s):
                self.stats["return_"] += 1
                return p
            if r.random() < 0.03 and self.eligible(p, body, s, cooloff=False):
                self.stats["cooloff"] += 1
                return p
        if origin == "kommune" and r.random() < 0.001:
            key = "KL"  # seat-origin violation: a KL employee on a municipal seat
            self.stats["seat_origin"] += 1
        elif origin == "kommune":
            key = r.choice(munis)
        else:
            key = origin
        left_stints = self.stats["stints"] - self.assigned
        left_people = self.target_people - len(self.people)
        p_new = 1.0 if left_stints <= 0 else min(1.0, max(0.0, left_people / max(1, left_stints)))
        pool = self.pool.get(key)
        if pool and r.random() >= p_new:
            for _ in range(4):
                p = r.choice(pool)
                if self.eligible(p, body, s):
                    return p
        return self.new_person("kommune" if key.isdigit() else key, key if key.isdigit() else "")

    # -------------------------------------------------------------- rows
    def run(self, target_rows):
        timelines = [self.body_stints(g, kind) for g in range(1, self.scale + 1) for kind in KINDS]
        self.assigned = 0
        all_stints = [self.assign(*t) for t in timelines]
        # Mean row length so that sum(max(1, L / mean)) ~= target_rows.
        lens = [((e if e is not None else T_END) - s + 1) for b in all_stints for (_, _, _, _, s, e) in b]
        lo, hi = 1.0, 20000.0
        for _ in range(40):
            mid = (lo + hi) / 2
            n = sum(max(1.0, L / mid) for L in lens)
            if n > target_rows:
                lo = mid
            else:
                hi = mid
        self.mean = (lo + hi) / 2
        return all_stints

    def write(self, all_stints, path):
        r = self.rnd
        mean = self.mean
        people = self.people
        rows = 0
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("person,name,email,organisation,municipality,body,seat,profile,start,end\n")
            for stints in all_stints:
                buf = []
                for p, body, seat, prof, s, e in stints:
                    pid, name, email, org, munic = people[p]
                    head = "%s,%s,%s,%s,%s,%s,%s,%s," % (pid, name, email, org, munic, body, seat, prof)
                    last = e if e is not None else T_END
                    L = last - s + 1
                    x = max(1.0, L / mean)
                    n = int(x) + (1 if r.random() < x - int(x) else 0)
                    if n > L:
                        n = L
                    step = L / n
                    a = s
                    for k in range(1, n):
                        cut = s + int(k * step + r.uniform(-0.25, 0.25) * step)
                        if cut <= a:
                            cut = a + 1
                        buf.append("%s%s,%s\n" % (head, iso(a), iso(cut - 1)))
                        a = cut
                    buf.append("%s%s,%s\n" % (head, iso(a), iso(e) if e is not None else ""))
                    rows += n
                f.write("".join(buf))
        return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--out", required=True, help="directory for model.json and appointments.csv")
    ap.add_argument("--model-template", default=os.path.join(ROOT, "model", "fki.json"))
    ap.add_argument("--kommuner", default=os.path.join(ROOT, "data", "kommuner.csv"))
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    if a.scale < 1:
        ap.error("--scale must be at least 1")
    t = time.time()
    os.makedirs(a.out, exist_ok=True)
    with open(a.model_template, encoding="utf-8") as f:
        template = json.load(f)
    kommuner = load_kommuner(a.kommuner)
    g = Gen(a.scale, a.seed, kommuner, template)
    model = build_model(template, a.scale, g.width)
    with open(os.path.join(a.out, "model.json"), "w", encoding="utf-8") as f:
        json.dump(model, f, ensure_ascii=False, indent=1)
        f.write("\n")
    stints = g.run(1000 * a.scale)
    rows = g.write(stints, os.path.join(a.out, "appointments.csv"))
    info = dict(scale=a.scale, seed=a.seed, bodies=len(KINDS) * a.scale,
                model_bodies=len(model["bodies"]), people=len(g.people), rows=rows,
                mean_row_days=round(g.mean, 1), seconds=round(time.time() - t, 2), **g.stats)
    with open(os.path.join(a.out, "gen.json"), "w") as f:
        json.dump(info, f, indent=1)
    if not a.quiet:
        print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
