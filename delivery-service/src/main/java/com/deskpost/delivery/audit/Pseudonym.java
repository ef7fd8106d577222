package com.deskpost.delivery.audit;


/**
 * What replaces an erased address in the audit store and the ledger: {@code erased:} and the first
 * 16 hex digits of the address's SHA-256. It is derived from the digest the chain hash covers, so
 * the chain verifier can tell a pseudonymised row from an edited one, and it is the same for every
 * row of the address, so an erased person's history still reads as one person's.
 */
public final class Pseudonym {

    public static final String PREFIX = "erased:";
    /** Digits of the digest kept: 64 bits, enough to keep addresses apart, too few to search for one. */
    public static final int DIGEST_CHARS = 16;

    private Pseudonym() {
    }

    /** The pseudonym of an address stored as given. */
    public static String of(String address) {
        return ofDigest(AuditLog.digest(address));
    }

    /** The pseudonym of the address whose SHA-256 (hex) is {@code digest}. */
    public static String ofDigest(String digest) {
        return PREFIX + digest.substring(0, DIGEST_CHARS);
    }
}
