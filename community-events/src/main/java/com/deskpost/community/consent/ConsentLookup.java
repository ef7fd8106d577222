package com.deskpost.community.consent;

import java.util.Set;

/** The consent tags an address carries now (see {@code com.deskpost.platform.consent.ConsentTag}). */
@FunctionalInterface
public interface ConsentLookup {

    Set<String> tags(String email);
}
