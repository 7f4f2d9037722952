"""JSON responses in readable UTF-8."""

import json

from ninja.renderers import JSONRenderer


class Utf8JSONRenderer(JSONRenderer):
    """Render JSON with Vietnamese letters as they are, not as \\u escapes."""

    def render(self, request, data, *, response_status):
        text = json.dumps(data, cls=self.encoder_class, ensure_ascii=False)
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate somewhere (e.g. echoed from input): escapes are always encodable.
            return json.dumps(data, cls=self.encoder_class).encode("ascii")
