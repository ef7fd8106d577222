package com.deskpost.testsupport;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.testcontainers.DockerClientFactory;

/**
 * Asks Testcontainers whether Docker answers only when there is a sign of an engine: without one,
 * Testcontainers walks all its strategies and logs a page of errors on every machine without Docker.
 */
final class DockerProbe {

    private DockerProbe() {
    }

    static boolean dockerAnswers() {
        if (!engineLikely()) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean engineLikely() {
        String home = System.getProperty("user.home");
        if (System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of(home, ".testcontainers.properties"))) {
            return true;
        }
        return candidateSockets(home).stream().anyMatch(DockerProbe::accepts);
    }

    private static List<Path> candidateSockets(String home) {
        List<Path> sockets = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".colima", "default", "docker.sock"),
                Path.of(home, ".rd", "docker.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
        }
        return sockets;
    }

    /** A socket file left behind by a stopped daemon exists but refuses connections. */
    private static boolean accepts(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ignored = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
