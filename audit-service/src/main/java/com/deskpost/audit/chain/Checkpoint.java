package com.deskpost.audit.chain;

import java.time.Instant;

/**
 * A chain's head anchored at a moment: position and hash, sealed so that nobody without the checkpoint
 * secret can make or move one.
 *
 * @param createdAt when it was taken, to the millisecond (the seal covers the milliseconds)
 * @param seal HMAC-SHA256 of the other fields under the checkpoint secret
 */
public record Checkpoint(String chain, long position, String hash, Instant createdAt, String seal) {

    static Checkpoint sealed(ChainSeal seal, String chain, ChainHead head, Instant createdAt) {
        Checkpoint unsealed = new Checkpoint(chain, head.position(), head.hash(), createdAt, null);
        return new Checkpoint(chain, head.position(), head.hash(), createdAt, seal.seal(unsealed.sealedFields()));
    }

    /** Whether the seal is the checkpoint secret's over this checkpoint. */
    public boolean sealedBy(ChainSeal seal) {
        return seal.verifies(this.seal, sealedFields());
    }

    /** The head it anchors. */
    public ChainHead head() {
        return new ChainHead(position, hash);
    }

    private String[] sealedFields() {
        return new String[] {"checkpoint", chain, Long.toString(position), hash, Long.toString(createdAt.toEpochMilli())};
    }
}
