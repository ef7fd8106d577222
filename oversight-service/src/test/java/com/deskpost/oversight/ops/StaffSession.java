package com.deskpost.oversight.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;

/**
 * The ops page over plain HTTP, as a browser without JavaScript uses it: a cookie jar, forms
 * posted with the hidden fields the page gave, and redirects not followed on their own, so a test
 * sees each one.
 */
final class StaffSession {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final UnaryOperator<String> url;

    private StaffSession(UnaryOperator<String> url) {
        this.url = url;
    }

    static StaffSession anonymous(UnaryOperator<String> url) {
        return new StaffSession(url);
    }

    /** Signs in through the sign-in form; fails the test unless it lands on the queue. */
    static StaffSession signIn(UnaryOperator<String> url, String memberId, String password) {
        StaffSession session = new StaffSession(url);
        String loginPage = session.get("/ops/login").body();
        HttpResponse<String> signedIn = session.post("/ops/login", Map.of("username", memberId,
                "password", password, "_csrf", hidden(loginPage, "_csrf")));
        assertThat(signedIn.statusCode()).as("sign-in redirect").isEqualTo(302);
        assertThat(location(signedIn)).endsWith("/ops");
        return session;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url.apply(path))).GET().build());
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url.apply(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Posts a form and follows its post/redirect/get to the page it lands on. */
    String submit(String path, Map<String, String> form) {
        HttpResponse<String> posted = post(path, form);
        assertThat(posted.statusCode()).as("redirect after posting " + path).isEqualTo(302);
        URI target = URI.create(location(posted));
        return get(target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery())).body();
    }

    /** The value of a hidden field on a page, unescaped as a browser would read it. */
    static String hidden(String html, String name) {
        return field(html, Pattern.compile("<input type=\"hidden\" name=\"" + Pattern.quote(name)
                + "\" value=\"([^\"]*)\">"));
    }

    /** The value of a hidden field inside one form of the page. */
    static String hidden(String html, String formId, String name) {
        Matcher form = Pattern.compile("<form [^>]*id=\"" + Pattern.quote(formId) + "\".*?</form>", Pattern.DOTALL)
                .matcher(html);
        assertThat(form.find()).as("form " + formId).isTrue();
        return hidden(form.group(), name);
    }

    /** A textarea's text as a browser would submit it unchanged: the one newline after the tag is not part of it. */
    static String textarea(String html, String id) {
        String raw = field(html, Pattern.compile("<textarea id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</textarea>",
                Pattern.DOTALL));
        return raw.startsWith("\n") ? raw.substring(1) : raw;
    }

    static String flash(String html) {
        return HtmlUtils.htmlUnescape(field(html, Pattern.compile("<p id=\"flash\"[^>]*>([^<]*)</p>")));
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static String field(String html, Pattern pattern) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as(pattern + " on the page").isTrue();
        return HtmlUtils.htmlUnescape(matcher.group(1));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted requesting " + request.uri(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
