package com.deskpost.platform.credential;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.deskpost.events.EmailDraft;
import com.google.crypto.tink.HybridDecrypt;
import com.samskivert.mustache.Escapers;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens sealed credentials, in delivery only and only at send time. Holds the private keys in force:
 * the current one and any previous one kept while mail sealed under it may still be in flight. A value
 * under a key that is no longer held is refused with that reason: the facility issues the credential again.
 */
public final class CredentialOpener {

    private final Map<String, HybridDecrypt> decrypters = new LinkedHashMap<>();
    private final List<CredentialKeys.PublicKey> publicKeys;

    public CredentialOpener(List<CredentialKeys.PrivateKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("deskpost.credentials.private-keys: at least one key is needed");
        }
        for (CredentialKeys.PrivateKey key : keys) {
            if (decrypters.put(key.id(), key.decrypter()) != null) {
                throw new IllegalArgumentException("deskpost.credentials.private-keys: key id " + key.id()
                        + " is listed twice");
            }
        }
        this.publicKeys = keys.stream().map(CredentialKeys.PrivateKey::publicKey).toList();
    }

    /** The public halves of the keys held, the current one first (what facility systems may seal for). */
    public List<CredentialKeys.PublicKey> publicKeys() {
        return publicKeys;
    }

    /**
     * @param locationId the location of the mail it arrives in
     * @param memberId the member the mail is about ({@code about_member_id}): the holder or sponsor
     * @throws CredentialUnavailable saying why it does not open
     */
    public String open(String sealed, String locationId, String memberId) {
        SealedCredential credential;
        try {
            credential = SealedCredential.parse(sealed);
        } catch (IllegalArgumentException malformed) {
            throw new CredentialUnavailable(null, "A credential in the mail is malformed: " + malformed.getMessage());
        }
        HybridDecrypt decrypter = decrypters.get(credential.keyId());
        if (decrypter == null) {
            throw new CredentialUnavailable(credential.keyId(), "The credential is sealed under key "
                    + credential.keyId() + ", which delivery no longer holds (retired; held: "
                    + String.join(", ", decrypters.keySet()) + "). The facility system must issue the credential again.");
        }
        try {
            return new String(decrypter.decrypt(credential.payload(), CredentialContext.info(locationId, memberId)),
                    UTF_8);
        } catch (GeneralSecurityException e) {
            throw new CredentialUnavailable(credential.keyId(), "The credential sealed under key "
                    + credential.keyId() + " does not open for location " + locationId + " and member " + memberId
                    + ": it was altered, or sealed for another location or member.");
        }
    }

    /**
     * The draft as its one recipient reads it: each placeholder replaced by its opened credential (HTML
     * escaped in the HTML body). For the message handed to the relay only: never publish, store or log it.
     * A secret that is not sealed (a draft composed before sealing) is taken as it is: such a draft shows
     * the value itself, not a placeholder.
     *
     * @throws CredentialUnavailable when a credential does not open, or would break the message
     */
    public EmailDraft reveal(EmailDraft draft) {
        if (draft.getSecrets().isEmpty() && !CredentialPlaceholders.contains(draft.getSubject())
                && !CredentialPlaceholders.contains(draft.getBodyText())
                && !CredentialPlaceholders.contains(draft.getBodyHtml())) {
            return draft;
        }
        List<String> values = new ArrayList<>();
        for (String secret : draft.getSecrets()) {
            String value = SealedCredential.isSealed(secret)
                    ? open(secret, draft.getLocationId(), draft.getAboutMemberId()) : secret;
            if (value.chars().anyMatch(Character::isISOControl)) {
                throw new CredentialUnavailable(null, "Credential " + (values.size() + 1) + " of the mail contains a"
                        + " control character (a line break would inject headers): the facility system must send"
                        + " the code as printable text");
            }
            values.add(value);
        }
        try {
            return EmailDraft.newBuilder(draft)
                    .setSubject(CredentialPlaceholders.fill(draft.getSubject(), values, v -> v))
                    .setBodyText(CredentialPlaceholders.fill(draft.getBodyText(), values, v -> v))
                    .setBodyHtml(CredentialPlaceholders.fill(draft.getBodyHtml(), values, Escapers.HTML::escape))
                    .build();
        } catch (IllegalArgumentException missing) {
            throw new CredentialUnavailable(null, missing.getMessage());
        }
    }
}
