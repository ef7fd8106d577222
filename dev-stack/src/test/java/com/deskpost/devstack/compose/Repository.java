package com.deskpost.devstack.compose;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of this repository, found from the module directory Maven runs the tests in. */
final class Repository {

    private Repository() {
    }

    static Path file(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("no repository root (docker-compose.yml and mvnw) above " + Path.of("").toAbsolutePath());
    }
}
