package com.deskpost.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import com.deskpost.events.BookingEvent;

/** The records generated from the .avdl files, found on disk so a new one cannot be overlooked. */
final class GeneratedRecords {

    private GeneratedRecords() {
    }

    /** Full names of generated records that no other generated record contains: topic values. */
    static Set<String> outermost() {
        List<Schema> records = all();
        Set<String> outermost = new HashSet<>();
        records.forEach(record -> outermost.add(record.getFullName()));
        for (Schema record : records) {
            Set<String> nested = new HashSet<>();
            for (Schema.Field field : record.getFields()) {
                collectNamed(field.schema(), nested);
            }
            outermost.removeAll(nested);
        }
        return outermost;
    }

    private static List<Schema> all() {
        Path events;
        try {
            events = Path.of(BookingEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve(BookingEvent.class.getPackageName().replace('.', '/'));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the generated classes", e);
        }
        try (Stream<Path> files = Files.list(events)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> BookingEvent.class.getPackageName() + "." + name.replace(".class", ""))
                    .map(GeneratedRecords::load)
                    .filter(SpecificRecord.class::isAssignableFrom)
                    .map(type -> SpecificData.get().getSchema(type))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + events, e);
        }
    }

    private static void collectNamed(Schema schema, Set<String> into) {
        switch (schema.getType()) {
            case RECORD -> {
                if (into.add(schema.getFullName())) {
                    schema.getFields().forEach(field -> collectNamed(field.schema(), into));
                }
            }
            case ARRAY -> collectNamed(schema.getElementType(), into);
            case MAP -> collectNamed(schema.getValueType(), into);
            case UNION -> schema.getTypes().forEach(branch -> collectNamed(branch, into));
            default -> into.add(schema.getFullName());
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Listed but cannot load " + name, e);
        }
    }
}
