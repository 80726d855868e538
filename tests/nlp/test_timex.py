"""The ``pct_timex`` component: one parametrised table per rule family, from real answers.

Rows come from ``../shared/gold/vectors-timex.jsonl`` (copied to ``tests/fixtures/timex/``) and
other answers of the corpus (Open Parliament Licence v3.0; the answer id ends each row): a
sentence, its answer date, and every time expression in it as ``(text, type, start, end)`` for
dates and ``(text, type, value)`` for durations and sets. Then the component's standard tests,
bad input, and a property test over arbitrary text.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from support import FIXTURES, shared_path

from pipeline.engine import TextItem, extract, extract_batch
from pipeline.nlp.attrs import TIMEX_ATTR, TIMEX_SPANS, set_context
from pipeline.nlp.rules import RuleError
from pipeline.nlp.timex import TimexTagger, sentence_spans
from pipeline.nlp.timex_rules import TimexRuleSet
from pipeline.settings import get_settings
from pipeline.types import Timex

Row = tuple[str, str, list[tuple[Any, ...]]]

UK_CALENDAR: list[Row] = [
    (
        "The total expenditure for the financial year 2021 to 2022 was £22.4m.",
        "2024-01-10",
        [("the financial year 2021 to 2022", "date", "2021-04-01", "2022-03-31")],
    ),  # corpus shape "financial year 2021 to 2022"
    (
        "Across England, local highway authorities are receiving an additional £150 million this financial year as the first instalment of the £8.3 billion roads resurfacing fund through Network North.",
        "2023-12-07",
        [("this financial year", "date", "2023-04-01", "2024-03-31")],
    ),  # 1675246
    (
        "We are planning £161 million in aid this financial year (2024-25), with 50 per cent targeted for women and girls.",
        "2024-11-13",
        [
            ("this financial year", "date", "2024-04-01", "2025-03-31"),
            ("2024-25", "date", "2024-04-01", "2025-03-31"),
        ],
    ),  # 1740168
    (
        "This Government has made a record investment of almost £1.6 billion for local road maintenance this financial year, a £500 million increase compared to 2024/25.",
        "2025-09-10",
        [
            ("this financial year", "date", "2025-04-01", "2026-03-31"),
            ("2024/25", "date", "2024-04-01", "2025-03-31"),
        ],
    ),  # 1832316
    (
        "We expect any site development and capital deployment to occur in the next financial year.",
        "2025-09-12",
        [("the next financial year", "date", "2026-04-01", "2027-03-31")],
    ),  # 1831130
    (
        "The department is investing an additional £185 million in the 2023/2024 financial year and £285 million in the 2024/25 financial year to drive forward skills delivery in the further education sector.",
        "2023-12-22",
        [
            ("the 2023/2024 financial year", "date", "2023-04-01", "2024-03-31"),
            ("the 2024/25 financial year", "date", "2024-04-01", "2025-03-31"),
        ],
    ),  # 1678395
    (
        "The Chancellor engaged with the Prime Minister throughout on the findings of the audit and took immediate action to find £5.5 billion of savings in 2024-25, rising to £8.1 billion in 2025-26.",
        "2024-09-06",
        [
            ("2024-25", "date", "2024-04-01", "2025-03-31"),
            ("2025-26", "date", "2025-04-01", "2026-03-31"),
        ],
    ),  # 1724352
    (
        "This means that overall core school funding will total almost £63.9 billion in the 2025/26 financial year.",
        "2024-12-10",
        [("the 2025/26 financial year", "date", "2025-04-01", "2026-03-31")],
    ),  # 1746028
    (
        "The amount the House of Commons spent on physical, virtual and cloud IT infrastructure in financial year 2022/23 was £8,985,950.",
        "2023-12-12",
        [("financial year 2022/23", "date", "2022-04-01", "2023-03-31")],
    ),  # 1675389
    (
        "Broader redistribution of funding will follow through a multi-year settlement from 2026-27.",
        "2024-11-20",
        [("2026-27", "date", "2026-04-01", "2027-03-31")],
    ),  # 1741265
    (
        "Force level funding allocations for the financial year 2025-26 will be confirmed at the forthcoming police funding settlement.",
        "2024-12-12",
        [("the financial year 2025-26", "date", "2025-04-01", "2026-03-31")],
    ),  # 1748280
    (
        "At the Autumn Budget, the Chancellor also agreed departmental spending allocations for 2024-25 and 2025-26.",
        "2024-11-11",
        [
            ("2024-25", "date", "2024-04-01", "2025-03-31"),
            ("2025-26", "date", "2025-04-01", "2026-03-31"),
        ],
    ),  # 1738719
    (
        "To increase the reach of the programme, the department has confirmed it will be funding all registered schools to continue delivering the programme in the 2023/24 academic year.",
        "2023-12-15",
        [("the 2023/24 academic year", "date", "2023-09-01", "2024-08-31")],
    ),  # 1677038
    (
        "Therefore, there should have been no impact on provision of the offer to schools this academic year.",
        "2023-12-15",
        [("this academic year", "date", "2023-09-01", "2024-08-31")],
    ),  # 1677038
    (
        "For the 2023/24 academic year, there is a 8.3% increase in the average 16 to 19 programme funding per student funding compared to the 2022/23 academic year.",
        "2023-12-22",
        [
            ("the 2023/24 academic year", "date", "2023-09-01", "2024-08-31"),
            ("the 2022/23 academic year", "date", "2022-09-01", "2023-08-31"),
        ],
    ),  # 1678395
    (
        "This was uplifted from £2.41 for the current academic year.",
        "2024-01-10",
        [("the current academic year", "date", "2023-09-01", "2024-08-31")],
    ),  # 1679201
    (
        "An announcement on student finance arrangements for the 2025/26 academic year will be made in due course.",
        "2024-07-31",
        [
            ("the 2025/26 academic year", "date", "2025-09-01", "2026-08-31"),
            ("due course", "date", None, None),
        ],
    ),  # 1721292
    (
        "The full-year participation data for the 2023/24 academic year is expected to be available in November 2024.",
        "2024-09-12",
        [
            ("the 2023/24 academic year", "date", "2023-09-01", "2024-08-31"),
            ("November 2024", "date", "2024-11-01", "2024-11-30"),
        ],
    ),  # 1726322
    (
        "In July, the department announced that funded support would continue in the 2024/25 academic year for 11,100 schools registered to the Nuffield early language intervention programme.",
        "2024-09-11",
        [
            ("July", "date", "2024-07-01", "2024-07-31"),
            ("the 2024/25 academic year", "date", "2024-09-01", "2025-08-31"),
        ],
    ),  # 1727132
    (
        "The number expected to move before the end of the 2024/25 academic year is around 3,000.",
        "2024-11-15",
        [("the end of the 2024/25 academic year", "date", "2025-08-31", "2025-08-31")],
    ),  # 1740232
    (
        "The 5.5% pay award announced in the summer for the 2024/25 academic year was for school teachers only.",
        "2025-01-08",
        [
            ("the summer", "date", "2024-06-01", "2024-08-31"),
            ("the 2024/25 academic year", "date", "2024-09-01", "2025-08-31"),
        ],
    ),  # 1752526
    (
        "The department is reforming the Strategic Priorities Grant from the 2026/27 academic year to ensure funding for courses aligns with the Industrial Strategy and future skills needs.",
        "2025-11-12",
        [("the 2026/27 academic year", "date", "2026-09-01", "2027-08-31")],
    ),  # 1847733
    (
        "In the 2024/2025 academic year, a Core Maths premium of £900 per year per student was introduced into the 16-19 funding formula to support students’ participation in programmes with core mathematics qualifications.",
        "2024-12-13",
        [
            ("the 2024/2025 academic year", "date", "2024-09-01", "2025-08-31"),
            ("per year", "set", "P1Y"),
        ],
    ),  # 1747486
    (
        "The revised minimum income requirement will be implemented in spring 2024.",
        "2023-12-12",
        [("spring 2024", "date", "2024-03-01", "2024-05-31")],
    ),  # 1675898
    (
        "Further breakdowns of headline measures will be published next summer.",
        "2023-12-18",
        [("next summer", "date", "2024-06-01", "2024-08-31")],
    ),  # 1677838
    (
        "Until the Immigration Rules are amended next Spring, the current salary and Minimum Income Requirement thresholds, and policies relating to dependants, remain in place and at the current levels.",
        "2023-12-20",
        [("next Spring", "date", "2024-03-01", "2024-05-31")],
    ),  # 1678141
    (
        "We are committed to decent, warm and safe homes of all tenures, and will say more on raising standards across the country this autumn.",
        "2024-09-05",
        [("this autumn", "date", "2024-09-01", "2024-11-30")],
    ),  # 1724114
    (
        "The ESO expects to submit its proposals to Ofgem in December 2024, for a decision in spring 2025.",
        "2024-09-09",
        [
            ("December 2024", "date", "2024-12-01", "2024-12-31"),
            ("spring 2025", "date", "2025-03-01", "2025-05-31"),
        ],
    ),  # 1726104
    (
        "We have published the Terms of Reference for this review and we will engage widely over the summer to design the process for its work.",
        "2025-07-11",
        [("the summer", "date", "2025-06-01", "2025-08-31")],
    ),  # 1819128
    (
        "This fund will strengthen urgent and emergency care resilience and performance this winter by preventing avoidable admissions or by reducing discharge delays.",
        "2023-12-13",
        [("this winter", "date", "2023-12-01", "2024-02-29")],
    ),  # 1675383
    (
        "This could change in the final allocations in spring if there are any adjustments for new and growing schools.",
        "2023-12-15",
        [("spring", "date", "2024-03-01", "2024-05-31")],
    ),  # 1677150
    (
        "As Minister for Development, I met with both the CEO of Gavi and the Executive Director of the Global Fund last Autumn to discuss upcoming replenishments.",
        "2025-01-09",
        [("last Autumn", "date", "2024-09-01", "2024-11-30")],
    ),  # 1752850
    (
        "We will also make it a mandatory duty for those working with children to report child sexual abuse – a key recommendation of Professor Alexis Jay’s report – and this will go into the Crime and Policing Bill due to be introduced to Parliament this spring.",
        "2025-01-14",
        [("this spring", "date", "2025-03-01", "2025-05-31")],
    ),  # 1752902
    (
        "Since the flooding across Bedfordshire and Cambridgeshire in Autumn last year, the Environment Agency (EA) has hosted community events alongside other partner agencies.",
        "2025-07-08",
        [("Autumn last year", "date", "2024-09-01", "2024-11-30")],
    ),  # 1818380
    (
        "Earlier this autumn, the UK and the EU entered into formal negotiations on a bilateral agreement to facilitate UK participation in SAFE.",
        "2025-12-04",
        [("Earlier this autumn", "date", "2025-09-01", "2025-11-30")],
    ),  # 1858969
    (
        "As announced in Autumn Statement 2023, the Government is investing £163 million to increase HMRC’s customer support and debt collection capacity.",
        "2023-12-07",
        [("Autumn Statement 2023", "date", "2023-09-01", "2023-11-30")],
    ),  # 1675231
    (
        "94 of these such hubs are open currently, and through capital investment announced at 2021 Spending Review, the NHS plans to have 132 such centres open by March 2025.",
        "2023-12-07",
        [
            ("currently", "date", "2023-12-07", "2023-12-07"),
            ("2021 Spending Review", "date", "2021-01-01", "2021-12-31"),
            ("March 2025", "date", "2025-03-01", "2025-03-31"),
        ],
    ),  # 1675242
    (
        "As the Chancellor set out in her statement on July 29, the government’s spending audit has identified a forecast Resource DEL overspend of £21.9 billion against the plans set out for departments at Spring Budget 2024.",
        "2024-08-01",
        [
            ("July 29", "date", "2024-07-29", "2024-07-29"),
            ("Spring Budget 2024", "date", "2024-03-01", "2024-05-31"),
        ],
    ),  # 1723507
    (
        "As announced at Autumn Budget 2024, from 6 April 2027 most unused pension funds and death benefits will be included within the value of a person’s estate for Inheritance Tax purposes.",
        "2024-11-11",
        [
            ("Autumn Budget 2024", "date", "2024-09-01", "2024-11-30"),
            ("6 April 2027", "date", "2027-04-06", "2027-04-06"),
        ],
    ),  # 1739742
    (
        "The Government will confirm the rates for the new multipliers at Budget 2025, taking account of the outcomes of the 2026 revaluation as well as the broader economic and fiscal context.",
        "2024-12-10",
        [
            ("Budget 2025", "date", "2025-01-01", "2025-12-31"),
            ("2026", "date", "2026-01-01", "2026-12-31"),
        ],
    ),  # 1746070
    (
        "As a result of decisions taken at Autumn Budget 2024 and Phase 1 of Spending Review 2025, the Northern Ireland Executive is receiving £15.6 billion block grant funding in 2024-25 and £18.2 billion in 2025-26.",
        "2024-12-12",
        [
            ("Autumn Budget 2024", "date", "2024-09-01", "2024-11-30"),
            ("Spending Review 2025", "date", "2025-01-01", "2025-12-31"),
            ("2024-25", "date", "2024-04-01", "2025-03-31"),
            ("2025-26", "date", "2025-04-01", "2026-03-31"),
        ],
    ),  # 1746969
    (
        "At Phase One of the 2025 Spending Review, departmental allocations for Official Development Assistance (ODA) were reset for 2024-25 and provided for 2025-26.",
        "2025-01-09",
        [
            ("the 2025 Spending Review", "date", "2025-01-01", "2025-12-31"),
            ("2024-25", "date", "2024-04-01", "2025-03-31"),
            ("2025-26", "date", "2025-04-01", "2026-03-31"),
        ],
    ),  # 1753108
    (
        "The Government has published Spending Review 2025, which set departmental spending allocations consistent with the fiscal strategy set out at Autumn Budget 2024 and Spring Statement 2025.",
        "2025-09-10",
        [
            ("Spending Review 2025", "date", "2025-01-01", "2025-12-31"),
            ("Autumn Budget 2024", "date", "2024-09-01", "2024-11-30"),
            ("Spring Statement 2025", "date", "2025-03-01", "2025-05-31"),
        ],
    ),  # 1832241
    (
        "The Chancellor will provide further updates at Autumn Budget 2025.",
        "2025-09-10",
        [("Autumn Budget 2025", "date", "2025-09-01", "2025-11-30")],
    ),  # 1832241
    (
        "We are spending £6bn this Parliament and a further £6bn to 2028 on making buildings, including private rented properties, cleaner and warmer.",
        "2024-01-10",
        [("this Parliament", "date", None, None), ("2028", "date", "2028-01-01", "2028-12-31")],
    ),  # 1679045
    (
        "We are committed to supporting children, parents and carers throughout the family justice system, and will set out a package of measures to see this done across the course of this Parliament.",
        "2024-07-25",
        [("this Parliament", "date", None, None)],
    ),  # 1722460
    (
        "We will deliver the biggest increase in social and affordable housebuilding in a generation and deliver 1.5 million new homes over the next Parliament.",
        "2024-07-30",
        [("the next Parliament", "date", None, None)],
    ),  # 1722541
    (
        "Additionally, the Government will invest an extra £6.6 billion over this Parliament in clean heat and energy efficiency through the Warm Homes Plan, upgrading five million homes through solutions like low carbon heating and improved insulation to reduce emissions and cut bills.",
        "2024-09-09",
        [("this Parliament", "date", None, None)],
    ),  # 1725951
    (
        "The government’s 'Plan for Change' sets out that, through reforms and rule changes, 150 planning decisions on major infrastructure projects would be fast-tracked by the end of this Parliament.",
        "2024-12-12",
        [("the end of this Parliament", "date", None, None)],
    ),  # 1747737
    (
        "On 6 January 2025, NHS England published the new Elective Reform Plan, part of the Government’s Plan for Change, which sets out a whole system approach to hitting the 18-week Referral to Treatment target by the end of this Parliament.",
        "2025-01-13",
        [
            ("6 January 2025", "date", "2025-01-06", "2025-01-06"),
            ("18-week", "duration", "P18W"),
            ("the end of this Parliament", "date", None, None),
        ],
    ),  # 1753063
    (
        "In addition to producing the Order Paper each day and receiving applications for adjournment debates in the House and Westminster Hall, since the beginning of this Parliament, the Table Office has processed nearly 74,000 Questions for Written Answer and over 1,600 Early Day Motions.",
        "2025-07-11",
        [("each day", "set", "P1D"), ("the beginning of this Parliament", "date", None, None)],
    ),  # 1818530
    (
        "Reforms outlined in this response will form the basis of a new water reform bill to be introduced early in this Parliament.",
        "2025-11-11",
        [("early in this Parliament", "date", None, None)],
    ),  # 1847921
    (
        "By the end of the Parliament, we will introduce mandatory healthy food sales reporting for all large companies in the food sector.",
        "2025-09-04",
        [("the end of the Parliament", "date", None, None)],
    ),  # 1827647
    (
        "As the Chancellor has said, over this Parliament those whose only income is the basic or new State Pension without any increments will not have to pay income tax.",
        "2025-12-04",
        [("this Parliament", "date", None, None)],
    ),  # 1858703
    (
        "On 13 November 2024, the JCVI published advice on who should be offered vaccination in autumn 2025, and on 26 June 2025, the Government accepted the JCVI’s advice.",
        "2025-11-11",
        [
            ("13 November 2024", "date", "2024-11-13", "2024-11-13"),
            ("autumn 2025", "date", "2025-09-01", "2025-11-30"),
            ("26 June 2025", "date", "2025-06-26", "2025-06-26"),
        ],
    ),  # 1847690
    (
        "The £20.4bn referenced on page 65 of the Budget document refers to all departmental research and development budgets for 2025/2026.",
        "2024-11-14",
        [("2025/2026", "date", "2025-04-01", "2026-03-31")],
    ),  # 1740662
    # "the financial year" is the one last mentioned, else the answer date's; "that year" after a
    # financial year is that financial year
    (
        "We aim to provide 2025/26 payments early in the financial year.",
        "2024-12-06",
        [
            ("2025/26", "date", "2025-04-01", "2026-03-31"),
            ("early in the financial year", "date", "2025-04-01", "2025-06-30"),
        ],
    ),  # 1746623
    (
        "The full list of projects to be delivered by the British Embassy in Bahrain is yet to be finalised but details will be published as usual on Gov.uk towards the end of the financial year.",
        "2023-12-11",
        [("the end of the financial year", "date", "2024-03-31", "2024-03-31")],
    ),  # 1676091
    (
        "Budgets for the 2025/26 financial year have not been set. This means that decisions on high needs funding for children and young people with complex SEND, and the publication of allocations to local authorities for that year, will not be to the usual timescales.",
        "2024-07-26",
        [
            ("the 2025/26 financial year", "date", "2025-04-01", "2026-03-31"),
            ("that year", "date", "2025-04-01", "2026-03-31"),
        ],
    ),  # 1721981
    # a quarter of a financial year; "year" before a financial year is not the calendar year
    (
        "The table below sets out the information requested for HMP Garth, HMP Bristol, HMP Pentonville, and HMP Ranby, for the first quarter of 2023-24.",
        "2023-12-14",
        [("the first quarter of 2023-24", "date", "2023-04-01", "2023-06-30")],
    ),  # 1676019
    (
        "For the latest year 2022/23, 1.9 million pensioners were in relative poverty after housing costs (AHC) in the UK.",
        "2024-09-18",
        [("2022/23", "date", "2022-04-01", "2023-03-31")],
    ),  # 1727053
    # two two-digit years are a financial year of this century, "31/32" too (was 1931)
    (
        "The West Midlands Combined Authority will receive almost £2.4bn in Transport for City Region (TCR) funding up to 31/32.",
        "2025-12-08",
        [("31/32", "date", "2031-04-01", "2032-03-31")],
    ),  # 1859221
    (
        "Waste collection authorities received their capital new burdens funding allocations for providing household food waste collections in February this year and will receive transitional resource allocations for the 24/25 financial year in early 2025.",
        "2024-12-06",
        [
            ("February this year", "date", "2024-02-01", "2024-02-29"),
            ("the 24/25 financial year", "date", "2024-04-01", "2025-03-31"),
            ("early 2025", "date", "2025-01-01", "2025-03-31"),
        ],
    ),  # 1746623: two two-digit years before "financial year", not "25 financial year" (P25Y)
    (
        "In 2020, the previous government announced that the 2021-26 Affordable Homes Programme would achieve “up to 180,000 homes, should economic conditions allow”.",
        "2024-09-09",
        [
            ("2020", "date", "2020-01-01", "2020-12-31"),
            ("2021-26", "date", "2021-04-01", "2026-03-31"),
        ],
    ),  # 1725815: a span of financial years, not "2021"
    (
        "Government supports Ofgem’s ambition for acceleration of network build and strategic investment in the next electricity transmission price control, covering the period 2026-31.",
        "2024-11-18",
        [("2026-31", "date", "2026-04-01", "2031-03-31")],
    ),  # 1741440
    (
        "Ministers took account of the equality impacts in reaching their decision to link Winter Fuel Payments to receipt of Pension Credit and other qualifying income-related benefits in England and Wales from winter 2024-25.",
        "2024-09-05",
        [("winter 2024-25", "date", "2024-12-01", "2025-02-28")],
    ),  # 1724328: a season of a split year, one expression
    (
        "The UKHSA has confirmed that during this season so far, flu activity has been higher than in the winter of 2023/24, but similar to levels seen in the 2022/23 season.",
        "2025-01-16",
        [
            ("the winter of 2023/24", "date", "2023-12-01", "2024-02-29"),
            ("2022/23", "date", "2022-04-01", "2023-03-31"),
        ],
    ),  # 1754795: was "the winter" (2024-25) and "2023/24" apart
    (
        "In autumn 2023/24 8% of all CME had an additional requirement of SEN support, while 6% of CME had an education, health and care plan.",
        "2024-09-17",
        [("autumn 2023/24", "date", "2023-09-01", "2023-11-30")],
    ),  # 1728336: the autumn of an academic year is of its first year
    (
        "In 2022/23, 30,048 affordable homes (completions) were delivered in England through section 106 (nil grant) agreements, which is 47% of the total affordable homes delivered, compared to 44% in the previous year.",
        "2024-07-26",
        [
            ("2022/23", "date", "2022-04-01", "2023-03-31"),
            ("the previous year", "date", "2021-04-01", "2022-03-31"),
        ],
    ),  # 1721336: the year before a financial year is the financial year before, not 2021
    (
        "The £80m investment will take place in the year from April 25 to March 26 inclusive with the programme running through to FY27/28.",
        "2024-11-15",
        [
            ("April 25 to March 26", "date", "2025-04-01", "2026-03-31"),
            ("FY27/28", "date", "2027-04-01", "2028-03-31"),
        ],
    ),  # 1740438: a financial year written as its months (was 25 April 2024 to 26 March 2025)
]

DEICTIC: list[Row] = [
    # "the new year": the start of the year about to begin, or just begun in January/February
    (
        "The Home Secretary will provide a full update to Parliament on progress against all of the recommendations of the Independent Inquiry into Child Sexual Abuse early in the new year.",
        "2024-01-09",
        [("the new year", "date", "2024-01-01", "2024-03-31")],
    ),  # 1678587
    (
        "Colleges will be able to reflect the outcomes of the review in their planning and marketing materials in the new year so that students can make the best decisions about their futures.",
        "2024-09-18",
        [("the new year", "date", "2025-01-01", "2025-03-31")],
    ),  # 1728047
    (
        "It is our intention to provide transitional resource funding for the 2024/25 early in the new year and funding for 2025/26 early in the financial year.",
        "2024-12-10",
        [
            ("2024/25", "date", "2024-04-01", "2025-03-31"),
            ("the new year", "date", "2025-01-01", "2025-03-31"),
            ("2025/26", "date", "2025-04-01", "2026-03-31"),
            ("early in the financial year", "date", "2025-04-01", "2025-06-30"),
        ],
    ),  # 1746639 (devextra2 case 12: the financial year last mentioned, 2025/26)
    (
        "The Critical Minerals Intelligence Centre (CMIC), sponsored by the Department for Business and Trade, is currently undertaking an updated criticality assessment, with the results to be released later this year.",
        "2024-09-04",
        [
            ("currently", "date", "2024-09-04", "2024-09-04"),
            ("later this year", "date", "2024-09-04", "2024-12-31"),
        ],
    ),  # 1726141
    (
        "Ministry of Justice officials received research findings from Ipsos MORI in November this year and are currently considering the implications of the work.",
        "2024-12-09",
        [
            ("November this year", "date", "2024-11-01", "2024-11-30"),
            ("currently", "date", "2024-12-09", "2024-12-09"),
        ],
    ),  # 1746932
    (
        "The categorisation for waves two and three is currently being reviewed, and the Department expects to share the updated versions in early 2026, well in advance of the projected launch of waves two and three in 2027 and 2028 respectively.",
        "2025-12-05",
        [
            ("currently", "date", "2025-12-05", "2025-12-05"),
            ("early 2026", "date", "2026-01-01", "2026-03-31"),
            ("2027", "date", "2027-01-01", "2027-12-31"),
            ("2028", "date", "2028-01-01", "2028-12-31"),
        ],
    ),  # 1858990
    (
        "There are a number of multiple myeloma topics that are currently being evaluated in the programme, some of which are expected to conclude late this year and early next year.",
        "2024-09-13",
        [
            ("currently", "date", "2024-09-13", "2024-09-13"),
            ("late this year", "date", "2024-10-01", "2024-12-31"),
            ("early next year", "date", "2025-01-01", "2025-03-31"),
        ],
    ),  # 1727183
    (
        "The consultation closed on 6 December 2023 and we will respond shortly ahead of the introduction of the Tobacco and Vapes Bill.",
        "2023-12-13",
        [("6 December 2023", "date", "2023-12-06", "2023-12-06"), ("shortly", "date", None, None)],
    ),  # 1675674
    (
        "Based on the most recent data (November 2023) 1.4million households in Great Britain currently receive Pension Credit.",
        "2024-09-11",
        [
            ("November 2023", "date", "2023-11-01", "2023-11-30"),
            ("currently", "date", "2024-09-11", "2024-09-11"),
        ],
    ),  # 1724670
    (
        "The department is committed to tackling the grave issue of child poverty, which has gone up by 700,000 since 2010, with over four million children now growing up in a low-income family.",
        "2024-09-09",
        [("2010", "date", "2010-01-01", "2010-12-31"), ("now", "date", "2024-09-09", "2024-09-09")],
    ),  # 1726276
    (
        "We will publish our Impact Assessment shortly.",
        "2023-12-11",
        [("shortly", "date", None, None)],
    ),  # 1675137
    (
        "Avanti and CrossCountry recently entered into new National Rail Contracts (NRCs) that started in October.",
        "2023-12-13",
        [("recently", "date", None, None), ("October", "date", "2023-10-01", "2023-10-31")],
    ),  # 1675527
    (
        "The Emissions Factors for Domestic Combustion project is currently expected to run until August 2024.",
        "2023-12-14",
        [
            ("currently", "date", "2023-12-14", "2023-12-14"),
            ("August 2024", "date", "2024-08-01", "2024-08-31"),
        ],
    ),  # 1675866
    (
        "This problem exists in the welfare system too, with fraud becoming increasingly sophisticated and on a scale not seen in the past.",
        "2023-12-14",
        [("the past", "date", None, None)],
    ),  # 1677151
    (
        "More recently, on 20 November, the Department hosted a symposium for Down Syndrome leads within integrated care boards.",
        "2023-12-18",
        [("recently", "date", None, None), ("20 November", "date", "2023-11-20", "2023-11-20")],
    ),  # 1677420
    (
        "The Department has been working closely with the respective manufacturers and some issues including shortages of guanfacine have now been resolved.",
        "2024-01-08",
        [("now", "date", "2024-01-08", "2024-01-08")],
    ),  # 1679167
    (
        "Local Growth Plans will be delivered through partnership, and my department will provide further detail on the approach to developing these Plans to local leaders in due course.",
        "2024-07-26",
        [("due course", "date", None, None)],
    ),  # 1721856
    (
        "We have not closed the Sustainable Farming Incentive schemes, in fact there are over 60,000 live applications currently open.",
        "2024-12-09",
        [("currently", "date", "2024-12-09", "2024-12-09")],
    ),  # 1746681
    (
        "a) Veterinary diet foods are not classified as veterinary medicines; therefore, they can continue to be supplied in the same way as they are now.",
        "2025-11-12",
        [("now", "date", "2025-11-12", "2025-11-12")],
    ),  # 1849122
    (
        "The Chancellor presented to Parliament today an assessment of the state of our spending inheritance.",
        "2024-07-29",
        [("today", "date", "2024-07-29", "2024-07-29")],
    ),  # 1722954
    (
        "To date 39 ministers have attended one or more sessions.",
        "2023-12-13",
        [("To date", "date", None, None)],
    ),  # 1676456
    (
        "The Government is currently developing the full auction parameters for AR 6 and will publish details of the full parameters ahead of the round opening in March 2024.",
        "2023-12-20",
        [
            ("currently", "date", "2023-12-20", "2023-12-20"),
            ("March 2024", "date", "2024-03-01", "2024-03-31"),
        ],
    ),  # 1677775
    (
        "To date, I have not requested a review of (a) a Troubles-related death under section 9(3) of the Northern Ireland Troubles (Legacy and Reconciliation) Act 2023, or of (b) harmful conduct under section 10(2) of that Act.",
        "2024-09-09",
        [("To date", "date", None, None)],
    ),  # 1726044
    (
        "The government will look to give effect to the powers enabled through the Building Societies Act 1986 (Amendment) Act 2024 in due course.",
        "2025-11-11",
        [("due course", "date", None, None)],
    ),  # 1848609
    # "in future" is the noun, as "the future" (devextra case 10); "this moment in time" is now
    (
        "The Government is committed to supporting members of the Hong Kong community who have relocated to the UK and those who may come here in future.",
        "2025-09-03",
        [("future", "date", None, None)],
    ),  # 1829819
    (
        "At this moment in time, we cannot provide further information on allocation of this funding due to commercial sensitivities.",
        "2025-12-08",
        [("this moment in time", "date", "2025-12-08", "2025-12-08")],
    ),  # 1860115
    # "the coming months": a vague future time, as "shortly" (devextra2 case 12)
    (
        "We will provide further details on these panels in the coming months.",
        "2024-07-29",
        [("the coming months", "date", None, None)],
    ),  # 1722830
    (
        "We will set out the details of the funding allocation and dissemination in the coming weeks.",
        "2025-01-16",
        [("the coming weeks", "date", None, None)],
    ),  # 1754007
]

RANGES: list[Row] = [
    (
        "At the Budget the Chancellor announced a £22.6 billion increase in day to day spending for the Department of Health and Social Care from 2023-24 to 2025-26.",
        "2024-11-18",
        [("2023-24 to 2025-26", "date", "2023-04-01", "2026-03-31")],
    ),  # 1740378
    (
        "Phase 2 of the Spending Review will set departmental budgets for the rest of this Parliament – from 2026-27 until 2028-29 for day-to-day spending and 2029-30 for capital spending.",
        "2025-01-15",
        [
            ("this Parliament", "date", None, None),
            ("2026-27 until 2028-29", "date", "2026-04-01", "2029-03-31"),
            ("2029-30", "date", "2029-04-01", "2030-03-31"),
        ],
    ),  # 1754501
    (
        "Sport England has committed £1.2 million between 2022 and 2027 to UK Deaf Sport to boost deaf sport at the grassroots level and build wider participation.",
        "2023-12-07",
        [("2022 and 2027", "date", "2022-01-01", "2027-12-31")],
    ),  # 1675392
    (
        "Between 2018/19 and 2021/22, NIHR provided £35.2 million in funding for childhood cancer, equating to 7.8% of total cancer spend.",
        "2023-12-11",
        [("2018/19 and 2021/22", "date", "2018-04-01", "2022-03-31")],
    ),  # 1676061
    (
        "The £15.3bn figure was cited in a NAO report from May this year, it relates to a broad estimate of spend on accommodation contracts across the period 2019 to 2029, not the next 10 years.",
        "2025-12-09",
        [
            ("May this year", "date", "2025-05-01", "2025-05-31"),
            ("2019 to 2029", "date", "2019-01-01", "2029-12-31"),
            ("the next 10 years", "duration", "P10Y"),
        ],
    ),  # 1858782
    (
        "Between 1 December 2018 and 31 March 2023, there were 218,219 detentions under the Mental Health Act.",
        "2024-01-03",
        [("1 December 2018 and 31 March 2023", "date", "2018-12-01", "2023-03-31")],
    ),  # 1675271
    (
        "Of the thirteen National Policy Statements originally designated between 2011 and 2023, six, namely Energy National Policy Statements 1 to 5 and the National Networks National Policy Statement, were revised and updated in January and May 2024 respectively.",
        "2024-09-10",
        [
            ("2011 and 2023", "date", "2011-01-01", "2023-12-31"),
            ("January", "date", "2024-01-01", "2024-01-31"),
            ("May 2024", "date", "2024-05-01", "2024-05-31"),
        ],
    ),  # 1726635
    (
        "The UK is also the second biggest donor to Gavi, the Vaccine Alliance, providing £1.65 billion over the 2021 to 2025 period.",
        "2024-09-05",
        [("the 2021 to 2025 period", "date", "2021-01-01", "2025-12-31")],
    ),  # 1726299
    (
        "The Government is investing £1 billion in extending the HSF by a further year, from 1 April 2025 until 31 March 2026 and extending DHPs into 2025/26.",
        "2024-12-10",
        [
            ("a further year", "duration", "P1Y"),
            ("1 April 2025 until 31 March 2026", "date", "2025-04-01", "2026-03-31"),
            ("2025/26", "date", "2025-04-01", "2026-03-31"),
        ],
    ),  # 1746248
    (
        "Information covering 1st April – 30th June 2023 will be published on 16th January 2024.",
        "2023-12-20",
        [
            ("1st April – 30th June 2023", "date", "2023-04-01", "2023-06-30"),
            ("16th January 2024", "date", "2024-01-16", "2024-01-16"),
        ],
    ),  # 1677506
    (
        "Finally, the Household Support Fund is being extended for a further 6 months, from 1 October 2024 until 31 March 2025.",
        "2024-09-09",
        [
            ("6 months", "duration", "P6M"),
            ("1 October 2024 until 31 March 2025", "date", "2024-10-01", "2025-03-31"),
        ],
    ),  # 1725763
    (
        "Information regarding export licences granted between 7 October and end of December 2023 will be published after April 2024.",
        "2023-12-19",
        [
            ("7 October and end of December 2023", "date", "2023-10-07", "2023-12-31"),
            ("April 2024", "date", "2024-04-01", "2024-04-30"),
        ],
    ),  # 1677718
    # a day range sharing its month (and year) is one expression
    (
        "The UK, alongside Norway, jointly funded the Sudan Humanitarian Conference which took place in Cairo from 18-20 November; an event that brought together Sudanese grassroots organisations, NGOs and the international humanitarian system to develop coordination mechanisms to give a greater voice to Sudanese organisations in the humanitarian response.",
        "2023-12-18",
        [("18-20 November", "date", "2023-11-18", "2023-11-20")],
    ),  # 1677079
    (
        "At the UK-OT Illicit Finance Dialogue on 7-9 October 2024, officials discussed progress, expectations and potential UK technical assistance on transparency measures, as well as other areas of cooperation and exchange.",
        "2024-10-10",
        [("7-9 October 2024", "date", "2024-10-07", "2024-10-09")],
    ),  # 1729026
    # seasons that follow each other are one period (devextra case 11); consecutive financial
    # years stay two, as vectors-timex annotates them (1738719 above)
    (
        "This year’s national communications campaign to support the uptake of essential winter vaccinations, including influenza and COVID-19, launched on 23 September 2024, and will run throughout the autumn and winter.",
        "2024-10-07",
        [
            ("This year", "date", "2024-01-01", "2024-12-31"),
            ("23 September 2024", "date", "2024-09-23", "2024-09-23"),
            ("the autumn and winter", "date", "2024-09-01", "2025-02-28"),
        ],
    ),  # 1728621
    # ... also written with a slash, after "this"
    (
        "The Government’s Chief Medical Officer will continue to promote COVID-19 and flu vaccination this autumn/winter.",
        "2023-12-18",
        [("this autumn/winter", "date", "2023-09-01", "2024-02-29")],
    ),  # 1677807 (adapted: its subject)
]

DURATIONS: list[Row] = [
    (
        "This movement is expected to take place over several years.",
        "2024-09-05",
        [("several years", "duration", "PXY")],
    ),  # 1724513
    (
        "Others have processes in place which can produce delays of more than a year in some cases.",
        "2023-12-18",
        [("a year", "duration", "P1Y")],
    ),  # 1677262
    (
        "No leaseholder in a high-rise residential building should wait a day longer for remediation than necessary, and under our plan by the end of 2029 all 18m+ (high-rise) buildings with unsafe cladding in a government funded scheme will have been remediated.",
        "2025-01-10",
        [("a day", "duration", "P1D"), ("the end of 2029", "date", "2029-12-31", "2029-12-31")],
    ),  # 1752371
    (
        "In July, we announced a year’s extension to the completions deadline of homes built in London through the programme, from March 2029 to March 2030.",
        "2024-09-09",
        [
            ("July", "date", "2024-07-01", "2024-07-31"),
            ("a year", "duration", "P1Y"),
            ("March 2029", "date", "2029-03-01", "2029-03-31"),
            ("March 2030", "date", "2030-03-01", "2030-03-31"),
        ],
    ),  # 1725815
    (
        "Over the next 10 years we have announced £2.5 billion for quantum technologies, up to £1bn on semiconductors and £2bn for engineering biology.",
        "2023-12-11",
        [("the next 10 years", "duration", "P10Y")],
    ),  # 1675867
    (
        "During the last 12 months, the Minister for Prisons, Parole and Probation made three site visits to youth secure establishments, and the Executive Director of the Youth Custody Service made 16.",
        "2023-12-12",
        [("the last 12 months", "duration", "P12M")],
    ),  # 1675541
    (
        "We will provide an update following a 12-month implementation period.",
        "2023-12-13",
        [("12-month", "duration", "P12M")],
    ),  # 1675425
    (
        "There are no current plans to extend the period (of 28 days) for how long individuals remain on asylum support once they have had a grant of asylum.",
        "2023-12-19",
        [("28 days", "duration", "P28D")],
    ),  # 1677850
    (
        "This recommendation concerns extending Bereavement Support Payment to 6 years or until completion of secondary education for the youngest child, from its current duration of 18 months.",
        "2024-07-25",
        [("6 years", "duration", "P6Y"), ("18 months", "duration", "P18M")],
    ),  # 1721639
    (
        "The UK allows EU citizens short-term visa-free travel for up to six months.",
        "2024-07-26",
        [("six months", "duration", "P6M")],
    ),  # 1721628
    (
        "Meanwhile, the Schengen Borders Code allows for third country nationals to travel within the Schengen Area for up to 90 days in any 180-day period; this is standard for third country nationals travelling to the EU.",
        "2024-09-09",
        [("90 days", "duration", "P90D"), ("180-day", "duration", "P180D")],
    ),  # 1726121
    (
        "BSR received 62 new applications, with four determined within the 12 week period, 22 extensions agreed and 10 refusals.",
        "2024-09-13",
        [("12 week", "duration", "P12W")],
    ),  # 1727632
    (
        "More than two years since the illegal invasion of Ukraine, the UK continues to stand resolutely with the Ukrainian people against Russian aggression.",
        "2024-07-30",
        [("two years", "duration", "P2Y")],
    ),  # 1722597
    (
        "The work coach will decide if the break can be extended beyond 13 weeks in extreme circumstances.",
        "2024-09-16",
        [("13 weeks", "duration", "P13W")],
    ),  # 1728241
    (
        "The Department for Transport published an interim report on the £2 fare cap in September 2023 setting out emerging trends in key outcomes from the first two months of the scheme.",
        "2024-07-25",
        [
            ("September 2023", "date", "2023-09-01", "2023-09-30"),
            ("the first two months", "duration", "P2M"),
        ],
    ),  # 1723004
    # "the next decade" is ten years from the answer date (devextra2 case 12), as "the last decade"
    (
        "The project will take a long-term view of the trajectory of the UK’s broadcasting landscape over the next decade and beyond.",
        "2023-12-13",
        [("the next decade", "duration", "P10Y")],
    ),  # 1675393
    (
        "As part of the next Charter Review, the government will engage with the BBC and others to consider how to ensure the BBC thrives well into the next decade and beyond.",
        "2024-11-12",
        [("the next decade", "duration", "P10Y")],
    ),  # 1739398
    # working and calendar days are days ("within 20 working days": a service standard)
    (
        "HMRC aim to process 80% of VAT registration applications within 40 working days of receipt.",
        "2025-09-12",
        [("40 working days", "duration", "P40D")],
    ),  # 1832228
    # a unit qualified by the kind of year or day is still a duration (not a count of years)
    (
        "In the last five financial years, multiple studies, including one that is currently live, on rare inflammatory neuropathies have been supported by NIHR infrastructure.",
        "2024-12-11",
        [
            ("the last five financial years", "duration", "P5Y"),
            ("currently", "date", "2024-12-11", "2024-12-11"),
        ],
    ),  # 1747211
    (
        "The Government is funding the majority of the legacy Renewables Obligation for 3 full years, covering the period for which the Government set resource budgets at the Spending Review, while it takes steps to address the underlying issues of high bills.",
        "2025-12-09",
        [("3 full years", "duration", "P3Y")],
    ),  # 1858967
    (
        "This is a weekly payment of £25 for every seven-day period when the average temperature has been recorded as, or is forecast to be, 0 degrees C or below over seven consecutive days.",
        "2024-09-09",
        [
            ("weekly", "set", "P1W"),
            ("seven-day", "duration", "P7D"),
            ("seven consecutive days", "duration", "P7D"),
        ],
    ),  # 1726052
    (
        "The New Towns Taskforce will be responsible for recommending locations for new towns within the next year.",
        "2024-09-06",
        [("the next year", "duration", "P1Y")],
    ),  # 1724417: twelve months from the answer date, not the calendar year 2025
    (
        "Progress has been made over the last year, including research commissioned to better understand what causes delays in diagnosis, the Generation Study to pilot whole genome sequencing of newborns in the NHS being launched, and the work of the NHS Genomic Medicine Service.",
        "2025-09-05",
        [("the last year", "duration", "P1Y")],
    ),  # 1828189: not the calendar year 2024
]

SETS: list[Row] = [
    (
        "Smoking is responsible for around 80,000 deaths a year in the United Kingdom.",
        "2023-12-11",
        [("a year", "set", "P1Y")],
    ),  # 1675137
    (
        "It also costs our country £17 billion a year and puts a huge burden on the National Health Service.",
        "2023-12-11",
        [("a year", "set", "P1Y")],
    ),  # 1675137
    (
        "Statistics on employment income are published annually as part of the Survey of Personal Incomes.",
        "2023-12-12",
        [("annually", "set", "P1Y")],
    ),  # 1676349
    (
        "‘Assuring Transformation’ data is published monthly by NHS England to monitor the number of people with a learning disability and autistic people in mental health hospitals.",
        "2023-12-18",
        [("monthly", "set", "P1M")],
    ),  # 1677688
    (
        "The Government sets the percentage that regulated rail fares can be increased each year.",
        "2024-11-19",
        [("each year", "set", "P1Y")],
    ),  # 1741495
    (
        "Schools are currently funded at £480 per eligible pupil per year as a factor value within the National Funding Formula.",
        "2024-01-10",
        [("currently", "date", "2024-01-10", "2024-01-10"), ("per year", "set", "P1Y")],
    ),  # 1679204
    (
        "Details of these analyses were published weekly in the MHRA’s Coronavirus Vaccine - Summary of Yellow Card Reporting, which is available at the following link:",
        "2024-08-21",
        [("weekly", "set", "P1W")],
    ),  # 1721933
    (
        "This requirement was proportionately extended to all new procurements from April 2024, with a full CRP required for new procurements above £5 million per annum, and new frameworks operated by in-scope organisations.",
        "2024-09-13",
        [("April 2024", "date", "2024-04-01", "2024-04-30"), ("per annum", "set", "P1Y")],
    ),  # 1727352
    (
        "The government has committed to regular Spending Reviews, allocating all departmental spending, every two years to provide a more stable and transparent spending framework.",
        "2025-01-14",
        [("every two years", "set", "P2Y")],
    ),  # 1752768
    (
        "Statistics on assaults on staff are published quarterly in the Safety in Custody publication, the next release will be on the 25th January 2024.",
        "2023-12-14",
        [
            ("quarterly", "set", "P3M"),
            ("the 25th January 2024", "date", "2024-01-25", "2024-01-25"),
        ],
    ),  # 1677002
    (
        "The number of diesel cars registered for the first time to keepers in each borough in Greater London in (a) 2021, (b) 2022 and (c) each month in 2023, for which data are available, is provided in the Excel file attached.",
        "2023-12-11",
        [
            ("2021", "date", "2021-01-01", "2021-12-31"),
            ("2022", "date", "2022-01-01", "2022-12-31"),
            ("each month", "set", "P1M"),
            ("2023", "date", "2023-01-01", "2023-12-31"),
        ],
    ),  # 1674622
    (
        "Following the introduction of the proactive regulatory regime on 1 April 2024, Clarion is subject to a regulatory inspection at least every four years.",
        "2024-09-09",
        [("1 April 2024", "date", "2024-04-01", "2024-04-01"), ("every four years", "set", "P4Y")],
    ),  # 1726295
    # "a week" after a count of days is a frequency ("one day a week")
    (
        "In response to a Military Aid to the Civil Authorities request from the Department for Transport, the Ministry of Defence (MOD) has agreed to provide 36 defence driving examiners (DDE) to conduct driving tests for one day a week for 12 months.",
        "2025-12-04",
        [
            ("one day", "duration", "P1D"),
            ("a week", "set", "P1W"),
            ("12 months", "duration", "P12M"),
        ],
    ),  # 1858531
    (
        "It is straightforward to calculate how much the average worker paid in personal taxes in each financial year since 2010-11 using published information.",
        "2023-12-12",
        [
            ("each financial year", "set", "P1Y"),
            ("2010-11", "date", "2010-04-01", "2011-03-31"),
        ],
    ),  # 1676400: was no value
    (
        "This includes a non-repayable training grant of £5,000 per academic year plus an additional specialist subject payment of £1,000 a year for podiatry students, and where eligible, £2,000 per year for students with childcare responsibilities.",
        "2025-07-09",
        [("per academic year", "set", "P1Y"), ("a year", "set", "P1Y"), ("per year", "set", "P1Y")],
    ),  # 1818917
]

DATE_SHAPES: list[Row] = [
    (
        "Future investment will be determined by internal allocations of DSIT’s spending review settlement announced on 11.06.25.",
        "2025-07-10",
        [("11.06.25", "date", "2025-06-11", "2025-06-11")],
    ),  # 1820144 (read by the dateparser wrapper)
    (
        "Member for Birmingham Northfield to the answer of 01.12.2025 to Question 92600.",
        "2025-12-08",
        [("01.12.2025", "date", "2025-12-01", "2025-12-01")],
    ),  # 1858925
    (
        "There were around 80,000 children in home education in October 2023, a rise of around 12,000 from the previous year.",
        "2024-11-20",
        [
            ("October 2023", "date", "2023-10-01", "2023-10-31"),
            ("the previous year", "date", "2022-01-01", "2022-12-31"),
        ],
    ),  # 1741196 (anaphoric)
    (
        "In the first half of 2025, we delivered 5.2 million additional appointments compared to the previous year, more than double our pledge of two million.",
        "2025-11-11",
        [
            ("the first half of 2025", "date", "2025-01-01", "2025-06-30"),
            ("the previous year", "date", "2024-01-01", "2024-12-31"),
        ],
    ),  # 1848246 (anaphoric)
    (
        "The government will confirm further details of these changes at Budget on October 30, including the rate of the EPL’s decarbonisation investment allowance.",
        "2024-09-17",
        [("October 30", "date", "2024-10-30", "2024-10-30")],
    ),  # 1728024
    (
        "It will be a Defence fit to meet the challenges, threats and opportunities of the twenty-first century.",
        "2024-09-09",
        [("the twenty-first century", "date", "2000-01-01", "2099-12-31")],
    ),  # 1727162
    (
        "The Chancellor has confirmed that she will set out plans for tax – as well as spending and borrowing – in the usual way at the Budget on 30 October.",
        "2024-09-09",
        [("30 October", "date", "2024-10-30", "2024-10-30")],
    ),  # 1725653
    (
        "The government published a policy statement earlier this year.",
        "2023-12-12",
        [("earlier this year", "date", "2023-01-01", "2023-12-12")],
    ),  # 1675428
    (
        "We anticipate publishing a consultation on the policy approach around the end of this year.",
        "2023-12-12",
        [("the end of this year", "date", "2023-12-31", "2023-12-31")],
    ),  # 1675822
    (
        "This guidance is due to be published this month.",
        "2023-12-13",
        [("this month", "date", "2023-12-01", "2023-12-31")],
    ),  # 1676422
    (
        "Tackling Islamophobia is a priority for this Government, especially in light of last month’s violent disorder, where we saw mosques and Muslim communities targeted.",
        "2024-09-11",
        [("last month", "date", "2024-08-01", "2024-08-31")],
    ),  # 1726643
    (
        "We will consider what reforms, if any, and what consultation are necessary, and then set out our vision for reforming the early years sector next year.",
        "2024-11-19",
        [("next year", "date", "2025-01-01", "2025-12-31")],
    ),  # 1741922
    (
        "Later this month departmental officials will begin engaging with providers, including those delivering T levels, awarding organisations and other key stakeholders.",
        "2024-10-07",
        [("Later this month", "date", "2024-10-07", "2024-10-31")],
    ),  # 1729410
    (
        "Government is alert to the damage to community relations caused by the attack on Israel by Hamas on 7 October last year and the subsequent conflict in Gaza, and that there remains potential for events to cause this to become heightened.",
        "2024-10-11",
        [("7 October last year", "date", "2023-10-07", "2023-10-07")],
    ),  # 1728898
    (
        "Earlier this year, the Independent Reviewer for State Threats Legislation, Jonathan Hall KC, published a review evaluating what powers under terrorism legislation could be emulated to tackle state-based security threats to the UK.",
        "2025-12-09",
        [("Earlier this year", "date", "2025-01-01", "2025-12-09")],
    ),  # 1859547
    (
        "The 4* Cyber and Specialist Operations Command has been launched as of 1 September 2025 and within it the 2* Defence Cyber and Electromagnetic Force is on schedule to be launched by the end of the year.",
        "2025-09-06",
        [
            ("1 September 2025", "date", "2025-09-01", "2025-09-01"),
            ("the end of the year", "date", "2025-12-31", "2025-12-31"),
        ],
    ),  # 1827300
    (
        "An interim report is due in late 2024.",
        "2023-12-08",
        [("late 2024", "date", "2024-10-01", "2024-12-31")],
    ),  # 1674644
    (
        "The Office for Budget Responsibility (OBR) forecasts that government policies in the Autumn Statement will help reduce inflation to 2.8% by the end of 2024, and return to target in the first half of 2025.",
        "2023-12-12",
        [
            ("the end of 2024", "date", "2024-12-31", "2024-12-31"),
            ("the first half of 2025", "date", "2025-01-01", "2025-06-30"),
        ],
    ),  # 1675386
    (
        "We expect this to happen in the second half of 2024.",
        "2023-12-19",
        [("the second half of 2024", "date", "2024-07-01", "2024-12-31")],
    ),  # 1676937
    (
        "Ofcom can enforce duties on publishers of pornography from early 2025.",
        "2024-11-19",
        [("early 2025", "date", "2025-01-01", "2025-03-31")],
    ),  # 1741389
    (
        "A consultation on proposed changes is planned for late 2025.",
        "2025-07-10",
        [("late 2025", "date", "2025-10-01", "2025-12-31")],
    ),  # 1819332
    (
        "The research was conducted by Ipsos and findings are expected to be published by around late 2025 and early 2026.",
        "2025-09-04",
        [
            ("late 2025", "date", "2025-10-01", "2025-12-31"),
            ("early 2026", "date", "2026-01-01", "2026-03-31"),
        ],
    ),  # 1830667
    (
        "In the first half of 2026 NASCO will host negotiations to develop a new regulatory measure for the West Greenland land fishery, which the UK will participate in.",
        "2025-09-05",
        [("the first half of 2026", "date", "2026-01-01", "2026-06-30")],
    ),  # 1829671
    (
        "The Government will publish an impact assessment alongside the legislation that implements the increases to the National Living Wage and National Minimum Wage rates early next year.",
        "2025-12-09",
        [("early next year", "date", "2026-01-01", "2026-03-31")],
    ),  # 1858692
    (
        "A total of 100 transgender prisoners had a sexual offence as a principal offence and were housed in prison establishments across England and Wales on 31 March 2023.",
        "2023-12-07",
        [("31 March 2023", "date", "2023-03-31", "2023-03-31")],
    ),  # 1674589
    (
        "Those who have been granted permission by 16 November 2023 will have until 16 May 2024 to submit an application under the UES.",
        "2023-12-14",
        [
            ("16 November 2023", "date", "2023-11-16", "2023-11-16"),
            ("16 May 2024", "date", "2024-05-16", "2024-05-16"),
        ],
    ),  # 1676086
    (
        "The internal transfer bounty for the Parachute Regiment has been in place since 15 November 2023 and will be in place until 31 March 2025 or until the allocated number of bounties have been taken up.",
        "2023-12-20",
        [
            ("15 November 2023", "date", "2023-11-15", "2023-11-15"),
            ("31 March 2025", "date", "2025-03-31", "2025-03-31"),
        ],
    ),  # 1677268
    (
        "HMRC is confident that its own Basic PAYE Tools (for use by employers with 9 or less employees) will be updated in time, and the updated product is expected to be available to download via gov.uk by 6th January 2024.",
        "2023-12-18",
        [("6th January 2024", "date", "2024-01-06", "2024-01-06")],
    ),  # 1677859
    (
        "As of 1 July 2024, the NHS Business Services Authority had received 14,088 claims to the Vaccine Damage Payment Scheme (VDPS) relating to COVID-19.",
        "2024-07-22",
        [("1 July 2024", "date", "2024-07-01", "2024-07-01")],
    ),  # 1721330
    (
        "As the Chancellor announced on 29 July, as of 1 January 2025, all education services and vocational training supplied by a private school in the UK for a charge will be subject to VAT at the standard rate of 20%.",
        "2024-08-02",
        [
            ("29 July", "date", "2024-07-29", "2024-07-29"),
            ("1 January 2025", "date", "2025-01-01", "2025-01-01"),
        ],
    ),  # 1723437
    (
        "We only have access to data up to 31st August 2024 for the Cabinet Office as GCS is not a single employer.",
        "2024-09-16",
        [("31st August 2024", "date", "2024-08-31", "2024-08-31")],
    ),  # 1728170
    (
        "The report into the UK's Academic Capability and Capacity for Shipbuilding was published by Maritime Research and Innovation UK on Wednesday 13 December 2023.",
        "2023-12-21",
        [("Wednesday 13 December 2023", "date", "2023-12-13", "2023-12-13")],
    ),  # 1678112
    (
        "It was novated to the Department of Levelling Up, Housing & Communities on 14th January 2021.",
        "2023-12-07",
        [("14th January 2021", "date", "2021-01-14", "2021-01-14")],
    ),  # 1675149
    (
        "DBT have subsequently extended the contract until June 2024 and so the services covered by this contract are still being delivered.",
        "2023-12-07",
        [("June 2024", "date", "2024-06-01", "2024-06-30")],
    ),  # 1675149
    (
        "The new working parent entitlement, which will be rolled out in phases from April 2024, will be available to working parents who meet the eligibility criteria.",
        "2023-12-12",
        [("April 2024", "date", "2024-04-01", "2024-04-30")],
    ),  # 1675057
    (
        "All random mandatory drug testing (rMDT) in prisons were paused in March 2020 following the outbreak of the COVID-19 pandemic.",
        "2023-12-14",
        [("March 2020", "date", "2020-03-01", "2020-03-31")],
    ),  # 1676424
    (
        "These should be in place for September 2025.",
        "2023-12-18",
        [("September 2025", "date", "2025-09-01", "2025-09-30")],
    ),  # 1677804
    (
        "The school, which is planned to be a 400 place, co-educational school for pupils aged 4 to 19 with Autistic Spectrum Disorders, was approved into the pre-opening stage in March 2024.",
        "2024-07-25",
        [("March 2024", "date", "2024-03-01", "2024-03-31")],
    ),  # 1721549
    (
        "This is expected to be in March 2025 for school capacity statistics and in June 2025 for statistics on schools and pupils, including independent schools.",
        "2024-09-09",
        [
            ("March 2025", "date", "2025-03-01", "2025-03-31"),
            ("June 2025", "date", "2025-06-01", "2025-06-30"),
        ],
    ),  # 1725579
    (
        "The amount of in-scope emissions that allowances must be surrendered will increase from 40% in 2024, increasing to 70% in 2025, and 100% in 2026.",
        "2023-12-20",
        [
            ("2024", "date", "2024-01-01", "2024-12-31"),
            ("2025", "date", "2025-01-01", "2025-12-31"),
            ("2026", "date", "2026-01-01", "2026-12-31"),
        ],
    ),  # 1677835
    (
        "Since the publication of the protocol, the proportion of children in care aged 10 to 17 who are charged with an offence or receive a caution has reduced from 3% in 2019 to 2% in 2023.",
        "2024-01-09",
        [
            ("2019", "date", "2019-01-01", "2019-12-31"),
            ("2023", "date", "2023-01-01", "2023-12-31"),
        ],
    ),  # 1678605
    (
        "This Government inherited a position where neither was due to go to sea again before their planned out of service dates of 2033 and 2034.",
        "2024-12-05",
        [
            ("2033", "date", "2033-01-01", "2033-12-31"),
            ("2034", "date", "2034-01-01", "2034-12-31"),
        ],
    ),  # 1746371
    (
        "The Department has not completed any assessment on the air quality impact of the decision to delay the end of sale date for new diesel and petrol cars from 2030 to 2035.",
        "2023-12-12",
        [
            ("2030", "date", "2030-01-01", "2030-12-31"),
            ("2035", "date", "2035-01-01", "2035-12-31"),
        ],
    ),  # 1675639
    (
        "I refer the right hon. Member to the answer I gave on 3 October 2023 to Question 197591 to the hon. Member for Plymouth, Sutton and Devonport (Mr Luke Pollard)",
        "2023-12-07",
        [("3 October 2023", "date", "2023-10-03", "2023-10-03")],
    ),  # 1675187
    (
        "The fraction of mortality attributable to particulate air pollution, measured as PM2.5, for Greater London in 2018, 2019, 2020 and 2021 was provided in the answer of 11 May 2023 to Question 183644.",
        "2023-12-06",
        [
            ("2018", "date", "2018-01-01", "2018-12-31"),
            ("2019", "date", "2019-01-01", "2019-12-31"),
            ("2020", "date", "2020-01-01", "2020-12-31"),
            ("2021", "date", "2021-01-01", "2021-12-31"),
            ("11 May 2023", "date", "2023-05-11", "2023-05-11"),
        ],
    ),  # 1674627
    (
        "The campaign to increase the Cadet Forces by 30% by 2030 (’30 by 30’) is backed by £70 million of extra funding.",
        "2025-09-04",
        [("2030", "date", "2030-01-01", "2030-12-31")],
    ),  # 1827537
    (
        "The Public Order Act 2023 came into effect in May 2023.",
        "2024-12-11",
        [("May 2023", "date", "2023-05-01", "2023-05-31")],
    ),  # 1746512
    # "<month> of this year" is one expression (devextra2 case 12)
    (
        "As we re-joined the programme in January of this year, and there is a lag between applications and awards, it is too early to properly assess UK success in the programme.",
        "2024-11-13",
        [("January of this year", "date", "2024-01-01", "2024-01-31")],
    ),  # 1740432
    (
        "Online stake limits have been set at £5 per spin for adults aged 25 and over since April of this year, and £2 per spin for 18-24 year olds since May.",
        "2025-09-08",
        [
            ("April of this year", "date", "2025-04-01", "2025-04-30"),
            ("May", "date", "2025-05-01", "2025-05-31"),
        ],
    ),  # 1831089
    # "this past week": the calendar week before the answer date's (answer of Monday 13 January)
    (
        "The Foreign Secretary has discussed the situation in Sudan with both his US and Saudi counterparts this past week.",
        "2025-01-13",
        [("this past week", "date", "2025-01-06", "2025-01-12")],
    ),  # 1752667
    # "<month> that year": the month of the year last mentioned
    (
        "The announcement was originally made on 1 April 2023 and the scheme was launched in November that year and closed for applications in August 2024.",
        "2024-12-11",
        [
            ("1 April 2023", "date", "2023-04-01", "2023-04-01"),
            ("November that year", "date", "2023-11-01", "2023-11-30"),
            ("August 2024", "date", "2024-08-01", "2024-08-31"),
        ],
    ),  # 1747521
    (
        "Puma HC2 is deployed now in Cyprus and Brunei and will continue to provide operational support until retirement on 31 Mar 25.",
        "2024-12-10",
        [
            ("now", "date", "2024-12-10", "2024-12-10"),
            ("31 Mar 25", "date", "2025-03-31", "2025-03-31"),
        ],
    ),  # 1746022: a two-digit year, not "Mar 25" (25 March)
    (
        "In line with the commitments we have made under the Windsor Framework, SPS inspection facilities are already operational in Northern Ireland at the ports of Foyle (18 April 25) and Warrenpoint (20 June 25).",
        "2025-07-10",
        [
            ("18 April 25", "date", "2025-04-18", "2025-04-18"),
            ("20 June 25", "date", "2025-06-20", "2025-06-20"),
        ],
    ),  # 1820241
    (
        "We expect this process to conclude and final allocations to be announced in the Autumn.",
        "2025-07-11",
        [("the Autumn", "date", "2025-09-01", "2025-11-30")],
    ),  # 1820135: "to be announced" is no past tense (was autumn 2024)
    (
        "As we set out in July, details of future Government investment in social and affordable housing will be brought forwards at the Spending Review.",
        "2024-11-06",
        [("July", "date", "2024-07-01", "2024-07-31")],
    ),  # 1738665: "As we set out" is past (was July 2025)
    (
        "The minimum budget for tidal stream was set in March at £10m.",
        "2024-07-23",
        [("March", "date", "2024-03-01", "2024-03-31")],
    ),  # 1722070: "was set in" is no schedule (was March 2025)
    (
        "The Chancellor commissioned a forecast from the OBR in her statement of 29 July, to be published alongside a Budget on 30 October.",
        "2024-09-10",
        [
            ("29 July", "date", "2024-07-29", "2024-07-29"),
            ("30 October", "date", "2024-10-30", "2024-10-30"),
        ],
    ),  # 1727058: "to be published" looks ahead (was 30 October 2023)
    (
        "The final savings will be certified and published by the Office for Budget responsibility at the Autumn Budget on the 30th October, taking account of any behavioural response.",
        "2024-09-09",
        [("the 30th October", "date", "2024-10-30", "2024-10-30")],
    ),  # 1727055: "published" shares the tense of "will be certified"
    (
        "The UK’s £300m HALEU programme will be the first commercial scale capability outside of Russia and is due to deliver in the early 2030s.",
        "2025-09-12",
        [("early 2030s", "date", "2030-01-01", "2032-06-30")],
    ),  # 1832427: the first quarter of the decade, not of its first year (was to 2030-03-31)
    (
        "To increase IAC capacity, further specific recruitment for up to 70 IAC fee paid judges of the First-tier Tribunal recruitment is underway and recruitment for up to 30 IAC salaried judges of the First-tier Tribunal will commence shortly this calendar year.",
        "2025-11-11",
        [
            ("shortly", "date", None, None),
            ("this calendar year", "date", "2025-01-01", "2025-12-31"),
        ],
    ),  # 1847573: was not found
]

NEGATIVES: list[Row] = [
    # ages are not durations ("17-year-olds", "16 and 17 year olds")
    (
        "As per the manifesto, the Government is committed to act during this Parliament to give 16- and 17-year-olds the right to vote in all elections, strengthening our democracy, empowering young people to participate and building an informed and empowered electorate.",
        "2024-10-11",
        [("this Parliament", "date", None, None)],
    ),  # 1728904
    (
        "Local authorities have a statutory duty under the Education and Skills Act 2008 to identify and support 16 and 17 year olds who are not in education or training.",
        "2024-10-07",
        [],
    ),  # 1728945
    (
        "For zero- to 17-year-olds, the median number of days patients waited was not able to be provided, due to a small sample size of the number of children who had their first care contact in the most recent quarter.",
        "2024-11-11",
        [],
    ),  # 1739220
    (
        "The recipients were announced in the New Year Honours list.",
        "2024-01-09",
        [],
    ),  # constructed: a name, not "the new year"
    (
        "Schedule 2 of the Children Act 1989 mandates that local authorities should promote contact between the child and his or her relatives, where this is consistent with the child’s welfare and is reasonably practical.",
        "2023-12-13",
        [],
    ),  # 1676331
    ("The UK Covid-19 Inquiry is an independent public inquiry.", "2023-12-19", []),  # 1676853
    (
        "For infections and complications requiring treatment in secondary care, the UK Health Security Agency estimates that the cost to the NHS of treating gonorrhoea in secondary care in 2022/23 was approximately £2,000 per in-patient admission.",
        "2025-01-13",
        [("2022/23", "date", "2022-04-01", "2023-03-31")],
    ),  # 1753629
    (
        "Member to the answer I gave on 14 December 2023 to Question 1642.",
        "2024-01-10",
        [("14 December 2023", "date", "2023-12-14", "2023-12-14")],
    ),  # the corpus's reference shape (answers 1677878, 1721845) with the number the guidelines name
    (
        "We will publish a 10-Year Health Plan for the NHS in the spring which will set out our plans.",
        "2024-11-08",
        [("the spring", "date", "2025-03-01", "2025-05-31")],
    ),  # 1739379 (a name, not a duration)
    (
        "The Pay Remit Guidance for 2024/5 can be found using the following link: https://www.gov.uk/government/publications/civil-service-pay-remit-guidance-2024-to-2025/civil-service-pay-remit-guidance-2024-to-2025",
        "2024-09-09",
        [("2024/5", "date", "2024-04-01", "2025-03-31")],
    ),  # 1726040 (nothing inside the web address)
    (
        "The most recent prison population data published in the department’s Offender Management Statistics Quarterly (OMSQ) is as at 30 September 2023.",
        "2023-12-15",
        [("30 September 2023", "date", "2023-09-30", "2023-09-30")],
    ),  # 1675102 (a title)
    (
        "As previously stated in the answer to Question 369, the Government will consult on any future regulatory framework to deliver and enforce the end of sale dates for new non-zero emission L-category vehicles as is appropriate.",
        "2023-12-11",
        [],
    ),  # 1675181
    (
        "The Nuffield Early Language Intervention (NELI) programme, which is part of the department’s education recovery response, has played an important role in improving children’s language and communication skills following the COVID-19 pandemic.",
        "2023-12-15",
        [],
    ),  # 1677038
    (
        "For low level geography: volumes have been rounded to the nearest 100, total amounts have been rounded to the nearest £1,000 and average amounts have been rounded to the nearest £1.",
        "2023-12-13",
        [],
    ),  # 1676663
    (
        "However, there are requirements in the Childcare (Free of Charge for Working Parents) (England) Regulations 2022 for the parent, or one of the parents, not to be subject to immigration control.",
        "2023-12-15",
        [],
    ),  # 1676064
    (
        "The free childcare entitlements for the children of working parents are not within the definition of ’public funds’ in the Immigration and Asylum Act 1999 or the Immigration Rules.",
        "2023-12-12",
        [],
    ),  # 1675057
    (
        "The Government’s landmark Energy Act 2023 gained Royal Assent on 26 October 2023.",
        "2023-12-06",
        [("26 October 2023", "date", "2023-10-26", "2023-10-26")],
    ),  # 1674634
    (
        "Following scrutiny by the Office for Budget Responsibility, further details of the government’s assessment of the expected impact will be published at the Budget in the usual way.",
        "2024-09-05",
        [],
    ),  # 1724513
    (
        "These can be found on VOA’s ‘Non-domestic rating: stock of properties, 2024’ statistics page on gov.uk, under ‘Stock SCat Tables by region, county, local authority district and rateable value band, 2024’ table ‘SOP_SCAT_LA_counts_all’.",
        "2024-09-12",
        [],
    ),  # 1727711
    (
        "In estimating the burden of long-term exposure to air pollution mixture in 2019 in the United Kingdom, namely 29,000 to 43,000 deaths for adults aged 30 years old and over, the total number of deaths for that age group was used.",
        "2023-12-06",
        [("2019", "date", "2019-01-01", "2019-12-31")],
    ),  # 1674627
    (
        "As outlined in the Land Industrial Strategy, the Army is committed to ensuring industry is kept up to date on the Army’s approach to its strategic balance of investment.",
        "2023-12-12",
        [],
    ),  # 1676326
    (
        "Vaccination for COVID-19 through the National Health Service is free for those eligible and there are no plans to introduce charges.",
        "2023-12-27",
        [],
    ),  # 1675528
    (
        "The Employment Equality (Repeal of Retirement Age Provisions) Regulations 2011 prohibited compulsory retirement taking place unless it could be objectively justified.",
        "2024-07-22",
        [],
    ),  # 1721813
    (
        "Section 16 of the Commons Act 2006 requires applicants to offer suitable exchange land where the deregistered area exceeds 200 square metres.",
        "2025-09-03",
        [],
    ),  # 1829790
    (
        "The Fast Stream Summer Internship Programme is a cross government internship programme led by the Cabinet Office.",
        "2025-09-04",
        [],
    ),  # 1827408
    (
        "Defence staff numbers are taken as 225,920, as set out in UK Defence in Numbers 2022 (page 17).",
        "2023-12-20",
        [],
    ),  # 1677760
    (
        "Both officials and former Ministers in the Department were notified of the decision of Birmingham City Council to issue a Section 114 report after the report had been issued by the Council’s Section 151 officer.",
        "2024-07-29",
        [],
    ),  # 1723023
    # a capitalised duration inside the name of a plan or programme (devextra2 case 12)
    (
        "NHS England also published a Three Year Plan for maternity and neonatal services in March 2023, which brings together the recommendations from independent reviews of maternity services in Shrewsbury and Telford and East Kent.",
        "2023-12-12",
        [("March 2023", "date", "2023-03-01", "2023-03-31")],
    ),  # 1675293
    (
        "The 30 Year Cross-Government Shipbuilding Pipeline, established in the Refresh, is designed to drive sustainability and competitiveness in the sector through providing industry a clear demand signal of Government’s procurement programmes.",
        "2023-12-12",
        [],
    ),  # 1674603
    (
        "We will publish a 10 Year Workforce Plan to ensure the National Health Service has the right people, in the right places, with the right skills to care for patients when they need it.",
        "2025-07-09",
        [],
    ),  # 1818917
    # a year in brackets after the name of a law
    (
        "It is longstanding policy that the use of slave labour is a mandatory exclusion from contracts with the Ministry of Defence; this policy is currently captured within the Procurement Contract Regulations (2015).",
        "2023-12-13",
        [("currently", "date", "2023-12-13", "2023-12-13")],
    ),  # 1675439
    # "future" as an adjective after "in" is not the noun
    (
        "The Chancellor has recently set out plans for departmental efficiencies such as taking actions to stop all non-essential government consultancy spend in 2024-25 and halve government spending on consultancy in future years, reducing communications and marketing budgets and continuing to dispose of surplus public sector estates.",
        "2024-08-05",
        [("recently", "date", None, None), ("2024-25", "date", "2024-04-01", "2025-03-31")],
    ),  # 1723780
    (
        "To support jobs in future and existing industries, including in the supply chain, the government decided to make no additional changes to the availability of capital allowances in the EPL.",
        "2025-11-11",
        [],
    ),  # 1848365
    ("This will be finalised in future Spending Reviews.", "2025-09-09", []),  # 1832565
    # a season as a modifier, the ordinal "a second" (whole-corpus audit of time expressions)
    (
        "This water would then be pumped to Havant Thicket Reservoir, where it would be stored and mixed with spring water, before being pumped along a new pipeline and treated prior to going into supply.",
        "2024-07-30",
        [],
    ),  # 1723186
    (
        "Details of excess winter deaths in England and Wales can be found at: Winter mortality in England and Wales - Office for National Statistics (ons.gov.uk).",
        "2024-09-17",
        [],
    ),  # 1724188
    (
        "In response, the UN's System Wide Scale Up has been extended for a second time until end of December.",
        "2023-12-12",
        [("end of December", "date", "2023-12-31", "2023-12-31")],
    ),  # 1675574
    # a link's page title (devextra case 12), on its own line or after a colon, "at" or "here";
    # the prose around it keeps its dates
    (
        "The Winter Fuel Payments statistics are published here:\n\nWinter Fuel Payment statistics for winter 2022 to 2023 - GOV.UK (www.gov.uk)",
        "2024-09-16",
        [],
    ),  # 1727110
    (
        "Statistics on the timeliness of possession claims are published here: Mortgage and landlord possession statistics: April to June 2024 - GOV.UK (www.gov.uk). Data is published covering the period to June 2024.",
        "2024-09-05",
        [("June 2024", "date", "2024-06-01", "2024-06-30")],
    ),  # 1725510
    (
        "The Ministry of Justice publishes annual Coroners Statistics which can be found at Coroners statistics 2024 - GOV.UK",
        "2025-11-10",
        [("annual", "set", "P1Y")],
    ),  # 1847605
    (
        "The Connect to Work grant guidance, also published on Gov.uk on 26 November Connect to Work - GOV.UK, invites areas to develop a delivery plan which sets out the design of their own local Connect to Work programmes, working within the national guidance.",
        "2024-12-05",
        [("26 November", "date", "2024-11-26", "2024-11-26")],
    ),  # 1745973
    # the number of a published standard, and a count after "a total of" (corpus audit of
    # years outside 1990-2050)
    (
        "PAS 1899 provides specifications on designing and installing accessible public EV chargepoints, meeting the industry need for standardised guidance on what accessible public chargepoint design consists of and how it can be deployed.",
        "2025-01-15",
        [],
    ),  # 1753583
    (
        "The British Standards Institute (BSI), who publish PAS 2030 and 2035, will consider how to address more innovative products that do not fit within existing annexes in their next update.",
        "2024-10-11",
        [],
    ),  # 1728890
    (
        "There has been a total of 1838 Building Assessment Certificate applications to the Building Safety Regulator since it was established.",
        "2025-12-08",
        [],
    ),  # 1859850
    # a numbered year of a contract or school, not a calendar year
    (
        "It is confirmed that Year 3 of the contract will proceed with Fujitsu as planned.",
        "2024-11-20",
        [],
    ),  # 1741153
    (
        "Alongside this, the Seasonal Worker visa route will allocate 45,000 visas for the horticulture sector in 2024, with a further 2000 for seasonal poultry workers, ensuring these sectors can plan ahead for 2024 with confidence.",
        "2023-12-18",
        [
            ("2024", "date", "2024-01-01", "2024-12-31"),
            ("2024", "date", "2024-01-01", "2024-12-31"),
        ],
    ),  # 1676351: a count after "a further", not the year 2000
    # the name of a linked file, a link's title
    (
        "The number and proportion of people previously in receipt of the winter fuel payment, who will no longer be eligible to receive it in each local authority and constituency can be derived using the following published statistics: winter-fuel-payments-caseload-2022-to-2023.ods (live.com) and Stat-Xplore - Table View (dwp.gov.uk).",
        "2024-09-05",
        [],
    ),  # 1725880
    (
        "HMYOI-Werrrington-Action-Plan-2023.pdf (publishing.service.gov.uk).",
        "2024-01-09",
        [],
    ),  # 1678992
    (
        "Open access restriction at Biggar (trail - winter): how to comment - GOV.UK",
        "2025-01-08",
        [],
    ),  # 1752381: a link title holding a colon
    # names of laws
    (
        "FE Colleges were incorporated under the terms of the 1992 Further and Higher Education Act, which gave them autonomy over the pay and contractual terms and conditions of their staff.",
        "2025-01-08",
        [],
    ),  # 1752526
    (
        "The Parliamentary and Health Service Ombudsman’s report published on 21 March 2024 considers the communication to 1950s born women of the equalisation and increase of the State Pension age introduced by the Pensions Acts of 1995, 2007 and 2011.",
        "2024-09-18",
        [
            ("21 March 2024", "date", "2024-03-21", "2024-03-21"),
            ("1950s", "date", "1950-01-01", "1959-12-31"),
        ],
    ),  # 1725867
]

ROLES: list[tuple[str, str, str, str]] = [
    ("The Government is committed to delivering this by 2025.", "2024-03-25", "2025", "deadline"),
    ("We will publish our response within 12 weeks.", "2024-03-25", "12 weeks", "deadline"),
    (
        "The Army is committed to ensuring that by the end of March 2026 all units are trained.",
        "2024-03-25",
        "the end of March 2026",
        "deadline",
    ),
    (
        "Over the next 10 years we have announced £2.5 billion for quantum technologies.",
        "2023-12-11",
        "the next 10 years",
        "horizon",
    ),
    (
        "The Chancellor will provide further updates at Autumn Budget 2025.",
        "2025-09-10",
        "Autumn Budget 2025",
        "event",
    ),
    (
        "On 6 January 2025, NHS England published the new Elective Reform Plan.",
        "2025-01-13",
        "6 January 2025",
        "event",
    ),
    (
        "The revised minimum income requirement will be implemented in spring 2024.",
        "2023-12-12",
        "spring 2024",
        "reference",
    ),
]
"""Roles from the governing preposition: (sentence, anchor, expression, role)."""


@pytest.fixture(scope="module")
def rules() -> TimexRuleSet:
    """The model's rules, read and validated from ``models/en_commitments/pct_timex``."""
    return TimexRuleSet.from_disk(get_settings().model / "pct_timex")


