package org.stepcalls.platform.web;

/**
 * A refusal with the status, error code and sentence the API contract gives
 * ({@code {"error": code, "message": sentence}}). Pages show the same sentence.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    protected ApiException(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    /** The form field at fault, for pages to mark; {@code null} when no single field is. */
    public String field() {
        return field;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException invalid(String message) {
        return new ApiException(400, "invalid_input", message);
    }

    /** Bad input in one field of a form or body. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(400, "invalid_input", message, field);
    }

    /** Bad input in one field, with an error code of its own. */
    public static ApiException invalidField(String field, String code, String message) {
        return new ApiException(400, code, message, field);
    }

    public static ApiException invalid(String code, String message) {
        return new ApiException(400, code, message);
    }

    /** A JSON body the resource cannot do without; a missing one is bad input, not a server fault. */
    public static <T> T requireBody(T body) {
        if (body == null) {
            throw invalid("The request needs a JSON body.");
        }
        return body;
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    /** Also for things that exist but the asker may not see: the two must be indistinguishable. */
    public static ApiException notFound() {
        return new ApiException(404, "not_found", "There is nothing here, or you are not allowed to see it.");
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    /** A conflict with what is saved, caused by one field of a form or body. */
    public static ApiException conflictOnField(String field, String code, String message) {
        return new ApiException(409, code, message, field);
    }

    /** Too many tries of something a limit protects; the sentence says when or how to go on. */
    public static ApiException tooManyTries(String field, String code, String message) {
        return new ApiException(429, code, message, field);
    }
}
