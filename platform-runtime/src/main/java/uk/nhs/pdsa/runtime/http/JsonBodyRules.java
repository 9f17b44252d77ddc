package uk.nhs.pdsa.runtime.http;

import java.io.IOException;
import java.io.PushbackInputStream;
import java.util.Locale;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * A request body says what it is: a write to the API with a body must name its Content-Type (415 otherwise,
 * rather than guessing JSON), JSON is UTF-8 (another charset is 415), and JSON starts with the JSON
 * value, not a byte-order mark (RFC 8259 §8.1 forbids adding one; 400). A CSV body may start with a byte-order
 * mark, as spreadsheet programs write one.
 */
@Provider
public class JsonBodyRules implements ReaderInterceptor {
    /** Bodies an endpoint reads as they come (the ingest API reads CSV, FHIR XML and JSON itself). */
    private static final java.util.Set<Class<?>> RAW_TYPES = java.util.Set.of(String.class, byte[].class,
            java.io.InputStream.class, java.io.Reader.class, jakarta.ws.rs.core.MultivaluedMap.class);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @ServerRequestFilter(preMatching = true)
    public void contentType(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method))
                || !request.getUriInfo().getPath().startsWith("/api/") || !hasBody(request)) {
            return;
        }
        String contentType = request.getHeaderString("Content-Type");
        if (contentType == null || contentType.isBlank()) {
            throw ProblemException.unsupportedMediaType("Content-Type is required: name the body's format"
                    + " (application/json for JSON)");
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            throw ProblemException.unsupportedMediaType("the Content-Type header is not a media type");
        }
        String charset = type.getParameters().get("charset");
        boolean json = type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
        // JSON is UTF-8 (RFC 8259 §8.1); other text an endpoint reads itself is decoded, and refused, there.
        if (json && charset != null && !charset.strip().replace("\"", "").toLowerCase(Locale.ROOT).matches("utf-?8")) {
            throw ProblemException.unsupportedMediaType("charset " + safe(charset) + " is not accepted: send UTF-8");
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        boolean json = type != null && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        if (!json && !RAW_TYPES.contains(context.getType())) {
            // An endpoint that reads an object reads it from JSON only, whatever a client labels its bytes.
            throw ProblemException.unsupportedMediaType((type == null ? "a body without a type" : safe(type.getType() + "/"
                    + type.getSubtype())) + " is not accepted here: send application/json");
        }
        if (json) {
            PushbackInputStream in = new PushbackInputStream(context.getInputStream(), BOM.length);
            byte[] start = in.readNBytes(BOM.length);
            if (start.length == BOM.length && start[0] == BOM[0] && start[1] == BOM[1] && start[2] == BOM[2]) {
                throw ProblemException.malformed("the body starts with a byte-order mark: send JSON without one",
                        java.util.List.of());
            }
            in.unread(start);
            context.setInputStream(in);
        }
        return context.proceed();
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        if (length != null) {
            return !length.strip().equals("0");
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }

    private static String safe(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) : text;
        return cut.replaceAll("[^A-Za-z0-9._/+-]", "?");
    }
}
