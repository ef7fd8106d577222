package com.deskpost.audit.processing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The records of processing activities (GDPR art. 30(1)), as the register API answers it: what is the same for every
 * activity once, then one entry per activity.
 *
 * @param controller name and contact details of the controller and its DPO (art. 30(1)(a)); empty until configured
 * @param recipients who receives the data (art. 30(1)(d))
 * @param transfers transfers to third countries and their safeguards (art. 30(1)(e))
 * @param retention what each store keeps and for how long (art. 30(1)(f)), as configured
 * @param securityMeasures technical and organisational measures (art. 30(1)(g))
 * @param activities one entry per communication type, category default, audit row type, and unclassified
 */
@Schema(description = "The records of processing activities (GDPR art. 30(1))")
public record Register(Instant generatedAt, String controller, List<String> recipients, String transfers,
        List<Retention> retention, List<String> securityMeasures, List<Entry> activities) {

    /**
     * What a store keeps, for how long, and where that is set.
     *
     * @param keep e.g. "45 days"; "not deleted by time" when no period applies
     */
    public record Retention(String what, String keep, String setting) {
    }

    /**
     * One processing activity (art. 30(1)(b)-(c)).
     *
     * @param id what its audit rows store as {@code processing_activity}, e.g. {@code event:booking_created}
     * @param covers which mail or rows it covers
     * @param lawfulBasis the art. 6(1) basis as stored on each row, e.g. CONTRACT
     * @param article e.g. 6(1)(b)
     * @param rowsStored audit rows stored under it and still in the table
     */
    public record Entry(@Schema(example = "event:booking_created") String id, String covers, String purpose,
            @Schema(example = "CONTRACT") String lawfulBasis, @Schema(example = "6(1)(b)") String article,
            String whyThisBasis, List<String> dataSubjects, List<String> personalData, long rowsStored) {
    }
}
