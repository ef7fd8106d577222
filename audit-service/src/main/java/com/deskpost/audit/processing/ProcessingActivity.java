package com.deskpost.audit.processing;

import java.util.List;

/**
 * One entry of the records of processing (GDPR art. 30(1)(b)-(d)): why mail of a kind is sent and on which lawful
 * basis, about whom and with which data. A setting that leaves a field out takes it from the entry it overrides
 * ({@link #over}), so an operator can change a basis without restating the rest.
 *
 * @param lawfulBasis the art. 6(1) basis
 * @param purpose what the processing is for, in words a regulator reads
 * @param whyThisBasis why that basis fits (for legitimate interests: the interest and why it is not overridden)
 * @param dataSubjects categories of data subjects: members, guests, staff, visitors, contractors, prospects
 * @param personalData categories of personal data the mail and its audit rows hold
 */
public record ProcessingActivity(LawfulBasis lawfulBasis, String purpose, String whyThisBasis,
        List<String> dataSubjects, List<String> personalData) {

    public ProcessingActivity {
        dataSubjects = dataSubjects == null ? null : List.copyOf(dataSubjects);
        personalData = personalData == null ? null : List.copyOf(personalData);
    }

    /** This entry, its missing fields taken from {@code base}; {@code base} when this is null. */
    static ProcessingActivity over(ProcessingActivity override, ProcessingActivity base) {
        if (override == null) {
            return base;
        }
        if (base == null) {
            return override;
        }
        return new ProcessingActivity(
                override.lawfulBasis != null ? override.lawfulBasis : base.lawfulBasis,
                override.purpose != null ? override.purpose : base.purpose,
                override.whyThisBasis != null ? override.whyThisBasis
                        // A new basis without its reason must not keep the reason given for the old one.
                        : override.lawfulBasis != null && override.lawfulBasis != base.lawfulBasis ? null
                        : base.whyThisBasis,
                override.dataSubjects != null ? override.dataSubjects : base.dataSubjects,
                override.personalData != null ? override.personalData : base.personalData);
    }

    /** Whether the entry can stand on its own: a basis and a purpose (what every row is stamped with). */
    boolean complete() {
        return lawfulBasis != null && purpose != null && !purpose.isBlank();
    }
}
