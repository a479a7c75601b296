"""What the owners of the demo's cases found and how they put it right: the root cause and
resolution of each case follow from what its feedback was about (the topics of the sentences
the demo writes its comments from, ``feedback.REMARKS``), so a complaint about the portal is not
put down to faulty pumps, nor praise to a communication gap.
"""

from __future__ import annotations

import random
from collections.abc import Collection

from centric.demo.feedback import comment_remarks
from centric.feedback.models import Response

# Northwind's customer portal is not one of its components: a fault in it is a category of its
# own, under product defects, as an organisation fits the default root causes to its business
PORTAL_FAULT = "Portal fault"
# What the owners found and how they put it right, by what the feedback was about: the topics
# of the demo's sentences (``feedback.REMARKS``). A few ways each, so the cases do not all read
# the same.
FINDINGS: dict[str, tuple[str, list[str]]] = {
    "delivery": (
        "Delivery delay",
        [
            "Re-sent the order by express, agreed a delivery date with the customer and set up "
            "a shipping notice for every order.",
            "Traced the shipment with the carrier, replaced what arrived late or damaged and "
            "moved their orders to sturdier packaging.",
            "Moved the customer's orders to our express carrier and agreed delivery dates for "
            "the ones still open.",
        ],
    ),
    "billing": (
        "Billing error",
        [
            "Refunded what we had charged wrongly, corrected the invoice and sent a credit note "
            "with an apology.",
            "Went through the customer's recent invoices with them, credited every error and "
            "fixed the invoicing setting behind it.",
            "Corrected the invoice against the order and the quote; Finance now checks their "
            "invoices before they go out.",
        ],
    ),
    "support": (
        "Process or policy",
        [
            "Took the ticket to a senior engineer, solved it with the customer on a call and "
            "changed the queue so no ticket waits more than a day.",
            "Solved the problem behind the ticket the same day; support now answers within a "
            "day and closes a ticket only when the customer confirms it is solved.",
            "Gave the account a named support contact who calls back within four hours and "
            "closes a ticket only once it is solved.",
        ],
    ),
    "quality": (
        "Product defect",
        [
            "Replaced the faulty units under warranty and sent them to quality, who traced the "
            "defect to one production batch.",
            "Sent an engineer to check the installed parts, replaced the faulty ones and put the "
            "customer's next orders through an extra inspection.",
            "Replaced the defective parts and went through quality's analysis of the failures "
            "with the customer.",
        ],
    ),
    "safety": (
        "Product defect",
        [
            "Sent an engineer the same day to secure the cover, replaced the fixings on every "
            "unit of that batch and reported it to quality.",
            "Stopped shipping the batch, fitted the customer's units with the redesigned cover "
            "fixing and took them through the safety check.",
        ],
    ),
    "price": (
        "Expectation mismatch",
        [
            "Walked the buyer through the new price list and what drives it, and agreed a "
            "volume discount for the year.",
            "Reviewed the contract with the customer, explained the price change and fixed "
            "their prices for twelve months.",
            "Went through what they order with them and moved them to a range that does the job "
            "for less.",
        ],
    ),
    "portal": (
        PORTAL_FAULT,
        [
            "IT fixed the session timeout and the slow search behind it; walked the customer "
            "through the portal once the fix was live.",
            "Passed the problem to the portal team, who fixed it in the next release, and "
            "checked with the customer a week later that it works for them.",
            "Set the customer up with a direct ordering contact while IT fixed the portal, and "
            "checked with them afterwards that it works.",
        ],
    ),
    "communication": (
        "Communication gap",
        [
            "Called the customer, explained what had changed and set up a weekly update until "
            "their orders are back on track.",
            "Added the customer to our notices of changes and delays; their account manager now "
            "calls the day an order slips.",
            "Agreed a named contact who tells them of any change to their orders the same day.",
        ],
    ),
    "sustainability": (
        "Communication gap",
        [
            "Sent the carbon footprint of every part the customer buys, and added the figures "
            "to our product data sheets.",
            "Put the customer in touch with our sustainability lead, who sent the carbon "
            "figures for their audit that week.",
            "Sent the carbon data they were waiting for; it is now in the portal for every "
            "product.",
        ],
    ),
    # the teams internal customers rate
    "IT": (
        "Process or policy",
        [
            "IT went through the team's open requests with them, cleared them that week and now "
            "confirms each ticket the day it arrives.",
            "Set up a standard access request that IT completes within two days, and answered "
            "the team's open tickets.",
        ],
    ),
    "Finance": (
        "Process or policy",
        [
            "Finance agreed a two-day limit for approving purchase orders and now tells the "
            "team where each invoice stands.",
            "Walked the team through the approval steps and removed the one that held their "
            "orders up.",
        ],
    ),
    "People & Culture": (
        "Process or policy",
        [
            "Shortened the hiring steps for the team's open roles and agreed to answer "
            "candidates within a week.",
        ],
    ),
    # what an account would change first
    "discovery": (
        "Expectation mismatch",
        [
            "Spent a day at the customer's site with their engineers and agreed their plans for "
            "next year before proposing anything.",
            "Held a planning meeting with the customer to learn what they are working towards, "
            "and changed our proposal to fit it.",
        ],
    ),
    "service": (
        "Process or policy",
        [
            "Went through the recent orders and invoices with the customer, put right what we "
            "got wrong and agreed how we warn them of any delay.",
            "Agreed monthly reviews of their orders and invoices with the customer until both "
            "run right the first time.",
        ],
    ),
    "engagement": (
        "Communication gap",
        [
            "Set up quarterly reviews with the customer, starting with what changed after their "
            "last feedback.",
            "Their account manager now checks in every month and reports back on what we did "
            "with their feedback.",
        ],
    ),
    # praise, should a rule open a case from it: there was nothing to fix
    "no complaint": (
        "Other",
        [
            "Called the customer: nothing had gone wrong, and they were glad to hear from us.",
            "Talked it through with the customer: they had no complaint, so nothing needed fixing.",
        ],
    ),
}
# Feedback without a comment is about its touchpoint; at none, the conversation with the
# customer turned up one of the usual problems.
TOPIC_BY_TOUCHPOINT = {"Delivery": "delivery", "Support call": "support", "Online portal": "portal"}
TOPICS_WITHOUT_COMMENT = ["delivery", "quality", "support", "communication", "price", "billing"]


def case_finding(
    *, rng: random.Random, response: Response, tags: Collection[str] = ()
) -> tuple[str, str]:
    """The root cause the owner of a case found and how they put it right (``FINDINGS``), from
    what its feedback was about: of the comment's complaints and suggestions, a safety issue
    first, then one about what the rule that opened the case is for (its ``tags``: "billing"),
    then the first; "no complaint" for praise alone; without a comment, its touchpoint."""
    remarks = comment_remarks(response.comment)
    # "renewal" ("we will not renew") names no problem of its own
    wrong = [r.topic for r in remarks if r.kind != "praise" and r.topic in FINDINGS]
    wrong.sort(key=lambda topic: (topic != "safety", topic not in tags))  # stable: in text order
    if wrong:
        topic = wrong[0]
    elif remarks:
        topic = "no complaint"
    elif response.touchpoint is not None and response.touchpoint.name in TOPIC_BY_TOUCHPOINT:
        topic = TOPIC_BY_TOUCHPOINT[response.touchpoint.name]
    else:
        topic = rng.choice(TOPICS_WITHOUT_COMMENT)
    cause, resolutions = FINDINGS[topic]
    return cause, rng.choice(resolutions)
