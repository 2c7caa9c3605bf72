"""The API documentation page's content, read from the OpenAPI schema (no script, no CDN)."""

from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["Operation", "api_operations", "openapi_schema"]


@dataclass
class Row:
    name: str
    type: str
    required: bool
    description: str


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Row] = field(default_factory=list)
    fields: list[Row] = field(default_factory=list)
    paginated: bool = False


@lru_cache(maxsize=1)
def openapi_schema() -> dict:
    """The OpenAPI document, generated once per process (it only changes with the code)."""
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def _type(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema:
        return " & ".join(_type(part) for part in schema["allOf"])
    if "oneOf" in schema:
        return " | ".join(_type(part) for part in schema["oneOf"])
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = " | ".join(kind)
    if "enum" in schema:
        values = ", ".join(str(value) for value in schema["enum"] if value is not None)
        return f"{kind} ({values})"
    if kind == "array":
        return f"array[{_type(schema.get('items', {}))}]"
    if "format" in schema:
        return f"{kind} ({schema['format']})"
    return kind


def _resolve(schema: dict, components: dict) -> dict:
    while "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema


def _fields(schema: dict, components: dict) -> tuple[list[Row], bool]:
    schema = _resolve(schema, components)
    paginated = False
    properties = schema.get("properties", {})
    if "results" in properties and "next" in properties:
        paginated = True
        schema = _resolve(properties["results"].get("items", {}), components)
        properties = schema.get("properties", {})
    required = set(schema.get("required", []))
    rows = [
        Row(name, _type(prop), name in required, prop.get("description", ""))
        for name, prop in properties.items()
    ]
    return rows, paginated


def api_operations() -> list[Operation]:
    """Every GET operation of the schema with its parameters and the fields it answers."""
    schema = openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    operations = []
    for path_name, item in schema.get("paths", {}).items():
        operation = item.get("get")
        if not operation:
            continue
        parameters = [
            Row(
                f"{param['name']} ({'đường dẫn' if param['in'] == 'path' else 'truy vấn'})",
                _type(param.get("schema", {})),
                bool(param.get("required")),
                param.get("description", ""),
            )
            for param in operation.get("parameters", [])
        ]
        ok = operation.get("responses", {}).get("200", {})
        body = ok.get("content", {}).get("application/json", {}).get("schema", {})
        rows, paginated = _fields(body, components) if body else ([], False)
        operations.append(
            Operation(
                method="GET",
                path=path_name,
                summary=operation.get("summary", ""),
                description=operation.get("description", ""),
                parameters=parameters,
                fields=rows,
                paginated=paginated,
            )
        )
    return operations
