package uk.nhs.pdsa.tokens;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tokens from the local stack's OpenID Connect provider (Keycloak, realm {@code pdsa}): a trust system's with the
 * client credentials grant, or a person's for any organisation and roles. A person who is not in the realm yet is
 * added through the provider's admin API (local only: the stack's bootstrap admin), in a group per organisation
 * that carries the {@code org} attribute, with the roles asked, and signs in with the password grant of the
 * {@code pdsa-cli} client. Plain JDK, so {@code ./platform token} and the sample loader run it on a bare JVM.
 */
public final class ProviderTokens {
    /** The local realm's password for the people it holds (documented in docs/security.md; never in production). */
    public static final String LOCAL_PASSWORD = "pdsa-local";
    private static final String REALM = "pdsa";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String provider;

    /** @param provider the provider's base address, for example {@code http://localhost:8180} */
    public ProviderTokens(String provider) {
        this.provider = provider.replaceAll("/+$", "");
    }

    /** The issuer the services check: {@code <provider>/realms/pdsa}. */
    public String issuer() {
        return provider + "/realms/" + REALM;
    }

    /** A client's own token (client credentials grant), for a trust system or the sample loader. */
    public String forClient(String clientId, String secret) throws IOException, InterruptedException {
        return accessToken(post(issuer() + "/protocol/openid-connect/token", form(Map.of("grant_type",
                "client_credentials", "client_id", clientId, "client_secret", secret)), null));
    }

    /** The token of a person the realm holds, signed in with the local password (password grant of pdsa-cli). */
    public String signIn(String username) throws IOException, InterruptedException {
        return accessToken(post(issuer() + "/protocol/openid-connect/token", form(Map.of("grant_type", "password",
                "client_id", "pdsa-cli", "client_secret", "pdsa-cli-local-secret", "username", username,
                "password", LOCAL_PASSWORD)), null));
    }

    /** The provider's own administrator's token (master realm): not a token the services accept. */
    public String providerAdmin(String adminPassword) throws IOException, InterruptedException {
        return accessToken(post(provider + "/realms/master/protocol/openid-connect/token", form(Map.of(
                "grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", adminPassword)), null));
    }

    /** A person's token for {@code organisation} with {@code roles}; the person is added to the realm if new. */
    public String forPerson(String username, String organisation, List<String> roles, String adminPassword)
            throws IOException, InterruptedException {
        String admin = providerAdmin(adminPassword);
        String api = provider + "/admin/realms/" + REALM;
        if (!get(api + "/groups?exact=true&search=" + encode(organisation), admin).contains("\"name\":\"" + organisation + "\"")) {
            post(api + "/groups", TokenMinter.json(Map.of("name", organisation, "attributes",
                    Map.of("org", List.of(organisation)))), admin);
        }
        String found = get(api + "/users?exact=true&username=" + encode(username), admin);
        if (!found.contains("\"username\"")) {
            post(api + "/users", TokenMinter.json(Map.of("username", username, "enabled", true, "firstName", username,
                    "lastName", organisation, "email", username + "@example.nhs.uk", "emailVerified", true,
                    "groups", List.of("/" + organisation), "credentials", List.of(Map.of("type", "password",
                            "value", LOCAL_PASSWORD, "temporary", false)))), admin);
            found = get(api + "/users?exact=true&username=" + encode(username), admin);
        }
        Matcher id = ID.matcher(found);
        if (!id.find()) {
            throw new IllegalStateException("the provider did not add " + username);
        }
        List<String> representations = new ArrayList<>();
        for (String role : roles) {
            representations.add(get(api + "/roles/" + encode(role), admin));
        }
        post(api + "/users/" + id.group(1) + "/role-mappings/realm", "[" + String.join(",", representations) + "]", admin);
        return signIn(username);
    }

    /**
     * {@code ./platform token --org RXH --role viewer [--role ...] [--sub name] --provider http://localhost:8180}:
     * prints one access token.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> roles = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (name.equals("role") || name.equals("roles")) {
                roles.addAll(List.of(args[i + 1].split(",")));
            } else {
                options.put(name, args[i + 1]);
            }
        }
        String org = options.get("org");
        if (org == null || roles.isEmpty() || args.length % 2 != 0 || !options.containsKey("provider")) {
            System.err.println("usage: ./platform token --org <organisation code> --role <role> [--role <role>...]"
                    + " [--sub <username>]\nroles: submitter, viewer, improvement-lead, college, patient-group, admin");
            System.exit(2);
        }
        String username = options.getOrDefault("sub", "token-" + org.toLowerCase(Locale.ROOT) + "-"
                + String.join("-", roles));
        ProviderTokens tokens = new ProviderTokens(options.get("provider"));
        System.out.println(tokens.forPerson(username, org, roles, options.getOrDefault("admin-password", "admin")));
    }

    private static String accessToken(String response) {
        Matcher token = ACCESS_TOKEN.matcher(response);
        if (!token.find()) {
            throw new IllegalStateException("the provider gave no access token");
        }
        return token.group(1);
    }

    private static String get(String url, String bearer) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).GET());
    }

    private static String post(String url, String body, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer == null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        } else {
            request.header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    private static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
                    + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
