"""Clause and sentence splitting (:mod:`pipeline.nlp.clauses`): pure functions over token texts.

Sentences are real ones from the corpus (Open Parliament Licence v3.0; the answer id ends each
row), tokenised with the rule model's tokenizer. Verb-group starts are the auxiliaries plus the
positions of the words given as triggers in each row, so the tables test the splitter alone.
"""

from __future__ import annotations

import dataclasses
from itertools import pairwise

import pytest
from spacy.language import Language

from pipeline.nlp.clauses import (
    Clause,
    pronoun_relative_verb,
    sentence_ranges,
    slot_init,
    split_clauses,
    verb_starts,
)
from pipeline.nlp.commitment_logic import is_participle
from pipeline.nlp.commitment_rules import shipped_lexicons

LEX = shipped_lexicons()
"""The model's domain lexicons (``lexicons.jsonl``): the verbs and hedges the splitter reads."""

# (sentence, trigger words that start a verb group, expected clause texts)
CLAUSES: list[tuple[str, tuple[str, ...], list[str]]] = [
    # "further" after a coordinator determines a new subject (ADVERB_DETERMINERS), and a bare
    # plural subject before "will" opens a clause after ", and" when the first clause has its
    # verb (bare_subject_will) (round 15, devextra7).
    (
        "We will be consulting on the earned settlement and citizenship scheme later this year, and further details on the proposed scheme will be provided at that time.",
        ("consulting", "provided"),
        [
            "We will be consulting on the earned settlement and citizenship scheme later this year",
            ", and further details on the proposed scheme will be provided at that time.",
        ],
    ),  # 1818267 (devextra7)
    (
        "Policy development is ongoing, and next steps will be set out as soon as possible.",
        ("set",),
        [
            "Policy development is ongoing",
            ", and next steps will be set out as soon as possible.",
        ],
    ),  # 1724559
    (
        "Schools and colleges will receive the funding.",
        ("receive",),
        ["Schools and colleges will receive the funding."],
    ),  # a bare plural coordinated inside the subject: no comma, no verb before it
    # A non-restrictive relative clause set off by commas inside the subject of the first main
    # clause ends at its closing comma when an auxiliary follows: the main verb group resumes
    # there (round 15, devextra5; nonrestrictive_subject_end).
    (
        "The National Cancer Plan, which will be published in the new year, will include further details on how we will improve outcomes for all cancer patients.",
        ("published", "include", "improve"),
        [
            "The National Cancer Plan,",
            "which will be published in the new year,",
            "will include further details on",
            "how we will improve outcomes for all cancer patients.",
        ],
    ),  # 1849193 (devextra4)
    (
        "The 2025 Annual Report on Special Advisers, which will relate to the 2024/25 financial year, will be published before the end of this year.",
        ("relate", "published"),
        [
            "The 2025 Annual Report on Special Advisers,",
            "which will relate to the 2024/25 financial year,",
            "will be published before the end of this year.",
        ],
    ),  # 1752925
    (
        "The Department published the report, which was well received, and will update it next year.",
        ("published", "received", "update"),
        [
            "The Department published the report,",
            "which was well received",
            ", and will update it next year.",
        ],
    ),  # made up: a relative after the verb group is no part of the subject
    # A restrictive relative clause inside the subject ends where the main verb group resumes
    # (round 4): a coordinate clause without an opener that shares the subject.
    (
        "The Defence Finance and Investment Strategy and the Defence Investors' Advisory Group that will be supporting the strategy will formally meet in early autumn in preparation for the publication in early 2026.",
        ("will",),
        [
            "The Defence Finance and Investment Strategy and the Defence Investors' Advisory Group",
            "that will be supporting the strategy",
            "will formally meet in early autumn in preparation for the publication in early 2026.",
        ],
    ),  # 1827483
    (
        "The Impact Assessment that will be published alongside the legislation for the 2025 rates will not provide an estimate of the number of National Living Wage earners who will become income tax payers from April 2025.",
        ("will",),
        [
            "The Impact Assessment",
            "that will be published alongside the legislation for the 2025 rates",
            "will not provide an estimate of the number of National Living Wage earners",
            "who will become income tax payers from April 2025.",
        ],
    ),  # 1753025
    (
        "All cases that are found eligible are prioritised after the necessary checks have been conducted.",
        ("are",),
        [
            "All cases",
            "that are found eligible",
            "are prioritised",
            "after the necessary checks have been conducted.",
        ],
    ),  # 1675524
    # ... but not across a comma: the relative clause runs on
    (
        "The estimated number of pensioners who will see a reduction in their disposable income as a result of proposed reforms to winter fuel payments by age and region, for Great Britain are shown in below tables (1+2).",
        ("will",),
        [
            "The estimated number of pensioners",
            "who will see a reduction in their disposable income as a result of proposed reforms to winter fuel payments by age and region, for Great Britain are shown in below tables (1+2).",
        ],
    ),  # 1727110
    (
        "We will publish our Impact Assessment shortly.",
        (),
        ["We will publish our Impact Assessment shortly."],
    ),  # 1675137
    # one auxiliary shared by two verbs: one clause
    (
        "The Government will work with external partners and local authorities to boost the uptake of Pension Credit and to target additional support to the poorest pensioners.",
        (),
        [
            "The Government will work with external partners and local authorities to boost the uptake of Pension Credit and to target additional support to the poorest pensioners."
        ],
    ),  # 1724332
    # a conjunction before an auxiliary opens a clause with its own verb group
    (
        "My department will continue to monitor developments in the use of both financial and non-financial applications of blockchain technology and will work with other government departments and industry to ensure we maximise its potential to spur UK growth and innovation.",
        (),
        [
            "My department will continue to monitor developments in the use of both financial and non-financial applications of blockchain technology",
            "and will work with other government departments and industry to ensure we maximise its potential to spur UK growth and innovation.",
        ],
    ),  # 1678379
    (
        "I have committed to exploring measures to further strengthen the ICRIR’s independence, and am consulting widely, including with victims, survivors and families, on a practical way forward that can command the broadest support.",
        (),
        [
            "I have committed to exploring measures to further strengthen the ICRIR’s independence",
            ", and am consulting widely, including with victims, survivors and families, on a practical way forward that can command the broadest support.",
        ],
    ),  # 1728797
    # a subject after the conjunction
    (
        "We currently have no plans to change the law but will consider licensing regulations to make sure that they are protecting the vulnerable and tackling sexual crime, as well as public nuisance.",
        (),
        [
            "We currently have no plans to change the law",
            "but will consider licensing regulations to make sure that they are protecting the vulnerable and tackling sexual crime, as well as public nuisance.",
        ],
    ),  # 1741339
    (
        "We have committed to at least doubling the number of people offered a personal health budget by the 2028/29 financial year, and we will make personal health budgets a universal offer for all who would benefit from them by 2035.",
        (),
        [
            "We have committed to at least doubling the number of people offered a personal health budget by the 2028/29 financial year",
            ", and we will make personal health budgets a universal offer for all who would benefit from them by 2035.",
        ],
    ),  # 1828457
    # a trigger verb after "and"
    (
        "This feeds into the National SEND and AP Implementation Board and aims to be complete by 2025.",
        ("aims",),
        [
            "This feeds into the National SEND and AP Implementation Board",
            "and aims to be complete by 2025.",
        ],
    ),  # seed
    # adjectives coordinated inside one noun phrase do not open a clause
    (
        "The Government recognises that the economic and environmental potential of rail freight is significant and is committed to the target of at least a 75% increase in freight moved by rail by 2050.",
        (),
        [
            "The Government recognises that the economic and environmental potential of rail freight is significant",
            "and is committed to the target of at least a 75% increase in freight moved by rail by 2050.",
        ],
    ),  # 1848392
    # "and" inside a name
    (
        "My Rt hon. Friend, the Secretary of State for Health and Social Care has commissioned Professor Lord Darzi of Denham to conduct an immediate and independent investigation of the National Health Service.",
        (),
        [
            "My Rt hon. Friend, the Secretary of State for Health and Social Care has commissioned Professor Lord Darzi of Denham to conduct an immediate and independent investigation of the National Health Service."
        ],
    ),  # 1723233
    # relative clauses with a trigger
    (
        "The recent Court of Appeal judgment also recognised the structural independence of the ICRIR, while making declarations of incompatibility with the ECHR which the government is currently considering.",
        ("considering",),
        [
            "The recent Court of Appeal judgment also recognised the structural independence of the ICRIR, while making declarations of incompatibility with the ECHR",
            "which the government is currently considering.",
        ],
    ),  # 1728797
    (
        "The Improvement Plan also committed to the Change Programme which was launched in September 2023, and is testing key SEND and AP reforms with 32 local authorities in each of the 9 regions.",
        ("launched",),
        [
            "The Improvement Plan also committed to the Change Programme",
            "which was launched in September 2023",
            ", and is testing key SEND and AP reforms with 32 local authorities in each of the 9 regions.",
        ],
    ),  # seed
    # subordinate and conditional clauses
    (
        "I will write to him when the information is available, and a copy of this letter will be placed in the Library of The House.",
        (),
        [
            "I will write to him",
            "when the information is available",
            ", and a copy of this letter will be placed in the Library of The House.",
        ],
    ),  # 1674674
    (
        "If the Hon Gentleman wishes, he is welcome to a meeting so I can better understand his concerns and seek to answer them directly.",
        (),
        [
            "If the Hon Gentleman wishes",
            ", he is welcome to a meeting",
            "so I can better understand his concerns and seek to answer them directly.",
        ],
    ),  # 1675823
    (
        "The department is looking at what the changes to National Insurance contributions will mean for the early years sector and will provide more details as soon as possible.",
        (),
        [
            "The department is looking at",
            "what the changes to National Insurance contributions will mean for the early years sector",
            "and will provide more details as soon as possible.",
        ],
    ),  # corpus
    # hard punctuation and a spaced dash; a hyphen inside a word is not a boundary
    (
        "Safety on our roads is an absolute priority for this Government; the Department for Transport is committed to delivering a new Road Safety Strategy – the first in over a decade.",
        (),
        [
            "Safety on our roads is an absolute priority for this Government",
            "; the Department for Transport is committed to delivering a new Road Safety Strategy",
            "– the first in over a decade.",
        ],
    ),  # 1833184 (adapted punctuation)
    (
        "The Government is committed to non-animal alternatives and will publish a strategy to support their development, validation and adoption later this year.",
        (),
        [
            "The Government is committed to non-animal alternatives",
            "and will publish a strategy to support their development, validation and adoption later this year.",
        ],
    ),  # 1820145
    # "and that" opens a second complement clause with its own auxiliary
    (
        "I can confirm that we are continuing the plans for a phased removal of wet-shave razors and that this will be implemented in up to 30 prisons in the adult male estate in 2024/25.",
        (),
        [
            "I can confirm that we are continuing the plans for a phased removal of wet-shave razors",
            "and that this will be implemented in up to 30 prisons in the adult male estate in 2024/25.",
        ],
    ),  # devextra2 1723831
    # a colon inside a publication's title in a leading adverbial is not a boundary
    (
        "In Fit for the Future: 10-Year Health Plan for England, the Government committed to strengthening and expanding existing voluntary guidelines for alcohol labelling.",
        ("committed",),
        [
            "In Fit for the Future: 10-Year Health Plan for England, the Government committed to strengthening and expanding existing voluntary guidelines for alcohol labelling."
        ],
    ),  # devextra2 1858989
    (
        "The department has two aims: to raise standards and to widen access.",
        (),
        ["The department has two aims", ": to raise standards and to widen access."],
    ),  # a colon after a clause with a verb still splits
    # a colon inside a publication's title after the verb group is not a boundary (round 15)
    (
        "Final figures for 2024 will be published in Statistics on International Development: Final UK ODA Spend 2024 on 18 September 2025.",
        ("published",),
        [
            "Final figures for 2024 will be published in Statistics on International Development: Final UK ODA Spend 2024 on 18 September 2025."
        ],
    ),  # 1829197
    (
        "The Government will continue to keep the ‘Permitted development rights for householders: technical guidance’ under review.",
        (),
        [
            "The Government will continue to keep the ‘Permitted development rights for householders: technical guidance’ under review."
        ],
    ),  # 1725801 (inside an open quotation)
    (
        "Six public appointees had their terms extended, and these have been announced as: Nigel Trout and Charlotte Moar.",
        (),
        [
            "Six public appointees had their terms extended",
            ", and these have been announced as",
            ": Nigel Trout and Charlotte Moar.",
        ],
    ),  # devextra4 1725785 (a list after a lower-case word still splits)
    (
        "The scheme has two strands: Early Years Support and Family Hubs.",
        (),
        ["The scheme has two strands", ": Early Years Support and Family Hubs."],
    ),  # made up (one capitalised word before the colon is no title)
    (
        "The Department for Energy Security and Net Zero recently announced their plans to consult on new environmental guidance, and more detail will be provided in due course.",
        ("announced",),
        [
            "The Department for Energy Security and Net Zero recently announced their plans to consult on new environmental guidance",
            ", and more detail will be provided in due course.",
        ],
    ),  # 1729281 ("more" opens a noun-phrase subject)
    # ", however" joins two main clauses
    (
        "Waking Watch Replacement Fund 2023 data is not currently reported as part of the Monthly Data Release, however we will include full fund data within future releases in due course.",
        (),
        [
            "Waking Watch Replacement Fund 2023 data is not currently reported as part of the Monthly Data Release",
            ", however we will include full fund data within future releases in due course.",
        ],
    ),  # blind2 1722472
    (
        "The Government will, however, publish the report in the spring.",
        (),
        ["The Government will, however, publish the report in the spring."],
    ),  # an aside, not a boundary
    # a comma splice with a counted subject and its own "will"
    (
        "The Government is also ensuring pensioners are supported through our commitment to protect the Triple Lock, over 12 million pensioners will benefit, with many expected to see their State Pension increase.",
        (),
        [
            "The Government is also ensuring pensioners are supported through our commitment to protect the Triple Lock",
            ", over 12 million pensioners will benefit, with many expected to see their State Pension increase.",
        ],
    ),  # blind2 1726816
    (
        "We have allocated £5 million, over 3 years, to the scheme.",
        (),
        ["We have allocated £5 million, over 3 years, to the scheme."],
    ),  # a counted aside without its own "will"
]


