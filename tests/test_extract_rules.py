"""One test (or a few) per extraction rule, on sentences written for the tests. Each rule is a
pattern of diplomatic English; the sentences vary the wording the way different publishers do."""

import datetime as dt
import hashlib

import pytest

from kg.ingest.extract import extract
from kg.ingest.extract.dates import date_line, dateline, find_dates, release_date
from kg.ingest.extract.events import partnership_events
from kg.ingest.extract.instruments import instruments_in
from kg.ingest.extract.meetings import Collector, acronym_names, encounters, find_named, joint_subjects
from kg.ingest.extract.people import PersonMention, find_people, home_party, name_runs, same_person
from kg.ingest.extract.places import location, modality
from kg.ingest.extract.text import ordinal_value, sentences
from kg.ingest.extract.topics import areas_in
from kg.ingest.read import Release


def release(body: str, **header) -> Release:
    raw = body.encode()
    return Release("t.txt", raw, hashlib.sha256(raw).hexdigest(), header, body, "text")


def meetings_of(body: str, **header) -> list[dict]:
    return extract(release(body, **header))["meetings"]


def reported(body: str, **header) -> list[dict]:
    return [m for m in meetings_of(body, **header) if m["status"] == "reported"]


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,value,end",
    [
        ("on 26-27 January 2021", "2021-01-26", "2021-01-27"),
        ("on January 26, 2021", "2021-01-26", None),
        ("(1-7-2020, Nay Pyi Taw)", "2020-07-01", None),
        ("2020/07/01", "2020-07-01", None),
        ("07/15/2025 | Press release", "2025-07-15", None),
        ("12 March 201914:04", "2019-03-12", None),  # a clock time glued to the year
        ("in November 2019", "2019-11", None),
    ],
)
def test_date_forms(text, value, end):
    d = find_dates(text)[0]
    assert (d.value, d.end_value) == (value, end)


def test_may_the_verb_is_no_month_and_impossible_years_are_no_dates():
    assert find_dates("Officials said 3 may attend.", default_year=2020) == []
    assert find_dates("dated 1 January 0001 and 31 February 2021") == []


def test_a_day_without_a_year_needs_the_release_date():
    assert find_dates("on June 16") == []
    assert find_dates("on June 16", default_year=2022)[0].value == "2022-06-16"


@pytest.mark.parametrize(
    "line,value",
    [
        ("Posted at Mar 3 2015 09:17 AM | Updated as of Mar 4 2015 02:05 AM", "2015-03-03"),
        ("[Date] November 14, 2018", "2018-11-14"),
        ("date 2021-01-27 Officials review cooperation", "2021-01-27"),
        ("Published 3 November 2023", "2023-11-03"),
        ("4 May 202309:30", "2023-05-04"),
        ("On 4 May 2023 the ministers met in Hanoi and discussed trade and investment at length.", None),
    ],
)
def test_date_lines(line, value):
    assert date_line(line) == value


@pytest.mark.parametrize(
    "line,city,value",
    [
        ("JAKARTA, 26 January 2021 – Senior officials met.", "JAKARTA", "2021-01-26"),
        ("Bruxelles, 02/07/2015 - 00:00, UNIQUE ID", "Bruxelles", "2015-07-02"),
        ("WASHINGTON, D.C., 28 March 2019 – Officials met.", "WASHINGTON, D.C.", "2019-03-28"),
        ("HANOI, May 25 (VNA) -- The meeting opened.", "HANOI", None),
    ],
)
def test_datelines(line, city, value):
    assert dateline(line) == (city, value)


def test_release_date_takes_the_date_line_and_counts_relative_dates_from_the_dateline():
    body = "10 Aug 2020\nMANILA, 7 August 2020 – The Dialogue was held yesterday.\n"
    d = release_date({}, body)
    assert (d.published, d.dateline, d.anchor.isoformat()) == ("2020-08-10", "2020-08-07", "2020-08-07")


def test_weekdays_look_back_unless_the_verb_looks_forward():
    anchor = dt.date(2022, 6, 16)  # a Thursday
    assert find_dates("met on Wednesday", anchor)[0].value == "2022-06-15"
    assert find_dates("will be held on Friday", anchor)[0].value == "2022-06-17"


