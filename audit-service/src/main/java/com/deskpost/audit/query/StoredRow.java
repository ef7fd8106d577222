package com.deskpost.audit.query;

import com.deskpost.audit.chain.ChainHash;

/** One audit_log row as stored, every column the chain hash is computed from, and its place in its chain. */
record StoredRow(long seq, String chainId, long chainPosition, String auditId, String draftId, String type,
        long occurredAtMillis, String actor, String recipient, String recipientDigest, String locationId,
        String threadKey, String correlationId, String messageId, String detail, String detailDigest,
        String attributes, String prevHash, String hash) {

    /** The columns the row's hash covers. */
    ChainHash.Fields fields() {
        return new ChainHash.Fields(auditId, draftId, type, occurredAtMillis, actor, recipientDigest, locationId,
                threadKey, correlationId, messageId, detailDigest, attributes);
    }
}
