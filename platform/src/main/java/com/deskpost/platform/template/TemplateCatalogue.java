package com.deskpost.platform.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every built-in mail template, shared by the composers (whose mail models it describes) and oversight (whose ops
 * page lists, previews, test-sends and validates overrides of them). A test renders every built-in template of
 * every language with its sample data and fails when a template uses a name the catalogue does not list, so the
 * catalogue cannot drift from the templates ({@code TemplateCatalogueTest}).
 */
public final class TemplateCatalogue {

    private final Map<String, TemplateEntry> entries;

    private TemplateCatalogue(List<TemplateEntry> entries) {
        Map<String, TemplateEntry> byName = new LinkedHashMap<>();
        entries.forEach(entry -> byName.put(entry.name(), entry));
        this.entries = Map.copyOf(byName);
        this.order = List.copyOf(byName.keySet());
    }

    private final List<String> order;

    /** The templates Deskpost ships ({@link BuiltInTemplates}). */
    public static TemplateCatalogue builtIn() {
        return BuiltInTemplates.CATALOGUE;
    }

    /** Every template, by composer and name. */
    public List<TemplateEntry> all() {
        return order.stream().map(entries::get).toList();
    }

    public Optional<TemplateEntry> find(String name) {
        return Optional.ofNullable(name == null ? null : entries.get(name));
    }

    static Builder builder() {
        return new Builder();
    }

    /** Declares templates family by family: values shared by a composer's mails once, then each mail's own. */
    static final class Builder {

        private final List<TemplateEntry> entries = new ArrayList<>();
        private String composer;
        private final Map<String, Object> familySample = new LinkedHashMap<>();
        private final Set<String> familyOptional = new LinkedHashSet<>();

        /** Starts a composer's family: the values every one of its mails has, with their sample values. */
        Builder family(String composer, Map<String, Object> shared) {
            this.composer = composer;
            familySample.clear();
            familySample.putAll(shared);
            familyOptional.clear();
            familyOptional.addAll(shared.keySet());
            return this;
        }

        Mail mail(String name, String... eventTypes) {
            return new Mail(name, List.of(eventTypes));
        }

        TemplateCatalogue build() {
            return new TemplateCatalogue(entries);
        }

        /** One mail: its own values ({@link #value}), the required ones ({@link #required}), then {@link #add}. */
        final class Mail {

            private final String name;
            private final List<String> eventTypes;
            private final Set<String> required = new LinkedHashSet<>();
            private final Set<String> optional = new LinkedHashSet<>(familyOptional);
            private final Map<String, Set<String>> listItems = new LinkedHashMap<>();
            private final Map<String, Object> sample = new LinkedHashMap<>(familySample);

            private Mail(String name, List<String> eventTypes) {
                this.name = name;
                this.eventTypes = eventTypes;
            }

            Mail value(String name, Object sampleValue) {
                optional.add(name);
                sample.put(name, sampleValue);
                return this;
            }

            /** A list value whose items are maps with {@code itemNames}. */
            Mail list(String name, List<Map<String, Object>> sampleItems, String... itemNames) {
                listItems.put(name, new LinkedHashSet<>(Arrays.asList(itemNames)));
                return value(name, sampleItems);
            }

            Mail required(String... names) {
                for (String value : names) {
                    if (!optional.remove(value)) {
                        throw new IllegalStateException(name + ": required " + value + " is no value of its model");
                    }
                    required.add(value);
                }
                return this;
            }

            Builder add() {
                entries.add(new TemplateEntry(name, composer, eventTypes, Set.copyOf(required), Set.copyOf(optional),
                        Map.copyOf(listItems), Map.copyOf(sample)));
                return Builder.this;
            }
        }
    }
}
