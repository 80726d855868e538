"""Statements: the engine's commitments in context, and evidence patterns around initiatives."""

from __future__ import annotations

import pytest
from audit.builders import answer, commitment, seed_answer, timex

from pipeline.audit.initiatives import find_initiatives
from pipeline.audit.lexicon import load_lexicon
from pipeline.audit.statements import (
    CITED,
    IN_ANTECEDENT,
    IN_QUOTE,
    IN_SENTENCE,
    action_family,
    answer_statements,
    context_initiatives,
    due_shape,
    governed_verb,
    governing_action,
    mask,
    pattern_statements,
)
from pipeline.audit.text import split_sentences

# (sentence verbatim from the shared corpus, its answer date, the dated words and their interval,
#  expected (kind, action, due, event_end, due_text, strength) of the pattern statement)
PATTERN_TABLE = [
    # 1818456
    ("As set out in the 10-Year Health Plan published on 3 July, we will work across Government to prioritise United Kingdom medical graduates for foundation training.",
     "2025-07-09", ("3 July", "2025-07-03", "2025-07-03"), ("done", "publish", None, "2025-07-03", None, "firm")),
    # 1848372
    ("As set out in the 10-Year Health Plan, published in July 2025, over the next three years we will create 1,000 new specialty training posts with a focus on specialties where there is the greatest need.",
     "2025-11-12", ("July 2025", "2025-07-01", "2025-07-31"), ("done", "publish", None, "2025-07-31", None, "firm")),
    # 1847939: active voice before the name, date after it
    ("I published the Government’s Financial Inclusion Strategy on 5th November, which was developed alongside a Committee of consumer and industry representatives.",
     "2025-11-11", ("5th November", "2025-11-05", "2025-11-05"), ("done", "publish", None, "2025-11-05", None, "firm")),
    # 1847656: "due for publication" with the date right after
    ("The National Cancer Plan, due for publication early next year, will set out further details on the work of the taskforce.",
     "2025-11-10", ("early next year", "2026-01-01", "2026-03-31"), ("future", "publish", "2026-03-31", None, "early next year", "firm")),
    # 1830743
    ("The Department’s spending plans will be set out in the Defence Investment Plan, which will be published in the autumn.",
     "2025-09-04", ("the autumn", "2025-09-01", "2025-11-30"), ("future", "publish", "2025-11-30", None, "in the autumn", "firm")),
    # 1746667: launched, dated
    ("Backed by £240 million investment, the Get Britain Working White Paper launched on 26 November will target and tackle economic inactivity and unemployment.",
     "2024-12-05", ("26 November", "2024-11-26", "2024-11-26"), ("done", "launch", None, "2024-11-26", None, "firm")),
    # 1746163: launched, undated
    ("We have launched a 10-Year Health Plan to reform the NHS.",
     "2024-12-05", None, ("done", "launch", None, None, None, "firm")),
    # 1739176: "to be set out in the Autumn"
    ("The Get Britain Working White Paper, to be set out in the Autumn, will develop measures to reduce inactivity and help people to find better paid and more secure jobs.",
     "2024-10-01", ("the Autumn", "2024-09-01", "2024-11-30"), ("future", "set_out", "2024-11-30", None, "in the Autumn", "firm")),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "date", "dated", "expected"), PATTERN_TABLE)
def test_pattern_statements_real_sentences(
    sentence: str, date: str, dated: tuple[str, str, str] | None, expected: tuple[str | None, ...]
) -> None:
    lexicon = load_lexicon()
    timexes = (timex(sentence, *dated),) if dated else ()
    record = answer(1, date, sentence, timexes=timexes)
    found = pattern_statements(
        record, split_sentences(sentence), find_initiatives(sentence, lexicon), lexicon
    )
    assert len(found) == 1
    statement = found[0]
    assert (
        statement.kind,
        statement.action,
        statement.due,
        statement.event_end,
        statement.due_text,
        statement.strength,
    ) == expected
    assert sentence[statement.char_start : statement.char_end] == statement.quote
    assert statement.source == "pattern" and statement.initiatives[0][1] == IN_QUOTE


