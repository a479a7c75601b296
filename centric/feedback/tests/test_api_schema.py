"""The OpenAPI schema of the feedback, survey, journey and feedback-import endpoints says what
each answers when it refuses, so that a client generated from it expects those answers."""

from __future__ import annotations

from typing import Any

from tests.personas import PersonasTestCase

PREFIXES = ("/api/feedback", "/api/survey", "/api/journey")
WRITES = {"post", "put", "patch", "delete"}


class ApiSchemaTest(PersonasTestCase):
    def operations(self) -> list[tuple[str, str, dict[str, Any]]]:
        self.login(self.viewer)
        schema = self.client.get("/api/openapi.json").json()
        return [
            (method, path, operation)
            for path, operations in schema["paths"].items()
            if path.startswith(PREFIXES)
            for method, operation in operations.items()
        ]

    def test_every_endpoint_declares_its_refusals(self) -> None:
        operations = self.operations()
        self.assertGreater(len(operations), 30)
        for method, path, operation in operations:
            with self.subTest(method=method, path=path):
                answers = set(operation["responses"])
                # without credentials; and any query parameter it does not take
                self.assertLessEqual({"401", "422"}, answers)
                if "{" in path:  # one record, which may be out of sight
                    self.assertIn("404", answers)
                if method in WRITES:
                    self.assertIn("403", answers)  # a viewer writes nothing

    def test_ids_are_bounded_as_the_database_keeps_them(self) -> None:
        for method, path, operation in self.operations():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"].endswith("_id"):
                    with self.subTest(method=method, path=path):
                        self.assertEqual(parameter["schema"]["maximum"], 2**63 - 1)
