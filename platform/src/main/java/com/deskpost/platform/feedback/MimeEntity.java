package com.deskpost.platform.feedback;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough MIME (RFC 2045/2046/2047) to read a bounce or complaint report: unfolded headers, a part's type and
 * parameters, its decoded text, the parts of a multipart and the message inside a message/rfc822 part. Hand-written
 * because platform carries no mail library (Jakarta Mail lives in the services that speak SMTP), and a report needs
 * none of a full one's features. The text is kept as ISO-8859-1 so no byte is lost before a part's charset is known.
 */
final class MimeEntity {

    private static final Pattern PARAM = Pattern.compile(
            ";\\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;\\s]+)");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([bBqQ])\\?([^?]*)\\?=");
    private static final int MAX_DEPTH = 8;

    private final Map<String, List<String>> headers;
    private final String body;
    private final int depth;

    private MimeEntity(Map<String, List<String>> headers, String body, int depth) {
        this.headers = headers;
        this.body = body;
        this.depth = depth;
    }

    static MimeEntity parse(byte[] raw) {
        return parse(new String(raw, StandardCharsets.ISO_8859_1), 0);
    }

    private static MimeEntity parse(String text, int depth) {
        String normalised = text.replace("\r\n", "\n");
        int end = normalised.startsWith("\n") ? 0 : normalised.indexOf("\n\n");
        String head = end < 0 ? normalised : normalised.substring(0, end);
        String body = end < 0 ? "" : normalised.substring(end + (end == 0 ? 1 : 2));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : head.split("\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString().strip());
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.substring(0, colon).contains(" ")) {
                name = null;
                continue;
            }
            name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            value = new StringBuilder(line.substring(colon + 1));
        }
        if (name != null) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString().strip());
        }
        return new MimeEntity(headers, body, depth);
    }

    boolean hasHeaders() {
        return !headers.isEmpty();
    }

    /** The first value of a header, unfolded, encoded words decoded; null when absent. */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : decodeWords(values.get(0));
    }

    /** The lower-case media type, {@code text/plain} when none is given (RFC 2045 5.2). */
    String mediaType() {
        String contentType = header("Content-Type");
        if (contentType == null || contentType.isBlank()) {
            return "text/plain";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    boolean is(String type) {
        return mediaType().equals(type);
    }

    /** A Content-Type parameter (boundary, charset, report-type), or null. */
    String parameter(String name) {
        String contentType = header("Content-Type");
        if (contentType == null) {
            return null;
        }
        Matcher matcher = PARAM.matcher(contentType);
        while (matcher.find()) {
            if (matcher.group(1).equalsIgnoreCase(name)) {
                return matcher.group(3) != null ? matcher.group(3).replaceAll("\\\\(.)", "$1") : matcher.group(2);
            }
        }
        return null;
    }

    /** The body with its transfer encoding undone and decoded in its charset. */
    String text() {
        String encoding = header("Content-Transfer-Encoding");
        encoding = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        byte[] bytes = switch (encoding) {
            case "base64" -> Base64.getMimeDecoder().decode(body.replaceAll("[^A-Za-z0-9+/=]", ""));
            case "quoted-printable" -> quotedPrintable(body);
            default -> body.getBytes(StandardCharsets.ISO_8859_1);
        };
        return new String(bytes, charset(parameter("charset")));
    }

    /** The parts of a multipart entity; empty when it is not one or names no boundary. */
    List<MimeEntity> parts() {
        String boundary = parameter("boundary");
        if (!mediaType().startsWith("multipart/") || boundary == null || depth >= MAX_DEPTH) {
            return List.of();
        }
        List<MimeEntity> parts = new ArrayList<>();
        String delimiter = "--" + boundary;
        StringBuilder current = null;
        for (String line : body.split("\n", -1)) {
            String trimmed = line.stripTrailing();
            if (trimmed.equals(delimiter + "--")) {
                break;
            }
            if (trimmed.equals(delimiter)) {
                if (current != null) {
                    parts.add(parse(current.toString(), depth + 1));
                }
                current = new StringBuilder();
                continue;
            }
            if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (current != null) {
            parts.add(parse(current.toString(), depth + 1));
        }
        return parts;
    }

    /** Whether it is multipart with a boundary that occurs in its body. */
    boolean wellFormedMultipart() {
        String boundary = parameter("boundary");
        return boundary != null && body.contains("--" + boundary);
    }

    /** The message (or headers) a message/rfc822 or text/rfc822-headers part carries. */
    MimeEntity embedded() {
        return parse(text(), depth + 1);
    }

    /** Every part at any depth, this one first, not descending into embedded messages. */
    List<MimeEntity> flatten() {
        List<MimeEntity> all = new ArrayList<>();
        all.add(this);
        for (MimeEntity part : parts()) {
            all.addAll(part.flatten());
        }
        return all;
    }

    private static Charset charset(String name) {
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip());
        } catch (RuntimeException unknown) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    private static byte[] quotedPrintable(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String joined = text.replaceAll("=[ \\t]*\n", "");
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && i + 2 < joined.length()
                    && isHex(joined.charAt(i + 1)) && isHex(joined.charAt(i + 2))) {
                out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write((byte) c);
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** RFC 2047 encoded words in a header (an "Automatische Antwort" subject); headers are otherwise ASCII. */
    static String decodeWords(String value) {
        if (value == null || !value.contains("=?")) {
            return value;
        }
        Matcher matcher = ENCODED_WORD.matcher(value.replaceAll("\\?=\\s+=\\?", "?==?"));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            byte[] bytes;
            if (matcher.group(2).equalsIgnoreCase("b")) {
                bytes = Base64.getMimeDecoder().decode(matcher.group(3));
            } else {
                bytes = quotedPrintable(matcher.group(3).replace('_', ' '));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(new String(bytes, charset(matcher.group(1)))));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