def _texts(words: list[str], ws: list[str], clauses: list[Clause]) -> list[str]:
    return [
        "".join(
            w + s for w, s in zip(words[c.start : c.end], ws[c.start : c.end], strict=True)
        ).strip()
        for c in clauses
    ]


def _split_texts(
    nlp: Language, sentence: str, triggers: tuple[str, ...], *, participles: bool = True
) -> list[str]:
    """The clause texts of ``sentence`` with the words in ``triggers`` marked as triggers; with
    ``participles`` False a trigger that looks like a participle ("confirmed") is not a verb
    start, as in the component."""
    doc = nlp.make_doc(sentence)
    words = [t.text for t in doc]
    marked = {i for i, w in enumerate(words) if w in triggers}
    starting = marked if participles else {i for i in marked if not is_participle(words[i])}
    clauses = split_clauses(words, verb_starts(words, starting), triggers=marked, lex=LEX)
    return _texts(words, [t.whitespace_ for t in doc], clauses)


@pytest.mark.parametrize(("sentence", "triggers", "expected"), CLAUSES)
def test_split_clauses_real_sentences(
    nlp: Language, sentence: str, triggers: tuple[str, ...], expected: list[str]
) -> None:
    assert _split_texts(nlp, sentence, triggers) == expected


def test_split_clauses_cover_the_sentence_without_gaps() -> None:
    words = [
        "I",
        "will",
        "write",
        "to",
        "him",
        "when",
        "the",
        "information",
        "is",
        "available",
        ",",
        "and",
        "a",
        "copy",
        "will",
        "be",
        "placed",
        "in",
        "the",
        "Library",
        ".",
    ]
    clauses = split_clauses(words, lex=LEX)
    assert clauses[0].start == 0 and clauses[-1].end == len(words)
    assert all(a.end == b.start for a, b in pairwise(clauses))
    assert [c.role for c in clauses] == ["main", "subordinate", "coordinate"]
    assert clauses[2].opener == "and" and words[clauses[2].body] == "a"


