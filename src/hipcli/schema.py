"""The JSON Schema of the routine, program and exercise-library formats."""

from __future__ import annotations

from typing import Any

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def routine_schema() -> dict[str, Any]:
    from hipcli.model import Routine
    from hipcli.modeltypes import adapter
    return _with_header(adapter(Routine).json_schema(), "hipcli routine")


def library_schema() -> dict[str, Any]:
    from hipcli.model import ExerciseLibrary
    from hipcli.modeltypes import adapter
    return _with_header(adapter(ExerciseLibrary).json_schema(), "hipcli exercise library")


def program_schema() -> dict[str, Any]:
    from hipcli.modeltypes import adapter
    from hipcli.programs import Program
    return _with_header(adapter(Program).json_schema(), "hipcli program")


def _with_header(schema: dict[str, Any], title: str) -> dict[str, Any]:
    return {"$schema": SCHEMA_URI, **schema, "title": title}
