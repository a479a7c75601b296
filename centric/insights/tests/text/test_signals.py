from centric.insights.text import Member, analyze


def kinds(text: str) -> dict[str, str]:
    return {s.kind: s.phrase for s in analyze(text).care_signals}


def test_it_names_the_journey_stage_a_comment_talks_about():
    assert (
        analyze("The courier delivered the package to the wrong address.").journey_stage
        == "delivery"
    )
    assert analyze("Checkout kept failing when I tried to pay.").journey_stage == "purchase"
    assert analyze("I had to send it back for an exchange.").journey_stage == "replace"
    assert analyze("Lovely people.").journey_stage is None


def test_it_finds_care_signals_with_the_phrase_that_carries_each():
    found = kinds(
        "I'm worried about the renewal price, since our budget is fixed. "
        "I wish the app had a dark mode, and I hope you keep the old plan."
    )
    assert found["fear"] == "I'm worried about the renewal price"
    assert found["constraint"] == "since our budget is fixed"
    assert found["wish"] == "I wish the app had a dark mode"
    assert found["hope"] == "and I hope you keep the old plan"


def test_it_finds_desires_risks_and_opportunities():
    found = kinds(
        "We need an export to Excel. If this happens again we could lose the client. "
        "I would buy more if they made it in other colours."
    )
    assert set(found) >= {"desire", "risk", "opportunity"}


def test_it_flags_urgent_comments_with_the_reason():
    reasons = {
        f.reason
        for f in analyze("The charger caught fire! And you charged me twice.").flags
        if f.kind == "urgent"
    }
    assert reasons == {"safety", "money lost"}
    assert analyze("My lawyer will hear about this.").urgent
    for money in (
        "You charged my card twice and I want my money back.",
        "We were charged two times for one order.",
    ):
        assert [f.reason for f in analyze(money).flags if f.kind == "urgent"] == ["money lost"]
    assert not analyze("I was charged fairly and it arrived twice as fast.").urgent
    assert analyze("Someone else's account details showed up in my app, a data breach.").urgent
    assert not analyze("Great fire pit, warm evenings.").churn_risk


def test_it_flags_the_risk_of_churn():
    assert analyze("I'm going to cancel my subscription.").churn_risk
    assert analyze("We will not renew next year.").churn_risk
    assert analyze("Switching to a competitor next month.").churn_risk


def test_it_does_not_flag_churn_that_is_denied():
    assert not analyze("I would never cancel my subscription, love it.").churn_risk


def test_it_recognises_praise_and_the_person_or_team_praised():
    directory = [
        Member("p1", "Maria Lopez"),
        Member("p2", "Will Smith"),
        Member("t1", "Billing team", kind="team", aliases=("accounts team",)),
    ]
    reading = analyze(
        "Thank you Maria, you were wonderful! The accounts team was very helpful too.",
        directory=directory,
    )
    assert reading.praise
    assert [p.member.id for p in reading.praised] == ["p1", "t1"]


def test_it_does_not_take_a_common_word_for_a_name():
    directory = [Member("p2", "Will Smith")]
    reading = analyze("Great service, I will come again!", directory=directory)
    assert reading.praise
    assert reading.praised == ()


def test_it_hears_praise_for_someone_inside_a_complaint():
    directory = [Member("p1", "Maria Lopez")]
    reading = analyze(
        "The product broke after a week. Maria in support was wonderful though.",
        directory=directory,
    )
    assert reading.praise
    assert [p.member.name for p in reading.praised] == ["Maria Lopez"]


def test_it_does_not_call_a_complaint_about_someone_praise():
    directory = [Member("p1", "Maria Lopez")]
    reading = analyze("Maria was rude and unhelpful.", directory=directory)
    assert not reading.praise
    assert reading.praised == ()


def test_everyday_words_near_safety_terms_are_not_urgent() -> None:
    from centric.insights.text import analyze

    for text in (
        "Love the burnt orange colour",
        "The neckline is so high it chokes me",
        "I have a sports injury so I needed a loose fit",
    ):
        assert not analyze(text).urgent, text
    for text in (
        "The heater caught fire in our office",
        "My son was injured by the broken cover",
        "The kettle burned my hand",
        "A small part came off, the baby could choke on it",
    ):
        assert analyze(text).urgent, text


def test_figures_of_speech_and_shopping_talk_are_not_flags() -> None:
    for text in (
        "This item stole my heart online",
        "I wear it as a scarf and stole",
        "The tailor hacked off the hem",
        "She took it in at the waist and hacked quite a bit of the hem",
        "It sparks joy and will spark so much conversation",
        "My bust was exploding out of it",
    ):
        assert not analyze(text).urgent, text
    for text in (
        "I can't recall the last time I bought a new dress",
        "I'm leaving this review for women who are petite",
        "I switched to a smaller size",
        "The hemming would have to be professionally done with this material",
    ):
        assert not analyze(text).churn_risk, text


def test_the_plain_ways_of_saying_it_are_flags() -> None:
    for text in (
        "A cover came loose during operation, this is a safety issue.",
        "Since the change to your invoicing we have been billed twice.",
        "Someone stole my card details from your site.",
        "The battery exploded while charging.",
        "Sparks came out of the unit.",
        "Our account was hacked.",
        "Someone hacked into the portal and changed our address.",
        "My email got hacked after I signed up.",
    ):
        assert analyze(text).urgent, text
    for text in (
        "I'm done with you people.",
        "This is the last time I order from you.",
        "We're leaving at the end of the contract.",
        "We are thinking of switching suppliers.",
    ):
        assert analyze(text).churn_risk, text