def test_split_clauses_conditional_roles() -> None:
    leading = split_clauses(
        ["If", "the", "hon.", "Member", "wishes", ",", "I", "will", "meet", "him", "."], lex=LEX
    )
    assert [c.role for c in leading] == ["conditional", "main"]
    whether = split_clauses(
        [
            "We",
            "are",
            "piloting",
            "a",
            "platform",
            "to",
            "see",
            "if",
            "a",
            "platform",
            "could",
            "help",
            ".",
        ],
        lex=LEX,
    )
    assert [c.role for c in whether] == ["main", "subordinate"]


def test_split_clauses_protected_names_are_not_cut() -> None:
    words = ["the", "Work", "and", "Pensions", "Select", "Committee", "has", "been", "appointed"]
    assert len(split_clauses(words, lex=LEX)) == 1
    words = ["NHS", "England", "and", "the", "Department", "have", "agreed"]
    assert len(split_clauses(words, lex=LEX)) == 2
    assert len(split_clauses(words, protected=[(0, 5)], lex=LEX)) == 1


def test_split_clauses_unbroken_periods_are_not_cut(nlp: Language) -> None:
    doc = nlp.make_doc("The Fund is being extended from 1 October 2024 until 31 March 2025.")
    words = [t.text for t in doc]
    period = (words.index("1"), words.index("2025") + 1)
    assert len(split_clauses(words, lex=LEX)) == 2  # "until" opens a subordinate clause
    assert len(split_clauses(words, unbroken=[period], lex=LEX)) == 1


