package com.deskpost.schemas;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12.2 loads no application class by name unless it is trusted JVM-wide
 * ({@code ClassSecurityValidator}, AVRO-4189), and its generated builders load classes by name
 * to fill record defaults (an empty {@code array<Guest>}), so building a contract record fails
 * until trust is granted. This grants it to exactly the generated contract package,
 * {@code com.deskpost.events}, keeping Avro's protection for every other class. Entry points
 * (the topic constants, the simulator, test JVMs via a system property) call it before any
 * record is built.
 */
public final class ContractClasses {

    public static final String PACKAGE = "com.deskpost.events";
    private static final AtomicBoolean TRUSTED = new AtomicBoolean();

    private ContractClasses() {
    }

    /** Idempotent. */
    public static void trust() {
        if (TRUSTED.compareAndSet(false, true)) {
            ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                    type -> type.getName().startsWith(PACKAGE + ".")));
        }
    }
}
