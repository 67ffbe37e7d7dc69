"""drf-spectacular hooks: what the schema says about every public endpoint (docs/api.md)."""

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "Türkçe açıklama."}},
    "required": ["detail"],
}
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
ERROR_REF = {"$ref": "#/components/schemas/ApiError"}


def only_public_api(endpoints, **kwargs):
    """Keep the public API in the schema; Wagtail's internal admin API is not ours to document."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def _error(description: str, **headers) -> dict:
    response = {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}
    if headers:
        response["headers"] = headers
    return response


def document_common_responses(result, generator, request, public):
    """Every read answers the same way around its 200: declare it once here.

    400 (unknown parameter or bad value), 404 (no such object, or a page past the last),
    429 (rate limit, with Retry-After); for reads open to the public also 304 (conditional
    GET) and ETag / Last-Modified on 200.
    Path parameters say what the URL pattern allows: a year is a whole number from 0, a
    slug is ASCII letters, digits, "-" and "_".
    """
    result.setdefault("components", {}).setdefault("schemas", {})["ApiError"] = ERROR_SCHEMA
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in ("get", "head"):
                continue
            responses = operation.setdefault("responses", {})
            # Conditional GET is the public reads' (PublicApiMixin); token reads have none.
            public = {} in operation.get("security", [{}])
            ok = responses.get("200")
            if ok is not None and public:
                ok.setdefault("headers", {}).update(
                    {
                        "ETag": {
                            "schema": {"type": "string"},
                            "description": "Yanıtın özeti; If-None-Match ile gönderin.",
                        },
                        "Last-Modified": {
                            "schema": {"type": "string"},
                            "description": "Sayfadaki en son değişiklik (varsa).",
                        },
                    }
                )
            if public:
                responses.setdefault(
                    "304", {"description": "Değişmedi (If-None-Match / If-Modified-Since)."}
                )
            responses.setdefault("400", _error("Bilinmeyen parametre ya da geçersiz değer."))
            responses.setdefault("404", _error("Bulunamadı (ya da son sayfadan sonrası)."))
            responses.setdefault(
                "429",
                _error(
                    "İstek sınırı aşıldı.",
                    **{
                        "Retry-After": {
                            "schema": {"type": "integer"},
                            "description": "Kaç saniye sonra yeniden denenebilir.",
                        }
                    },
                ),
            )
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") != "path":
                    continue
                if schema.get("type") == "integer":
                    schema.setdefault("minimum", 0)
                elif schema.get("type") == "string":
                    # Every string in our API paths is a <slug:...>: anything else is no URL.
                    schema.setdefault("pattern", SLUG_PATTERN)
    return result
