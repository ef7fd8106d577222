package com.deskpost.audit.processing;

/**
 * The six lawful bases of GDPR art. 6(1): every processing activity of the register names exactly one. A row
 * stores the constant's name, so the article it means never depends on wording that may change.
 */
public enum LawfulBasis {
    CONSENT("6(1)(a)", "consent of the data subject"),
    CONTRACT("6(1)(b)", "performance of a contract with the data subject, or steps at their request before one"),
    LEGAL_OBLIGATION("6(1)(c)", "compliance with a legal obligation of the controller"),
    VITAL_INTERESTS("6(1)(d)", "protection of the vital interests of a person"),
    PUBLIC_TASK("6(1)(e)", "a task in the public interest or in the exercise of official authority"),
    LEGITIMATE_INTERESTS("6(1)(f)", "legitimate interests of the controller, not overridden by the data subject's");

    private final String article;
    private final String meaning;

    LawfulBasis(String article, String meaning) {
        this.article = article;
        this.meaning = meaning;
    }

    /** The article, e.g. {@code 6(1)(b)}: GDPR and UK GDPR number it alike. */
    public String article() {
        return article;
    }

    public String meaning() {
        return meaning;
    }
}
