package com.deskpost.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory holding {@code initdb}, {@code pg_ctl} and {@code postgres}: the first on PATH, else the
 * newest of the usual versioned install locations.
 */
record PgBinaries(Path directory) {

    /** Distribution layouts with one directory per major version. */
    private static final List<Path> VERSIONED_PARENTS = List.of(
            Path.of("/usr/lib/postgresql"), Path.of("/opt/homebrew/opt"), Path.of("/usr/local/opt"), Path.of("/usr"));

    Path initdb() {
        return directory.resolve("initdb");
    }

    Path pgCtl() {
        return directory.resolve("pg_ctl");
    }

    static Optional<PgBinaries> find() {
        return Stream.concat(pathDirectories(), versionedDirectories())
                .map(PgBinaries::complete)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Stream<Path> pathDirectories() {
        String path = System.getenv("PATH");
        return path == null ? Stream.empty()
                : Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of);
    }

    /** /usr/lib/postgresql/15/bin, /opt/homebrew/opt/postgresql@15/bin, /usr/pgsql-15/bin; newest first. */
    private static Stream<Path> versionedDirectories() {
        return VERSIONED_PARENTS.stream()
                .filter(Files::isDirectory)
                .flatMap(PgBinaries::children)
                .filter(dir -> dir.getFileName().toString().matches("(postgresql@|pgsql-)?[0-9][0-9.]*"))
                .sorted(Comparator.comparing(PgBinaries::version, PgBinaries::compareVersions).reversed())
                .map(dir -> dir.resolve("bin"));
    }

    private static Stream<Path> children(Path parent) {
        try (Stream<Path> list = Files.list(parent)) {
            return list.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + parent, e);
        }
    }

    /**
     * Follows a symlinked {@code initdb} (Debian's /usr/bin wrappers, /usr/local/bin links) to the
     * directory that really holds the server, since {@code pg_ctl} looks for {@code postgres} beside itself.
     */
    private static Optional<PgBinaries> complete(Path directory) {
        Path initdb = directory.resolve("initdb");
        if (!Files.isExecutable(initdb)) {
            return Optional.empty();
        }
        try {
            Path real = initdb.toRealPath().getParent();
            boolean complete = Stream.of("initdb", "pg_ctl", "postgres")
                    .allMatch(name -> Files.isExecutable(real.resolve(name)));
            return complete ? Optional.of(new PgBinaries(real)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int[] version(Path dir) {
        return Arrays.stream(dir.getFileName().toString().replaceAll("[^0-9.]", "").split("\\."))
                .filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt)
                .toArray();
    }

    private static int compareVersions(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }
}
