from django.db import migrations


def name_the_team_rated(apps, schema_editor):  # type: ignore[no-untyped-def]
    """The cases an internal customer's say on a team opened before their titles named that
    team ("Marketing: CSAT 3") name it as new ones do ("Marketing on Finance: CSAT 3")."""
    Case = apps.get_model("cases", "Case")
    about_a_team = Case.objects.filter(response__survey__subject_team__isnull=False).select_related(
        "customer__account", "customer__team", "response__survey__subject_team"
    )
    retitled = []
    for case in about_a_team.iterator(chunk_size=500):
        customer = case.customer
        subject = (customer.account or customer.team) if customer is not None else None
        who = subject.name if subject is not None else "A customer"
        if not case.title.startswith(f"{who}: "):
            continue
        team = case.response.survey.subject_team.name
        case.title = f"{who} on {team}: {case.title[len(who) + 2 :]}"[:200]
        retitled.append(case)
    Case.objects.bulk_update(retitled, ["title"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_case_event_mail_failed"),
        ("feedback", "0019_respondent_title_answer_history_one_answer_per_browser"),
    ]
    operations = [migrations.RunPython(name_the_team_rated, migrations.RunPython.noop)]
