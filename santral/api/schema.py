def only_public_api(endpoints, **kwargs):
    """Keep the public API in the schema; Wagtail's internal admin API is not ours to document."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
