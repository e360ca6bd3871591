package org.stepcalls.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs in as a browser does — the app's redirect to Keycloak, Keycloak's login form, the code
 * handed back to the app — and returns the app's cookies as one {@code Cookie} header, for wrk.
 * Cookies are kept per origin by hand: Keycloak and the app share 127.0.0.1, and Java's own
 * cookie store would not send a Secure cookie over plain http as a browser does on localhost.
 */
final class BrowserSignIn {

    private static final Pattern LOGIN_FORM = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, Map<String, String>> jars = new HashMap<>();

    static String sessionCookie(String appUrl, String user, String password) throws IOException, InterruptedException {
        BrowserSignIn browser = new BrowserSignIn();
        HttpResponse<String> loginPage = browser.follow(URI.create(appUrl + "/login"), null); // the Sign in button
        Matcher form = LOGIN_FORM.matcher(loginPage.body());
        if (!form.find()) {
            throw new IllegalStateException("no Keycloak login form at " + loginPage.uri() + " (" + loginPage.statusCode() + ")");
        }
        String action = form.group(1).replace("&amp;", "&");
        HttpResponse<String> home = browser.follow(loginPage.uri().resolve(action), "username="
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&credentialId=");
        Map<String, String> appCookies = browser.jars.getOrDefault(origin(URI.create(appUrl)), Map.of());
        if (home.statusCode() != 200 || !home.uri().toString().startsWith(appUrl) || appCookies.isEmpty()) {
            throw new IllegalStateException("the sign-in ended at " + home.uri() + " with " + home.statusCode());
        }
        return cookieHeader(appCookies);
    }

    private HttpResponse<String> follow(URI uri, String form) throws IOException, InterruptedException {
        HttpResponse<String> response = send(uri, form);
        for (int hops = 0; response.statusCode() / 100 == 3 && hops < 10; hops++) {
            uri = uri.resolve(response.headers().firstValue("Location").orElseThrow());
            response = send(uri, null);
        }
        return response;
    }

    private HttpResponse<String> send(URI uri, String form) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        Map<String, String> jar = jars.computeIfAbsent(origin(uri), o -> new LinkedHashMap<>());
        if (!jar.isEmpty()) {
            request.header("Cookie", cookieHeader(jar));
        }
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            String name = pair.substring(0, equals).trim();
            String value = pair.substring(equals + 1).trim();
            if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
        return response;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private static String cookieHeader(Map<String, String> jar) {
        return jar.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }
}