def test_figures_of_speech_are_not_care_signals() -> None:
    assert kinds("I have to confess I love it") == {}
    assert kinds("Exactly what I was looking for") == {}
    assert kinds("We are looking for a supplier who answers")["desire"]
    assert kinds("We have to renew by March")["constraint"]


def test_a_stopped_line_or_a_system_down_is_urgent() -> None:
    for text in (
        "Your system is down and our production line has stopped!",
        "Our line is stopped, urgent!",
        "This is urgent.",
        "Someone could get hurt with this machine.",
        "Production is down because of your faulty part, we need someone now.",
        "The portal has been down since this morning.",
        "Production has ground to a halt.",
    ):
        reading = analyze(text)
        assert reading.urgent, text
        assert reading.label == "negative", text


def test_past_or_denied_urgency_and_clothes_hanging_down_are_not_urgent() -> None:
    for text in (
        "This is not urgent, but could you update our address?",
        "The dress hangs down to my knees.",
        "It looks great when my arms are down.",
        "Machine wash cold and it keeps its shape.",
    ):
        assert not analyze(text).urgent, text


def test_plain_requests_to_leave_are_churn_risk() -> None:
    for text in (
        "I want to cancel.",
        "Please close our account.",
        "We are evaluating alternatives before our contract renewal in March.",
        "If the invoice errors continue we will have to look at other suppliers.",
        "We would like to cancel our subscription.",
        "We will not renew next year.",
    ):
        assert analyze(text).churn_risk, text


def test_cancelling_an_order_or_refusing_to_leave_is_no_churn_risk() -> None:
    for text in (
        "I want to cancel my order, it is two weeks late.",
        "I don't want to cancel, I just want it fixed.",
        "We are not looking at other suppliers, you are great.",
        "I compared other colours before choosing this one.",
    ):
        assert not analyze(text).churn_risk, text


def test_sarcastic_thanks_and_requests_are_not_praise() -> None:
    assert not analyze("Yeah, thanks for nothing.").praise
    request = analyze("Would be great if you fixed the invoices.")
    assert not request.praise
    billing = request.theme("billing")
    assert billing is not None
    assert billing.label != "positive"
    assert not analyze("It would be nice if you added a dark mode.").praise
    assert analyze("Thanks, the new invoices are great.").praise


def test_praise_for_a_person_in_a_team_names_both() -> None:
    directory = [Member("p1", "Maria Lopez"), Member("t1", "Support", kind="team")]
    reading = analyze("Maria in support was fantastic.", directory=directory)
    assert reading.praise
    assert [p.member.id for p in reading.praised] == ["p1", "t1"]


def test_words_that_only_sound_like_trouble_are_not_urgent() -> None:
    # a dish, a food court, a quiet booth, smoke to sit away from, a stranger at the bar
    for text in (
        "The shrimp scampi was excellent and the antipasti were plentiful.",
        "We were exploring Grand Central and didn't want to eat in the food court.",
        "I've had better Japanese food at a mall food court.",
        "Try to get the corner booth table for a little privacy and to sit close!",
        "And I could do without the cigar smoke.",
        "Strike up a conversation with the attorney next to you.",
        "Our server Sue was lovely.",
        "The water bottle leaked in my bag.",
    ):
        assert not analyze(text).urgent, text


def test_a_threat_a_breach_a_hazard_or_harm_is_urgent() -> None:
    for text, reason in (
        ("This is a scam, they never shipped anything.", "money lost"),
        ("We will take you to court over this.", "legal"),
        ("We are going to sue.", "legal"),
        ("I have contacted my attorney.", "legal"),
        ("You shared my personal data with a marketing firm.", "privacy"),
        ("This is an invasion of privacy.", "privacy"),
        ("Smoke came out of the charger.", "safety"),
        ("The heater started smoking after an hour.", "safety"),
        (
            "It is so scratchy, i developed a serious rash within the first 1/2 hour of "
            "wearing it.",
            "safety",
        ),
        ("The dye gave my son hives.", "safety"),
    ):
        reasons = [f.reason for f in analyze(text).flags if f.kind == "urgent"]
        assert reasons == [reason], text


def test_leaving_a_restaurant_is_no_churn_but_never_buying_a_label_again_is() -> None:
    for text in (
        "As we were leaving, the couple standing by the door said to another waiter, "
        "we're not in a hurry.",
        "When we were done with this course, the waiter brought the dessert menu.",
    ):
        assert not analyze(text).churn_risk, text
    for text in (
        "I have noted the name of the designer and have promised myself to never buy this "
        "label again.",
        "I will never order from this brand again.",
        "We're leaving at the end of the contract.",
    ):
        assert analyze(text).churn_risk, text


def test_loving_it_is_praise_and_best_left_to_others_is_not() -> None:
    assert analyze("Love this dress! it's sooo pretty.").praise
    assert analyze("I loved the colours and the fit.").praise
    assert not analyze(
        "I love this dress but when i put it on i was aghast! the chest was tight and the body "
        "was voluminous!! best left to the waify girls."
    ).praise
    assert not analyze("I would love it if they made it in white.").praise


def test_a_need_that_is_met_is_no_desire() -> None:
    assert "desire" not in kinds("They shape and lift my butt, which i need.")
    assert "desire" not in kinds("Exactly what i need for work.")
    assert kinds("I need a bigger size.")["desire"]
