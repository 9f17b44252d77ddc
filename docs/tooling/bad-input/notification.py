import sys; sys.path.insert(0, __import__('os').path.dirname(__file__))
from common import *
C = []
N = "/api/v1/notifications"
addresses(N, True, C)
paging(N, C); paging("/api/v1/contacts", C); paging("/api/v1/publications", C)
paging("/api/v1/audit-trail", C, "&organisation=${ORG}")
C += [
 case("notifications for an unknown audience", "GET", N + "?audience=aliens", 400, pointer="/audience"),
 case("notifications with an unknown status", "GET", N + "?status=lost", 400, pointer="/status"),
 case("notifications of a contact id that is not a UUID", "GET", N + "?contact=bob", 400),
 case("notifications of an organisation code in lower case", "GET", N + "?organisation=rxh", 400, pointer="/organisation"),
 case("notification id that is not a UUID", "GET", N + "/12", 400),
 case("notification that does not exist", "GET", N + "/${RANDOM_ID}", 404),
 case("retry of a notification id that is not a UUID", "POST", N + "/x/retry", 400),
 case("retry of a notification that does not exist", "POST", N + "/${RANDOM_ID}/retry", 404),
 case("contacts of an unknown role", "GET", "/api/v1/contacts?role=janitor", 400, pointer="/role"),
 case("contacts of an organisation code with a space", "GET", "/api/v1/contacts?organisation=R%20XH", 400, pointer="/organisation"),
 case("contact id that is not a UUID", "GET", "/api/v1/contacts/abc", 400),
 case("contact that does not exist", "GET", "/api/v1/contacts/${RANDOM_ID}", 404),
 case("deleting a contact that does not exist", "DELETE", "/api/v1/contacts/${RANDOM_ID}", 404),
 case("deleting a contact id that is not a UUID", "DELETE", "/api/v1/contacts/abc", 400),
 case("a test message to a contact id that is not a UUID", "POST", "/api/v1/contacts/abc/test-message", 400),
 case("publications of an organisation code in lower case", "GET", "/api/v1/publications?organisation=rxh", 400, pointer="/organisation"),
 case("publication id that is not a UUID", "GET", "/api/v1/publications/x", 400),
 case("withdrawing a publication id that is not a UUID", "DELETE", "/api/v1/publications/x", 400),
 case("template preview as PDF", "GET", "/api/v1/templates/trust/concern/preview?format=pdf", 400, pointer="/format"),
 case("preview of a template that does not exist", "GET", "/api/v1/templates/trust/nothing/preview", 404),
]
for c in C:
    if "/api/v1/audit-trail" in c["path"] or "retry" in c["path"] or "publications/x" in c["path"] and c["method"] == "DELETE":
        c["org"] = "X26"; c["roles"] = ["admin"]
contact = {"organisation": "${ORG}", "name": "Dr C Lead", "role": "clinical-lead", "email": "c.lead@nhs.net",
           "eventTypes": ["nhs.pdsa.finding.raised.v1"], "audits": ["nhfd"], "delivery": "immediate"}
fields = [
 ("/organisation", [("in lower case", "rxh"), ("as a number", 7), ("with NUL", "RX\u0000H"), ("missing", "__drop__")]),
 ("/name", [("with NUL", "Dr\u0000Lead"), ("empty", ""), ("as a number", 123), ("an object", {"first": "C"}), ("100,000 characters", "${LONG_TEXT}"), ("with an escape character", "Dr \u001b[31mLead")]),
 ("/role", [("unknown", "janitor"), ("missing", "__drop__"), ("null", None)]),
 ("/email", [("not an address", "c.lead"), ("empty", ""), ("with NUL", "c.lead@nhs.net\u0000")]),
 ("/eventTypes/0", [("unknown", "nhs.pdsa.nothing.v1"), ("null", None), ("a number", 1)]),
 ("/audits/0", [("null", None), ("in capitals", "NHFD"), ("with a space", "nh fd")]),
 ("/delivery", [("unknown", "weekly")]),
]
body_cases("new contact", "POST", "/api/v1/contacts", contact, C, fields)
for tag, url in [("empty", ""), ("ftp", "ftp://example.org/x"), ("not a URL", "::::")]:
    b = dict(contact, webhookUrl=url, webhookSecret="whsec_" + "A" * 40)
    C.append(case("new contact: /webhookUrl " + tag, "POST", "/api/v1/contacts", 400, body=b, pointer="/webhookUrl"))
for tag, url in [("the cloud metadata address", "https://169.254.169.254/latest/meta-data"),
                 ("a private address", "https://10.1.2.3/hook"), ("another private address", "https://192.168.0.10/hook"),
                 ("the IPv6 loopback", "https://[::1]/hook"), ("a unique-local IPv6 address", "https://[fd00::1]/hook"),
                 ("the unspecified address", "https://0.0.0.0/hook")]:
    b = dict(contact, webhookUrl=url, webhookSecret="whsec_" + "A" * 40)
    C.append(case("new contact: /webhookUrl at " + tag, "POST", "/api/v1/contacts", 400, body=b, pointer="/webhookUrl"))
C.append(case("new contact: /webhookSecret not Standard Webhooks", "POST", "/api/v1/contacts", 400,
              body=dict(contact, webhookUrl="https://hooks.example.org/pdsa", webhookSecret="secret"), pointer="/webhookSecret"))
body_cases("contact replaced", "PUT", "/api/v1/contacts/${CONTACT_ID}", contact, C, [
 ("/name", [("with NUL", "a\u0000")]), ("/role", [("unknown", "janitor")])])
C.append(case("contact replaced: an id that is not a UUID", "PUT", "/api/v1/contacts/abc", 400, body=contact))
C.append(case("contact replaced: an id that does not exist", "PUT", "/api/v1/contacts/${RANDOM_ID}", 404, body=contact))
pub = {"findingId": "${RANDOM_ID}"}
body_cases("publication", "POST", "/api/v1/publications", pub, C, [
 ("/findingId", [("not a UUID", "finding-1"), ("a number", 5), ("null", None)])])
for c in C:
    if c["path"] == "/api/v1/publications" and c["method"] == "POST":
        c["org"] = "X26"; c["roles"] = ["admin"]
for c in C:
    if c["name"] == "new contact: /organisation in lower case":
        c["org"] = "X26"; c["roles"] = ["admin"]
tokens("/api/v1/notifications", "POST", "/api/v1/contacts", contact, C)
write(sys.argv[1], {"org": "${ORG}", "roles": ["trust-admin", "viewer", "improvement-lead"], "contentType": "application/json"}, C)
