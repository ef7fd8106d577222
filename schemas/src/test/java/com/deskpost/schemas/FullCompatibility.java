package com.deskpost.schemas;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * FULL compatibility between the current schema and one released schema: each reads data
 * written with the other. Applied to every release, that is FULL_TRANSITIVE.
 */
final class FullCompatibility {

    private FullCompatibility() {
    }

    /** Why the two are not fully compatible; empty when they are. */
    static List<String> problems(Schema current, Schema released) {
        List<String> problems = new ArrayList<>();
        describe(current, released, "the current schema cannot read data written with the released one", problems);
        describe(released, current, "the released schema cannot read data written with the current one", problems);
        return problems;
    }

    private static void describe(Schema reader, Schema writer, String direction, List<String> into) {
        for (Incompatibility incompatibility : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            into.add(direction + ": " + incompatibility.getType() + " at " + incompatibility.getLocation() + " ("
                    + incompatibility.getMessage() + ")");
        }
    }
}
