package uk.nhs.pdsa.runtime.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import uk.nhs.pdsa.runtime.json.PlainText;
import uk.nhs.pdsa.runtime.problem.Problem;

/**
 * The HTTP layer's own refusals as problem+json, like every other error: before any endpoint runs, a request
 * address with an invalid percent-escape, bytes that are not UTF-8 or a control character (%00 included) in its
 * path or query is refused with 400; and a failure the router answers itself (no route, wrong method, a bad
 * request Vert.x saw) gets a problem body instead of an empty one. A request line longer than
 * {@code quarkus.http.limits.max-initial-line-length} is refused by the HTTP codec before this runs (414 without a
 * body; docs/api.md says so).
 */
@ApplicationScoped
public class RequestAddress {

    void install(@Observes Router router) {
        router.route().order(-1001).handler(context -> {
            // Quarkus's own check (java.net.URI) answers 400 without a body; the services run with it off
            // (-Dvertx.disableURIValidation=true, docs/api.md) and it is done here instead, with a problem body.
            String refusal = syntax(context.request().uri());
            if (refusal == null) {
                refusal = refusal(context.request().path(), "path");
            }
            if (refusal == null && context.request().query() != null) {
                refusal = refusal(context.request().query(), "query");
            }
            if (refusal != null) {
                answer(context, 400, "malformed-address", "Malformed request address", refusal);
                return;
            }
            context.next();
        });
        for (int status : new int[] {400, 404, 405, 406, 413, 414, 415, 431, 500, 503}) {
            router.errorHandler(status, context -> {
                if (context.response().ended() || context.response().headWritten()) {
                    return;
                }
                int code = context.statusCode() > 0 ? context.statusCode() : status;
                String malformed = code == 400 ? syntax(context.request().uri()) : null;
                if (malformed != null) {
                    // The router could not read the address (before any route ran): say why, as the route would.
                    answer(context, 400, "malformed-address", "Malformed request address", malformed);
                    return;
                }
                String title = io.netty.handler.codec.http.HttpResponseStatus.valueOf(code).reasonPhrase();
                answer(context, code, title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), title,
                        code >= 500 ? "The request could not be completed." : title);
            });
        }
    }

    /** Why an address is not a URI (RFC 3986, as java.net.URI reads it), or null. */
    static String syntax(String uri) {
        if (uri == null || uri.isEmpty()) {
            return "the request names no address";
        }
        try {
            new java.net.URI(uri);
            return null;
        } catch (java.net.URISyntaxException e) {
            return "the address is not a valid URI: " + (e.getReason().contains("escape") ? "an invalid percent-escape"
                    : "a character that must be percent-encoded") + " at position " + (e.getIndex() + 1);
        }
    }

    /** Why the raw (still percent-encoded) {@code part} of an address is refused, or null. */
    static String refusal(String part, String name) {
        String decoded;
        try {
            decoded = decode(part);
        } catch (IllegalArgumentException e) {
            return "the " + name + " holds an invalid percent-escape or bytes that are not UTF-8";
        }
        int at = PlainText.firstRefused(decoded);
        return at < 0 ? null
                : String.format("the %s holds the control character U+%04X; addresses may not hold control characters",
                        name, (int) decoded.charAt(at));
    }

    /** Strict percent-decoding: every % starts two hexadecimal digits, and the bytes are UTF-8. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("bad escape");
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8");
        }
    }

    static void answer(RoutingContext context, int status, String slug, String title, String detail) {
        JsonObject problem = new JsonObject().put("type", Problem.TYPE_BASE + slug).put("title", title)
                .put("status", status).put("detail", detail).put("instance", safePath(context));
        context.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(problem.encode());
    }

    private static String safePath(RoutingContext context) {
        String path = context.request().path();
        return path == null || path.length() > 200 || refusal(path, "path") != null ? null : path;
    }
}