# --- meeting names -------------------------------------------------------------------------


def names(body: str, dominant=None):
    return [(m.name, m.level, m.framework, m.partners, m.edition) for m in find_named(body, sentences(body), dominant)]


def test_partner_before_or_after_asean_with_any_dash():
    assert names("The Russia – ASEAN Summit took place.")[0][:4] == ("Russia-ASEAN Summit", "summit", "ASEAN+1", ["RU"])
    assert names("The 34th U.S.-ASEAN Dialogue was held.")[0] == (
        "34th U.S.-ASEAN Dialogue",
        "som",
        "ASEAN+1",
        ["US"],
        34,
    )
    assert names("The Japan-ASEAN Forum met in Tokyo.")[0][1] == "som"


def test_a_name_ends_at_its_meeting_type():
    got = names("Leaders attended the ASEAN-Canada Summit on Wednesday in Jakarta.")
    assert got[0][0] == "ASEAN-Canada Summit"
    got = names("The ASEAN-Japan Working Group on Cybersecurity met on Monday.")
    assert got[0][0] == "ASEAN-Japan Working Group on Cybersecurity"


def test_ordinals_in_words_and_misprints():
    assert names("The Twenty-Third ASEAN-India Summit opened.")[0][4] == 23
    assert ordinal_value("2st") is None and ordinal_value("21st") == 21 and ordinal_value("inaugural") == 1


def test_an_ordinal_is_read_whole_or_not_at_all():
    # four digits are no edition any meeting has; their last three would name another meeting
    assert names("The 1269th East Asia Summit was held in Jakarta.")[0][4] is None
    assert names("The 269th East Asia Summit was held in Jakarta.")[0][4] == 269


def test_a_day_of_a_date_is_not_an_edition():
    assert names("On April 22nd ASEAN-China Senior Officials' Consultation talks resumed.")[0][4] is None


def test_between_and_pmc_names():
    assert names("Officials held the 19th dialogue between ASEAN and the Republic of Korea online.")[0][1:] == (
        "som",
        "ASEAN+1",
        ["KR"],
        19,
    )
    assert names("Ministers held the Post Ministerial Conference with Canada.")[0][1:4] == (
        "ministerial",
        "ASEAN+1",
        ["CA"],
    )


def test_fora_in_a_list_are_institutions_not_meetings():
    body = (
        "Both sides endorsed the ASEAN-led architecture, including the East Asia Summit (EAS), the "
        "ASEAN Regional Forum (ARF) and the ASEAN Plus Three (APT)."
    )
    assert names(body) == []
    assert names("The 14th East Asia Summit was held in Bangkok.")[0][1:] == ("summit", "EAS", [], 14)


def test_partner_acronyms_of_the_release_partner():
    body = "The 6th AG-DPC reviewed the partnership."
    found = Collector(body)
    acronym_names(body, sentences(body)[0], found, "DE")
    assert [(m.name, m.level, m.partners, m.edition) for m in found.out] == [("6th AG-DPC", "jcc", ["DE"], 6)]
    found = Collector(body)
    acronym_names(body, sentences(body)[0], found, "RU")  # the initials must be the partner's
    assert found.out == []


def test_officials_of_both_sides_as_one_subject():
    body = "Senior officials of the ten ASEAN member states and New Zealand met in Wellington on 3 May 2023."
    got = joint_subjects(body, sentences(body))
    assert [(m.level, m.partners) for m in got] == [("som", ["NZ"])]


def test_courtesy_call_on_the_secretary_general():
    body = (
        "The Ambassador of Brazil to ASEAN paid a courtesy call on the Secretary-General of ASEAN on 9 February 2024."
    )
    got = encounters(body, sentences(body))
    assert [(m.level, m.partners, m.kind) for m in got] == [("other", ["BR"], "courtesy")]


# --- reported or mentioned ------------------------------------------------------------------


def test_recalled_and_announced_meetings_are_mentioned():
    body = (
        "JAKARTA, 3 July 2021 – The 12th ASEAN-Norway Joint Sectoral Cooperation Committee was held today. "
        "It followed up decisions made at the ASEAN-Norway Foreign Ministers' Meeting. "
        "The next ASEAN-Norway Senior Officials' Meeting will be held in Oslo in 2022. "
        "Officials recalled the ASEAN-Norway Summit held in April."
    )
    got = {m["level"]: m["status"] for m in meetings_of(body)}
    assert got == {"jcc": "reported", "ministerial": "mentioned", "som": "mentioned", "summit": "mentioned"}


