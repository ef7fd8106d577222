package com.deskpost.delivery.sending.dkim;

import com.deskpost.delivery.sending.DeliveryProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code deskpost.delivery.dkim.keys} settings, checked and parsed once when the service starts:
 * every entry names a domain and a selector, and exactly one readable RSA private key; no domain
 * twice. Anything else stops the start with a message naming the setting, so a mistyped path or a
 * public key pasted by mistake is found at deploy time rather than by receivers rejecting mail.
 */
final class DkimKeys {

    private static final String PREFIX = "deskpost.delivery.dkim.keys";
    /** A DNS name: dot-separated labels of letters, digits and inner hyphens (RFC 6376 §3.1 for selectors). */
    private static final Pattern DNS_NAME = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private DkimKeys() {
    }

    /** One domain's signing key. */
    record SigningKey(String domain, String selector, RSAPrivateKey privateKey) {
    }

    /** @return the keys by lower-case domain, in the order configured */
    static Map<String, SigningKey> load(List<DeliveryProperties.Dkim.Key> settings) {
        Map<String, SigningKey> keys = new LinkedHashMap<>();
        for (int i = 0; i < settings.size(); i++) {
            SigningKey key = load(PREFIX + "[" + i + "]", settings.get(i));
            SigningKey before = keys.putIfAbsent(key.domain(), key);
            if (before != null) {
                throw new InvalidDkimSettings(PREFIX + "[" + i + "].domain " + key.domain()
                        + " has a key already (selector " + before.selector() + "): give each domain one key; "
                        + "to rotate, publish the new selector's record first, then replace the key");
            }
        }
        return keys;
    }

    private static SigningKey load(String at, DeliveryProperties.Dkim.Key setting) {
        String domain = required(at + ".domain", setting.domain(), "the sender domain it signs for")
                .toLowerCase(Locale.ROOT);
        if (!DNS_NAME.matcher(domain).matches() || !domain.contains(".")) {
            throw new InvalidDkimSettings(at + ".domain '" + domain + "' is not a domain name (e.g. mail.example.com)");
        }
        String selector = required(at + ".selector", setting.selector(),
                "the selector whose DNS record <selector>._domainkey." + domain + " holds the public key");
        if (!DNS_NAME.matcher(selector).matches()) {
            throw new InvalidDkimSettings(at + ".selector '" + selector
                    + "' is not a DNS label (letters, digits, hyphens; dots between labels)");
        }
        boolean file = present(setting.privateKeyFile());
        boolean text = present(setting.privateKey());
        if (file == text) {
            throw new InvalidDkimSettings(at + " (" + domain + ") needs exactly one of private-key-file and "
                    + "private-key; " + (file ? "both are set" : "neither is set"));
        }
        String source = file ? at + ".private-key-file " + setting.privateKeyFile().strip() : at + ".private-key";
        String pem = file ? read(source, Path.of(setting.privateKeyFile().strip())) : setting.privateKey();
        try {
            return new SigningKey(domain, selector.strip(), PemKeys.rsaPrivateKey(pem));
        } catch (IllegalArgumentException notAKey) {
            throw new InvalidDkimSettings(source + " (" + domain + ") " + notAKey.getMessage(), notAKey);
        }
    }

    private static String read(String source, Path path) {
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidDkimSettings(source + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    private static String required(String setting, String value, String what) {
        if (!present(value)) {
            throw new InvalidDkimSettings(setting + " is missing: set it to " + what);
        }
        return value.strip();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
