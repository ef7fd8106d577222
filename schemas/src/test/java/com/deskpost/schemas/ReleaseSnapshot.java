package com.deskpost.schemas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.avro.Schema;

/**
 * Snapshots the current topic value schemas as a new release, e.g. {@code released/v2}; see
 * {@code schemas/released/README.md}. A release is never rewritten: consumers in the field
 * may still read with it.
 */
public final class ReleaseSnapshot {

    private ReleaseSnapshot() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !args[0].matches("v\\d+")) {
            throw new IllegalArgumentException("Usage: ReleaseSnapshot <version>, e.g. ReleaseSnapshot v2");
        }
        Path version = ReleasedSchemas.ROOT.resolve(args[0]);
        if (Files.exists(version)) {
            throw new IllegalStateException(version + " already exists; released schemas are never rewritten");
        }
        Files.createDirectories(version);
        for (Schema schema : TopicValueTypes.CURRENT) {
            Path file = ReleasedSchemas.fileFor(version, schema);
            Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
            System.out.println("Wrote " + file);
        }
    }
}
