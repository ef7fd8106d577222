package com.deskpost.platform.template;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One built-in template as staff see it: who uses it, which values its composer puts in the model and sample data
 * to preview it with. An override may use only these values ({@link #known()}) and must show every required one.
 *
 * @param name       the template name ({@code booking-confirmation})
 * @param composer   the composer that renders it
 * @param eventTypes the event types whose drafts it writes
 * @param required   values the mail makes no sense without: an override must use each in its text and HTML parts
 * @param optional   the other values of the model (some may be empty: a template tests them with a section)
 * @param listItems  for a list value, the names each of its items has ({@code lines} → {@code quantity}, ...)
 * @param sample     a model as the composer would build it, for previews and test sends
 */
public record TemplateEntry(String name, String composer, List<String> eventTypes, Set<String> required,
        Set<String> optional, Map<String, Set<String>> listItems, Map<String, Object> sample) {

    /** Every name a template of this entry may use: the values and their list items' names. */
    public Set<String> known() {
        Set<String> known = new LinkedHashSet<>(required);
        known.addAll(optional);
        listItems.values().forEach(known::addAll);
        return known;
    }
}
