package com.deskpost.audit.chain;

import java.util.Optional;

/** Recomputes part of a chain, so that only a segment found intact is archived and dropped. */
public interface SegmentVerifier {

    /**
     * @return what is wrong with the chain's rows after {@code from} up to {@code to}: not every row sound,
     *     not linking from {@code from}'s hash, or not ending at {@code to}'s hash; empty when intact
     */
    Optional<String> brokenBetween(String chain, ChainHead from, ChainHead to);
}
