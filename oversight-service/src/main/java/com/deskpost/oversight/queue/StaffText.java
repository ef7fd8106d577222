package com.deskpost.oversight.queue;

import com.deskpost.platform.audit.Secrets;
import com.deskpost.platform.credential.SealedCredential;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Text of a held or released draft put into a mail oversight itself sends to staff (an expiry alert, a
 * digest). The draft shows its credentials as {@code ⟦credential n⟧}, which delivery fills in from the
 * mail's own sealed credentials; a staff mail carries none, so a placeholder left in it would stop its
 * delivery. Staff read {@code [credential n]} instead: the same information, nothing delivery would fill.
 * A draft composed before credentials were sealed (still on a drafts topic during an upgrade) carries
 * them in clear: {@link #held} masks those, and only those, so no staff screen ever shows one.
 */
public final class StaffText {

    /** The form of {@link com.deskpost.platform.credential.CredentialPlaceholders#of(int)}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("⟦credential (\\d{1,3})⟧");

    private StaffText() {
    }

    /**
     * The subject or text of a draft as the queue keeps it for staff: as it is, since a credential shows as
     * its placeholder; a clear secret of a draft composed before sealing is masked.
     */
    public static String held(String text, List<String> secrets) {
        return Secrets.mask(text, secrets.stream().filter(secret -> !SealedCredential.isSealed(secret)).toList());
    }

    public static String of(String text) {
        return text == null ? null : PLACEHOLDER.matcher(text).replaceAll("[credential $1]");
    }
}
