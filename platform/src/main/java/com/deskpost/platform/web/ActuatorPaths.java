package com.deskpost.platform.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * Which requests the actuator guard lets through without the key. The container and Spring MVC
 * route a request by its path after stripping path parameters ({@code ;x}), percent-decoding,
 * collapsing {@code //} and resolving {@code .} and {@code ..}, so the guard judges that form, never
 * the raw text: {@code /actuator;x/prometheus}, {@code /actuator/%70rometheus},
 * {@code //actuator/prometheus} and {@code /actuator/health/../prometheus} all need the key. Only
 * a health probe asked for plainly is open; any spelling of it that needs normalising is judged
 * like any other actuator path. A path that cannot be normalised (a bad escape, a {@code ;},
 * {@code %} or {@code \} left after decoding, a {@code ..} above the root) is refused outright.
 */
final class ActuatorPaths {

    /** What the guard does with a request. */
    enum Verdict {
        /** Not an actuator path, or a health probe asked for plainly: passes without the key. */
        OPEN,
        /** An actuator path other than the probes, in any spelling: needs the key. */
        KEY,
        /** Cannot be normalised, so it cannot be judged: 400. */
        MALFORMED
    }

    /** The probes, spelled plainly: letters, digits, '-' and '_' segments only, case as Spring maps them. */
    private static final Pattern PLAIN_PROBE = Pattern.compile("/actuator/health(/[A-Za-z0-9_-]+)*/?");
    private static final UrlPathHelper PATH_PARAMETERS = new UrlPathHelper();

    private ActuatorPaths() {
    }

    /** @param path the request path within the application, as sent (not decoded) */
    static Verdict judge(String path) {
        if (PLAIN_PROBE.matcher(path).matches()) {
            return Verdict.OPEN;
        }
        List<String> forms;
        try {
            forms = normalised(path);
        } catch (IllegalArgumentException | URISyntaxException unjudgeable) {
            return Verdict.MALFORMED;
        }
        return forms.stream().anyMatch(ActuatorPaths::underActuator) ? Verdict.KEY : Verdict.OPEN;
    }

    /**
     * The path as a router that resolves dot segments sees it (the container's servlet path), and as
     * one that does not (Spring's path patterns match segments as sent, {@code ..} included): the
     * guard wants the key if either lands under /actuator.
     */
    private static List<String> normalised(String path) throws URISyntaxException {
        // Spring's own semicolon stripping and decoding, as UrlPathHelper applies them for MVC.
        String decoded = UriUtils.decode(PATH_PARAMETERS.removeSemicolonContent(path), StandardCharsets.UTF_8);
        if (decoded.chars().anyMatch(c -> c == ';' || c == '%' || c == '\\' || Character.isISOControl(c))) {
            throw new IllegalArgumentException("encoded twice, or a path parameter or backslash hidden by encoding");
        }
        String absolute = decoded.startsWith("/") ? decoded : "/" + decoded;
        // java.net.URI resolves '.' and '..' and collapses '//' (RFC 3986 section 5.2.4).
        String resolved = new URI("http", "host", absolute, null).normalize().getPath();
        if (resolved.startsWith("/..")) {
            throw new IllegalArgumentException("'..' climbs above the root");
        }
        String collapsed = new URI("http", "host", absolute.replaceAll("/{2,}", "/"), null).getPath();
        return List.of(resolved, collapsed);
    }

    private static boolean underActuator(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.equals("/actuator") || lower.startsWith("/actuator/");
    }
}
