package uk.nhs.pdsa.notification.pictures;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

/**
 * findings-service's picture of a stored chart, read with this service's own token (client credentials at the
 * identity provider; role {@code chart-reader}). Address and timeouts: {@code quarkus.rest-client.findings.*}.
 */
@RegisterRestClient(configKey = "findings")
@OidcClientFilter
@Path("/api/v1")
public interface FindingsCharts {
    @GET
    @Path("/spc")
    @Produces("image/svg+xml")
    String svg(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("organisation") String organisation, @QueryParam("microsystem") String microsystem);
}
