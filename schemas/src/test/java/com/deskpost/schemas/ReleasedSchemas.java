package com.deskpost.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.avro.Schema;

/** The released schema snapshots under {@code schemas/released/<version>/<RecordName>.avsc}. */
final class ReleasedSchemas {

    /** {@code schemas/released}, found from the compiled test classes so any working directory works. */
    static final Path ROOT = moduleDirectory().resolve("released");

    private ReleasedSchemas() {
    }

    /** Every release directory, e.g. {@code v1}, in name order. */
    static List<Path> versions() {
        try (Stream<Path> entries = Files.list(ROOT)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list released schemas in " + ROOT, e);
        }
    }

    /** The schemas of one release, by record full name. */
    static Map<String, Schema> in(Path version) {
        Map<String, Schema> schemas = new TreeMap<>();
        try (Stream<Path> files = Files.list(version)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                Schema schema = new Schema.Parser().parse(file.toFile());
                schemas.put(schema.getFullName(), schema);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read released schemas in " + version, e);
        }
        return schemas;
    }

    static Path fileFor(Path version, Schema schema) {
        return version.resolve(schema.getName() + ".avsc");
    }

    private static Path moduleDirectory() {
        try {
            Path testClasses = Path.of(ReleasedSchemas.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the schemas module directory", e);
        }
    }
}