# --- people --------------------------------------------------------------------------------


def runs(text):
    return [n for _, _, n in name_runs(text)]


def test_name_runs_keep_particles_initials_suffixes_and_capitals():
    assert "Ma. Teresa B. de la Cruz" in runs("led by Assistant Secretary Ma. Teresa B. de la Cruz, the head")
    assert "SATO Kenji" in runs("attended by Mr. SATO Kenji, Minister")
    assert "Ramon L. Villar, Jr." in runs("H.E. Ramon L. Villar, Jr., Secretary of Foreign Affairs")
    assert runs("Deputy Foreign Minister (DFM) Petrov") == ["Petrov"]
    assert runs("Sophie Tan CBE MP spoke") == ["Sophie Tan"]


def test_vocabulary_words_are_never_names():
    text = (
        "The Country Coordinator, the Plus Three countries, the Indo-Pacific Director-General and "
        "the Ministerial Council met."
    )
    assert runs(text) == []
    assert runs("Ambassador Li Wenjun Briefs Media on the Summit") == ["Li Wenjun"]


def people(text, **kw):
    s = sentences(text)
    return [(p.name, p.country, p.org, p.role) for p in find_people(text, s, {x.index for x in s})]


def test_post_before_and_apposition_after():
    assert people("Foreign Minister Anna Lindqvist of Sweden attended the meeting.") == [
        ("Anna Lindqvist", "SE", None, "participant")
    ]
    assert people(
        "The meeting was co-chaired by Kofi Mensah, permanent secretary of the Ministry of Foreign "
        "Affairs of Thailand, and Laura Diaz, Director-General for Asia of Chile."
    ) == [("Kofi Mensah", "TH", None, "co-chair"), ("Laura Diaz", "CL", None, "co-chair")]


def test_a_post_ending_in_a_hyphenated_title_is_kept_whole():
    # "General" is also a title before a name; at the end of "Director-General" it is part of the post
    meeting = reported(
        "The 9th ASEAN-Chile Senior Officials' Meeting was held in Jakarta on 4 May 2023. It was co-chaired by "
        "Laura Diaz, Director-General, and Kofi Mensah, Deputy Secretary-General of the Thai foreign ministry."
    )[0]
    assert [a["post"] for a in meeting["attendees"]] == [
        "Director-General",
        "Deputy Secretary-General of the Thai foreign ministry",
    ]


def test_roles_by_scope():
    assert people(
        "The Dialogue was chaired by H.E. Nguyen Van An, Deputy Minister of Foreign Affairs of Viet Nam, "
        "and attended by H.E. Tom Barker, Deputy Secretary of Australia."
    ) == [("Nguyen Van An", "VN", None, "chair"), ("Tom Barker", "AU", None, "participant")]
    assert people("Singapore was represented by Second Permanent Secretary Rachel Ong.")[0][3] == "head-of-delegation"
    assert people("The forum met under the chair of Minister Aung Kyaw and Minister Pierre Dubois.")[0][3] == "co-chair"


def test_people_only_mentioned_are_not_attendees():
    assert people("In his congratulatory message, President Ivan Sokolov noted the growth of trade.") == []
    assert people("Secretary-General Lin Hao signed a letter addressed to Foreign Secretary Mark Hale.") == [
        ("Lin Hao", None, "ASEAN", "participant")
    ]
    assert people("Foreign Minister Omar Qureshi's visit to Jakarta was welcomed.") == []


def test_same_person_across_variants():
    def p(n):
        return PersonMention(n, 0, 0, 0)

    assert same_person(p("Ma. Teresa B. de la Cruz"), p("De la Cruz"))
    assert same_person(p("Ivan V. Petrov"), p("Ivan Petrov")) and same_person(p("Petrov"), p("Ivan Petrov"))
    assert not same_person(p("Ivan Petrov"), p("Olga Smirnova"))


