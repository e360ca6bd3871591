package org.stepcalls.forum.web;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.stepcalls.platform.security.TestUsers;

import io.restassured.response.Response;

/**
 * Drives the HTML pages as a browser would — read a form, send it back with its CSRF token —
 * signed in by bearer token (the default tenant is "hybrid", so pages accept one too).
 */
public record PageSession(String token) {

    public static final String CSRF_COOKIE = "stepcalls-csrf";

    public Response get(String path) {
        return given().redirects().follow(false).header("Authorization", TestUsers.bearer(token)).get(path);
    }

    public Document page(String path) {
        return Jsoup.parse(get(path).then().statusCode(200).extract().asString());
    }

    /** Loads {@code formPage}, takes its CSRF token and cookie, and posts {@code fields} to {@code action}. */
    public Response submit(String formPage, String action, Map<String, String> fields) {
        Response page = get(formPage);
        String csrf = Jsoup.parse(page.asString()).select("input[name=csrf-token]").first().val();
        String cookie = page.getCookie(CSRF_COOKIE);
        return given().redirects().follow(false).header("Authorization", TestUsers.bearer(token))
                .cookie(CSRF_COOKIE, cookie)
                .contentType("application/x-www-form-urlencoded")
                .formParams(fields).formParam("csrf-token", csrf)
                .post(action);
    }
}
