from django.conf import settings

from .request_id import new_request_id, reset_request_id, set_request_id


class ContentSecurityPolicyMiddleware:
    """Send a strict Content-Security-Policy on every public page.

    Public templates hold no inline script and no style attribute, so the policy
    allows only this site's own files. The Wagtail back office needs inline
    scripts of its own and gets a looser policy under its URL prefixes.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.strict = settings.CONTENT_SECURITY_POLICY
        self.relaxed = settings.CONTENT_SECURITY_POLICY_BACKOFFICE
        self.relaxed_prefixes = tuple(settings.CONTENT_SECURITY_POLICY_RELAXED_PREFIXES)

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            relaxed = request.path.startswith(self.relaxed_prefixes)
            response["Content-Security-Policy"] = self.relaxed if relaxed else self.strict
        return response


class RequestIdMiddleware:
    """Give every request an id: in the X-Request-ID response header, every log line
    (santral.core.request_id.RequestIdLogFilter) and every audit row written while serving it.
    A well-formed X-Request-ID from the proxy in front is kept, so the ids match its logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = new_request_id(request.headers.get("X-Request-ID"))
        request.request_id = request_id
        token = set_request_id(request_id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response["X-Request-ID"] = request_id
        return response
