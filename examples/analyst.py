"""Three questions an analyst asks, answered end to end with the Python API, and one picture.

    python examples/analyst.py [STORE] [OUT_DIR]

Builds the graph from examples/releases (and the analyst's corrected record in examples/records)
in STORE (default: memory), then asks:

1. Which partners did ASEAN meet, how often and at which levels?
2. Who spoke for Russia, in which posts, and at which meetings?
3. What did ASEAN and Russia discuss, by Community pillar?

and draws the partnership timeline to OUT_DIR/timeline.png (default: the current directory).
"""

import sys
from collections import Counter
from pathlib import Path

import kg

HERE = Path(__file__).resolve().parent


def main(store: str = "memory:", out_dir: str = ".") -> None:
    with kg.open(store) as g:
        summary = g.load(HERE / "releases", HERE / "records")
        print(summary.line())

        print("\n1. Meetings with each partner, by level")
        meetings = g.ask("meetings").to_pandas()
        per_partner = Counter(
            (p, level) for partners, level in zip(meetings["partners"], meetings["level"]) for p in partners
        )
        for (partner, level), n in sorted(per_partner.items(), key=lambda t: (-t[1], t[0])):
            print(f"   {partner:5s} {level:12s} {n}")

        print("\n2. Who spoke for Russia")
        for person in g.sparql("""
            SELECT ?person (MIN(?n) AS ?name) WHERE {
              ?att akg:attendee ?person ; akg:represents id:partner\\/RU . ?person akg:name ?n
            } GROUP BY ?person"""):
            for row in g.ask("person-meetings", person=person["person"]):
                print(
                    f"   {person['name']}: {' | '.join(row['post']) or '-'} at {row['name']} ({', '.join(row['start'])})"
                )

        print("\n3. What ASEAN and Russia discussed, by pillar")
        areas = g.ask("partner-areas", partner="RU").to_pandas()
        areas["pillar"] = areas["pillar"].map(lambda p: "/".join(p) or "cross-pillar")
        for pillar, group in areas.groupby("pillar"):
            print(f"   {pillar}: {', '.join(group['label'])}")

        out = Path(out_dir) / "timeline.png"
        g.export("timeline", "png", out)
        print(f"\npicture: {out}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
