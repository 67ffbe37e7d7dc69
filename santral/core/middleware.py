from django.conf import settings


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
