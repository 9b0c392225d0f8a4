"""Schemathesis hooks for the run against /api/v1 (tests/api/fuzz.mjs).

Schemathesis draws header values from a small pool, so two different generated requests often
carry the same Idempotency-Key. The server rightly refuses a key reused with another request
(422, checked by tests/e2e/api-v1.test.mjs); here every well-formed generated key gets a
unique suffix, so each request is a first request. Malformed keys are sent as drawn, to be
refused with 400.
"""

import re
import uuid

import schemathesis

WELL_FORMED = re.compile(r"^[\x20-\x7e]{1,255}$")


def _unique(key):
    return f"{key[:200]}-{uuid.uuid4().hex}"


@schemathesis.hook
def before_call(context, case, kwargs):
    for headers in (case.headers, kwargs.get("headers")):
        if headers is None:
            continue
        for name in list(headers):
            value = headers[name]
            if name.lower() == "idempotency-key" and isinstance(value, str) and WELL_FORMED.match(value):
                headers[name] = _unique(value)
