package com.deskpost.delivery.sending.dkim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;

/**
 * Apache James jDKIM, a DKIM implementation independent of the signer's, verifying raw message
 * bytes. Instead of DNS it is handed the TXT record a receiver would find at
 * {@code <selector>._domainkey.<domain>}, and only there.
 */
final class IndependentVerifier {

    private final String domain;
    private final String selector;
    private final String txtRecord;

    IndependentVerifier(String domain, String selector, String txtRecord) {
        this.domain = domain;
        this.selector = selector;
        this.txtRecord = txtRecord;
    }

    /** @throws FailException when no signature verifies, with the reason */
    List<SignatureRecord> verify(byte[] rawMessage) throws FailException {
        DKIMVerifier verifier = new DKIMVerifier((method, recordSelector, recordDomain) -> {
            if (recordSelector.toString().equals(selector) && recordDomain.toString().equalsIgnoreCase(domain)) {
                return List.of(txtRecord);
            }
            throw new PermFailException("no DKIM record at " + recordSelector + "._domainkey." + recordDomain);
        });
        try {
            List<SignatureRecord> verified = verifier.verify(new ByteArrayInputStream(rawMessage));
            if (verified == null) {
                throw new PermFailException("the message has no DKIM-Signature");
            }
            return verified;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
