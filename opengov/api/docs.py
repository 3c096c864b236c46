"""The API's documentation page: the OpenAPI schema rendered as a GOV.UK page, server-side, with
no third-party script (the site's Content-Security-Policy allows none)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

from opengov.core.markdown import render_markdown

if TYPE_CHECKING:
    from ninja import NinjaAPI

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Parameter:
    name: str
    where: str
    required: bool
    type: str
    description: str


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Parameter] = field(default_factory=list)
    body: str = ""
    responses: list[tuple[str, str, str]] = field(default_factory=list)
    needs_token: bool = False

    @property
    def anchor(self) -> str:
        return f"{self.method}-{self.path}".replace("/", "-").replace("{", "").replace("}", "")


def _type_of(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type_of(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_type_of(schema.get('items', {}))}"
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    return str(schema.get("format") or schema.get("type") or "object")


def operations(schema: dict[str, Any]) -> list[Operation]:
    """Every operation in the schema, in path order, with what a reader needs to call it."""
    found: list[Operation] = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=op.get("summary", ""),
                    description=op.get("description", ""),
                    parameters=[
                        Parameter(
                            name=p["name"],
                            where=p.get("in", ""),
                            required=bool(p.get("required")),
                            type=_type_of(p.get("schema", {})),
                            description=p.get("description", "")
                            or p.get("schema", {}).get("description", ""),
                        )
                        for p in op.get("parameters", [])
                    ],
                    body=_type_of(body.get("schema", {})) if body else "",
                    responses=[
                        (
                            code,
                            r.get("description", ""),
                            _type_of(
                                r.get("content", {}).get("application/json", {}).get("schema", {})
                            )
                            if r.get("content")
                            else "",
                        )
                        for code, r in op.get("responses", {}).items()
                    ],
                    needs_token=bool(op.get("security")),
                )
            )
    return found


class GovukDocs(DocsBase):
    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        info = schema.get("info", {})
        return render(
            request,
            "api/docs.html",
            {
                "title": info.get("title", ""),
                "version": info.get("version", ""),
                "description": render_markdown(info.get("description", "")),
                "operations": operations(schema),
                "schemas": sorted(schema.get("components", {}).get("schemas", {})),
                "openapi_url": self.get_openapi_url(api, kwargs),
            },
        )
