"""A compiled query gives what its queryset gives, without compiling the SQL again."""

from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.test import TestCase

from centric.core.models import AuditEvent, Organisation, Role
from centric.core.queries import CompiledQuery


def _events(object_id: str) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.select_related("organisation", "actor").filter(object_id=object_id)


def _fields(instance: object) -> dict[str, object]:
    return {name: value for name, value in vars(instance).items() if not name.startswith("_")}


class CompiledQueryTest(TestCase):
    def setUp(self) -> None:
        self.organisation = Organisation.objects.create(name="Northwind", slug="northwind")
        self.actor = get_user_model().objects.create_user(
            "ada@northwind.example", "x", organisation=self.organisation, role=Role.ADMIN
        )
        at = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
        for object_id, actor in (("with-actor", self.actor), ("without-actor", None)):
            AuditEvent.objects.create(
                organisation=self.organisation,
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                object_type="survey",
                object_id=object_id,
                object_repr="After delivery",
                changes={"name": ["Before", "After"]},
                at=at,
            )

    def test_it_builds_the_objects_the_queryset_builds_with_their_related_objects(self) -> None:
        compiled = CompiledQuery(_events)
        for object_id in ("with-actor", "without-actor"):
            with self.subTest(object_id):
                expected = _events(object_id).get()
                with self.assertNumQueries(1):
                    event = compiled.one(object_id)
                    assert event is not None
                    self.assertEqual(_fields(event), _fields(expected))
                    self.assertEqual(event.changes, {"name": ["Before", "After"]})  # converted
                    self.assertEqual(_fields(event.organisation), _fields(expected.organisation))
                    if expected.actor is None:
                        self.assertIsNone(event.actor)
                    else:
                        self.assertEqual(_fields(event.actor), _fields(expected.actor))
                self.assertFalse(event._state.adding)

    def test_nothing_found_is_none_and_more_than_one_is_an_error(self) -> None:
        compiled = CompiledQuery(_events)
        self.assertIsNone(compiled.one("nothing"))
        AuditEvent.objects.filter(object_id="without-actor").update(object_id="with-actor")
        with self.assertRaises(AuditEvent.MultipleObjectsReturned):
            compiled.one("with-actor")

    def test_the_sql_is_compiled_once_and_then_takes_each_call_s_parameters(self) -> None:
        built = []

        def build(object_id: str) -> QuerySet[AuditEvent]:
            built.append(object_id)
            return _events(object_id)

        compiled = CompiledQuery(build)
        first, second = compiled.one("with-actor"), compiled.one("without-actor")
        assert first is not None
        assert second is not None
        self.assertEqual((first.object_id, second.object_id), ("with-actor", "without-actor"))
        self.assertEqual(built, ["with-actor"])

    def test_a_query_with_parameters_of_its_own_is_refused(self) -> None:
        compiled = CompiledQuery(lambda object_id: _events(object_id).filter(object_type="survey"))
        with self.assertRaisesMessage(ValueError, "takes its parameters only"):
            compiled.one("with-actor")
