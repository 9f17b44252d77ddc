package uk.nhs.pdsa.bench;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.HttpCookie;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time per page of the improvement portal with the sample data, as a signed-in person sees it: signs in through
 * the identity provider's own form (as a browser does), finds one page of each kind by following the portal's
 * links, then asks for each page {@code --requests} times in turn and prints p50, p95 and max. The time is from
 * the request to the last byte of the answer, on the same machine: the portal's server time and the services'
 * it waits for. Fails (exit 1) when a page's p95 is {@code --p95-ms} or more.
 */
public final class PortalBenchmark {
    private static final Pattern FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private PortalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = BenchSupport.options(args, Map.of("portal", "http://localhost:8085", "user",
                "rxh.clinical-lead", "password", "pdsa-local", "requests", "100", "warmup", "10", "p95-ms", "300"));
        String portal = o.get("portal");
        HttpClient http = HttpClient.newBuilder().cookieHandler(new LocalCookies())
                .followRedirects(HttpClient.Redirect.ALWAYS).connectTimeout(Duration.ofSeconds(5)).build();
        signIn(http, portal, o.get("user"), o.get("password"));

        Map<String, String> pages = new LinkedHashMap<>();
        String home = get(http, portal + "/");
        pages.put("home (what needs you)", "/");
        pages.put("organisation summary", "/organisation");
        String organisation = get(http, portal + "/organisation");
        String chart = first(organisation, "href=\"(/chart\\?[^\"]*microsystem=[^\"]+)\"", "a ward's chart");
        pages.put("chart page (a ward)", chart);
        String chartPage = get(http, portal + chart);
        pages.put("chart picture (SVG)", first(chartPage, "src=\"(/chart\\.svg\\?[^\"]+)\"", "the chart picture"));
        pages.put("board", first(organisation, "href=\"(/boards/[^\"]+)\"", "a board"));
        pages.put("finding", first(home, "href=\"(/findings/[^\"]+)\"", "a finding"));
        String trustChart = first(organisation, "href=\"(/chart\\?(?:(?!microsystem)[^\"])+)\"", "a trust's chart");
        String funnel = find(get(http, portal + trustChart), "href=\"(/funnel\\?[^\"]+)\"");
        if (funnel != null) {
            pages.put("funnel", funnel);
        }

        int requests = Integer.parseInt(o.get("requests"));
        int warmup = Integer.parseInt(o.get("warmup"));
        long limit = Long.parseLong(o.get("p95-ms"));
        System.out.printf("portal page times, signed in as %s, %d requests per page after %d to warm up (%s)%n",
                o.get("user"), requests, warmup, portal);
        boolean failed = false;
        for (Map.Entry<String, String> page : pages.entrySet()) {
            String url = portal + page.getValue().replace("&amp;", "&");
            for (int i = 0; i < warmup; i++) {
                get(http, url);
            }
            Percentiles times = new Percentiles();
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                get(http, url);
                times.add((System.nanoTime() - start) / 1_000_000);
            }
            boolean slow = times.percentile(95) >= limit;
            failed |= slow;
            System.out.printf("  %-24s p50 %4d ms, p95 %4d ms, max %4d ms %s%n", page.getKey(), times.percentile(50),
                    times.percentile(95), times.percentile(100), slow ? "SLOWER THAN " + limit + " ms at p95" : "");
        }
        if (failed) {
            System.out.println("FAILED: a page's p95 is " + limit + " ms or more");
            System.exit(1);
        }
        System.out.println("every page's p95 is under " + limit + " ms");
    }

    /** The provider's sign-in form, filled and sent as a browser would: the session cookie comes back. */
    private static void signIn(HttpClient http, String portal, String user, String password)
            throws IOException, InterruptedException {
        String form = get(http, portal + "/");
        String action = first(form, FORM.pattern(), "the provider's sign-in form").replace("&amp;", "&");
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId="))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (!signedIn.uri().toString().startsWith(portal) || signedIn.statusCode() != 200) {
            throw new IllegalStateException("signing in as " + user + " did not lead back to the portal (" + signedIn.uri()
                    + ", " + signedIn.statusCode() + ")");
        }
    }

    /**
     * Cookies as a browser keeps them for localhost, which it counts as a secure context: the provider's session
     * cookies are {@code Secure} (with {@code SameSite=None}), and Java's own cookie manager sends those over https only.
     */
    static final class LocalCookies extends CookieHandler {
        private final Map<String, HttpCookie> cookies = new ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
            List<String> matching = new ArrayList<>();
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            for (Map.Entry<String, HttpCookie> c : cookies.entrySet()) {
                String cookiePath = c.getValue().getPath() == null ? "/" : c.getValue().getPath();
                if (c.getKey().startsWith(uri.getHost() + ":" + uri.getPort() + "|") && path.startsWith(cookiePath)
                        && !c.getValue().hasExpired()) {
                    matching.add(c.getValue().getName() + "=" + c.getValue().getValue());
                }
            }
            return matching.isEmpty() ? Map.of() : Map.of("Cookie", List.of(String.join("; ", matching)));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase("Set-Cookie")) {
                    for (String value : h.getValue()) {
                        for (HttpCookie c : HttpCookie.parse(value)) {
                            String key = uri.getHost() + ":" + uri.getPort() + "|" + c.getName() + "|" + c.getPath();
                            if (c.getMaxAge() == 0) {
                                cookies.remove(key);
                            } else {
                                cookies.put(key, c);
                            }
                        }
                    }
                }
            }
        }
    }

    private static String get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static String first(String html, String regex, String what) {
        String found = find(html, regex);
        if (found == null) {
            throw new IllegalStateException("no link to " + what + " (is the sample data loaded? ./platform start)");
        }
        return found;
    }

    private static String find(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }
}
