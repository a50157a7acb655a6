"""Loading releases into the store: resolution, provenance, idempotency, replacement,
retraction, atomicity, bad input."""

import json
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.ingest.load import Loader, retract
from kg.model.initialise import initialise
from kg.namespaces import AKG, ID, is_release_graph
from kg.stores import open_store

REL = Path(__file__).parent / "fixtures" / "releases"


@pytest.fixture
def store():
    s = open_store("memory:")
    initialise(s)
    yield s
    s.close()


def load(store, *names):
    loader = Loader(store)
    return [loader.load_path(REL / n) for n in names]


def release_graphs(store):
    return [g for g in store.graph_names() if is_release_graph(g)]


def test_two_releases_one_meeting_with_both_sources(store):
    out = load(store, "r01_som_today.txt", "r01b_som_other_publisher.txt")
    assert [o.status for o in out] == ["loaded", "loaded"]
    rows = store.select(
        """SELECT DISTINCT ?m WHERE { ?m a akg:Meeting ; akg:series <https://w3id.org/aseankg/series/asean-new-zealand-som> }"""
    )
    assert [r[0] for r in rows] == [ID["meeting/asean-new-zealand-som/31"]]
    # provenance is not a fact: it stays in each release's graph
    sources = store.select("""SELECT DISTINCT ?url WHERE { GRAPH ?g {
        <https://w3id.org/aseankg/meeting/asean-new-zealand-som/31> akg:evidence/akg:inRelease/schema:url ?url } }""")
    assert {str(r[0]) for r in sources} == {
        "https://example.org/asean/nz-dialogue-31",
        "https://example.org/nz/officials-in-laos",
    }


def test_name_variants_are_one_person(store):
    load(store, "r01_som_today.txt", "r01b_som_other_publisher.txt")
    rows = store.select(
        "SELECT DISTINCT ?p WHERE { ?p a akg:Person ; akg:nationality <https://w3id.org/aseankg/partner/NZ> }"
    )
    assert [r[0] for r in rows] == [ID["person/grace-whitfield"]]


def test_person_resolution_rules():
    from kg.ingest.resolve import Resolver

    r = Resolver(None)
    ru, ph = ID["partner/RU"], ID["member/PH"]
    a = r.person("Igor V. Morgulov", ru)
    assert r.person("Igor Morgulov", ru) == a
    assert r.person("DFM Morgulov", ru) == a
    assert r.person("Igor Morgulov", ph) != a  # same name, another party: another person
    assert a == ID["person/igor-morgulov"]


def test_a_person_known_by_a_surname_alone_until_a_full_name_of_the_party_comes():
    from kg.ingest.resolve import Resolver

    r, renames = Resolver(None), {}
    ru, ph = ID["partner/RU"], ID["member/PH"]
    short = r.person("Lavrov", ru, renames)
    full = r.person("Sergey Lavrov", ru, renames)
    assert renames == {short: full} and short != full
    assert r.person("Lavrov", ru) == full  # one person of the party has that surname: that one
    other = r.person("Lavrov", ph, renames)
    assert other not in (short, full)  # another party: another person, under an IRI of its own
    anna = r.person("Anna Lavrov", ru, renames)
    assert renames == {short: full}  # the Philippine Lavrov is not taken over by a Russian full name
    assert r.person("Lavrov", ru) not in (full, anna, other)  # two Russians named Lavrov: neither is taken
    assert r.person("Maria Lavrov", ph, renames) != other and renames[other] == r.person("Maria Lavrov", ph)


def test_a_person_taken_over_in_a_release_leaves_its_namesakes_alone():
    """In one release: a Russian named by surname, then in full (one person), then a Philippine
    of the same surname, who must not become the Russian."""
    from kg.ingest.resolve import Resolver

    meeting = {
        "status": "reported",
        "name": "ASEAN-Russia Senior Officials' Meeting",
        "level": "som",
        "framework": "ASEAN+1",
        "partners": ["RU"],
        "edition": None,
        "start": "2024-05-02",
        "attendees": [
            {"name": "Lavrov", "country": "RU", "org": None},
            {"name": "Sergey Lavrov", "country": "RU", "org": None},
            {"name": "Lavrov", "country": "PH", "org": None},
        ],
    }
    record = {"meetings": [meeting]}
    resolved = Resolver(None).resolve(record, "k")
    russian, russian_again, philippine = resolved.people[0]
    assert russian == russian_again and philippine != russian


def test_provenance_down_to_the_sentence(store):
    load(store, "r01_som_today.txt")
    body = (REL / "r01_som_today.txt").read_text().split("\n\n", 1)[1]
    rows = store.select("""SELECT ?exact ?s ?e WHERE { GRAPH ?g {
        ?att akg:attendee <https://w3id.org/aseankg/person/grace-whitfield> ; akg:evidence ?ev .
        ?ev oa:exact ?exact ; oa:start ?s ; oa:end ?e } }""")
    exact, s, e = rows.rows[0]
    assert body[int(s) : int(e)] == str(exact) and "co-chaired" in str(exact)
    rel = store.select("""SELECT ?sha ?time ?version WHERE { GRAPH ?g { ?r a akg:Release ; akg:sha256 ?sha .
        ?load prov:used ?r ; prov:startedAtTime ?time ; akg:softwareVersion ?version } }""")
    assert len(rel) == 1 and len(str(rel.rows[0][0])) == 64


def test_loading_same_bytes_again_is_unchanged(store):
    load(store, "r02_summit_mdy.txt")
    before = store.count()
    assert load(store, "r02_summit_mdy.txt")[0].status == "unchanged"
    assert store.count() == before