def test_split_clauses_named_actor_opens_a_coordinate_clause(nlp: Language) -> None:
    doc = nlp.make_doc("This is an important issue, and ministers intend to look at the costs.")
    words = [t.text for t in doc]
    ministers = words.index("ministers")
    intend = {words.index("intend")}
    plain = split_clauses(words, verb_starts(words, intend), lex=LEX)
    named = split_clauses(words, verb_starts(words, intend), [(ministers, ministers + 1)], lex=LEX)
    assert len(plain) == 1
    assert [c.role for c in named] == ["main", "coordinate"]
    assert named[1].body == ministers


def test_split_clauses_relative_needs_a_trigger_when_triggers_are_given() -> None:
    words = [
        "we",
        "will",
        "make",
        "budgets",
        "a",
        "universal",
        "offer",
        "for",
        "all",
        "who",
        "would",
        "benefit",
        "by",
        "2035",
    ]
    assert len(split_clauses(words, lex=LEX)) == 2
    assert len(split_clauses(words, triggers={1}, lex=LEX)) == 1


def test_split_clauses_empty() -> None:
    assert split_clauses([], lex=LEX) == []


def test_verb_starts_marks_auxiliaries_and_extras() -> None:
    words = ["The", "Department", "plans", "to", "publish", "and", "will", "consult"]
    assert verb_starts(words) == frozenset({6})
    assert verb_starts(words, {2}) == frozenset({2, 6})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I refer the hon. Member to the answer I gave. We will publish it.",
            ["I refer the hon. Member to the answer I gave.", "We will publish it."],
        ),
        (
            "My Rt hon. Friend, the Secretary of State has commissioned a review.",
            ["My Rt hon. Friend, the Secretary of State has commissioned a review."],
        ),
        (
            "See Question No. 3703 for details. Thanks.",
            ["See Question No. 3703 for details.", "Thanks."],
        ),
        ("The answer is no. We will not.", ["The answer is no.", "We will not."]),
        ("Key points\n\nWe will publish it.", ["Key points", "We will publish it."]),
    ],
)
def test_sentence_ranges_repair_abbreviations_and_line_breaks(
    nlp: Language, text: str, expected: list[str]
) -> None:
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    words = [t.text for t in doc]
    starts = [t.i for t in doc if t.is_sent_start]
    breaks = [t.i for t in doc if t.is_space and "\n" in t.text]
    got = [doc[s:e].text.strip() for s, e in sentence_ranges(words, starts, line_breaks=breaks)]
    assert got == expected


