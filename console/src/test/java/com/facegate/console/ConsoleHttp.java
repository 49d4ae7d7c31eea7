package com.facegate.console;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One browser's worth of state over plain HTTP: its session cookie and the CSRF token of the last page. */
final class ConsoleHttp {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private String cookie;
    private String csrf;

    ConsoleHttp(ConsoleSite site) {
        this("http://localhost:" + site.console.port());
    }

    ConsoleHttp(String base) {
        this.base = base;
    }

    /** The session cookie ({@code name=value}), null before the first answer. */
    String cookie() {
        return cookie;
    }

    HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    /** A form POST; {@code form} is already url-encoded. */
    HttpResponse<String> post(String path, String form, boolean withToken) throws Exception {
        String body = form + (withToken ? "&_csrf=" + enc(csrf) : "");
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The sign-in form's answer as it is (302 when signed in, the code page when a second factor is on). */
    HttpResponse<String> signIn(String account, String password) throws Exception {
        get("/login");
        return post("/login", "account=" + account + "&password=" + enc(password), true);
    }

    ConsoleHttp signIn(String account) throws Exception {
        HttpResponse<String> r = signIn(account, ConsoleSite.PASSWORD);
        if (r.statusCode() != 302) {
            throw new IllegalStateException("sign-in of " + account + " answered " + r.statusCode());
        }
        return this;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        r.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
        return r;
    }
}
