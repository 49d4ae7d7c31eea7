package com.facegate.bench.console;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One signed-in browser's worth of HTTP: the session cookie (sent by hand: it is Secure, which Java's cookie
 * manager would not send to http://localhost) and the CSRF token of the last page; times GETs of a page.
 */
final class ConsoleClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private String cookie;
    private String csrf;

    ConsoleClient(String base) {
        this.base = base;
    }

    HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    void signIn(String account, String password) throws Exception {
        get("/login");
        String body = "account=" + enc(account) + "&password=" + enc(password) + "&_csrf=" + enc(csrf);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (r.statusCode() != 302 || get("/people").statusCode() != 200) {
            throw new IllegalStateException("sign-in to the console failed: HTTP " + r.statusCode());
        }
    }

    /**
     * p50 and p95 in ms of {@code n} GETs of {@code path} after {@code warmUp} untimed ones; every answer must be
     * 200 and contain {@code mustContain} (a page that renders fast but wrong is no figure).
     */
    double[] time(String path, int warmUp, int n, String mustContain) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            check(path, get(path), mustContain);
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = get(path);
            ms.add((System.nanoTime() - t0) / 1e6);
            check(path, r, mustContain);
        }
        Collections.sort(ms);
        return new double[] {percentile(ms, 0.50), percentile(ms, 0.95)};
    }

    static double percentile(List<Double> sorted, double p) {
        int k = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, k)));
    }

    private static void check(String path, HttpResponse<String> r, String mustContain) {
        if (r.statusCode() != 200 || !r.body().contains(mustContain)) {
            throw new IllegalStateException("GET " + path + ": HTTP " + r.statusCode() + ", expected '"
                    + mustContain + "' in the page");
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        r.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
        return r;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