def test_new_version_with_same_url_replaces_graph(store, tmp_path):
    src = (REL / "r02_summit_mdy.txt").read_text()
    v1, v2 = tmp_path / "v1.txt", tmp_path / "v2.txt"
    v1.write_text(src)
    v2.write_text(src.replace("maritime security, ", ""))
    loader = Loader(store)
    assert loader.load_path(v1).status == "loaded"
    assert loader.load_path(v2).status == "replaced"
    assert len(release_graphs(store)) == 1
    assert not store.ask("ASK { ?m akg:discussed <https://w3id.org/aseankg/vocab/area/maritime-security> }")


def test_retract_keeps_what_other_releases_state(store):
    load(store, "r01_som_today.txt", "r01b_som_other_publisher.txt")
    dropped = retract(store, "https://example.org/asean/nz-dialogue-31")
    assert len(dropped) == 1 and len(release_graphs(store)) == 1
    assert store.ask("ASK { <https://w3id.org/aseankg/meeting/asean-new-zealand-som/31> a akg:Meeting }")
    assert not store.ask("ASK { ?p akg:name 'Bounmy Sisavath' }")
    assert retract(store, str(REL / "r01b_som_other_publisher.txt"))  # by path (sha of its bytes)
    assert release_graphs(store) == []
    assert not store.ask("ASK { <https://w3id.org/aseankg/meeting/asean-new-zealand-som/31> a akg:Meeting }")


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"caf\xe9 au lait", "not UTF-8"),
        (b"<html><body><nav>menu</nav></body></html>", "no main text"),
    ],
)
def test_bad_input_writes_nothing(store, tmp_path, content, reason):
    p = tmp_path / ("bad.html" if b"<html" in content else "bad.txt")
    p.write_bytes(content)
    before = store.count()
    out = Loader(store).load_path(p)
    assert out.status == "failed" and reason in out.message and str(p) in out.message
    assert "\n" not in out.message
    assert store.count() == before


def test_oversized_input_is_refused(store, tmp_path):
    from kg.ingest.read import MAX_BYTES

    p = tmp_path / "huge.txt"
    p.write_bytes(b"a" * (MAX_BYTES + 1))
    assert "limit" in Loader(store).load_path(p).message


def test_hand_written_record_is_loaded_as_its_own_source(store, tmp_path):
    record = {
        "document": {"url": "https://example.org/analyst/fix-1", "publisher": "Analyst"},
        "meetings": [
            {
                "status": "reported",
                "name": "ASEAN-Chile Development Partnership Committee",
                "level": "jcc",
                "framework": "ASEAN+1",
                "partners": ["CL"],
                "edition": 3,
                "start": "2023-11-20",
                "modality": "in-person",
                "attendees": [{"name": "Maria Soto", "country": "CL", "role": "co-chair"}],
                "areas": ["education"],
                "pillars": ["ASCC"],
                "instruments": [],
            }
        ],
        "partnership_events": [],
    }
    p = tmp_path / "fix.json"
    p.write_text(json.dumps(record))
    assert Loader(store).load_path(p).status == "loaded"
    assert store.ask("ASK { <https://w3id.org/aseankg/meeting/asean-chile-jcc/3> akg:discussed ?a ; akg:chair ?p }")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"document": {}, "meetings": [{"status": "held"}], "partnership_events": []}))
    out = Loader(store).load_path(bad)
    assert out.status == "failed" and "not a valid record" in out.message and "\n" not in out.message


def test_loaded_data_conforms_to_shapes(store):
    from kg.model.validate import validate_store

    load(store, *[p.name for p in sorted(REL.iterdir())])
    report = validate_store(store)
    assert report.conforms, report.violations[:3]


def test_a_release_graph_breaking_a_shape_is_not_written(store, monkeypatch):
    # the shapes hold at write time: a graph with two actions for one instrument action (the
    # shapes allow one) fails alone and leaves the store as it was
    import kg.ingest.load as load_module

    real = load_module.release_triples

    def two_actions(resolved, source):
        triples = real(resolved, source)
        extra = [
            (s, p, URIRef(str(o).replace("implemented", "signed")))
            for s, p, o in triples
            if p == AKG.action and str(o).endswith("/implemented")
        ]
        assert extra, "the fixture implements a plan"
        return triples + extra

    monkeypatch.setattr(load_module, "release_triples", two_actions)
    before = {g: store.count(g) for g in store.graph_names()}
    out = load(store, "r01_som_today.txt")[0]
    assert out.status == "failed" and "InstrumentActionShape" in out.message and "\n" not in out.message
    assert {g: store.count(g) for g in store.graph_names()} == before


def test_a_batch_collects_garbage_less_often_and_gives_the_thresholds_back(tmp_path):
    import gc

    from kg.collector import FIRST_GENERATION, collecting_less
    from kg.ingest.load import inputs_of, load_inputs

    before = gc.get_threshold()
    seen = []
    with open_store("memory:") as s:
        initialise(s)
        for outcome in load_inputs(s, inputs_of([REL / "r02_summit_mdy.txt"]), workers=1):
            seen.append((outcome.status, gc.get_threshold()[0], gc.isenabled()))
    assert seen == [("loaded", max(FIRST_GENERATION, before[0]), True)]
    assert gc.get_threshold() == before
    with collecting_less(), collecting_less(10):  # nested: the outer threshold stands, then the caller's
        assert gc.get_threshold()[0] == max(FIRST_GENERATION, before[0])
    assert gc.get_threshold() == before
