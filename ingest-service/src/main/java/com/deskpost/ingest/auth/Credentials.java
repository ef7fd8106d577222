package com.deskpost.ingest.auth;

/**
 * What a request presented: an {@code Authorization} header, or the {@code X-Deskpost-Client} and
 * {@code X-Deskpost-Signature} headers of a signed body. Any may be null.
 */
public record Credentials(String authorization, String clientId, String signature) {

    public static final String CLIENT_HEADER = "X-Deskpost-Client";
    public static final String SIGNATURE_HEADER = "X-Deskpost-Signature";

    boolean none() {
        return authorization == null && clientId == null && signature == null;
    }
}