def test_home_party_of_a_government_publisher():
    assert home_party("MFA Russia") == "RU"
    assert home_party("Philippine Embassy Moscow (DFA Philippines)") == "PH"
    assert home_party("Mission of China to ASEAN") == "CN"
    assert home_party("The Phnom Penh Post") is None


# --- places --------------------------------------------------------------------------------


def test_modality_and_venue():
    assert modality("The meeting was held via video conference.", None) == "virtual"
    assert modality("The meeting was held in a hybrid format.", None) == "hybrid"
    assert location("The talks took place in Cambodia's Siem Reap province.", "", None) == {
        "city": "Siem Reap",
        "country": "KH",
    }
    assert location("India today hosted the foreign ministers.", "", None) == {"city": None, "country": "IN"}
    assert location("The meeting reviewed cooperation.", "", "NEW DELHI") == {"city": "New Delhi", "country": "IN"}


# --- partnership events ----------------------------------------------------------------------


def events(text, partner="CA"):
    return [
        (e["partner"], e["status"], e["event"], e["date"]) for e in partnership_events(sentences(text), partner, None)
    ]


def test_status_changes_and_proposals():
    assert events("Canada became a dialogue partner of ASEAN in 1977.") == [
        ("CA", "dialogue-partner", "established", "1977")
    ]
    assert events("Leaders agreed to elevate relations to a comprehensive strategic partnership.") == [
        ("CA", "comprehensive-strategic-partnership", "agreed-to-establish", None)
    ]
    assert events("Chile applied for sectoral dialogue partner status.", "CL") == [
        ("CL", "sectoral-dialogue-partner", "proposed", None)
    ]
    assert events("They noted Canada's continued desire to elevate its relations to a strategic-level.") == [
        ("CA", "strategic-partnership", "proposed", None)
    ]


def test_an_existing_partnership_is_no_event():
    assert events("Both sides wished to deepen their strategic partnership.") == []
    assert events("Viet Nam and Canada reviewed upgrading their bilateral strategic partnership.") == []


# --- instruments -----------------------------------------------------------------------------


def instr(text, heading=False):
    return [(i["name"], i["kind"], i["action"]) for i in instruments_in(text, set(), heading)]


def test_named_instruments_by_their_ending_or_their_head():
    assert instr("They adopted the ASEAN-Norway Plan of Action (2024-2028).") == [
        ("ASEAN-Norway Plan of Action (2024-2028)", "plan-of-action", "adopted")
    ]
    assert instr("They reaffirmed the Treaty of Amity and Cooperation in Southeast Asia.") == [
        ("Treaty of Amity and Cooperation in Southeast Asia", "agreement", "mentioned")
    ]
    assert instr("They welcomed the new Plan of Action for 2026-2030.")[0][:2] == (
        "new Plan of Action for 2026-2030",
        "plan-of-action",
    )


def test_documents_described_in_lower_case():
    got = instr(
        "The ministers adopted a statement on countering online scams and endorsed a roadmap for "
        "the digital transition of small firms."
    )
    assert [g[0] for g in got] == [
        "statement on countering online scams",
        "roadmap for the digital transition of small firms",
    ]


def test_venues_relations_and_the_release_itself_are_not_instruments():
    assert instr("The summit opened at the Jakarta Convention Centre on Monday.") == []
    assert instr("They reviewed the ASEAN-Chile Development Partnership.") == []
    assert instr("Chairman's Statement of the 40th ASEAN-Korea Dialogue", heading=True) == []


# --- areas -----------------------------------------------------------------------------------


def areas(text):
    return sorted({a for a, _, _ in areas_in(text)})


def test_area_words_in_other_senses_are_not_areas():
    assert areas("Cooperation spans the political-security, economic and socio-cultural pillars.") == []
    assert areas("The Managing Director of the European External Action Service attended.") == []
    assert areas("According to media reports, the minister left early.") == []
    assert "health" not in areas("They discussed recovery from the COVID-19 pandemic.")
    assert areas("They discussed public health and maritime security.") == ["health", "maritime-security"]


def test_what_a_partnership_may_bring_is_not_what_a_meeting_discussed():
    body = (
        "LONDON, 5 May 2022 – Ministers of ASEAN and the United Kingdom met today. "
        "The partnership will lead to closer cooperation on trade, education and climate change."
    )
    got = reported(body)
    assert got and got[0]["areas"] == []
