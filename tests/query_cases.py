"""The parameters each competency question is checked with against the fixture graph
(reference data + tests/fixtures/releases); expected rows live in fixtures/queries/<case>.csv."""

CASES = {
    "partners": {"on": "2019-01-01"},
    "partner-history": {"partner": "CA"},
    "meetings": {},
    "meetings-nz": ("meetings", {"partner": "NZ", "year": "2024", "level": "som"}),
    "meetings-frameworks": ("meetings", {"framework": "ARF"}),
    "meeting-attendees": {"meeting": "https://w3id.org/aseankg/meeting/asean-new-zealand-som/31"},
    "person-meetings": {"person": "Ms Whitfield"},
    "partner-areas": {"partner": "JP"},
    "partner-areas-window": ("partner-areas", {"partner": "JP", "from": "2024-01-01", "to": "2024"}),
    "pillar-mix": {"partner": "JP"},
    "co-attendance": {"year": "2024"},
    "instruments": {"partner": "NZ"},
    "last-meeting": {"partner": "JP"},
    "coordinators": {"partner": "RU"},
    "evidence": {"subject": "https://w3id.org/aseankg/meeting/asean-japan-summit/27"},
    "conflicts": {},
}


def resolve(case: str):
    spec = CASES[case]
    return spec if isinstance(spec, tuple) else (case, spec)
