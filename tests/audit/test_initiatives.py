"""Named initiatives: one table of real corpus sentences, and the pure functions under it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.audit.initiatives import (
    display_name,
    find_abbreviations,
    find_initiatives,
    normalise_key,
    resolve_short_references,
)
from pipeline.audit.lexicon import load_lexicon
from pipeline.audit.records import InitiativeMention

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "audit"

# (sentence verbatim from the shared corpus (answer id), expected (text, key) of each mention)
INITIATIVE_TABLE = [
    # 1676018
    ("We are doing this through working together to implement the SEND and Alternative Provision Improvement Plan, which was published on 2 March 2023.",
     [("SEND and Alternative Provision Improvement Plan", "send and alternative provision improvement plan")]),
    # 1753063: a possessive stops the name; a bare head takes its complement
    ("On 6 January 2025, NHS England published the new Elective Reform Plan, part of the Government’s Plan for Change, which sets out a whole system approach to hitting the 18-week Referral to Treatment target by the end of this Parliament.",
     [("Elective Reform Plan", "elective reform plan"), ("Plan for Change", "plan for change")]),
    # 1747737: quoted name
    ("The government’s 'Plan for Change' sets out that, through reforms and rule changes, 150 planning decisions on major infrastructure projects would be fast-tracked by the end of this Parliament.",
     [("Plan for Change", "plan for change")]),
    # 1722632: "for Neurology" after a modified head is not part of the name
    ("At the national level, there are a number of initiatives supporting service improvement and better care for patients with MND, including the RightCare Progressive Neurological Conditions Toolkit and the Getting It Right First Time Programme for Neurology.",
     [("Getting It Right First Time Programme", "getting it right first time programme")]),
    # 1746667: "26 November" is a date, not part of a name
    ("Backed by £240 million investment, the Get Britain Working White Paper launched on 26 November will target and tackle economic inactivity and unemployment and join up employment, health and skills support to meet the needs of local communities.",
     [("Get Britain Working White Paper", "get britain working white paper")]),
    # 1678237: two names in one sentence
    ("Through interventions such as the UK Shared Prosperity Fund and the Community Renewal Fund, amongst others, the Government is supporting local communities to transform the places where they live.",
     [("UK Shared Prosperity Fund", "shared prosperity fund"), ("Community Renewal Fund", "community renewal fund")]),
    # 1676397 and 1677034: the "NHS" prefix is left off the key
    ("The NHS Long Term Workforce Plan sets the ambition of training at least 3,000 advanced practitioners in 2023/24 and 2024/25, and increasing the number in training further to 5,000 a year by 2028/29.",
     [("NHS Long Term Workforce Plan", "long term workforce plan")]),
    ("As part of the work to deliver the Long Term Workforce Plan, NHS England continues to work with the relevant professional colleges and regulators to ensure the use of associate roles is expanded safely and effectively.",
     [("Long Term Workforce Plan", "long term workforce plan")]),
    # 1722099: "New" belongs to the name
    ("My Rt. Hon. Friend, the Secretary of State for Health and Social Care, has asked for an urgent report on the degree to which the New Hospital Programme is funded and a realistic timetable for delivery.",
     [("New Hospital Programme", "new hospital programme")]),
    # 1721619
    ("Defra, in line with the regulations taken forward last year to implement the Windsor Framework, has introduced and implemented arrangements for the Northern Ireland Retail Movement Scheme and Northern Ireland Plant Health Label.",
     [("Windsor Framework", "windsor framework"), ("Northern Ireland Retail Movement Scheme", "northern ireland retail movement scheme")]),
    # 1739379 and 1818456: hyphen and no hyphen share a key
    ("We will publish a 10-Year Health Plan for the NHS in the spring which will focus on increasing productivity and ensuring that every pound of taxpayer money is spent wisely, by reforming how healthcare is delivered.",
     [("10-Year Health Plan", "10 year health plan")]),
    ("We will publish a new 10 Year Workforce Plan later this year to deliver the transformed health service we will build over the next decade, and treat patients on time again.",
     [("10 Year Workforce Plan", "10 year workforce plan")]),
    # negatives: fiscal events, standing bodies, lower-case heads, common noun phrases
    ("On 11 June 2025, my right hon. Friend, the Chancellor of the Exchequer, set out plans for spending and public sector reforms through the Spending Review 2025.", []),
    ("As a result of decisions taken at Autumn Budget 2024 and Phase 1 of Spending Review 2025, the Northern Ireland Executive is receiving £15.6 billion block grant funding in 2024-25 and £18.2 billion in 2025-26.", []),
    ("NHS Cheshire and Merseyside Integrated Care Board has confirmed that there is one private ENT provider in Wirral and two private ENT providers in Knowsley – both of which deliver a much wider outpatient ENT service that may involve ear irrigation.", []),
    ("The department’s wider Planning Capability and Capacity programme continues to provide the direct support to Local Planning Authorities that is needed now and to develop the recruitment pipeline into the planning profession.", []),
    ("Local Wildlife Sites are designated by local authorities for their significant nature or geological conservation value and should be identified, mapped and safeguarded through Local Plans.", []),
    # 1831414: a head followed by another capitalised word is not the end of a name
    ("A Protector Review Note will be produced after the results of the Defence Investment Plan, due to be published later this year, have been analysed.",
     [("Defence Investment Plan", "defence investment plan")]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expected"), INITIATIVE_TABLE)
def test_find_initiatives_real_sentences(sentence: str, expected: list[tuple[str, str]]) -> None:
    mentions = find_initiatives(sentence, load_lexicon())
    assert [(m.text, m.key) for m in mentions] == expected
    for mention in mentions:
        assert sentence[mention.char_start : mention.char_end] == mention.text


def test_find_initiatives_seed_abbreviation_and_short_reference() -> None:
    text = (FIXTURES / "seed-answer.txt").read_text(encoding="utf-8")
    mentions = find_initiatives(text, load_lexicon())
    names = [(m.text, m.name, m.alias_of) for m in mentions]
    assert names == [
        (
            "SEND and Alternative Provision (AP) Improvement Plan",
            "SEND and AP Improvement Plan",
            None,
        ),
        (
            "National SEND and AP Implementation Board",
            "National SEND and AP Implementation Board",
            None,
        ),
        ("NHS Long Term Workforce Plan", "NHS Long Term Workforce Plan", None),
        (
            "Improvement Plan",
            "SEND and AP Improvement Plan",
            "SEND and Alternative Provision (AP) Improvement Plan",
        ),
        ("Change Programme", "Change Programme", None),
    ]
    assert mentions[0].key == mentions[3].key == "send and ap improvement plan"
    assert [m.category for m in mentions] == ["plan", "board", "plan", "plan", "programme"]


def test_find_abbreviations_initials_spell_the_short_form() -> None:
    text = "Special Educational Needs and Disabilities (SEND) and Alternative Provision (AP) reforms; a (B) list."
    assert find_abbreviations(text) == {
        "Special Educational Needs and Disabilities": "SEND",
        "Alternative Provision": "AP",
    }


@pytest.mark.parametrize(
    ("name", "abbreviations", "expected"),
    [
        (
            "SEND and Alternative Provision (AP) Improvement Plan",
            {"Alternative Provision": "AP"},
            "SEND and AP Improvement Plan",
        ),
        (
            "National Planning Policy Framework (NPPF)",
            {"National Planning Policy Framework": "NPPF"},
            "National Planning Policy Framework",
        ),
        ("Healthcare Travel Costs Scheme", {}, "Healthcare Travel Costs Scheme"),
    ],
)
def test_display_name_applies_abbreviations_but_keeps_a_whole_long_form(
    name: str, abbreviations: dict[str, str], expected: str
) -> None:
    assert display_name(name, abbreviations) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("10-Year Health Plan", "10 year health plan"),
        ("Building Safety Fund & Cladding Scheme", "building safety fund and cladding scheme"),
        ("NHS Long Term Workforce Plan", "long term workforce plan"),
        ("NHS Plan", "nhs plan"),
        ("Government’s Plan", "government's plan"),
    ],
)
def test_normalise_key(name: str, expected: str) -> None:
    assert normalise_key(name, frozenset({"nhs", "uk"})) == expected


def test_resolve_short_references_takes_the_latest_longer_name() -> None:
    def mention(text: str, start: int) -> InitiativeMention:
        key = normalise_key(text)
        return InitiativeMention(text, start, start + len(text), text, key, "plan")

    resolved = resolve_short_references(
        [
            mention("Improvement Plan", 0),
            mention("SEND Improvement Plan", 40),
            mention("Improvement Plan", 90),
        ]
    )
    assert [m.key for m in resolved] == [
        "improvement plan",
        "send improvement plan",
        "send improvement plan",
    ]
    assert resolved[2].alias_of == "SEND Improvement Plan" and resolved[0].alias_of is None


@pytest.mark.shared
def test_find_initiatives_corpus_offsets(corpus_path: Path) -> None:
    """Over every answer of the shared corpus, offsets point at the words of each mention."""
    from pipeline.ingest.records import Answer
    from pipeline.ingest.replay import read_answers

    texts = [a.answer_text for a in read_answers(corpus_path) if isinstance(a, Answer)]
    lexicon = load_lexicon()
    mentions = [(text, find_initiatives(text, lexicon)) for text in texts]
    found = sum(len(m) for _, m in mentions)
    assert found > 1000
    for text, items in mentions:
        for m in items:
            assert text[m.char_start : m.char_end] == m.text
            assert m.key and m.category
