package com.deskpost.audit.query;

/** One audit_log row as stored, every column the chain hash is computed from. */
record StoredRow(long seq, String auditId, String draftId, String type, long occurredAtMillis, String actor,
        String recipient, String recipientDigest, String locationId, String threadKey, String correlationId,
        String messageId, String detail, String detailDigest, String attributes, String prevHash, String hash) {
}
