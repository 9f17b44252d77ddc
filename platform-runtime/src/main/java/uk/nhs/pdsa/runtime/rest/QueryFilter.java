package uk.nhs.pdsa.runtime.rest;

import io.quarkus.panache.common.Parameters;

/**
 * Builds a Panache query from optional filters: blank values are left out. Field names come from
 * code, never from the request, so only values are bound and nothing can be injected.
 */
public final class QueryFilter {
    private final StringBuilder query = new StringBuilder("1 = 1");
    private final Parameters parameters = new Parameters();
    private int count;

    public QueryFilter equal(String field, String value) {
        return compare(field, "=", value);
    }

    /** Equality on an id; left out when null. */
    public QueryFilter equal(String field, java.util.UUID value) {
        if (value != null) {
            String name = "p" + count++;
            query.append(" and ").append(field).append(" = :").append(name);
            parameters.and(name, value);
        }
        return this;
    }

    /** Membership in a set the server decided (e.g. the audits a college covers); an empty set matches nothing. */
    public QueryFilter in(String field, java.util.Collection<String> values) {
        if (values.isEmpty()) {
            query.append(" and 1 = 0");
            return this;
        }
        String name = "p" + count++;
        query.append(" and ").append(field).append(" in :").append(name);
        parameters.and(name, values);
        return this;
    }

    public QueryFilter compare(String field, String operator, String value) {
        if (value != null && !value.isBlank()) {
            String name = "p" + count++;
            query.append(" and ").append(field).append(' ').append(operator).append(" :").append(name);
            parameters.and(name, value);
        }
        return this;
    }

    /** The query with its order clause, e.g. {@code orderedBy("raisedAt desc")}. */
    public String orderedBy(String order) {
        return query + " order by " + order;
    }

    public Parameters parameters() {
        return parameters;
    }
}
