package com.deskpost.platform.failure;

/**
 * Why processing a record failed, as far as what to do next is concerned. Bad input is the record's
 * fault: it is dead-lettered with the reason at once. A failure of our own infrastructure (PostgreSQL,
 * the schema registry, the broker) is not: the consumer waits, backs off and retries the same record
 * until the infrastructure is back, and never dead-letters it for that reason (DESIGN §3 "Nothing is
 * lost"). Anything else is an ordinary failure, retried a few times and then dead-lettered.
 */
public enum Failure {
    BAD_INPUT,
    POSTGRESQL,
    REGISTRY,
    BROKER,
    OTHER;

    /** True for a failure of our own infrastructure: wait it out, never dead-letter. */
    public boolean isInfrastructure() {
        return this == POSTGRESQL || this == REGISTRY || this == BROKER;
    }

    /** The reason as it appears in metrics and readiness: {@code postgresql}, {@code registry}, ... */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
