package org.stepcalls.discourse.api;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.stepcalls.discourse.JsonFields;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Answers as Discourse answers: 200 with {@code application/json; charset=utf-8} exactly (clients
 * treat any other status as an error), and errors as {@code {"errors":[…],"error_type":…}} with
 * 403, 404, 422 or 429 — a refusal the forum answers 400 or 409 is Discourse's 422.
 */
final class DiscourseResponses {

    static final String JSON = "application/json; charset=utf-8";
    static final String NOT_LOGGED_IN = "You need to be signed in to do that: send Api-Key and Api-Username.";

    private DiscourseResponses() {
    }

    static Response ok(Object body) {
        return Response.ok(body).header(HttpHeaders.CONTENT_TYPE, JSON).build();
    }

    /** The viewer, or 403 {@code not_logged_in}: a forum of NA members is never public. */
    static Viewer signedIn(CurrentUser currentUser) {
        if (!currentUser.isSignedIn()) {
            throw new ApiException(403, "not_logged_in", NOT_LOGGED_IN);
        }
        return currentUser.viewer();
    }

    static Response refused(ApiException refusal) {
        int status = switch (refusal.status()) {
            case 400, 409, 422 -> 422;
            case 401, 403 -> 403;
            case 404 -> 404;
            case 429 -> 429;
            default -> refusal.status();
        };
        String type = switch (status) {
            case 403 -> "not_logged_in".equals(refusal.code()) ? "not_logged_in" : "invalid_access";
            case 404 -> "not_found";
            case 429 -> "rate_limit";
            default -> refusal.code();
        };
        return error(status, refusal.getMessage(), type);
    }

    static Response refused(UnauthorizedException refusal) {
        return error(403, NOT_LOGGED_IN, "not_logged_in");
    }

    static Response refused(ForbiddenException refusal) {
        return error(403, "You are not permitted to view the requested resource.", "invalid_access");
    }

    static Response error(int status, String message, String type) {
        return Response.status(status).header(HttpHeaders.CONTENT_TYPE, JSON)
                .entity(new JsonFields().with("errors", List.of(message)).with("error_type", type)).build();
    }
}
