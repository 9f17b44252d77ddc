package uk.nhs.pdsa.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The authorisation matrix of one service: every operation of its OpenAPI document (so a new endpoint cannot
 * escape: an operation without a rule fails the test) x every role x a caller of the owning organisation
 * and of another x no token, expired, wrong issuer, wrong audience, tampered, forged signature and no
 * organisation claim. Each case is sent to the running service and its answer compared with the rule:
 * a role not in the rule's list gets 403; no or a bad token 401; another organisation's object 404 (or the
 * rule's denial); a list answered to another organisation must not contain the owner's markers. Every
 * answer is checked for stack traces and SQL, and for the security headers.
 * <p>
 * A <em>leak</em> is an answer that gave access it should not have: a 2xx or 3xx where the rule denies,
 * or another organisation's markers in a body. Denied writes are also checked to change nothing: every
 * object the fixture reads back is read before and after the denied cases and must be identical.
 */
public final class AuthorisationMatrix {
    /** Where the caller stands relative to the fixture's objects (all of the owning organisation). */
    public enum Side {
        OWN, OTHER
    }

    /** What a rule's organisation dimension is. */
    public enum Scope {
        /** The operation reads or changes one object of the owning organisation: another organisation's caller is denied. */
        OBJECT,
        /** A list: answered to both, but another organisation's answer must not contain the owner's markers. */
        LIST,
        /** No organisation dimension (the catalogue, computing a posted chart, national admin work). */
        GLOBAL
    }

    private static final Set<Integer> DENIED = Set.of(401, 403, 404);
    private static final List<String> HEADERS = List.of("X-Content-Type-Options", "X-Frame-Options",
            "Content-Security-Policy", "Referrer-Policy", "Cache-Control");
    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)(\\bat [a-z]+\\.[a-z0-9_.$]+\\(|Exception:|\\bselect .* from\\b|\\binsert into\\b|SQLState|org\\.hibernate|"
                    + "java\\.lang\\.|PSQLException)");

    private final String service;
    private final JsonNode document;
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, Map<Side, String>> callers = new LinkedHashMap<>();
    private final Set<String> markers = new LinkedHashSet<>();
    private final List<String> readBack = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> leaks = new ArrayList<>();
    private int cases;

    public AuthorisationMatrix(String service, String openApiJson) {
        this.service = service;
        try {
            this.document = new ObjectMapper().readTree(openApiJson);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not an OpenAPI JSON document", e);
        }
    }

    /**
     * The organisation each role's caller acts for, on each side: trust roles {@code ownTrust} (the fixture's
     * owner) and {@code otherTrust}; the college role a college that covers the fixture's audit and one that
     * does not; a patient group, the national admin and the regulator are the same on both sides.
     */
    public AuthorisationMatrix callers(String ownTrust, String otherTrust, String coveringCollege, String otherCollege,
            String patientGroup) {
        for (String role : TestTokens.TRUST) {
            callers.put(role, Map.of(Side.OWN, ownTrust, Side.OTHER, otherTrust));
        }
        callers.put("trust-admin", Map.of(Side.OWN, ownTrust, Side.OTHER, otherTrust));
        callers.put("college", Map.of(Side.OWN, coveringCollege, Side.OTHER, otherCollege));
        callers.put("patient-group", Map.of(Side.OWN, patientGroup, Side.OTHER, patientGroup));
        callers.put("admin", Map.of(Side.OWN, TestTokens.NATIONAL, Side.OTHER, TestTokens.NATIONAL));
        callers.put("chart-reader", Map.of(Side.OWN, TestTokens.NATIONAL, Side.OTHER, TestTokens.NATIONAL));
        callers.put("national", Map.of(Side.OWN, TestTokens.NATIONAL, Side.OTHER, TestTokens.NATIONAL));
        callers.put("regulator", Map.of(Side.OWN, TestTokens.REGULATOR, Side.OTHER, TestTokens.REGULATOR));
        // A commissioner of none of the fixture's trusts, unless the test names the one that commissions the owner.
        callers.put("commissioner", Map.of(Side.OWN, TestTokens.COMMISSIONER, Side.OTHER, TestTokens.COMMISSIONER));
        markers.add(ownTrust);
        return this;
    }

    /**
     * The commissioner (integrated care board) whose members include the owning trust, and one whose members do not;
     * without this a commissioner is refused everything.
     */
    public AuthorisationMatrix commissioners(String commissioningOwner, String commissioningOthers) {
        callers.put("commissioner", Map.of(Side.OWN, commissioningOwner, Side.OTHER, commissioningOthers));
        return this;
    }

    /** Strings that only the owning organisation's answers may contain (its object ids, say). */
    public AuthorisationMatrix markers(String... values) {
        markers.addAll(Arrays.asList(values));
        return this;
    }

    /** {@code "GET /api/v1/things/{id}"} (as the OpenAPI document names it) and what it allows. */
    public AuthorisationMatrix rule(String operation, Rule rule) {
        rules.put(operation, rule);
        return this;
    }

    /** Adds the rules a shared piece writes (e.g. every service's rejected events). */
    public AuthorisationMatrix also(java.util.function.UnaryOperator<AuthorisationMatrix> more) {
        return more.apply(this);
    }

    public static Rule rule(Scope scope, String... roles) {
        return new Rule(scope, Set.of(roles));
    }

    /** One operation's policy and the request that exercises it on the fixture. */
    public static final class Rule {
        private final Scope scope;
        private final Set<String> roles;
        private final Map<String, String> path = new LinkedHashMap<>();
        private final Map<String, String> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;
        private String contentType = "application/json";
        private Set<Integer> otherDenial = Set.of(404);

        private Rule(Scope scope, Set<String> roles) {
            this.scope = scope;
            this.roles = roles;
        }

        public Rule path(String name, String value) {
            path.put(name, value);
            return this;
        }

        public Rule query(String name, String value) {
            query.put(name, value);
            return this;
        }

        public Rule header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Rule body(String json) {
            this.body = json;
            return this;
        }

        public Rule body(String contentType, String text) {
            this.contentType = contentType;
            this.body = text;
            return this;
        }

        /**
         * How another organisation's caller is refused when the object is named in the body rather than the
         * path (e.g. 403 for results of another organisation, 400 for a need "that does not exist").
         */
        public Rule deniedToOthersAs(Integer... statuses) {
            this.otherDenial = Set.of(statuses);
            return this;
        }
    }

    /** Reads these paths (as the owner's admin-free caller with every trust role) before and after the denied cases. */
    public AuthorisationMatrix readBack(String... paths) {
        readBack.addAll(Arrays.asList(paths));
        return this;
    }

    /** Runs every case; prints the counts; returns what went wrong (empty when nothing did). */
    public Report run() {
        String acting = TestTokens.acting();
        TestTokens.actAs(null); // every case sends exactly the token it names (none for "no token")
        try {
            return runCases();
        } finally {
            TestTokens.actWith(acting); // the tests that follow act as they did before
        }
    }

    private Report runCases() {
        Map<String, String> operations = operations();
        for (String op : operations.keySet()) {
            if (!rules.containsKey(op)) {
                failures.add("no rule for " + op + ": every operation of the OpenAPI document must be in the matrix");
            }
        }
        for (String op : rules.keySet()) {
            if (!operations.containsKey(op)) {
                failures.add("rule for " + op + ", which the OpenAPI document does not have");
            }
        }
        Map<String, String> before = readAll();
        // 1. Tokens that are not valid here: 401 everywhere, whatever the claims say.
        String owner = callers.get("viewer").get(Side.OWN);
        String[] every = Roles.ALL;
        Map<String, String> bad = new TreeMap<>(Map.of(
                "no token", "",
                "expired", TestTokens.expired(owner, every),
                "wrong issuer", TestTokens.wrongIssuer(owner, every),
                "wrong audience", TestTokens.wrongAudience(owner, every),
                "tampered payload", TestTokens.tampered(owner, every),
                "forged signature", TestTokens.forged(owner, every),
                "no org claim", TestTokens.withoutOrganisation(every)));
        for (var op : rules.entrySet()) {
            for (var token : bad.entrySet()) {
                check(op.getKey(), op.getValue(), token.getKey(), token.getValue(), Set.of(401), false);
            }
        }
        // 2. Valid tokens that must be refused: a role the rule does not list, or another organisation's object.
        for (var op : rules.entrySet()) {
            Rule rule = op.getValue();
            for (String role : Roles.ALL) {
                for (Side side : Side.values()) {
                    String token = TestTokens.token(callers.get(role).get(side), role);
                    String who = role + "/" + side.name().toLowerCase(Locale.ROOT);
                    if (!rule.roles.contains(role)) {
                        check(op.getKey(), rule, who, token, Set.of(403), false);
                    } else if (side == Side.OTHER && rule.scope == Scope.OBJECT && !Roles.EVERYWHERE.contains(role)) {
                        check(op.getKey(), rule, who, token, rule.otherDenial, false);
                    } else if (side == Side.OTHER && rule.scope == Scope.LIST && isRead(op.getKey())
                            && !callers.get(role).get(Side.OWN).equals(callers.get(role).get(Side.OTHER))) {
                        check(op.getKey(), rule, who, token, null, true);
                    }
                }
            }
        }
        Map<String, String> after = readAll();
        for (var read : before.entrySet()) {
            if (!read.getValue().equals(after.get(read.getKey()))) {
                leaks.add("a refused request changed " + read.getKey() + ":\n  before " + read.getValue() + "\n  after  "
                        + after.get(read.getKey()));
            }
        }
        // 3. Allowed: reads first, then writes, deletes last (they change the fixture the others use).
        List<Map.Entry<String, Rule>> allowed = new ArrayList<>(rules.entrySet());
        allowed.sort(java.util.Comparator.comparingInt(e -> e.getKey().startsWith("GET ") ? 0
                : e.getKey().startsWith("DELETE ") ? 2 : 1));
        for (var op : allowed) {
            Rule rule = op.getValue();
            boolean deleted = false;
            for (String role : Roles.ALL) {
                for (Side side : Side.values()) {
                    boolean allowedHere = rule.roles.contains(role) && (side == Side.OWN || rule.scope != Scope.OBJECT
                            || Roles.EVERYWHERE.contains(role));
                    boolean national = callers.get(role).get(Side.OWN).equals(callers.get(role).get(Side.OTHER));
                    if (!allowedHere || (side == Side.OTHER && rule.scope == Scope.LIST && isRead(op.getKey()) && !national)) {
                        continue; // refused, or a list already checked for markers above
                    }
                    if (!isRead(op.getKey()) && side == Side.OTHER || deleted) {
                        continue; // one allowed write per role is enough, one delete in all (then the object is gone)
                    }
                    deleted = op.getKey().startsWith("DELETE ");
                    String who = role + "/" + side.name().toLowerCase(Locale.ROOT);
                    check(op.getKey(), rule, who, TestTokens.token(callers.get(role).get(side), role), null, false);
                }
            }
        }
        Report report = new Report(service, cases, List.copyOf(leaks), List.copyOf(failures));
        System.out.printf("[authorisation-matrix] %s: %d operations, %d cases, %d leaks, %d other failures%n", service,
                rules.size(), cases, leaks.size(), failures.size());
        leaks.forEach(l -> System.out.println("[authorisation-matrix] LEAK " + l));
        failures.forEach(f -> System.out.println("[authorisation-matrix] FAIL " + f));
        return report;
    }

    /** What a run found. */
    public record Report(String service, int cases, List<String> leaks, List<String> failures) {
    }

    /**
     * @param expected the statuses a refusal must have, or null when the case must be let through
     * @param markersForbidden the body must not contain the owner's markers
     */
    private void check(String operation, Rule rule, String who, String token, Set<Integer> expected, boolean markersForbidden) {
        cases++;
        Response response = send(operation, rule, token);
        int status = response.statusCode();
        String body = response.asString();
        String label = operation + " as " + who + " -> " + status;
        if (expected != null && !expected.contains(status)) {
            (status < 400 ? leaks : failures).add(label + " (expected " + expected + "): " + abbreviate(body));
        }
        if (expected == null && (DENIED.contains(status) || status >= 500)) {
            failures.add(label + " (expected to be let through): " + abbreviate(body));
        }
        if (markersForbidden && status < 300) {
            for (String marker : markers) {
                if (body.contains(marker)) {
                    leaks.add(label + " contains the owner's " + marker + ": " + abbreviate(body));
                }
            }
        }
        // A FHIR endpoint refuses in FHIR's own terms: an OperationOutcome (issue 18); everything else problem+json.
        boolean outcome = response.contentType().startsWith("application/fhir+json")
                && body.contains("\"resourceType\":\"OperationOutcome\"");
        if (status >= 400 && !response.contentType().startsWith("application/problem+json") && !outcome) {
            failures.add(label + " is not problem+json: " + response.contentType());
        }
        java.util.regex.Matcher internals = INTERNALS.matcher(body);
        if (internals.find()) {
            int from = Math.max(0, internals.start() - 80);
            leaks.add(label + " shows internals (a stack trace or SQL): ..."
                    + body.substring(from, Math.min(body.length(), internals.end() + 80)) + "...");
        }
        for (String header : HEADERS) {
            if (response.header(header) == null) {
                failures.add(label + " lacks the " + header + " header");
            }
        }
        if (status == 401 && response.header("WWW-Authenticate") == null) {
            failures.add(label + " lacks WWW-Authenticate");
        }
    }

    private static Response send(String operation, Rule rule, String token) {
        String[] parts = operation.split(" ", 2);
        RequestSpecification request = RestAssured.given().urlEncodingEnabled(true);
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        request.headers(rule.headers).queryParams(rule.query);
        if (rule.body != null) {
            request.contentType(rule.contentType).body(rule.body);
        }
        String path = parts[1];
        for (var p : rule.path.entrySet()) {
            path = path.replace("{" + p.getKey() + "}", p.getValue());
        }
        return request.request(parts[0], path);
    }

    private Map<String, String> readAll() {
        Map<String, String> reads = new LinkedHashMap<>();
        String reader = TestTokens.token(callers.get("viewer").get(Side.OWN), "viewer", "improvement-lead", "submitter");
        for (String path : readBack) {
            Response r = RestAssured.given().header("Authorization", "Bearer " + reader).get(path);
            reads.put(path, r.statusCode() + " " + r.asString());
        }
        return reads;
    }

    private static boolean isRead(String operation) {
        return operation.startsWith("GET ");
    }

    /** "METHOD /path" of every /api operation, with its operationId or summary. */
    private Map<String, String> operations() {
        Map<String, String> ops = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(method -> {
                String m = method.getKey().toUpperCase(Locale.ROOT);
                if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(m)) {
                    ops.put(m + " " + path.getKey(), method.getValue().path("summary").asText());
                }
            });
        });
        return ops;
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    /** The roles of the token contract. */
    public static final class Roles {
        public static final String[] ALL = { "submitter", "viewer", "improvement-lead", "college", "patient-group", "admin",
            "chart-reader", "trust-admin", "national", "regulator", "commissioner" };
        /** Roles whose caller is the same on both sides: they reach every organisation's objects they may reach at all. */
        static final Set<String> EVERYWHERE = Set.of("admin", "patient-group", "chart-reader", "national", "regulator");

        private Roles() {
        }
    }
}
