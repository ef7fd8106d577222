package com.deskpost.oversight.decision;

import com.deskpost.events.EmailDraft;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.samskivert.mustache.Escapers;
import java.util.Arrays;
import java.util.List;

/**
 * An approver's edit of a gated_all draft: the edited draft (the HTML part is rebuilt from the
 * edited text, escaped) and a unified diff of what changed, for the audit trail.
 */
record Edit(EmailDraft draft, String diff) {

    static Edit of(EmailDraft original, String subject, String bodyText) {
        String newSubject = subject == null || subject.isBlank() ? original.getSubject() : subject.strip();
        if (newSubject.indexOf('\r') >= 0 || newSubject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("The subject must be one line");
        }
        String newText = bodyText == null ? original.getBodyText() : bodyText;
        EmailDraft.Builder edited = EmailDraft.newBuilder(original).setSubject(newSubject).setBodyText(newText);
        if (!newText.equals(original.getBodyText())) {
            edited.setBodyHtml("<!DOCTYPE html><html><body><div style=\"white-space: pre-wrap; font-family: sans-serif\">"
                    + Escapers.HTML.escape(newText) + "</div></body></html>");
        }
        return new Edit(edited.build(), diff(original.getSubject(), newSubject, original.getBodyText(), newText));
    }

    private static String diff(String oldSubject, String newSubject, String oldText, String newText) {
        StringBuilder out = new StringBuilder();
        if (!oldSubject.equals(newSubject)) {
            out.append("subject: \"").append(oldSubject).append("\" -> \"").append(newSubject).append("\"\n");
        }
        if (!oldText.equals(newText)) {
            List<String> before = Arrays.asList(oldText.split("\n", -1));
            List<String> after = Arrays.asList(newText.split("\n", -1));
            UnifiedDiffUtils.generateUnifiedDiff("body (before)", "body (after)", before,
                    DiffUtils.diff(before, after), 1).forEach(line -> out.append(line).append('\n'));
        }
        return out.isEmpty() ? "approved unchanged" : out.toString().stripTrailing();
    }
}
