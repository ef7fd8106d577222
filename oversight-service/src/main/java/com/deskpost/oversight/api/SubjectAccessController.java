package com.deskpost.oversight.api;

import com.deskpost.oversight.subject.SubjectRecords;
import com.deskpost.oversight.subject.SubjectRecords.DigestEntryRecord;
import com.deskpost.oversight.subject.SubjectRecords.HeldDraftRecord;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The subject-access API: what the approval queue and the staff digests hold about one person, for delivery's
 * subject access export (GDPR art. 15). Only subject-access client accounts may call it, and they nothing else
 * ({@link SecurityConfiguration}); the address travels as a query parameter.
 */
@RestController
@RequestMapping("/api/v1/subject-access")
class SubjectAccessController {

    static final String PATHS = "/api/v1/subject-access/**";

    private final SubjectRecords records;

    SubjectAccessController(SubjectRecords records) {
        this.records = records;
    }

    /** Every draft held for the address or its pseudonym, oldest first. */
    @GetMapping("/held-drafts")
    ResponseEntity<?> heldDrafts(@RequestParam(required = false) String email) {
        if (!plausible(email)) {
            return invalidEmail(email);
        }
        List<HeldDraftRecord> drafts = records.heldDrafts(email);
        return ResponseEntity.ok(drafts);
    }

    /** Every digest entry of a mail to the address or its pseudonym, oldest first. */
    @GetMapping("/digest-entries")
    ResponseEntity<?> digestEntries(@RequestParam(required = false) String email) {
        if (!plausible(email)) {
            return invalidEmail(email);
        }
        List<DigestEntryRecord> entries = records.digestEntries(email);
        return ResponseEntity.ok(entries);
    }

    private static boolean plausible(String email) {
        return email != null && email.strip().indexOf('@') > 0;
    }

    private static ResponseEntity<?> invalidEmail(String email) {
        return DecisionController.error(HttpStatus.BAD_REQUEST, "invalid_email", "Give the person's address as "
                + "?email=local-part@domain" + (email == null ? "" : ", not '" + email.strip() + "'"));
    }
}