@pytest.mark.parametrize(
    "sentence",
    [
        # mentions with no delivery or schedule wording next to them
        "The 10-Year Health Plan will deliver three big shifts in the focus of healthcare, from hospital to community, analogue to digital, and sickness to prevention.",
        "Following publication of the 10-Year Health Plan, we will publish the new national cancer plan.",
        "Early diagnosis is a key focus of the National Cancer Plan.",
        # 1754793: the White Paper is the subject of "announced that", not what was announced
        "The Get Britain Working White Paper announced that DWP will establish a panel to consult disabled people as part of our wider efforts.",
    ],
)
def test_pattern_statements_need_a_cue(sentence: str) -> None:
    lexicon = load_lexicon()
    record = answer(1, "2025-01-01", sentence)
    assert (
        pattern_statements(
            record, split_sentences(sentence), find_initiatives(sentence, lexicon), lexicon
        )
        == []
    )


def test_pattern_statement_date_must_follow_the_cue() -> None:
    sentence = (
        "The Defence Investment Plan, which will be published, is a priority for the whole of 2025."
    )
    lexicon = load_lexicon()
    record = answer(
        1, "2025-07-11", sentence, timexes=(timex(sentence, "2025", "2025-01-01", "2025-12-31"),)
    )
    found = pattern_statements(
        record, split_sentences(sentence), find_initiatives(sentence, lexicon), lexicon
    )
    assert [(s.kind, s.due) for s in found] == [("future", None)]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("We will publish a 10-Year Health Plan", "future", "publish"),
        ("the Defence Investment Plan, to be published in autumn 2025", "future", "publish"),
        ("aims to be complete by 2025", "future", "complete"),
        ("I published the strategy on 5th November", "done", "publish"),
        ("the scheme was rolled out to all areas", "done", "launch"),
        ("we will set up a taskforce", "future", "establish"),
        ("I will write to the hon. Member", "future", "write"),
        ("we will continue to monitor the situation", "future", None),
    ],
)
def test_action_family_table(text: str, kind: str, expected: str | None) -> None:
    lexicon = load_lexicon()
    masked = mask(text, 0, len(text), find_initiatives(text, lexicon))
    assert action_family(masked, lexicon, kind) == expected


def test_mask_blanks_initiative_names_keeping_offsets() -> None:
    text = "the Defence Investment Plan, to be published"
    mentions = find_initiatives(text, load_lexicon())
    masked = mask(text, 0, len(text), mentions)
    assert (
        len(masked) == len(text)
        and "Investment" not in masked
        and masked.endswith("to be published")
    )


def test_commitment_statement_seed_context() -> None:
    lexicon = load_lexicon()
    seed = seed_answer()
    statements = answer_statements(seed, find_initiatives(seed.text, lexicon), lexicon)
    (audited,) = [s for s in statements if s.source == "commitment"]
    assert audited.initiatives == (("national send and ap implementation board", IN_SENTENCE),)
    assert (
        audited.action == "complete" and audited.due == "2025-12-31" and audited.strength == "soft"
    )
    # "This feeds into ..." points back: the previous sentence's steering group work is the deliverable
    assert {"steering", "group", "send", "workforce", "planning"} <= audited.terms
    assert "department" not in audited.terms and "2025" not in audited.terms


def test_commitment_statement_antecedent_weight() -> None:
    text = "We published the Warm Homes Plan in January. It will be reviewed by the end of 2026."
    lexicon = load_lexicon()
    record = answer(
        1,
        "2025-02-01",
        text,
        (commitment(text, "It will be reviewed by the end of 2026", due="2026-12-31"),),
    )
    statements = answer_statements(record, find_initiatives(text, lexicon), lexicon)
    future = [s for s in statements if s.kind == "future"]
    assert future[0].initiatives == (("warm homes plan", IN_ANTECEDENT),)


def test_answer_statements_drop_patterns_covered_by_a_commitment() -> None:
    text = "I published the Government’s Financial Inclusion Strategy on 5th November."
    lexicon = load_lexicon()
    quote = "I published the Government’s Financial Inclusion Strategy on 5th November"
    record = answer(
        1,
        "2025-11-11",
        text,
        (commitment(text, quote, kind="done", actor="I"),),
        (timex(text, "5th November", "2025-11-05", "2025-11-05"),),
    )
    statements = answer_statements(record, find_initiatives(text, lexicon), lexicon)
    assert [(s.source, s.kind, s.event_end) for s in statements] == [
        ("commitment", "done", "2025-11-05")
    ]


