"""Realistic synthetic releases for benchmarks: seeded and reproducible.

Varies partners, meeting levels and frameworks, editions, date forms (datelines with 'today',
'January 26, 2021', '26-27 Jan', '1-7-2020'), venues, co-chairs with posts, cooperation areas
and instruments. Each release has its own url, so each loads into its own graph.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import zlib
from pathlib import Path

PARTNERS = [
    ("RU", "Russia", "Russian"),
    ("CN", "China", "Chinese"),
    ("JP", "Japan", "Japanese"),
    ("KR", "the Republic of Korea", "Korean"),
    ("IN", "India", "Indian"),
    ("US", "the United States", "American"),
    ("AU", "Australia", "Australian"),
    ("NZ", "New Zealand", "New Zealand"),
    ("EU", "the European Union", "EU"),
    ("CA", "Canada", "Canadian"),
    ("GB", "the United Kingdom", "British"),
    ("PK", "Pakistan", "Pakistani"),
    ("TR", "Türkiye", "Turkish"),
    ("NO", "Norway", "Norwegian"),
    ("CH", "Switzerland", "Swiss"),
    ("DE", "Germany", "German"),
    ("FR", "France", "French"),
]
SHORT = {
    "RU": "Russia",
    "CN": "China",
    "JP": "Japan",
    "KR": "ROK",
    "IN": "India",
    "US": "U.S.",
    "AU": "Australia",
    "NZ": "New Zealand",
    "EU": "EU",
    "CA": "Canada",
    "GB": "UK",
    "PK": "Pakistan",
    "TR": "Türkiye",
    "NO": "Norway",
    "CH": "Switzerland",
    "DE": "Germany",
    "FR": "France",
}
MEMBERS = [
    ("ID", "Indonesian", "Jakarta"),
    ("MY", "Malaysian", "Kuala Lumpur"),
    ("PH", "Philippine", "Manila"),
    ("SG", "Singaporean", "Singapore"),
    ("TH", "Thai", "Bangkok"),
    ("VN", "Vietnamese", "Ha Noi"),
    ("KH", "Cambodian", "Phnom Penh"),
    ("LA", "Lao", "Vientiane"),
    ("MM", "Myanmar", "Nay Pyi Taw"),
    ("BN", "Bruneian", "Bandar Seri Begawan"),
]
MEETINGS = [
    ("summit", "ASEAN-{p} Summit", "Leaders", "Prime Minister"),
    ("ministerial", "ASEAN-{p} Foreign Ministers' Meeting", "Foreign ministers", "Minister of Foreign Affairs"),
    ("som", "ASEAN-{p} Senior Officials' Meeting", "Senior officials", "Deputy Minister for Foreign Affairs"),
    ("som", "ASEAN-{p} Dialogue", "Senior officials", "Permanent Secretary"),
    ("jcc", "ASEAN-{p} Joint Cooperation Committee", "Ambassadors", "Ambassador"),
    ("working", "ASEAN-{p} Working Group on {topic}", "Experts", "Director-General"),
]
TOPICS = ["Cybersecurity", "Maritime Cooperation", "Smart Cities", "Disaster Management", "Public Health"]
AREAS = [
    "counter-terrorism",
    "transnational crime",
    "maritime security",
    "cybersecurity",
    "trade and investment",
    "digital economy",
    "e-commerce",
    "smart cities",
    "connectivity",
    "energy",
    "tourism",
    "education",
    "public health",
    "disaster management",
    "climate change",
    "people-to-people exchanges",
    "MSMEs",
    "food security",
    "agriculture",
    "science and technology",
    "customs",
    "finance",
    "culture",
    "youth",
]
FIRST = [
    "Anan",
    "Budi",
    "Chen",
    "Daniel",
    "Elena",
    "Farid",
    "Grace",
    "Hiroshi",
    "Irina",
    "Jae",
    "Kamal",
    "Linh",
    "Maria",
    "Nikolai",
    "Omar",
    "Priya",
    "Quoc",
    "Rosa",
    "Sergei",
    "Thanh",
    "Usha",
    "Vivian",
    "Wei",
    "Yuki",
]
LAST = [
    "Abdullah",
    "Bautista",
    "Chandra",
    "Dimitrov",
    "Ekkaphan",
    "Fernandez",
    "Gunawan",
    "Hashimoto",
    "Ivanova",
    "Jung",
    "Kurniawan",
    "Larsen",
    "Morales",
    "Nguyen",
    "Okafor",
    "Petrov",
    "Rahman",
    "Sato",
    "Tan",
    "Umarov",
    "Vasquez",
    "Wongsa",
    "Yamamoto",
    "Zhang",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ORD = {1: "st", 2: "nd", 3: "rd"}


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else ORD.get(n % 10, 'th')}"


DAYS = 9671  # 2000-01-03 to mid-2026


def new_meeting(state: dict, key: tuple, rng: random.Random) -> dict:
    """The next meeting of a series: the next edition, three weeks after the previous one (so no
    two meetings of a series share an edition or a date), its own venue, chairs and agenda."""
    edition = len(state.setdefault(key, [])) + 1
    # three weeks apart, wrapping round before the present (a long series at 100k releases would
    # run past it, and a release dated in the future is refused); DAYS shares no factor with 21,
    # so two editions of a series share a date only DAYS editions apart
    offset = (21 * (edition - 1)) % DAYS + zlib.crc32(repr(key).encode()) % 7
    start = dt.date(2000, 1, 3) + dt.timedelta(days=offset)
    _member, madj, city = rng.choice(MEMBERS)
    meeting = {
        "edition": edition,
        "date": start,
        "city": city,
        "madj": madj,
        "virtual": rng.random() < 0.3,
        "chair_a": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "chair_b": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "areas": rng.sample(AREAS, rng.randint(3, 6)),
        "next": rng.choice(MEMBERS)[2] if rng.random() < 0.2 else None,
    }
    state[key].append(meeting)
    return meeting


EAS = ["Australia", "China", "India", "Japan", "New Zealand", "the Republic of Korea", "Russia", "the United States"]


def framework_release(i: int, rng: random.Random, state: dict) -> str:
    """An East Asia Summit: ASEAN and eight partners at one table (the partners co-attend)."""
    key = ("EAS", "East Asia Summit")
    m = rng.choice(state[key][-3:]) if state.get(key) and rng.random() < 0.33 else new_meeting(state, key, rng)
    d = m["date"]
    where = "by video conference" if m["virtual"] else f"in {m['city']}"
    lead = (
        f"{m['city'].upper()}, {d.day} {MONTHS[d.month - 1]} {d.year} – The {ordinal(m['edition'])} East Asia Summit "
        f"was held today {where}, bringing together the leaders of ASEAN Member States and "
        f"{', '.join(EAS[:-1])} and {EAS[-1]}."
    )
    body = [lead, f"The leaders exchanged views on {', '.join(m['areas'][:-1])} and {m['areas'][-1]}."]
    header = f"url: https://example.org/bench/{i:06d}\npublisher: Synthetic Desk {i % 7}\ntitle: East Asia Summit\n\n"
    return header + "\n".join(body) + "\n"


def release(i: int, rng: random.Random, state: dict | None = None) -> str:
    """One release. A third of them report a meeting another release already reported (as
    several publishers do), with the same edition, date, venue and chairs."""
    state = {} if state is None else state
    if rng.random() < 0.08:
        return framework_release(i, rng, state)
    code, pname, _adj = rng.choice(PARTNERS)
    _level, pattern, who, post = rng.choice(MEETINGS)
    name = pattern.format(p=SHORT[code], topic=rng.choice(TOPICS))
    key = (code, name)
    if state.get(key) and rng.random() < 0.33:
        m = rng.choice(state[key][-5:])
    else:
        m = new_meeting(state, key, rng)
    edition, year, month, day = m["edition"], m["date"].year, m["date"].month, m["date"].day
    city, madj, chair_a, chair_b, areas = m["city"], m["madj"], m["chair_a"], m["chair_b"], m["areas"]
    form = rng.randrange(4)
    where = "by video conference" if m["virtual"] else f"in {city}"
    if form == 0:
        lead = (
            f"{city.upper()}, {day} {MONTHS[month - 1]} {year} – {who} of ASEAN and {pname} met today "
            f"for the {ordinal(edition)} {name} {where}."
        )
    elif form == 1:
        lead = f"The {ordinal(edition)} {name} was held {where} on {MONTHS[month - 1]} {day}, {year}."
    elif form == 2:
        lead = f"{who} of ASEAN and {pname} attended the {ordinal(edition)} {name} {where} on {day}-{day + 1} {MONTHS[month - 1][:3]} {year}."
    else:
        lead = f"The {ordinal(edition)} {name} took place {where} on {day}-{month}-{year}."
    body = [
        lead,
        f"The meeting was co-chaired by {chair_a}, {post} of {pname.replace('the ', '').title() if code != 'EU' else 'the European Union'}, "
        f"and {chair_b}, {post} of the {madj} Ministry of Foreign Affairs.",
        f"The two sides reviewed cooperation in {', '.join(areas[:-1])} and {areas[-1]}.",
        f"They noted progress in implementing the ASEAN-{SHORT[code]} Plan of Action ({year - 2}-{year + 2}) "
        f"and welcomed the ASEAN-{SHORT[code]} Cooperation Fund.",
        "Both delegations also compared notes on developments in the region and beyond.",
    ]
    if m["next"]:
        body.append(f"They looked forward to the next {name} to be held in {m['next']}.")
    header = f"url: https://example.org/bench/{i:06d}\npublisher: Synthetic Desk {i % 7}\ntitle: {name} meets\n\n"
    return header + "\n".join(body) + "\n"


def generate(out: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths, state = [], {}
    for i in range(n):
        p = out / f"r{i:06d}.txt"
        p.write_text(release(i, rng, state), encoding="utf-8")
        paths.append(p)
    return paths


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    print(len(generate(a.out, a.n, a.seed)))
