from centric.insights.text import Directory, Member, analyze

IT = Member("t1", "IT", kind="team")
SUPPORT = Member("t2", "Support", kind="team", aliases=("help desk",))
HR = Member("t3", "HR Team", kind="team")
MARIA = Member("p1", "Maria Lopez")


def found(text: str) -> list[str]:
    return [m.member.id for m in Directory([IT, SUPPORT, HR, MARIA]).find(text)]


def test_a_name_in_capitals_is_matched_only_as_written() -> None:
    assert found("Thank you, it was great and it arrived early.") == []
    assert found("It works now.") == []
    assert found("Thanks to IT, the laptops were ready on day one.") == ["t1"]


def test_capitals_in_a_longer_name_are_kept_and_the_rest_may_be_in_any_case() -> None:
    assert found("The HR team was kind.") == ["t3"]
    assert found("The HR Team was kind.") == ["t3"]
    assert found("The hr team was kind.") == []


def test_an_ordinary_name_is_matched_in_any_case() -> None:
    assert found("support called back, and the Help Desk too.") == ["t2", "t2"]
    assert found("SUPPORT WAS GREAT") == ["t2"]


def test_the_word_it_does_not_credit_a_team_called_it() -> None:
    reading = analyze("Thank you, it was great and it arrived early.", directory=[IT])
    assert reading.praise
    assert reading.praised == ()
    reading = analyze("Thank you IT, you were great.", directory=[IT])
    assert [p.member.id for p in reading.praised] == ["t1"]
