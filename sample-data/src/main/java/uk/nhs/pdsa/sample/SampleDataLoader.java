package uk.nhs.pdsa.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import uk.nhs.pdsa.tokens.ProviderTokens;

/**
 * Loads {@link SampleData} through the public REST API of audit-ingest, as a trust system would: the
 * catalogue (audits, trusts with their microsystems, colleges, a patient group) with PUT, then one all-or-nothing batch per trust and audit. Loading twice changes nothing
 * (the same numbers are "unchanged"). With {@code --wait}, waits until the planted shift has travelled
 * to every service and prints where to see it.
 *
 * <pre>java -cp sample-data/target/classes uk.nhs.pdsa.sample.SampleDataLoader [ingestUrl findingsUrl actionPlanUrl notificationUrl] [--wait]</pre>
 */
public final class SampleDataLoader {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The national organisation the loader acts for as admin (catalogue, contacts). */
    static final String NATIONAL = "X26";
    /** The loader's tokens come from the local stack's OpenID Connect provider (client credentials). */
    private static ProviderTokens tokens;
    private static String admin;
    private static final Map<String, String> SUBMITTERS = new java.util.HashMap<>();

    private SampleDataLoader() {
    }

    public static void main(String[] args) throws Exception {
        List<String> urls = new ArrayList<>(List.of("http://localhost:8081", "http://localhost:8082",
                "http://localhost:8083", "http://localhost:8084"));
        boolean wait = false;
        int position = 0;
        String provider = "http://localhost:8180";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--wait")) {
                wait = true;
            } else if (args[i].equals("--provider")) {
                provider = args[++i];
            } else {
                urls.set(position++, args[i]);
            }
        }
        tokens = new ProviderTokens(provider);
        Instant start = Instant.now();
        try {
            contacts(urls.get(3));
            load(urls.get(0));
            System.out.printf("[sample] loaded in %.1f s%n", Duration.between(start, Instant.now()).toMillis() / 1000.0);
            if (wait) {
                awaitPlantedShift(urls.get(1), urls.get(2), urls.get(3), Duration.ofSeconds(180));
            }
        } catch (IllegalStateException | IOException e) {
            // A clear line for the person who ran ./platform start, not a stack trace.
            System.err.println("[sample] " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            System.exit(1);
        }
    }

    /**
     * Contacts of the two trusts with planted signals, of a college and of Healthwatch, so their messages are emailed (to the local stack's mail
     * server, where POP3 on port 3110 reads them back with the address as user and password). Added once.
     */
    static void contacts(String notification) throws IOException, InterruptedException {
        for (String trust : List.of(SampleData.SHIFT_TRUST, SampleData.OUTLIER_TRUST)) {
            for (String role : List.of("clinical-lead", "medical-director", "chief-executive", "improvement-lead",
                    "audit-lead")) {
                contact(notification, trust, role);
            }
        }
        contact(notification, "RCSENG", "college-audit-lead");
        contact(notification, "HWENG", "patient-representative");
        contact(notification, "CQC", "regulator-lead");
    }

    private static void contact(String notification, String organisation, String role) throws IOException, InterruptedException {
        if (get(notification + "/api/v1/contacts?organisation=" + organisation + "&role=" + role, admin())
                .contains("\"id\"")) {
            return;
        }
        send(admin(), "POST", notification + "/api/v1/contacts", String.format(
                "{\"organisation\":\"%s\",\"name\":\"%s of %s\",\"role\":\"%s\",\"email\":\"%s@%s.nhs.example\"}",
                organisation, role, organisation, role, role, organisation.toLowerCase(java.util.Locale.ROOT)));
    }

    static void load(String ingest) throws IOException, InterruptedException {
        for (SampleData.Audit audit : SampleData.AUDITS) {
            send(admin(), "PUT", ingest + "/api/v1/audits/" + audit.code(), Json.audit(audit));
        }
        for (String trust : SampleData.TRUSTS) {
            send(admin(), "PUT", ingest + "/api/v1/organisations/" + trust, String.format(
                    "{\"name\":\"%s\",\"type\":\"trust\"}", SampleData.TRUST_NAMES.get(trust)));
            for (String microsystem : SampleData.microsystems(trust)) {
                send(admin(), "PUT", ingest + "/api/v1/organisations/" + trust + "/microsystems/" + microsystem,
                        String.format("{\"name\":\"%s\"}", SampleData.microsystemName(microsystem)));
            }
        }
        for (SampleData.Receiver receiver : SampleData.RECEIVERS) {
            send(admin(), "PUT", ingest + "/api/v1/organisations/" + receiver.code(), String.format(
                    "{\"name\":\"%s\",\"type\":\"%s\",\"specialties\":[%s],\"members\":[%s]}", receiver.name(),
                    receiver.type(), quoted(receiver.specialties()), quoted(receiver.members())));
        }
        Map<String, List<SampleData.Result>> batches = SampleData.results().stream()
                .collect(Collectors.groupingBy(r -> r.organisation() + "/" + r.audit(), TreeMap::new, Collectors.toList()));
        long created = 0;
        long unchanged = 0;
        for (var batch : batches.entrySet()) {
            // Each trust's system submits its own results, with its own client of the provider.
            String submitter = submitter(batch.getValue().get(0).organisation());
            String receipt = send(submitter, "POST", ingest + "/api/v1/audit-results", Json.results(batch.getValue()));
            created += Json.longField(receipt, "created");
            unchanged += Json.longField(receipt, "unchanged");
        }
        System.out.printf("[sample] %d audits, %d trusts, %d results in %d batches: %d created, %d unchanged%n",
                SampleData.AUDITS.size(), SampleData.TRUSTS.size(), created + unchanged, batches.size(), created, unchanged);
    }

    static void awaitPlantedShift(String findings, String actionPlan, String notification, Duration timeout)
            throws IOException, InterruptedException {
        String trust = SampleData.SHIFT_TRUST;
        String ward = SampleData.SHIFT_MICROSYSTEM;
        // Whether the shift ever travelled, not whether it is still current: after the API guides (or a team's
        // work) the concern may be resolved and the need closed, and a second start must still succeed.
        Map<String, String> checks = Map.of(
                findings + "/api/v1/findings?status=all&organisation=" + trust + "&microsystem=" + ward, "special-cause-concern",
                actionPlan + "/api/v1/improvement-needs?organisation=" + trust + "&microsystem=" + ward, "\"openingFindingId\"",
                notification + "/api/v1/notifications?organisation=" + trust, "Improvement need opened: surgery-within-36h at " + ward);
        Instant deadline = Instant.now().plus(timeout);
        // The trust's medical director (a viewer in the sample realm) looks.
        String viewer = tokens.signIn(trust.toLowerCase(java.util.Locale.ROOT) + ".medical-director");
        for (var check : new TreeMap<>(checks).entrySet()) {
            Instant since = Instant.now();
            Instant nextWord = since.plusSeconds(10);
            while (!get(check.getKey(), viewer).contains(check.getValue())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The planted shift did not reach " + check.getKey() + " in "
                            + timeout.toSeconds() + " s: see the services' logs");
                }
                if (Instant.now().isAfter(nextWord)) {
                    System.out.printf("[sample] still waiting for the planted shift at %s (%d s)%n", check.getKey(),
                            Duration.between(since, Instant.now()).toSeconds());
                    nextWord = nextWord.plusSeconds(10);
                }
                Thread.sleep(500);
            }
            System.out.println("[sample] planted shift visible: " + check.getKey());
        }
    }

    /** The loader's admin token (its client's, for the national organisation {@value #NATIONAL}), once per run. */
    private static String admin() throws IOException, InterruptedException {
        if (admin == null) {
            admin = tokens.forClient("pdsa-sample-loader", "pdsa-sample-loader-local-secret");
        }
        return admin;
    }

    /** A trust system's token: client {@code <code>-system} of the sample realm. */
    private static String submitter(String trust) throws IOException, InterruptedException {
        String client = trust.toLowerCase(java.util.Locale.ROOT) + "-system";
        String token = SUBMITTERS.get(trust);
        if (token == null) {
            token = tokens.forClient(client, client + "-local-secret");
            SUBMITTERS.put(trust, token);
        }
        return token;
    }

    private static String send(String token, String method, String url, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String get(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
    }

    private static String quoted(List<String> values) {
        return values.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
    }

    /** Just enough JSON for these flat documents, so the loader runs on a bare JDK. */
    static final class Json {
        private Json() {
        }

        static String audit(SampleData.Audit audit) {
            String metrics = audit.metrics().stream().map(m -> String.format(Locale.ROOT,
                    "{\"code\":\"%s\",\"title\":\"%s\",\"type\":\"%s\",\"direction\":\"%s\"%s}", m.code(),
                    m.title(), m.type(), m.direction(), m.target() == null ? "" : ",\"target\":" + m.target()))
                    .collect(Collectors.joining(","));
            String outliers = audit.outliers() == null ? "" : String.format(Locale.ROOT,
                    ",\"outliers\":{\"analysisPeriod\":\"%s\",\"submissionsCloseAfter\":%d,\"metrics\":[%s]}",
                    audit.outliers().analysisPeriod(), audit.outliers().submissionsCloseAfter(),
                    audit.outliers().metrics().stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(",")));
            return String.format("{\"title\":\"%s\",\"specialty\":\"%s\",\"metrics\":[%s]%s}", audit.title(),
                    audit.specialty(), metrics, outliers);
        }

        static String results(List<SampleData.Result> results) {
            return results.stream().map(r -> String.format(
                    "{\"audit\":\"%s\",\"metric\":\"%s\",\"organisation\":\"%s\",\"microsystem\":\"%s\",\"period\":\"%s\","
                            + "\"numerator\":%d,\"denominator\":%d%s}",
                    r.audit(), r.metric(), r.organisation(), r.microsystem(), r.period(), r.numerator(), r.denominator(),
                    r.expected() == null ? "" : ",\"expected\":" + r.expected().toPlainString()))
                    .collect(Collectors.joining(",", "[", "]"));
        }

        static long longField(String json, String field) {
            int at = json.indexOf("\"" + field + "\":");
            if (at < 0) {
                return 0;
            }
            int start = at + field.length() + 3;
            int end = start;
            while (end < json.length() && Character.isDigit(json.charAt(end))) {
                end++;
            }
            return Long.parseLong(json.substring(start, end));
        }
    }
}
