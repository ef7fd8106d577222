package com.deskpost.testsupport.architecture;

import com.tngtech.archunit.core.domain.PackageMatcher;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How a code base is cut into modules, as the modularity rules read it: under {@code root}, each
 * service has a package of its own and must not import another; the shared libraries import no
 * service; the contract packages depend on nothing but {@code contractMayUse}. Inside any module,
 * {@code root.<module>.<feature>} is a feature's API and every package below it is internal to
 * that feature, except where an {@link AcceptedReach} says otherwise.
 *
 * @param root             the package every module lives under, e.g. {@code com.deskpost}
 * @param services         the services' packages, relative to {@code root}
 * @param libraries        shared libraries' packages, relative to {@code root}: they import no service
 * @param contract         the contract's packages, relative to {@code root}
 * @param contractMayUse   ArchUnit package patterns the contract may depend on besides itself
 * @param acceptedReaches  reaches into a feature's internals accepted on purpose, each with its reason
 */
public record ModuleLayout(String root, List<String> services, List<String> libraries, List<String> contract,
                           List<String> contractMayUse, List<AcceptedReach> acceptedReaches) {

    public ModuleLayout {
        services = List.copyOf(services);
        libraries = List.copyOf(libraries);
        contract = List.copyOf(contract);
        contractMayUse = List.copyOf(contractMayUse);
        acceptedReaches = List.copyOf(acceptedReaches);
    }

    /**
     * One reach into another feature's internals that the code keeps on purpose.
     *
     * @param from   ArchUnit package pattern of the classes that reach, e.g. {@code com.deskpost.delivery.outbound..}
     * @param into   ArchUnit package pattern of the internal package they reach into
     * @param reason one line: why this is accepted, and what would end it
     */
    public record AcceptedReach(String from, String into, String reason) {

        boolean covers(String originPackage, String targetPackage) {
            return PackageMatcher.of(from).matches(originPackage) && PackageMatcher.of(into).matches(targetPackage);
        }
    }

    /** The service whose package holds {@code packageName}, if any. */
    Optional<String> serviceOf(String packageName) {
        return services.stream().filter(service -> within(packageName, qualified(service))).findFirst();
    }

    boolean inLibrary(String packageName) {
        return libraries.stream().anyMatch(library -> within(packageName, qualified(library)));
    }

    /**
     * The feature that owns {@code packageName} when that package is internal to it ({@code root.<module>.<feature>}
     * for a package below it); empty for a module's or feature's own top-level package and for foreign packages.
     */
    Optional<String> featureOwningInternal(String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return Optional.empty();
        }
        String[] parts = packageName.substring(root.length() + 1).split("\\.");
        return parts.length < 3 ? Optional.empty() : Optional.of(root + "." + parts[0] + "." + parts[1]);
    }

    boolean accepted(String originPackage, String targetPackage) {
        return acceptedReaches.stream().anyMatch(reach -> reach.covers(originPackage, targetPackage));
    }

    String[] contractPatterns() {
        return contract.stream().map(name -> qualified(name) + "..").toArray(String[]::new);
    }

    String[] servicesAndLibraryPatterns() {
        return Stream.concat(services.stream(), libraries.stream())
                .map(name -> qualified(name) + "..").toArray(String[]::new);
    }

    private String qualified(String name) {
        return root + "." + name;
    }

    static boolean within(String packageName, String parent) {
        return packageName.equals(parent) || packageName.startsWith(parent + ".");
    }
}