# (sentence verbatim from the shared corpus, the engine's quote, its kind, expected weight of the
#  initiative it names): a name that is the subject of what it contains is cited, not delivered
CONTENTS_TABLE = [
    # 1848513
    ("The 10-Year Health Plan sets out ambitious plans to transform mental health services to improve access and treatment, and to promote good mental health and wellbeing for the nation.",
     "The 10-Year Health Plan sets out ambitious plans to transform mental health services to improve access and treatment", "future", IN_QUOTE * CITED),
    # 1818764
    ("The Strategic Defence Review (SDR) recommended that, to ensure the RAF remains at the leading edge of combat air's evolution, additional F-35 aircraft will be required over the next decade.",
     "The Strategic Defence Review (SDR) recommended that, to ensure the RAF remains at the leading edge of combat air's evolution, additional F-35 aircraft will be required over the next decade", "future", IN_QUOTE * CITED),
    # 1831180
    ("The Industrial Strategy is a 10-year plan to back our strengths and realise Britain’s potential, targeting government investment towards eight-growth driving sectors (IS-8).",
     "The Industrial Strategy is a 10-year plan to back our strengths and realise Britain’s potential", "future", IN_QUOTE * CITED),
    # 1829174
    ("Our 10 Year Health Plan is committed to rolling out Fracture Liaison Services across every part of the country by 2030.",
     "Our 10 Year Health Plan is committed to rolling out Fracture Liaison Services across every part of the country by 2030", "future", IN_QUOTE * CITED),
    # 1747368: work done to support a named review
    ("The Ministry of Defence is working with several technology providers in Defence's digital ecosystem to support the Strategic Defence Review (SDR).",
     "The Ministry of Defence is working with several technology providers in Defence's digital ecosystem to support the Strategic Defence Review (SDR)", "ongoing", IN_QUOTE * CITED),
    # 1752772: aligned with a part of the named plan
    ("This will be aligned with the monitoring and evaluation activities of the 10-Year Health Plan.",
     "This will be aligned with the monitoring and evaluation activities of the 10-Year Health Plan", "future", IN_QUOTE * CITED),
    # 1725826: the name is the topic of an update
    ("It has always been the Government’s intention to provide an update to the House on the New Towns Taskforce.",
     "the Government’s intention to provide an update to the House on the New Towns Taskforce", "future", IN_QUOTE * CITED),
    # 1831180: the name inside an opening purpose clause
    ("To ensure robust and comprehensive monitoring and evaluation of the Industrial Strategy, we have chosen six economic indicators that reflect a range of desirable objectives for the IS-8 and the economy as a whole.",
     "we have chosen six economic indicators that reflect a range of desirable objectives for the IS-8 and the economy as a whole", "done", IN_QUOTE * CITED),
    # 1831144: work on the development of the named strategy is not a citation
    ("To support the development of the Defence Diplomacy Strategy, the Ministry of Defence is consulting a range of sources.",
     "the Ministry of Defence is consulting a range of sources", "ongoing", IN_QUOTE),
    # 1847656: the name is the subject of its own publication first
    ("The National Cancer Plan, due for publication early next year, will set out further details on the work of the taskforce.",
     "The National Cancer Plan, due for publication early next year, will set out further details on the work of the taskforce", "future", IN_QUOTE),
    # 1739379: the name is what is delivered
    ("We will publish a 10-Year Health Plan for the NHS in the spring which will focus on increasing productivity.",
     "We will publish a 10-Year Health Plan for the NHS in the spring", "future", IN_QUOTE),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "quote", "kind", "expected"), CONTENTS_TABLE)
