"""What every API operation may answer besides success, added to the OpenAPI document in one place:
the `{"detail", "field"}` bodies of the exception handlers in `api.py` and django-ninja's own
validation errors (422), so that clients, the docs page and schema checks know every answer."""

from __future__ import annotations

from typing import Any

METHODS = ("get", "put", "post", "delete", "patch")
ERROR = "Error"
VALIDATION_ERROR = "ValidationError"

SCHEMAS: dict[str, dict[str, Any]] = {
    ERROR: {
        "title": ERROR,
        "type": "object",
        "properties": {
            "detail": {"type": "string", "description": "What went wrong, for a person to read."},
            "field": {
                "anyOf": [{"type": "string"}, {"type": "null"}],
                "description": "The input at fault, where there is one.",
            },
        },
        "required": ["detail"],
    },
    VALIDATION_ERROR: {
        "title": VALIDATION_ERROR,
        "type": "object",
        "properties": {
            "detail": {
                "type": "array",
                "description": "One entry per input that does not match the schema.",
                "items": {
                    "type": "object",
                    "properties": {
                        "type": {"type": "string"},
                        "loc": {
                            "type": "array",
                            "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                        },
                        "msg": {"type": "string"},
                    },
                    "required": ["type", "loc", "msg"],
                },
            }
        },
        "required": ["detail"],
    },
}


def _answer(description: str, schema: str = ERROR) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def error_responses(operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The error answers `operation` can give: every operation reads the Authorization header
    and validates its input; one that names an object or writes can miss it; a write can be
    refused or meet a newer version."""
    writes = bool(operation.get("security"))
    names_object = any(p.get("in") == "path" for p in operation.get("parameters", []))
    answers = {
        "400": _answer(
            "Refused: a value out of range, a cursor this API did not hand out, or a business "
            "rule (the message says which)."
        ),
        "401": _answer("The bearer token is not valid or has been revoked (writes also need one)."),
        "422": _answer("The input does not match the schema.", VALIDATION_ERROR),
    }
    if names_object or writes:
        answers["404"] = _answer("No such object, or not one your token may see.")
    if writes:
        answers["403"] = _answer("Your account may not make this change.")
        answers["409"] = _answer(
            "The record has changed since you read it: read it again and resend its `version`."
        )
    return answers


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error schemas and each operation's error answers to an OpenAPI document, keeping
    any answer an operation already declares."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, definition in SCHEMAS.items():
        components.setdefault(name, definition)
    for item in schema.get("paths", {}).values():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            for code, answer in error_responses(operation).items():
                responses.setdefault(code, answer)
    return schema
