package org.stepcalls.discourse.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.stepcalls.platform.security.ApiKeyAuthenticationMechanism;
import org.stepcalls.platform.web.ApiException;

/**
 * Discourse clients send forms ({@code title=…&raw=…}) signed with an {@code Api-Key} header. The
 * pages' CSRF check asks every form for the token of a browser session, which a script never has;
 * but a cross-site form can never set a header, so a form carrying {@code Api-Key} cannot be a
 * forged one. Such a form, and only on Discourse's post routes, is read under its own media type,
 * which the CSRF filter leaves alone; the key itself is checked by sign-in as for every request.
 */
public class DiscourseForms {

    static final String KEYED_FORM = "application/vnd.stepcalls.api-key-form";

    @ServerRequestFilter(preMatching = true)
    public void keyedForms(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean postRoute = path.equals("/posts") || path.equals("/posts.json") || path.matches("/posts/\\d+\\.json");
        MediaType type = request.getMediaType();
        if (postRoute && type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                && request.getHeaderString(ApiKeyAuthenticationMechanism.KEY_HEADER) != null) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, KEYED_FORM + "; charset=UTF-8");
        }
    }

    /** {@code a=1&post%5Braw%5D=…} as a map; the last of repeated names wins. */
    static Map<String, String> parse(String body) {
        Map<String, String> fields = new HashMap<>();
        if (body == null || body.isBlank()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("The form is not URL-encoded."); // never quote what was sent
            }
        }
        return fields;
    }
}
