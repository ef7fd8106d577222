package com.deskpost.testsupport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The three modularity rules, for any {@link ModuleLayout}: services stay apart, features keep their internals, the
 * contract uses no framework. Each rule looks at the dependencies of the classes it is given, so a module's build
 * checks its own classes, including their reach into the modules they use. Production classes only: a test may
 * assemble a service across its features.
 */
public final class ModularityRules {

    private ModularityRules() {
    }

    /** A service imports no other service, and a shared library imports no service at all. */
    public static ArchRule servicesStayApart(ModuleLayout layout) {
        return classes().that().resideInAnyPackage(layout.servicesAndLibraryPatterns())
                .should(dependOnlyWhere("depend on no other service", (origin, target) -> {
                    Optional<String> targetService = layout.serviceOf(target);
                    return targetService.isEmpty() || targetService.equals(layout.serviceOf(origin));
                }))
                .allowEmptyShould(true)
                .as("services import no other service, shared libraries no service at all")
                .because("each service is its own deployable: services meet through topics and HTTP, never imports");
    }

    /**
     * A class uses another feature's internal packages only where the layout accepts it: {@code root.<module>.<feature>}
     * is the feature's API, the packages below it are its own (spring-modulith's convention).
     */
    public static ArchRule featuresKeepTheirInternals(ModuleLayout layout) {
        return classes().that().resideInAPackage(layout.root() + "..")
                .should(dependOnlyWhere("reach into no other feature's internal package", (origin, target) ->
                        layout.featureOwningInternal(target)
                                .map(owner -> ModuleLayout.within(origin, owner) || layout.accepted(origin, target))
                                .orElse(true)))
                .allowEmptyShould(true)
                .as("features reach into no other feature's internal (sub-)package")
                .because("a feature's sub-packages are private to it; other features use its top-level package");
    }

    /** The contract depends on the JDK, Avro, Jackson and Kafka's serde interfaces only: never Spring. */
    public static ArchRule contractUsesNoFramework(ModuleLayout layout) {
        String[] allowed = Stream.concat(layout.contractMayUse().stream(), Arrays.stream(layout.contractPatterns()))
                .toArray(String[]::new);
        return classes().that().resideInAnyPackage(layout.contractPatterns())
                .should(dependOnlyWhere("depend on " + String.join(", ", layout.contractMayUse()) + " and itself only",
                        (origin, target) -> PackageMatchers.of(allowed).test(target)))
                .allowEmptyShould(true)
                .as("the contract depends on " + String.join(", ", layout.contractMayUse()) + " and itself only")
                .because("any producer, in any language or framework, must be able to use the contract as it is");
    }

    public static ArchRule all(ModuleLayout layout) {
        return CompositeArchRule.of(servicesStayApart(layout))
                .and(featuresKeepTheirInternals(layout))
                .and(contractUsesNoFramework(layout));
    }

    /** The production classes of the module (class-path entry) that holds {@code anyClassOfTheModule}. */
    public static JavaClasses productionClassesBeside(Class<?> anyClassOfTheModule) {
        Path location;
        try {
            location = Path.of(anyClassOfTheModule.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("No class-path location for " + anyClassOfTheModule, e);
        }
        ClassFileImporter importer = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        if (!Files.isDirectory(location)) {
            try (JarFile jar = new JarFile(location.toFile())) {
                return importer.importJar(jar);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + location, e);
            }
        }
        return importer.importPath(location);
    }

    /** Each dependency of a class whose (origin package, target package) fails {@code allowed} is one violation. */
    private static ArchCondition<JavaClass> dependOnlyWhere(String description, BiPredicate<String, String> allowed) {
        return new ArchCondition<>(description) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    if (!target.isPrimitive() && !allowed.test(item.getPackageName(), target.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