def test_context_initiatives_name_cited_by_its_contents_table(
    sentence: str, quote: str, kind: str, expected: float
) -> None:
    lexicon = load_lexicon()
    start = sentence.index(quote)
    weights = context_initiatives(
        start,
        start + len(quote),
        split_sentences(sentence),
        find_initiatives(sentence, lexicon),
        sentence,
        lexicon,
        kind,
    )
    assert len(weights) == 1 and weights[0][1] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("due_text", "expected"),
    [
        # 1725763: the period an extension runs for
        ("from 1 October 2024 until 31 March 2025", "span"),
        # 1753110
        ("from 1 April 2024 to 31 March 2025", "span"),
        # 1727597: when a payment begins
        ("from October", "start"),
        # 1847733
        ("from the 2026/27 academic year", "start"),
        # 1725497
        ("From 16 September", "start"),
        ("in the spring", "point"),
        ("by 2035", "point"),
        ("over this Parliament", "point"),
        (None, "point"),
    ],
)
def test_due_shape_table(due_text: str | None, expected: str) -> None:
    assert due_shape(due_text, load_lexicon()) == expected


# (a quote verbatim from the shared corpus, its kind, its due words, expected action)
GOVERNING_TABLE = [
    # 1831470: an opening purpose clause is not the action
    ("To deliver our manifesto pledge, from 2026/27, we intend to introduce permanently lower tax rates for retail, hospitality",
     "future", "from 2026/27", "launch"),
    # 1740378
    ("To deliver our manifesto pledge, from 2026-27, we intend to introduce permanently lower tax rates for retail, hospitality",
     "future", "from 2026-27", "launch"),
    # 1847656: the date belongs to the publication, not to "set out"
    ("The National Cancer Plan, due for publication early next year, will set out further details on the work of the taskforce",
     "future", "early next year", "publish"),
    # 1739379
    ("We will publish a 10-Year Health Plan for the NHS in the spring", "future", "in the spring", "publish"),
]  # fmt: skip


@pytest.mark.parametrize(("quote", "kind", "anchor", "expected"), GOVERNING_TABLE)
def test_governing_action_table(quote: str, kind: str, anchor: str, expected: str) -> None:
    lexicon = load_lexicon()
    masked = mask(quote, 0, len(quote), find_initiatives(quote, lexicon))
    assert governing_action(masked, lexicon, kind, anchor) == expected


# (a quote verbatim from the shared corpus, the verb its modal governs): the fallback of a
# statement with no action word, compared by `same_verb`
GOVERNED_VERB_TABLE = [
    # 1741079 / 1747361
    ("The employer National Insurance rise will be implemented in April 2025", "implemented"),
    ("The employer National Insurance contributions rise will be implemented in April 2025", "implemented"),
    # 1740817 / 1746927
    ("865,000 employers will pay no employer NICs at all next year", "pay"),
    # 1675673 / 1677823: a planning infinitive
    ("such data is expected to be available from 2024", "available"),
    # 1746541: an adverb between the modal and the verb
    ("Places with a significant rural population will on average receive around a 5% increase in their Core Spending Power next year", "receive"),
    # 1831470: the purpose clause's "To deliver" is skipped
    ("To deliver our manifesto pledge, from 2026/27, we intend to introduce permanently lower tax rates for retail, hospitality", "introduce"),
    # a verb ending in -ly is no adverb
    ("The new rules will apply from April 2025", "apply"),
    # 1741635: "to" before a noun phrase is no infinitive
    ("The department is providing an increase of almost £1 billion for local authorities’ high needs budgets in the 2025/26 financial year", None),
]  # fmt: skip


@pytest.mark.parametrize(("quote", "expected"), GOVERNED_VERB_TABLE)
def test_governed_verb_table(quote: str, expected: str | None) -> None:
    assert governed_verb(quote) == expected


def test_commitment_statement_verb_only_without_an_action_word() -> None:
    lexicon = load_lexicon()
    for quote, action, verb in (
        ("The employer National Insurance rise will be implemented in April 2025", None, "implemented"),
        ("We will publish a 10-Year Health Plan for the NHS in the spring", "publish", None),
    ):  # fmt: skip
        text = quote + "."
        record = answer(1, "2024-11-20", text, (commitment(text, quote),))
        (statement,) = answer_statements(record, find_initiatives(text, lexicon), lexicon)
        assert (statement.action, statement.verb) == (action, verb)