def test_split_clauses_leading_subordinate_without_comma_ends_at_a_named_actor(
    nlp: Language,
) -> None:
    # 1828011: "the Government" (an actor match, so protected) and a verb group open the main
    # clause; without the actor match the sentence stays one subordinate clause.
    doc = nlp.make_doc(
        "Once this is complete the Government will move quickly to review the Airports National Policy Statement."
    )
    words = [t.text for t in doc]
    actor = (words.index("the"), words.index("Government") + 1)
    split = split_clauses(words, verb_starts(words), protected=[actor], lex=LEX)
    assert [(c.role, words[c.start]) for c in split] == [("subordinate", "Once"), ("main", "the")]
    assert [c.role for c in split_clauses(words, verb_starts(words), lex=LEX)] == ["subordinate"]


@dataclasses.dataclass(frozen=True, slots=True)
class _Plain:
    a: int
    b: str = "x"
    c: list[int] = dataclasses.field(default_factory=list)


@slot_init
@dataclasses.dataclass(frozen=True, slots=True)
class _Fast:
    a: int
    b: str = "x"
    c: list[int] = dataclasses.field(default_factory=list)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((1,), {}), ((1, "y"), {}), ((1,), {"c": [2]}), ((), {"a": 3, "b": "z", "c": [4]})],
)
def test_slot_init_builds_what_the_dataclass_init_builds(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    plain, fast = _Plain(*args, **kwargs), _Fast(*args, **kwargs)  # type: ignore[arg-type]
    assert dataclasses.astuple(fast) == dataclasses.astuple(plain)
    assert fast == _Fast(*args, **kwargs)  # type: ignore[arg-type]
    moved_fast, moved_plain = dataclasses.replace(fast, b="q"), dataclasses.replace(plain, b="q")
    assert dataclasses.astuple(moved_fast) == dataclasses.astuple(moved_plain)


def test_slot_init_keeps_frozen_fields_defaults_apart_and_errors() -> None:
    first, second = _Fast(1), _Fast(2)
    assert first.c == [] and first.c is not second.c
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.a = 5  # type: ignore[misc]
    with pytest.raises(TypeError):
        _Fast()  # type: ignore[call-arg]
    assert Clause.__init__.__qualname__ == "Clause.__init__"


# -- round 5 (segmentation): a relative "that" before a past-tense trigger -----------------------

# (sentence, the words the rule model marks as triggers, expected clause texts). As in
# ``find_commitments``, a trigger that looks like a participle does not start a verb group.
RELATIVE_THAT_PAST: list[tuple[str, tuple[str, ...], list[str]]] = [
    # A dated step whose relative clause reports a second verb group: two clauses (the only
    # instance of the shape in the corpus; the answer is in data/blind2, development data).
    (
        "The government published a policy statement on 28 November 2024 that confirmed that local government will receive an around 3.2% real-terms increase overall in Core Spending Power as part of the Local Government Finance Settlement 2025-26.",
        ("published", "confirmed", "will"),
        [
            "The government published a policy statement on 28 November 2024",
            "that confirmed that local government will receive an around 3.2% real-terms increase overall in Core Spending Power as part of the Local Government Finance Settlement 2025-26.",
        ],
    ),  # 1746386
    # No further trigger in the relative clause: it stays in its noun phrase.
    (
        "The Department is currently assessing the results of a recent trial that issued an SMS message to prompt Carer’s Allowance recipients, to remind them to contact the department to report a change of earning.",
        ("is", "issued"),
        [
            "The Department is currently assessing the results of a recent trial that issued an SMS message to prompt Carer’s Allowance recipients, to remind them to contact the department to report a change of earning."
        ],
    ),  # 1725897
    # The participle modifies the noun that a verb group follows: "that" is a conjunction.
    (
        "The data is heavily caveated and has not been assured to the level that published data has been and as such there are no plans to share it with Honourable Members.",
        ("published", "no", "plans"),
        [
            "The data is heavily caveated",
            "and has not been assured to the level that published data has been and as such there are no plans to share it with Honourable Members.",
        ],
    ),  # 1678380 (shortened)
    # A pronoun "that" after "such as": a reduced relative, not a clause.
    (
        "Patients should be managed according to current clinical guidance such as that published and updated by the National Institute for Health and Care Excellence (NICE).",
        ("published",),
        [
            "Patients should be managed according to current clinical guidance such as that published and updated by the National Institute for Health and Care Excellence (NICE)."
        ],
    ),  # 1829931
]

# (sentence, trigger words, expected clause texts): a subject that a demonstrative determines
# after a coordinator ("and *this increase will* ..."); "this" was read as a pronoun only.
DEMONSTRATIVE_SUBJECTS: list[tuple[str, tuple[str, ...], list[str]]] = [
    (
        "That is a matter for their personal discretion, but this approach has been taken in the past.",
        (),
        [
            "That is a matter for their personal discretion",
            ", but this approach has been taken in the past.",
        ],
    ),  # 1725671
    # A preposition inside the phrase: no subject ("those operating on the ground").
    (
        "The FCDO is actively engaging with international partners and those operating on the ground to do all we can to address the humanitarian crisis in Gaza.",
        ("engaging",),
        [
            "The FCDO is actively engaging with international partners and those operating on the ground to do all we can to address the humanitarian crisis in Gaza."
        ],
    ),  # 1678567
]


@pytest.mark.parametrize(("sentence", "triggers", "expected"), DEMONSTRATIVE_SUBJECTS)
def test_split_clauses_demonstrative_subject_after_a_coordinator(
    nlp: Language, sentence: str, triggers: tuple[str, ...], expected: list[str]
) -> None:
    assert _split_texts(nlp, sentence, triggers) == expected


@pytest.mark.parametrize(("sentence", "triggers", "expected"), RELATIVE_THAT_PAST)
def test_split_clauses_relative_that_before_a_past_trigger(
    nlp: Language, sentence: str, triggers: tuple[str, ...], expected: list[str]
) -> None:
    assert _split_texts(nlp, sentence, triggers, participles=False) == expected


# -- session 9: a relative clause whose own subject is a pronoun ---------------------------------

# (sentence, trigger words, expected clause texts). A relative pronoun followed by a subject
# pronoun has its own verb straight after that pronoun, often no auxiliary, and the main verb
# group follows it ("the department which I lead | will publish ..."): the relative clause ends
# at that verb, and a coordinator before the subject still opens a clause.
PRONOUN_RELATIVES: list[tuple[str, tuple[str, ...], list[str]]] = [
    (
        "Under this scheme, which will be operated by local authorities, practitioners will be required to obtain a licence to perform specified cosmetic procedures, and the premises from which they operate will also need to be licensed.",
        ("will",),
        [
            "Under this scheme,",
            "which will be operated by local authorities, practitioners will be required to obtain a licence to perform specified cosmetic procedures",
            ", and the premises",
            "from which they operate",
            "will also need to be licensed.",
        ],
    ),  # 1848958 (the premises' own relative used to swallow the main verb group)
    (
        "The department which I lead will publish the strategy in the spring.",
        ("will",),
        ["The department", "which I lead", "will publish the strategy in the spring."],
    ),  # constructed (the reported bug: the quote was "I lead will publish ...", actor "I")
    (
        "The Department that I lead will publish the strategy in the spring.",
        ("will",),
        ["The Department", "that I lead", "will publish the strategy in the spring."],
    ),  # constructed (a relative "that" before a pronoun: one clause, no actor, before)
    # A verb of knowing after the pronoun: the relative's gap is the subject of its complement,
    # whose own verb group follows ("which we hope will have ..."), so nothing changes.
    (
        "This is funding a team to provide targeted housing support to people in treatment for substance dependence, and is showing promising results around reducing evictions, which we hope will have an equally positive impact on people’s treatment outcomes.",
        ("will",),
        [
            "This is funding a team to provide targeted housing support to people in treatment for substance dependence",
            ", and is showing promising results around reducing evictions,",
            "which we hope will have an equally positive impact on people’s treatment outcomes.",
        ],
    ),  # 1729024
]


@pytest.mark.parametrize(("sentence", "triggers", "expected"), PRONOUN_RELATIVES)
def test_split_clauses_relative_with_a_pronoun_subject(
    nlp: Language, sentence: str, triggers: tuple[str, ...], expected: list[str]
) -> None:
    assert _split_texts(nlp, sentence, triggers) == expected


@pytest.mark.parametrize(
    ("fragment", "relative", "verb"),
    [
        ("the premises from which they operate will also need", 3, "operate"),  # 1848958
        ("the Service Justice Board , which I chair .", 5, "chair"),  # 1677307
        ("areas that we know will make a difference", 1, None),  # 1847993 (knowing)
        ("evictions , which we hope will have", 2, None),  # 1729024 (a complement verb)
        ("the Impact Assessment that will be published", 3, None),  # 1753025 (no pronoun)
    ],
)
def test_pronoun_relative_verb_finds_the_relative_clauses_own_verb(
    fragment: str, relative: int, verb: str | None
) -> None:
    words = fragment.lower().split()
    found = pronoun_relative_verb(words, relative, lex=LEX)
    assert (words[found] if found is not None else None) == verb
