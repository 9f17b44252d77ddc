package uk.nhs.pdsa.runtime.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;

/**
 * Every page of a list says where the others are, as RFC 8288 {@code Link} headers: {@code first}, {@code prev} (not on
 * the first page), {@code next} (not on the last) and {@code last}, each the same request with another {@code page}.
 * Targets are absolute paths with the query, so they stay right behind a proxy that rewrites the host.
 */
@Provider
public class PageLinks implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 200 || !(response.getEntity() instanceof PageView<?> page) || page.size() < 1) {
            return;
        }
        response.getHeaders().add("Link", String.join(", ", links(request.getUriInfo().getRequestUriBuilder(), page)));
    }

    /** The link values of {@code page} of the list at {@code request}. */
    static List<String> links(UriBuilder request, PageView<?> page) {
        long last = page.total() == 0 ? 0 : (page.total() - 1) / page.size();
        List<String> links = new ArrayList<>(4);
        links.add(link(request, 0, "first"));
        if (page.page() > 0) {
            links.add(link(request, Math.min(page.page() - 1L, last), "prev"));
        }
        if (page.page() < last) {
            links.add(link(request, page.page() + 1L, "next"));
        }
        links.add(link(request, last, "last"));
        return links;
    }

    private static String link(UriBuilder request, long page, String rel) {
        var uri = request.clone().replaceQueryParam("page", page).build();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return "<" + target + ">; rel=\"" + rel + "\"";
    }
}
