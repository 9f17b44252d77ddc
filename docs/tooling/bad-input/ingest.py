import sys; sys.path.insert(0, __import__('os').path.dirname(__file__))
from common import *
C = []
R = "/api/v1/audit-results"
addresses(R, True, C)
paging(R, C); paging("/api/v1/audit-trail", C, "&organisation=${ORG}")
C += [
 case("results of month 13 onwards", "GET", R + "?from=2025-13", 400, pointer="/from"),
 case("results up to a date that is not a period", "GET", R + "?to=yesterday", 400, pointer="/to"),
 case("results of an audit code in capitals", "GET", R + "?audit=NHFD", 400, pointer="/audit"),
 case("results of a microsystem code with a space", "GET", R + "?microsystem=ward%201", 400, pointer="/microsystem"),
 case("result id that is not a UUID", "GET", R + "/r-1", 400),
 case("result that does not exist", "GET", R + "/${RANDOM_ID}", 404),
 case("withdrawing without a reason", "DELETE", R + "/${RANDOM_ID}", 400),
 case("withdrawing with a NUL in the reason", "DELETE", R + "/${RANDOM_ID}?reason=wrong%00ward", 400, type="malformed-address"),
 case("withdrawing a result id that is not a UUID", "DELETE", R + "/r-1?reason=wrong", 400),
 case("organisations of an unknown type", "GET", "/api/v1/organisations?type=hospital", 400, pointer="/type"),
 case("organisation that does not exist", "GET", "/api/v1/organisations/ZZZ999", 404),
 case("audit that does not exist", "GET", "/api/v1/audits/no-such-audit", 404),
]
for c in C:
    if "/api/v1/audit-trail" in c["path"]:
        c["org"] = "X26"; c["roles"] = ["admin"]
result = {"audit": "nhfd", "metric": "surgery-within-36h", "organisation": "${ORG}", "microsystem": "ward-1",
          "period": "2025-03", "numerator": 41, "denominator": 52}
body_cases("result", "POST", R, result, C, [
 ("/audit", [("with NUL", "nh\u0000fd"), ("as a number", 7)]),
 ("/metric", [("with NUL", "surgery\u0000")]),
 ("/microsystem", [("with NUL", "ward\u00001")]),
 ("/period", [("with NUL", "2025\u000003"), ("30 February as a date", "2026-02-30")]),
 ("/numerator", [("1.5", 1.5), ("4.5e18 whole", 4500000000000000000), ("1e400", "__1e400__"), ("true", True)]),
 ("/denominator", [("9e18", 9e18), ("as text", "52")]),
])
for c in C:
    if c["name"] in ("result: an unknown field",):
        c["pointer"] = "/colour"
org = {"name": "A trust", "type": "trust"}
body_cases("organisation", "PUT", "/api/v1/organisations/${ORG2}", org, C, [
 ("/name", [("with NUL", "A\u0000trust"), ("as a number", 123), ("missing", "__drop__"), ("with an escape character", "A \u001b trust")]),
 ("/type", [("missing", "__drop__"), ("null", None), ("unknown", "hospital"), ("an object", {"t": 1})]),
 ("/code", [("contradicting the path", "ZZZ111")]),
 ("/specialties", [("for a trust", ["orthopaedics"])]),
])
C.append(case("organisation: a code in lower case in the path", "PUT", "/api/v1/organisations/rxh", 400, body=org, pointer="/code"))
ms = {"name": "Ward 1"}
body_cases("microsystem", "PUT", "/api/v1/organisations/${ORG}/microsystems/ward-9", ms, C, [
 ("/name", [("with NUL", "Ward\u00001"), ("empty", "")])])
audit = {"title": "National Hip Fracture Database", "specialty": "orthopaedics",
         "metrics": [{"code": "surgery-within-36h", "title": "Surgery within 36 hours", "type": "proportion",
                      "direction": "higher-is-better", "target": 0.85}]}
body_cases("audit", "PUT", "/api/v1/audits/corpus-audit", audit, C, [
 ("/title", [("with NUL", "National\u0000"), ("as a number", 1)]),
 ("/metrics/0/type", [("missing", "__drop__"), ("unknown", "ratio")]),
 ("/metrics/0/direction", [("missing", "__drop__"), ("unknown", "up")]),
 ("/metrics/0/target", [("1e400", "__1e400__"), ("above 1", 1.5)]),
 ("/metrics/0", [("null", None)]),
 ("/code", [("contradicting the path", "other-audit")]),
])
for c in C:
    if c["path"].startswith("/api/v1/organisations") or c["path"].startswith("/api/v1/audits"):
        if c["method"] == "PUT":
            c["org"] = "X26"; c["roles"] = ["admin"]
for c in C:
    if c["name"] == "result: truncated JSON":
        c["type"] = "malformed-body"
tokens("/api/v1/audit-results", "POST", "/api/v1/audit-results", result, C)
write(sys.argv[1], {"org": "${ORG}", "roles": ["submitter", "viewer"], "contentType": "application/json"}, C)
