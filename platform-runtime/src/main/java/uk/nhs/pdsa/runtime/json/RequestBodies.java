package uk.nhs.pdsa.runtime.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The mapper request bodies are read with: the service's strict one ({@link StrictJson}) that also refuses a field
 * the request does not have (a misspelt {@code rationle} is an error, not a silently empty rationale). Server side
 * only: REST clients reading other services' answers keep tolerating fields added later.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class RequestBodies implements ContextResolver<ObjectMapper> {
    private final ObjectMapper strict;

    public RequestBodies(ObjectMapper mapper) {
        this.strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
