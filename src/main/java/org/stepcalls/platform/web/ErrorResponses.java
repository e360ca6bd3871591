package org.stepcalls.platform.web;

import java.net.URI;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.stepcalls.platform.database.DatabaseUnavailable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Turns every failure into the contract's JSON error for {@code /api/**} and into a plain error
 * page elsewhere. Never a stack trace, never the text of an exception (it may quote user input).
 */
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String title, String message);
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e, UriInfo uri) {
        return retryAfterWhenBusy(Response.fromResponse(respond(uri, e.status(), e.code(), e.getMessage())), e).build();
    }

    /** A 503 of ours is a line that was full a moment ago (InTurn): a second is enough. Pages that answer the refusal themselves use it too. */
    public static Response.ResponseBuilder retryAfterWhenBusy(Response.ResponseBuilder response, ApiException e) {
        return e.status() == 503 ? response.header("Retry-After", "1") : response;
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        if (!isApi(uri)) {
            return Response.seeOther(URI.create("/login")).build();
        }
        return respond(uri, 401, "not_signed_in", "Sign in first: send an access token as 'Authorization: Bearer <token>'.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(uri, 403, "forbidden", "Your role does not allow this.");
    }

    /** Quarkus maps this subtype itself (echoing the input); ours must be at least as specific. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unparsableJson(com.fasterxml.jackson.core.JsonParseException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName();
            return respond(uri, 400, "invalid_input", "The field '" + field + "' has the wrong type.");
        }
        return respond(uri, 400, "malformed_json", "The request body is not valid JSON.");
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        String message = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + " " + v.getMessage())
                .sorted().collect(Collectors.joining("; "));
        return respond(uri, 400, "invalid_input", message);
    }

    @ServerExceptionMapper({ OptimisticLockException.class, StaleObjectStateException.class })
    public Response concurrentChange(Exception e, UriInfo uri) {
        return respond(uri, 409, "conflict", "Someone else changed this at the same moment. Reload and try again.");
    }

    /** A unique constraint lost to a concurrent request: a conflict, not a server fault. */
    @ServerExceptionMapper
    public Response duplicate(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        return respond(uri, 409, "conflict", "That clashes with something saved at the same moment. Reload and try again.");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri, request);
        }
        return switch (status) {
            case 404 -> respond(uri, 404, "not_found", ApiException.notFound().getMessage());
            case 405 -> respond(uri, 405, "method_not_allowed", "This address does not accept that method.");
            case 406 -> respond(uri, 406, "not_acceptable", "This address cannot answer in the format asked for.");
            case 415 -> respond(uri, 415, "unsupported_media_type", "Send the body in the format this address expects.");
            case 401 -> unauthorized(new UnauthorizedException(), uri);
            case 403 -> forbidden(new ForbiddenException(), uri);
            default -> respond(uri, status, "invalid_input", "The request could not be understood.");
        };
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpServerRequest request) {
        if (DatabaseUnavailable.causedBy(e)) {
            return databaseUnavailable(e, uri);
        }
        if (clientWentAway(e, request)) { // e.g. a phone losing signal mid-upload: nobody to answer, nothing of ours broke
            LOG.debugf("The client closed the connection during the request: %s", e.getClass().getName());
            return respond(uri, 400, "client_closed", "The connection closed before the request arrived whole.");
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        // class and frames only: an exception's message can quote the data that caused it
        LOG.errorf("Unexpected failure %s: %s at %s", incident, e.getClass().getName(), firstFrames(e));
        return respond(uri, 500, "internal_error", "Something went wrong on our side (incident " + incident
                + "). Nothing you sent has been half-saved; please try again.");
    }

    /**
     * The database is down or restarting: trying again shortly will work. Nothing was saved unless
     * it broke during the commit itself, when the write may have landed: then say so, or a retry
     * posts it twice.
     */
    private static Response databaseUnavailable(Throwable e, UriInfo uri) {
        boolean inDoubt = DatabaseUnavailable.duringCommit(e);
        LOG.warnf("Database unavailable%s: %s", inDoubt ? " while committing" : "", e.getClass().getName());
        Response response = respond(uri, 503, "database_unavailable", inDoubt
                ? "The database went away while saving this, so it may or may not have been saved."
                        + " Please look before you send it again in a minute."
                : "The database cannot be reached just now, so nothing was saved. Please try again in a minute.");
        return Response.fromResponse(response).header("Retry-After", "10").build();
    }

    /**
     * A read that failed because the other end hung up: the connection is closed and the failure is an
     * I/O one while the request's body was read (Vert.x's request stream), not some other I/O of ours.
     */
    private static boolean clientWentAway(Throwable e, HttpServerRequest request) {
        if (request == null || !request.response().closed()) {
            return false;
        }
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) { // bounded: a cause chain may loop
            if (t instanceof java.io.IOException && readingTheRequest(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean readingTheRequest(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().contains("VertxInputStream")) {
                return true;
            }
        }
        return false;
    }

    static boolean isApi(UriInfo uri) {
        String path = uri.getPath();
        return path.equals("/api") || path.startsWith("/api/");
    }

    private static Response respond(UriInfo uri, int status, String code, String message) {
        if (isApi(uri)) {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message)).build();
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(status, title(status), message)).build();
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "That did not work";
            case 401 -> "Please sign in";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "Not possible right now";
            case 503 -> "Out of service for a moment";
            default -> status >= 500 ? "Something went wrong" : "That did not work";
        };
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String firstFrames(Throwable e) {
        StringBuilder frames = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            frames.append(t.getClass().getSimpleName());
            StackTraceElement[] trace = t.getStackTrace();
            for (int i = 0; i < Math.min(4, trace.length); i++) {
                frames.append(" < ").append(trace[i]);
            }
            frames.append(" | ");
        }
        return frames.toString();
    }
}
