import sys; sys.path.insert(0, __import__('os').path.dirname(__file__))
from common import *
C = []
NE = "/api/v1/improvement-needs"
CY = "/api/v1/pdsa-cycles"
addresses(NE, True, C)
paging(NE, C); paging("/api/v1/audit-trail", C, "&organisation=${ORG}")
C += [
 case("needs with an unknown status", "GET", NE + "?status=maybe", 400, pointer="/status"),
 case("needs of an organisation code in lower case", "GET", NE + "?organisation=rxh", 400, pointer="/organisation"),
 case("needs of a microsystem code with a space", "GET", NE + "?microsystem=ward%201", 400, pointer="/microsystem"),
 case("need id that is not a UUID", "GET", NE + "/need-1", 400),
 case("need that does not exist", "GET", NE + "/${RANDOM_ID}", 404),
 case("history of a need id that is not a UUID", "GET", NE + "/need-1/history", 400),
 case("oversight of an audit code with a space", "GET", "/api/v1/oversight/needs?audit=n%20hfd", 400, org="X26", roles=["national"], pointer="/audit"),
 case("cycle id that is not a UUID", "GET", CY + "/cycle-1", 400),
 case("cycle that does not exist", "GET", CY + "/${RANDOM_ID}", 404),
 case("ramp of a cycle id that is not a UUID", "GET", CY + "/cycle-1/ramp", 400),
 case("history of a cycle that does not exist", "GET", CY + "/${RANDOM_ID}/history", 404),
 case("a collection of cycles is not listed here", "GET", CY, 405),
]
for c in C:
    if "/api/v1/audit-trail" in c["path"]:
        c["org"] = "X26"; c["roles"] = ["admin"]
im = {"If-Match": "${ETAG}"}
decision = {"rationale": "Explained by case mix, reviewed at the governance meeting"}
body_cases("decision", "POST", NE + "/${RANDOM_ID}/decision", decision, C, [
 ("/rationale", [("as a number", 42), ("an array", ["a"])])])
plan = {"follows": "${CYCLE_ID}", "title": "Theatre slot held", "objective": "Operate on more patients within 36 hours",
        "changeIdea": "Hold the first morning slot", "predictions": [{"question": "Will more reach theatre?", "prediction": "Over 75%"}],
        "measures": [{"audit": "nhfd", "metric": "surgery-within-36h", "organisation": "${ORG}", "microsystem": "ward-1"}],
        "dataCollection": {"who": "Clerk", "what": "Times", "when": "Daily", "where": "Theatre system"},
        "owner": {"name": "Dr A Patel", "email": "a.patel@nhs.net", "role": "registrar"},
        "team": [{"name": "Sister J Jones", "email": None, "role": "ward manager"}],
        "plannedStart": "2026-03-01", "plannedEnd": "2026-05-31"}
body_cases("plan", "POST", CY, plan, C, [
 ("/title", [("with NUL", "Theatre\u0000slot"), ("as a number", 123), ("empty", ""), ("100,000 characters", "${LONG_TEXT}")]),
 ("/objective", [("an object", {"text": "x"})]),
 ("/follows", [("not a UUID", "cycle-1"), ("a cycle that does not exist", "${RANDOM_ID}")]),
 ("/needId", [("not a UUID", "need-1")]),
 ("/plannedStart", [("30 February", "2026-02-30"), ("year +99999", "+99999-01-01"), ("as a number", 20260301), ("in words", "next week")]),
 ("/plannedEnd", [("before the start", "2026-01-01")]),
 ("/owner/name", [("with NUL", "Dr\u0000Patel"), ("missing", "__drop__")]),
 ("/owner", [("a string", "Dr Patel")]),
 ("/team/0", [("a string", "Sister Jones")]),
 ("/measures/0/organisation", [("in lower case", "rxh")]),
 ("/predictions", [("an object", {"q": "a"})]),
])
do = {"changeDate": "2026-03-12", "whatWasDone": "First slot held", "problems": "Two days lost", "observations": "Asked for lists earlier"}
body_cases("do", "POST", CY + "/${CYCLE_ID}/do", do, C, [
 ("/changeDate", [("30 February", "2026-02-30"), ("year +99999", "+99999-01-01"), ("a number", 1)]),
 ("/whatWasDone", [("with NUL", "held\u0000"), ("as a number", 5)]),
])
for c in C:
    if c["path"].endswith("/do"):
        c["headers"] = im
study = {"comparison": "Rose to 81%; we predicted 75%", "learning": "Works on weekdays"}
body_cases("study", "POST", CY + "/${CYCLE_ID}/study", study, C, [("/comparison", [("with NUL", "rose\u0000")])])
act = {"decision": "adapt", "rationale": "Test weekends next", "teamScore": 3.0}
body_cases("act", "POST", CY + "/${CYCLE_ID}/act", act, C, [
 ("/rationale", [("with NUL", "weekends\u0000")]), ("/teamScore", [("1e400", "__1e400__"), ("as text", "3")])])
owner = {"owner": {"name": "Dr B Shah", "email": "b.shah@nhs.net", "role": "consultant"}, "reason": "Dr Patel rotates"}
body_cases("owner", "PUT", CY + "/${CYCLE_ID}/owner", owner, C, [("/owner/name", [("with NUL", "Dr\u0000Shah")]), ("/reason", [("as a number", 1)])])
team = {"team": [{"name": "Sister J Jones", "email": None, "role": "ward manager"}], "reason": "New ward manager"}
body_cases("team", "PUT", CY + "/${CYCLE_ID}/team", team, C, [("/team/0/name", [("with NUL", "Sister\u0000")]), ("/team", [("a string", "Jones")])])
score = {"score": 2.5, "note": "Change tested on a small scale"}
body_cases("progress score", "PUT", CY + "/${CYCLE_ID}/progress-score", score, C, [
 ("/score", [("1e400", "__1e400__"), ("as text", "2.5"), ("out of range", 9)]), ("/note", [("with NUL", "small\u0000")])])
for c in C:
    if c["path"].startswith(CY + "/${CYCLE_ID}/") and c["method"] in ("POST", "PUT"):
        c["headers"] = im
tokens("/api/v1/improvement-needs", "POST", "/api/v1/pdsa-cycles", plan, C)
write(sys.argv[1], {"org": "${ORG}", "roles": ["viewer", "improvement-lead"], "contentType": "application/json"}, C)
