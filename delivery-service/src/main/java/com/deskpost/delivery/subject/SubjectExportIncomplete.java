package com.deskpost.delivery.subject;

import java.util.List;
import java.util.stream.Collectors;

/** Some sections could not be collected: the export is refused, naming each, rather than given without them. */
public class SubjectExportIncomplete extends RuntimeException {

    private final List<MissingPart> missing;

    SubjectExportIncomplete(List<MissingPart> missing) {
        super("Subject access export incomplete: " + missing.stream().map(MissingPart::section)
                .collect(Collectors.joining(", ")));
        this.missing = List.copyOf(missing);
    }

    public List<MissingPart> missing() {
        return missing;
    }
}
