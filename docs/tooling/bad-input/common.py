import json, copy
def case(name, method, path, status=400, **kw):
    c = {"name": name, "method": method, "path": path}
    c.update({k: v for k, v in kw.items()})
    c["status"] = status
    return c
def addresses(base, item, cases):
    """Typed addresses and the HTTP layer: every service has them."""
    cases += [
        case("invalid percent-escape in the path", "GET", base + "/%zz", 400, type="malformed-address"),
        case("invalid percent-escape in the query", "GET", base + "?organisation=%zz", 400, type="malformed-address"),
        case("NUL in the path", "GET", base + "/a%00b", 400, type="malformed-address"),
        case("bytes that are not UTF-8 in the path", "GET", base + "/%C3%28", 400, type="malformed-address"),
        case("a 5,000-character path segment", "GET", base + "/${LONG_SEGMENT}", 400 if item else 404),
        case("NUL in a query parameter", "GET", base + "?organisation=a%00b", 400, type="malformed-address"),
        case("bytes that are not UTF-8 in the query", "GET", base + "?organisation=%FF", 400, type="malformed-address"),
        case("a control character (ESC) in the query", "GET", base + "?organisation=%1B", 400, type="malformed-address"),
        case("a path no endpoint serves", "GET", "/api/v1/no-such-thing", 404),
        case("a method the collection does not allow", "PATCH", base, 405),
    ]
def paging(base, cases, extra=""):
    cases += [
        case("page -1 on " + base, "GET", base + "?page=-1" + extra, 400, pointer="/page"),
        case("page as a word on " + base, "GET", base + "?page=first" + extra, 400),
        case("size 0 on " + base, "GET", base + "?size=0" + extra, 400, pointer="/size"),
        case("size 100000 on " + base, "GET", base + "?size=100000" + extra, 400, pointer="/size"),
        case("size as a fraction on " + base, "GET", base + "?size=1.5" + extra, 400),
        case("page past an int's reach on " + base, "GET", base + "?page=2147483647&size=100" + extra, 400, pointer="/page"),
    ]
def body_cases(label, method, path, good, cases, fields, status=400):
    """Every way a JSON body can be wrong, around a valid one."""
    s = json.dumps(good)
    cases += [
        case(label + ": truncated JSON", method, path, 400, raw=s[:-5], type="malformed-json"),
        case(label + ": a bare string", method, path, 400, raw='"hello"'),
        case(label + ": a bare number", method, path, 400, raw="42"),
        case(label + ": an empty body", method, path, 400, raw=""),
        case(label + ": very deep arrays", method, path, 400, raw="${DEEP_ARRAY}"),
        case(label + ": a 200-deep object", method, path, 400, raw="${DEEP_OBJECT}"),
        case(label + ": a key given twice", method, path, 400, raw=s[:-1] + ", " + s[1:], detail="given twice"),
        case(label + ": a second value after the body", method, path, 400, raw=s + " {}"),
        case(label + ": a byte-order mark", method, path, 400, raw="\ufeff" + s, detail="byte-order mark"),
        case(label + ": no Content-Type", method, path, 415, body=good, contentType=None),
        case(label + ": Latin-1 charset", method, path, 415, body=good, contentType="application/json; charset=ISO-8859-1"),
        case(label + ": text/plain", method, path, 415, body=good, contentType="text/plain"),
        case(label + ": an unknown field", method, path, 400, body=dict(good, **{"colour": "blue"}), pointer="/colour"),
    ]
    for f, wrong in fields:
        for tag, value in wrong:
            b = copy.deepcopy(good)
            node = b
            parts = f.strip("/").split("/")
            for p in parts[:-1]:
                node = node[int(p)] if isinstance(node, list) else node[p]
            last = parts[-1]
            if value == "__drop__":
                del node[last]
            elif isinstance(node, list):
                node[int(last)] = value
            else:
                node[last] = value
            raw = json.dumps(b)
            if value == "__1e400__":
                raw = raw.replace('"__1e400__"', "1e400")
                cases.append(case("%s: %s %s" % (label, f, tag), method, path, status, raw=raw, pointer=f))
            else:
                cases.append(case("%s: %s %s" % (label, f, tag), method, path, status, body=b, pointer=f))
def write(path, defaults, cases):
    names = [c["name"] for c in cases]
    dup = {n for n in names if names.count(n) > 1}
    assert not dup, dup
    json.dump({"defaults": defaults, "cases": cases}, open(path, "w"), indent=1, ensure_ascii=True)
    print(path, len(cases))
def tokens(read_path, write_method, write_path, write_body, cases):
    """Tokens checked to the letter: validly signed, but with claims this platform cannot act on."""
    variants = [
        ("an organisation that is an array", {"org": ["${ORG}", "RXH"]}),
        ("an organisation that is an object", {"org": {"code": "${ORG}"}}),
        ("an organisation that is a number", {"org": 42}),
        ("an organisation that is not an organisation code", {"org": "not a code"}),
        ("no organisation", {"org": None}),
        ("roles as one string", {"groups": "viewer improvement-lead"}),
        ("issued a day in the future", {"iat": "+86400"}),
    ]
    for name, claims in variants:
        cases.append(case("token with " + name + " reading", "GET", read_path, 401, token=claims))
        cases.append(case("token with " + name + " writing", write_method, write_path, 401, token=claims, body=write_body))
    # Well formed, but an organisation the catalogue does not hold: 403, recorded with the code it named.
    unknown = {"org": "Q9Z9Z9"}
    cases.append(case("token of an organisation the catalogue does not hold reading", "GET", read_path, 403,
                      token=unknown, type="unknown-organisation"))
    cases.append(case("token of an organisation the catalogue does not hold writing", write_method, write_path, 403,
                      token=unknown, body=write_body, type="unknown-organisation"))
