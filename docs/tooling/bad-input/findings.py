import sys; sys.path.insert(0, __import__('os').path.dirname(__file__))
from common import *
C = []
F = "/api/v1/findings"
addresses(F, True, C)
paging(F, C); paging("/api/v1/series", C); paging("/api/v1/audit-trail", C, "&organisation=${ORG}")
for c in C:
    if "/api/v1/audit-trail" in c["path"]:
        c["org"] = "X26"; c["roles"] = ["admin"]
C += [
 case("finding id that is not a UUID", "GET", F + "/not-a-uuid", 400),
 case("finding id that does not exist", "GET", F + "/${RANDOM_ID}", 404),
 case("findings of an unknown kind", "GET", F + "?kind=comet", 400, pointer="/kind"),
 case("findings with an unknown status", "GET", F + "?status=pending", 400, pointer="/status"),
 case("findings with an unknown orientation", "GET", F + "?orientation=sideways", 400, pointer="/orientation"),
 case("findings for month 13", "GET", F + "?period=2025-13", 400, pointer="/period"),
 case("findings for an organisation code with a space", "GET", F + "?organisation=R%20XH", 400, pointer="/organisation"),
 case("findings for an audit code in capitals", "GET", F + "?audit=NHFD!", 400, pointer="/audit"),
 case("funnel without an audit", "GET", "/api/v1/funnel?metric=mortality-30-day", 400, pointer="/audit"),
 case("funnel with an unknown overdispersion", "GET", "/api/v1/funnel?audit=nhfd&metric=mortality-30-day&overdispersion=lots", 400, pointer="/overdispersion"),
 case("funnel for month 13", "GET", "/api/v1/funnel?audit=nhfd&metric=mortality-30-day&period=2025-13", 400, pointer="/period"),
 case("funnel picture with an unknown overdispersion", "GET", "/api/v1/funnel.svg?audit=nhfd&metric=mortality-30-day&overdispersion=lots", 400, pointer="/overdispersion"),
 case("SPC chart without a metric", "GET", "/api/v1/spc?audit=nhfd&organisation=${ORG}", 400, pointer="/metric"),
 case("SPC picture with a note that is not period:text", "GET", "/api/v1/spc.svg?audit=nhfd&metric=surgery-within-36h&organisation=${ORG}&note=hello", 400, pointer="/note/0"),
 case("series chart of an audit code with a dot", "GET", "/api/v1/series/nh.fd/surgery-within-36h/${ORG}", 404),
 case("series of an organisation code in lower case", "GET", "/api/v1/series?organisation=rxh", 400, pointer="/organisation"),
 case("outlier cases of an audit code with a space", "GET", "/api/v1/outlier-cases?audit=n%20hfd", 400, pointer="/audit"),
 case("outlier cases at an unknown stage", "GET", "/api/v1/outlier-cases?stage=limbo", 400, pointer="/stage"),
 case("outlier case id that is not a UUID", "GET", "/api/v1/outlier-cases/42", 400),
 case("outlier case that does not exist", "GET", "/api/v1/outlier-cases/${RANDOM_ID}", 404),
 case("outlier analysis of an audit code with a space", "POST", "/api/v1/outlier-analyses?audit=n%20hfd", 400, org="X26", roles=["national", "admin"], pointer="/audit"),
 case("outlier analysis of an unknown audit", "POST", "/api/v1/outlier-analyses?audit=no-such-audit", 404, org="X26", roles=["national", "admin"]),
 case("rebase id that is not a UUID", "DELETE", "/api/v1/rebases/xyz", 400),
 case("rebase that does not exist", "DELETE", "/api/v1/rebases/${RANDOM_ID}", 404),
 case("rebases of a microsystem code with a space", "GET", "/api/v1/rebases?audit=nhfd&metric=surgery-within-36h&organisation=${ORG}&microsystem=ward%201", 400, pointer="/microsystem"),
]
spc = {"chart": "p", "direction": "higher-is-better", "target": 0.85,
       "points": [{"label": "2025-0%d" % m, "numerator": 40 + m, "denominator": 52} for m in range(1, 10)],
       "options": {"shiftLength": 6, "trendLength": 6}}
