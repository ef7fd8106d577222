package com.deskpost.platform.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalogue stays honest: every built-in template file uses only what the catalogue lists. */
class TemplateCatalogueTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private final TemplateCatalogue catalogue = TemplateCatalogue.builtIn();
    private final TemplateRenderer renderer = new TemplateRenderer(getClass().getClassLoader());

    @Test
    void everyBuiltInTemplateIsInTheCatalogueAndNothingElse() throws IOException {
        Set<String> onDisk = new TreeSet<>();
        for (Path file : files()) {
            onDisk.add(baseName(file));
        }

        assertThat(catalogue.all()).extracting(TemplateEntry::name).containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void everyNameATemplateUsesIsInTheCatalogue() throws IOException {
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (Path file : files()) {
            TemplateEntry entry = catalogue.find(baseName(file)).orElseThrow();
            Set<String> names = new TreeSet<>(TemplateTags.names(Files.readString(file)));
            names.removeAll(entry.known());
            if (!names.isEmpty()) {
                unknown.put(file.getFileName().toString(), names);
            }
        }

        assertThat(unknown).as("names used by templates but missing from the catalogue").isEmpty();
    }

    @Test
    void everyRequiredValueIsInTheBodyOfEveryBuiltInLanguage() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path file : files()) {
            String part = file.getFileName().toString();
            if (part.endsWith(".subject.mustache")) {
                continue;
            }
            Set<String> names = TemplateTags.names(Files.readString(file));
            catalogue.find(baseName(file)).orElseThrow().required().stream().filter(name -> !names.contains(name))
                    .forEach(name -> missing.add(part + ": " + name));
        }

        assertThat(missing).isEmpty();
    }

    @Test
    void everyTemplateRendersItsSampleInEveryLanguage() {
        for (TemplateEntry entry : catalogue.all()) {
            for (String language : MailLocales.LANGUAGES) {
                RenderedMail mail = renderer.render(entry.name(), Locale.forLanguageTag(language), null, entry.sample());

                assertThat(mail.subject()).as(entry.name() + " " + language).isNotBlank();
                assertThat(mail.text()).as(entry.name() + " " + language).isNotBlank();
                assertThat(mail.html()).as(entry.name() + " " + language).contains("<");
            }
        }
        TemplateEntry invoice = catalogue.find("billing-invoice").orElseThrow();
        assertThat(renderer.render("billing-invoice", Locale.ENGLISH, null, invoice.sample()).text())
                .contains("7 × Meeting room hours at £7.00: £49.00", "INV-2026-0012");
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            return files.filter(file -> file.toString().endsWith(".mustache")).sorted().toList();
        }
    }

    /** {@code booking-confirmation_de.txt.mustache} → {@code booking-confirmation}. */
    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.indexOf('.')).replaceFirst("_.*$", "");
    }
}
