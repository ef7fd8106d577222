package com.deskpost.delivery.subject;

import com.deskpost.platform.pseudonym.Pseudonyms;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * A subject access export (GDPR art. 15): every {@link SubjectDataSource} of the service contributes its section,
 * under the person's address and their keyed pseudonym, so a store cannot be left out without its section being
 * missing. All or nothing: when a section cannot be collected (its service or database does not answer), the export
 * is refused naming each missing section ({@link SubjectExportIncomplete}), never handed over without it, since a
 * person told "this is everything" must not be given less.
 */
@Service
public class SubjectAccess {

    private static final Logger log = LoggerFactory.getLogger(SubjectAccess.class);

    private final List<SubjectDataSource> sources;
    private final Pseudonyms pseudonyms;

    SubjectAccess(List<SubjectDataSource> sources, Pseudonyms pseudonyms) {
        Set<String> names = new HashSet<>();
        sources.stream().map(SubjectDataSource::section).filter(name -> !names.add(name)).findFirst()
                .ifPresent(twice -> {
                    throw new IllegalStateException("Two subject access sections are named " + twice);
                });
        this.sources = sources.stream().sorted(Comparator.comparing(SubjectDataSource::section)).toList();
        this.pseudonyms = pseudonyms;
    }

    /** The sections' names, in the order the export lists them. */
    public List<String> sections() {
        return sources.stream().map(SubjectDataSource::section).toList();
    }

    /**
     * @param address a normalised address
     * @throws SubjectExportIncomplete when a section could not be collected
     */
    public SubjectExport export(String address, String requestedBy) {
        String pseudonym = pseudonyms.of(address);
        Map<String, Object> sections = new LinkedHashMap<>();
        List<MissingPart> missing = new ArrayList<>();
        for (SubjectDataSource source : sources) {
            try {
                sections.put(source.section(), source.collect(address, pseudonym));
            } catch (SubjectPartUnavailable unavailable) {
                log.warn("Subject access export for {}: section {} missing: {}", pseudonym, source.section(),
                        unavailable.getMessage(), unavailable);
                missing.add(new MissingPart(source.section(), unavailable.service(), unavailable.getMessage()));
            } catch (DataAccessException database) {
                log.warn("Subject access export for {}: section {} missing: the database failed", pseudonym,
                        source.section(), database);
                missing.add(new MissingPart(source.section(), "delivery-service", "delivery-service's database did "
                        + "not answer (" + database.getClass().getSimpleName() + "); see its readiness health"));
            }
        }
        if (!missing.isEmpty()) {
            throw new SubjectExportIncomplete(missing);
        }
        // The pseudonym, never the address: the log outlives the request.
        log.info("Subject access export for {} at the request of API client {}: sections {}", pseudonym, requestedBy,
                sections.keySet());
        return new SubjectExport(address, pseudonym, Clock.systemUTC().instant(), sections);
    }
}
