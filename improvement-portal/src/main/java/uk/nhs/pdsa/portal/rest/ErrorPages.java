package uk.nhs.pdsa.portal.rest;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * What a person sees when a page cannot be shown: not found (also for what they may not read: the services answer
 * 404 for another organisation's data), not allowed, or a service not answering. Plain words, no internal text.
 */
public class ErrorPages {
    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @Inject
    @Location("error.html")
    Template error;

    @ServerExceptionMapper
    public Response answered(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        return switch (status) {
            case 404, 400 -> page(404, "Page not found", "There is no chart, finding or need at this address that you can see."
                    + " Check the address, or start again from your home page.");
            case 403 -> page(403, "You cannot see this page", "Your role does not include this page. Ask your trust's"
                    + " audit lead if you need it.");
            default -> unavailable(e);
        };
    }

    @ServerExceptionMapper
    public Response unreachable(ProcessingException e) {
        return unavailable(e);
    }

    private Response unavailable(Exception e) {
        LOG.warnf("A service did not answer the portal: %s", e.toString());
        return page(503, "Sorry, there is a problem with the service", "Part of the platform is not answering."
                + " Try again in a few minutes.");
    }

    private Response page(int status, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(error.data("title", title).data("message", message).data("current", "").render()).build();
    }
}
