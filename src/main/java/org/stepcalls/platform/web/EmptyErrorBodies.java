package org.stepcalls.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Some refusals leave the framework without a body — above all the CSRF filter's 400 for a form
 * sent without its token. Give them the same clear error as everything else.
 */
public class EmptyErrorBodies {

    @ServerResponseFilter
    public void explain(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 400 || response.hasEntity()) {
            return;
        }
        String message = "The form could not be accepted: it had expired or did not come from this site. "
                + "Go back, reload the page and send it again (what you typed is still there).";
        if (request.getUriInfo().getPath().startsWith("/api/")) {
            response.setEntity(new ErrorBody("invalid_input", message + " API calls: send JSON with a bearer token."),
                    null, MediaType.APPLICATION_JSON_TYPE);
        } else {
            response.setEntity(ErrorResponses.Templates.error(400, "That did not work", message), null,
                    MediaType.TEXT_HTML_TYPE);
        }
    }
}
