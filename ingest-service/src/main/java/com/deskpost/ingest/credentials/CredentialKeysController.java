package com.deskpost.ingest.credentials;

import com.deskpost.ingest.auth.Authenticator;
import com.deskpost.ingest.web.JsonRequests;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialSealer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/credential-keys}: the public keys a facility system seals credentials under before
 * publishing (docs/sealed-credentials.md), the current key first; during a rotation the previous key,
 * which delivery still holds, follows with {@code current: false}. Any authenticated ingest client may
 * read it (the keys are public, but the list of who may call stays the same as for every ingest endpoint).
 */
@RestController
class CredentialKeysController {

    static final String CONTEXT = "HPKE base mode (RFC 9180), empty aad; info = UTF-8 \"deskpost-credential-v1\""
            + " NUL header.location_id NUL member_id of the access event (the credential's holder, or the sponsor"
            + " of a visitor or contractor)";
    static final String FORMAT = "sealed:v1:<key_id>:<base64url(enc||ciphertext)>";

    private final Authenticator authenticator;
    private final CredentialSealer sealer;

    CredentialKeysController(Authenticator authenticator, CredentialSealer sealer) {
        this.authenticator = authenticator;
        this.sealer = sealer;
    }

    @GetMapping(path = "/api/v1/credential-keys", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> keys(HttpServletRequest request) {
        // A signed GET signs "<t>." followed by the empty body.
        authenticator.authenticate(JsonRequests.credentials(request), new byte[0]);
        List<Map<String, Object>> keys = new ArrayList<>();
        for (CredentialKeys.PublicKey key : sealer.keys()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key_id", key.id());
            entry.put("public_key", Base64.getUrlEncoder().withoutPadding().encodeToString(key.raw()));
            entry.put("current", key.id().equals(sealer.current().id()));
            keys.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("suite", CredentialKeys.SUITE);
        body.put("context", CONTEXT);
        body.put("format", FORMAT);
        body.put("keys", keys);
        return body;
    }
}