body_cases("SPC compute", "POST", "/api/v1/spc/compute", spc, C, [
 ("/chart", [("unknown", "q"), ("as a number", 1), ("null", None)]),
 ("/direction", [("unknown", "up"), ("as an array", ["higher-is-better"])]),
 ("/target", [("1e400", "__1e400__"), ("as text", "0.85"), ("above 1 for a proportion", 1.5)]),
 ("/points", [("empty", []), ("an object", {"a": 1})]),
 ("/points/0", [("null", None), ("a number", 7)]),
 ("/points/0/numerator", [("a fraction", 1.5), ("4.5e18", 4.5e18), ("negative", -1), ("above its denominator", 53), ("as text", "41")]),
 ("/points/0/denominator", [("zero", 0), ("9e18 as a float", 9e18)]),
 ("/points/0/label", [("with NUL", "2025\u000001"), ("as a number", 202501)]),
 ("/options/shiftLength", [("a fraction", 6.5), ("zero", 0), ("as text", "six")]),
 ("/options/twoOfThreeCountsBeyondThree", [("as text", "yes")]),
])
xmr = {"chart": "xmr", "direction": "neutral", "points": [{"label": "w%d" % i, "value": 10 + i % 3} for i in range(12)]}
body_cases("XmR compute", "POST", "/api/v1/spc/compute", xmr, C, [
 ("/points/0/value", [("1e308", 1e308), ("-1e308", -1e308), ("1e400", "__1e400__"), ("as text", "ten")]),
])
funnel = {"type": "proportion", "overdispersion": "auto", "units": [{"id": "RXH", "numerator": 39, "denominator": 300},
          {"id": "RJ1", "numerator": 12, "denominator": 156}, {"id": "RTH", "numerator": 14, "denominator": 210}]}
body_cases("funnel compute", "POST", "/api/v1/funnel/compute", funnel, C, [
 ("/type", [("unknown", "ratio-of-ratios")]),
 ("/overdispersion", [("unknown", "lots")]),
 ("/units/0/numerator", [("4.5e18 whole", 4500000000000000000), ("9e18 as a float", 9e18), ("a fraction", 1.5), ("above its denominator", 301)]),
 ("/units/0/denominator", [("zero", 0), ("negative", -3)]),
 ("/units/0/id", [("with NUL", "R\u0000XH"), ("as a number", 7)]),
 ("/units/1/id", [("the same as another", "RXH")]),
])
rebase = {"audit": "nhfd", "metric": "surgery-within-36h", "organisation": "${ORG}", "microsystem": "ward-1",
          "period": "2025-06", "reason": "Two changes adopted", "cycleId": "${RANDOM_ID}"}
body_cases("rebase", "POST", "/api/v1/rebases", rebase, C, [
 ("/period", [("month 13", "2025-13"), ("missing", "__drop__")]),
 ("/reason", [("with NUL", "adopted\u0000"), ("empty", ""), ("as a number", 123), ("100,000 characters", "${LONG_TEXT}")]),
 ("/cycleId", [("not a UUID", "cycle-3")]),
 ("/microsystem", [("with a space", "ward 1")]),
])
step = {"action": "confirm-data", "version": 1}
body_cases("outlier step", "POST", "/api/v1/outlier-cases/${RANDOM_ID}/steps", step, C, [
 ("/version", [("a fraction", 1.5), ("as text", "1")]),
 ("/action", [("with NUL", "confirm\u0000")]),
])
tokens("/api/v1/findings", "POST", "/api/v1/rebases", rebase, C)
write(sys.argv[1], {"org": "${ORG}", "roles": ["viewer", "improvement-lead"], "contentType": "application/json"}, C)