@pytest.fixture(scope="module")
def timex_nlp(rules: TimexRuleSet) -> Language:
    """A blank pipeline with the sentencizer and ``pct_timex`` only."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    tagger = nlp.add_pipe("pct_timex")
    assert isinstance(tagger, TimexTagger)
    tagger.set_rules(rules)
    return nlp


def run(nlp: Language, text: str, anchor: str | None) -> list[Timex]:
    """The time expressions ``nlp`` finds in ``text``, as rows."""
    doc = nlp(set_context(nlp.make_doc(text), dt.date.fromisoformat(anchor) if anchor else None))
    return [Timex(**span._.get(TIMEX_ATTR)) for span in doc.spans[TIMEX_SPANS]]


def summary(row: Timex) -> tuple[Any, ...]:
    """A row as the tables write it."""
    if row.type in ("duration", "set"):
        return (row.text, row.type, row.timex3)
    return (row.text, row.type, row.start, row.end)


def check(nlp: Language, sentence: str, anchor: str, expected: list[tuple[Any, ...]]) -> None:
    rows = run(nlp, sentence, anchor)
    assert [summary(r) for r in rows] == expected
    for row in rows:
        assert sentence[row.char_start : row.char_end] == row.text


@pytest.mark.parametrize(("sentence", "anchor", "expected"), UK_CALENDAR)
def test_timex_uk_calendar(
    timex_nlp: Language, sentence: str, anchor: str, expected: list[tuple[Any, ...]]
) -> None:
    check(timex_nlp, sentence, anchor, expected)


@pytest.mark.parametrize(("sentence", "anchor", "expected"), DEICTIC)
def test_timex_deictic_words(
    timex_nlp: Language, sentence: str, anchor: str, expected: list[tuple[Any, ...]]
) -> None:
    check(timex_nlp, sentence, anchor, expected)


@pytest.mark.parametrize(("sentence", "anchor", "expected"), RANGES)
def test_timex_ranges(
    timex_nlp: Language, sentence: str, anchor: str, expected: list[tuple[Any, ...]]
) -> None:
    check(timex_nlp, sentence, anchor, expected)


@pytest.mark.parametrize(("sentence", "anchor", "expected"), DURATIONS)
def test_timex_durations(
    timex_nlp: Language, sentence: str, anchor: str, expected: list[tuple[Any, ...]]
) -> None:
    check(timex_nlp, sentence, anchor, expected)


@pytest.mark.parametrize(("sentence", "anchor", "expected"), SETS)
def test_timex_sets(
    timex_nlp: Language, sentence: str, anchor: str, expected: list[tuple[Any, ...]]
) -> None:
    check(timex_nlp, sentence, anchor, expected)


@pytest.mark.parametrize(("sentence", "anchor", "expected"), DATE_SHAPES)
def test_timex_date_shapes(
    timex_nlp: Language, sentence: str, anchor: str, expected: list[tuple[Any, ...]]
) -> None:
    check(timex_nlp, sentence, anchor, expected)


@pytest.mark.parametrize(("sentence", "anchor", "expected"), NEGATIVES)
def test_timex_negatives_do_not_fire(
    timex_nlp: Language, sentence: str, anchor: str, expected: list[tuple[Any, ...]]
) -> None:
    check(timex_nlp, sentence, anchor, expected)


@pytest.mark.parametrize(("sentence", "anchor", "text", "role"), ROLES)
def test_timex_role_from_governing_preposition(
    timex_nlp: Language, sentence: str, anchor: str, text: str, role: str
) -> None:
    rows = {r.text: r for r in run(timex_nlp, sentence, anchor)}
    assert rows[text].role == role


def test_timex_tables_cover_every_gold_vector() -> None:
    tables = UK_CALENDAR + DEICTIC + RANGES + DURATIONS + SETS + DATE_SHAPES + NEGATIVES
    in_tables = {(sentence, anchor) for sentence, anchor, _ in tables}
    with (FIXTURES / "timex" / "vectors-timex.jsonl").open(encoding="utf-8") as handle:
        vectors = [json.loads(line) for line in handle]
    assert {(v["sentence"], v["date_answered"]) for v in vectors} <= in_tables
    gold = {(v["sentence"], v["date_answered"]): v["timexes"] for v in vectors}
    for sentence, anchor, expected in tables:
        if (sentence, anchor) in gold:
            assert [t["text"] for t in gold[sentence, anchor]] == [e[0] for e in expected]


def test_timex_fixture_matches_shared_gold() -> None:
    shared = shared_path("gold", "vectors-timex.jsonl")
    assert (FIXTURES / "timex" / "vectors-timex.jsonl").read_bytes() == shared.read_bytes()


def test_timex_without_anchor_finds_but_does_not_resolve_relative(timex_nlp: Language) -> None:
    rows = run(
        timex_nlp, "We will publish next year, in September 2025, and currently review it.", None
    )
    by_text = {r.text: r for r in rows}
    assert by_text["next year"].start is None and by_text["next year"].timex3 is None
    assert (by_text["September 2025"].start, by_text["September 2025"].end) == (
        "2025-09-01",
        "2025-09-30",
    )
    assert by_text["currently"].timex3 == "PRESENT_REF" and by_text["currently"].start is None


def test_timex_timeml_profile_keeps_range_ends_apart(rules: TimexRuleSet) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    tagger = TimexTagger(nlp, profile="timeml", rules=rules)
    doc = nlp(
        set_context(
            nlp.make_doc("Between 2011 and 2023 the current rules applied."), dt.date(2024, 9, 10)
        )
    )
    assert [(r.text, r.timex3) for r in tagger.find(doc)] == [
        ("2011", "2011"),
        ("2023", "2023"),
        ("current", "PRESENT_REF"),
    ]


def test_timex_unknown_profile_raises() -> None:
    with pytest.raises(ValueError, match=r"PCT104.*profile.*answers, timeml"):
        TimexTagger(spacy.blank("en"), profile="news")


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\n ",
        "<p>We will publish it <b>by March 2025</b>.</p><table><tr><td>2024</td></tr></table>",
        "Payments\x00resumed\x07 in\x1b[31m April 2024\x0c and\u200b\u2028 2025-26.",
        "Le gouvernement publiera le rapport en mars 2025. Die Regierung wird im Mai 2025 berichten.",
        "政府将于2025年3月发布报告。",
        "2024-2025-2026/27/28 -- 31/02/2024 99/99/2024 0 March 31 February 2024",
        "İn winter and ſpring 2025, in ſeptember 2025 and within two weeKs we will report.",
    ],
    ids=[
        "empty",
        "blank",
        "html",
        "control-characters",
        "french-german",
        "chinese",
        "garbled-numbers",
        "ignorecase-folds",  # once a KeyError: "ſpring" matched the season pattern
    ],
)
def test_timex_bad_input_never_raises(timex_nlp: Language, text: str) -> None:
    rows = run(timex_nlp, text, "2024-03-25")
    for row in rows:
        assert 0 <= row.char_start < row.char_end <= len(text)
        assert text[row.char_start : row.char_end] == row.text


def test_timex_words_matched_through_case_folds_read_as_their_letters(timex_nlp: Language) -> None:
    """Python's case-insensitive matching takes "ſ", "İ", "ı" and the Kelvin sign for s, i, i
    and k; such words read as the words they spell."""
    text = "İn winter and ſpring 2025 we will report."
    assert [(r.text, r.start, r.end) for r in run(timex_nlp, text, "2024-03-25")] == [
        ("winter and ſpring 2025", "2024-12-01", "2025-05-31")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("winter and spring 2025", ("2024-WI/2025-SP", "2024-12-01", "2025-05-31")),
        ("autumn and winter 2025", ("2025-FA/2025-WI", "2025-09-01", "2026-02-28")),
        ("spring and summer 2025", ("2025-SP/2025-SU", "2025-03-01", "2025-08-31")),
        ("November to February 2025", ("2024-11/2025-02", "2024-11-01", "2025-02-28")),
    ],
)
def test_timex_range_first_half_takes_the_year_before_when_it_starts_later(
    timex_nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    """A range's first half borrows its second half's year, a year earlier when its month, or
    its season's first month, comes later (the winter before spring 2025 is 2024-25)."""
    rows = run(timex_nlp, f"We will consult on it over {text}.", "2024-03-25")
    assert [(r.text, (r.timex3, r.start, r.end)) for r in rows] == [(text, expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this year and last", ("2023/2024", "2023-01-01", "2024-12-31")),
        ("this month and last", ("2024-02/2024-03", "2024-02-01", "2024-03-31")),
        ("2025-2023", ("2023/2025", "2023-01-01", "2025-12-31")),
        ("the 2025 to 2021 period", ("2021/2025", "2021-01-01", "2025-12-31")),
        ("14-5 November", ("2023-11-05/2023-11-14", "2023-11-05", "2023-11-14")),
        ("this year and next", ("2024/2025", "2024-01-01", "2025-12-31")),
    ],
)
def test_timex_range_written_backwards_is_read_in_order(
    timex_nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    """A range whose second part ends before its first begins names the period from the earlier
    part to the later: it ended before it started ("this year and last" gave 2024-01-01 to
    2023-12-31; found by mutation fuzzing, docs/reliability.md)."""
    rows = run(timex_nlp, f"Spending rose over {text}.", "2024-03-25")
    assert [(r.text, (r.timex3, r.start, r.end)) for r in rows] == [(text, expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It took often two years to build.", [("two years", "P2Y")]),  # "ten two years"
        ("Someone two weeks ago asked for it.", [("two weeks ago", "2024-W11")]),  # "one two…"
        ("It took two years to build.", [("two years", "P2Y")]),
    ],
)
def test_timex_match_dropped_inside_a_word_hides_no_other(
    timex_nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    """A rule's match that starts inside a word is dropped; the match that starts inside it, on
    a word boundary, is still found (the rule's scan resumes after the dropped one)."""
    assert [(r.text, r.timex3) for r in run(timex_nlp, text, "2024-03-25")] == expected


def test_timex_html_fragment_finds_the_dates_in_the_markup_text(timex_nlp: Language) -> None:
    text = "<p>We will publish it <b>by March 2025</b>.</p>"
    assert [r.text for r in run(timex_nlp, text, "2024-03-25")] == ["March 2025"]


def test_timex_impossible_dates_are_not_dates(timex_nlp: Language) -> None:
    rows = run(
        timex_nlp, "The figures for 31 February 2024 and 30/13/2024 are missing.", "2024-03-25"
    )
    assert all(r.start is None or r.start != "2024-02-31" for r in rows)
    assert "31 February 2024" not in {r.text for r in rows if r.start}


def test_timex_one_megabyte_of_text(timex_nlp: Language) -> None:
    sentence = "The department will publish the 2025/26 allocations in spring 2025, as it did on 3 October 2023. "
    text = sentence * (999_000 // len(sentence))
    rows = run(timex_nlp, text, "2024-11-20")
    assert len(rows) == 3 * (999_000 // len(sentence))
    assert {(r.text, r.start) for r in rows} == {
        ("2025/26", "2025-04-01"),
        ("spring 2025", "2025-03-01"),
        ("3 October 2023", "2023-10-03"),
    }


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.lists(
        st.one_of(
            st.text(max_size=12),
            st.text(alphabet=st.sampled_from(list("0123456789 -/–.,'’")), max_size=8),
            st.sampled_from(
                [
                    "March ",
                    "2024",
                    "2024-25",
                    " by ",
                    "next year",
                    "the end of ",
                    "spring",
                    "now",
                    "12 weeks",
                ]
            ),
        ),
        max_size=30,
    ).map("".join),
    anchor=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)),
)
def test_extract_arbitrary_unicode_keeps_offsets_inside_the_text(
    text: str, anchor: dt.date
) -> None:
    result = extract(text, anchor)
    for row in result.timexes:
        assert 0 <= row.char_start < row.char_end <= len(text)
        assert text[row.char_start : row.char_end] == row.text
        if row.start is not None and row.end is not None:
            assert row.start <= row.end


# --- the standard component tests --------------------------------------------------------------


def test_timex_tagger_without_rules_warns() -> None:
    nlp = spacy.blank("en")
    tagger = TimexTagger(nlp)
    with pytest.warns(UserWarning, match=r"W-PCT001"):
        doc = tagger(nlp("We will publish it by March 2025."))
    assert list(doc.spans["pct_timexes"]) == []


@pytest.mark.parametrize(
    ("file", "line", "code", "fragment"),
    [
        (
            "patterns.jsonl",
            {"id": "x", "pattern": "now", "type": "moment", "normaliser": "deictic"},
            "PCT104",
            "field 'type' has value 'moment'; allowed: date, duration, set, time",
        ),
        (
            "patterns.jsonl",
            {"id": "x", "pattern": "now", "type": "date", "normaliser": "guess"},
            "PCT104",
            "field 'normaliser' has value 'guess'",
        ),
        (
            "patterns.jsonl",
            {"id": "x", "pattern": "now", "type": "date", "normaliser": "deictic", "colour": "red"},
            "PCT103",
            "unknown field(s) 'colour'",
        ),
        (
            "patterns.jsonl",
            {"id": "x", "pattern": "(now", "type": "date", "normaliser": "deictic"},
            "PCT106",
            "not a valid regex",
        ),
        (
            "patterns.jsonl",
            {"id": "x", "pattern": "{NOPE} now", "type": "date", "normaliser": "deictic"},
            "PCT110",
            "unknown macro {NOPE}",
        ),
        (
            "patterns.jsonl",
            {"id": "x", "pattern": "(?P<colour>now)", "type": "date", "normaliser": "date"},
            "PCT110",
            "group(s) colour are not read",
        ),
        (
            "patterns.jsonl",
            {"id": "x", "pattern": "Now", "type": "date", "normaliser": "deictic"},
            "PCT112",
            "upper-case letters",
        ),
        (
            "patterns.jsonl",
            {
                "id": "x",
                "pattern": "now",
                "type": "date",
                "normaliser": "deictic",
                "fields": {"value": "NOW_REF"},
            },
            "PCT104",
            "fields.value",
        ),
        (
            "patterns.jsonl",
            {
                "id": "x",
                "pattern": "now",
                "type": "date",
                "normaliser": "deictic",
                "requires": ["Now"],
            },
            "PCT104",
            "field 'requires'",
        ),
        (
            "patterns.jsonl",
            {"pattern": "now", "type": "date", "normaliser": "deictic"},
            "PCT102",
            "missing field(s) 'id'",
        ),
        (
            "roles.jsonl",
            {"id": "x", "role": "deadline", "prepositions": ["by", "sometime"]},
            "PCT104",
            "field 'prepositions' has value 'sometime'",
        ),
        (
            "tenses.jsonl",
            {"id": "x", "pattern": "will", "tense": "soon"},
            "PCT104",
            "field 'tense' has value 'soon'; allowed: past, present, future",
        ),
        (
            "ranges.jsonl",
            {"id": "x", "gap": "to", "merge": "yes"},
            "PCT105",
            "field 'merge' must be bool",
        ),
        ("blocks.jsonl", {"id": "x", "pattern": "Act ("}, "PCT106", "not a valid regex"),
    ],
)
def test_timex_tagger_bad_rule_raises(
    tmp_path: Path, file: str, line: dict[str, Any], code: str, fragment: str
) -> None:
    (tmp_path / file).write_text(json.dumps(line) + "\n", encoding="utf-8")
    tagger = TimexTagger(spacy.blank("en"))
    with pytest.raises(RuleError) as err:
        tagger.from_disk(tmp_path)
    assert err.value.code == code
    assert fragment in str(err.value)
    assert file in str(err.value)


def test_timex_rules_duplicate_ids_raise(rules: TimexRuleSet) -> None:
    data = {
        "macros": [m.to_dict() for m in rules.macros],
        "patterns": [rules.patterns[0].to_dict(), rules.patterns[0].to_dict()],
    }
    with pytest.raises(RuleError, match=r"PCT111.*duplicate id"):
        TimexRuleSet.from_dicts(data)


def test_timex_tagger_to_disk_from_disk_round_trips(
    tmp_path: Path, rules: TimexRuleSet, timex_nlp: Language
) -> None:
    TimexTagger(spacy.blank("en"), rules=rules).to_disk(tmp_path / "pct_timex")
    again = TimexTagger(spacy.blank("en")).from_disk(tmp_path / "pct_timex")
    assert again.rules == rules
    assert [r.to_dict() for r in again.rules.patterns] == [r.to_dict() for r in rules.patterns]
    written = {p.name: p.read_bytes() for p in (tmp_path / "pct_timex").iterdir()}
    model = {p.name: p.read_bytes() for p in (get_settings().model / "pct_timex").iterdir()}
    assert written == model, "the rule files are not in canonical form: run `make model`"
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("pct_timex").set_rules(again.rules)  # type: ignore[attr-defined]
    text = UK_CALENDAR[0][0]
    assert run(nlp, text, UK_CALENDAR[0][1]) == run(timex_nlp, text, UK_CALENDAR[0][1])


def test_timex_rules_round_trip_through_dicts(rules: TimexRuleSet) -> None:
    data = {
        kind: [rule.to_dict() for rule in getattr(rules, kind)] for kind, _ in TimexRuleSet.FILES
    }
    assert TimexRuleSet.from_dicts(data) == rules


def test_timex_tagger_pipe_n_process_2_matches_one(nlp: Language) -> None:
    rows = UK_CALENDAR[:6] + RANGES[:4] + DEICTIC[:4]
    items = [TextItem(s, dt.date.fromisoformat(a), key=i) for i, (s, a, _) in enumerate(rows)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        one = [r.timexes for _, r in extract_batch(items, nlp=nlp, n_process=1)]
        two = [r.timexes for _, r in extract_batch(items, nlp=nlp, n_process=2, batch_size=4)]
    assert one == two
    assert sum(len(t) for t in one) > 0


def test_sentence_spans_read_the_sentencizer(timex_nlp: Language) -> None:
    doc = timex_nlp("We met in May. We will meet again in June! Then stop.")
    assert sentence_spans(doc) == [
        (s.start_char, s.end_char + len(s.text_with_ws) - len(s.text)) for s in doc.sents
    ]
    assert sentence_spans(spacy.blank("en")("")) is None


def test_timex_seed_answer(timex_nlp: Language) -> None:
    """The answer the project started from (``../shared/gold/seed-answer.txt``, copied)."""
    text = (FIXTURES / "timex" / "seed-answer.txt").read_text(encoding="utf-8")
    rows = run(timex_nlp, text, "2024-03-25")
    assert [summary(r) for r in rows] == [
        ("2025", "date", "2025-01-01", "2025-12-31"),
        ("June 2023", "date", "2023-06-01", "2023-06-30"),
        ("the next 15 years", "duration", "P15Y"),
        ("September 2023", "date", "2023-09-01", "2023-09-30"),
    ]
    assert [r.role for r in rows] == ["deadline", "reference", "horizon", "reference"]


@pytest.mark.slow
def test_timex_dev_gold_meets_the_targets(corpus_path: Path, gold_dir: Path) -> None:
    """Dev gold (GUIDELINES.md section 5 scoring): timex F1 >= 0.90, intervals/values >= 0.85.
    A guard against regressions; the figures themselves come from ``commitments evaluate gold``."""
    from pipeline.evaluate.gold import read_jsonl, score_records
    from pipeline.ingest.replay import read_answers

    gold = [g for g in read_jsonl(gold_dir / "dev.jsonl") if g["id"] != "seed"]
    wanted = {str(g["id"]) for g in gold}
    items = [
        TextItem(a.answer_text, a.date_answered, key=a.id)
        for a in read_answers(corpus_path)
        if str(getattr(a, "id", "")) in wanted
    ]
    predictions = [result.to_gold(item.key) for item, result in extract_batch(items)]
    score = score_records(gold, predictions)["timexes"]
    assert score.f1 >= 0.90
    assert (score.accuracy("interval_or_value") or 0.0) >= 0.85
