package com.deskpost.testsupport.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program outside the JVM (an example facility system in another language) as a person would: its own
 * process, no input, both output streams read to the end so a chatty program never blocks on a full pipe. A run
 * that outlives its time limit is killed and fails the test; it never hangs the build.
 */
public final class ExternalProcess {

    /** The finished run: exit code, standard output and standard error. */
    public record Result(int exitCode, String out, String err) {
    }

    private ExternalProcess() {
    }

    /**
     * Runs the command in the directory (null: the JVM's working directory) and waits for it to exit.
     *
     * @throws UncheckedIOException when the program cannot be started (not installed, not executable)
     */
    public static Result run(List<String> command, Path directory, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command.subList(0, Math.min(2, command.size())))
                        + " did not finish within " + timeout.toSeconds() + " s: " + err.getNow(""));
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + command.get(0), e);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
