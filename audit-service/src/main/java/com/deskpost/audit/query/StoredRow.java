package com.deskpost.audit.query;

import com.deskpost.audit.chain.ChainHash;

/**
 * One audit_log row as stored, every column the chain hash is computed from, and its place in its chain.
 *
 * @param processing its processing activity, lawful basis and purpose; null for a row stored before them
 */
record StoredRow(long seq, String chainId, long chainPosition, String auditId, String draftId, String type,
        long occurredAtMillis, String actor, String recipient, String recipientDigest, String locationId,
        String threadKey, String correlationId, String messageId, String detail, String detailDigest,
        String attributes, String prevHash, String hash, ChainHash.Processing processing) {

    /** A row stored before records of processing. */
    StoredRow(long seq, String chainId, long chainPosition, String auditId, String draftId, String type,
            long occurredAtMillis, String actor, String recipient, String recipientDigest, String locationId,
            String threadKey, String correlationId, String messageId, String detail, String detailDigest,
            String attributes, String prevHash, String hash) {
        this(seq, chainId, chainPosition, auditId, draftId, type, occurredAtMillis, actor, recipient, recipientDigest,
                locationId, threadKey, correlationId, messageId, detail, detailDigest, attributes, prevHash, hash, null);
    }

    /** The columns the row's hash covers. */
    ChainHash.Fields fields() {
        return new ChainHash.Fields(auditId, draftId, type, occurredAtMillis, actor, recipientDigest, locationId,
                threadKey, correlationId, messageId, detailDigest, attributes);
    }
}
