package org.vrrp.linux.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private temporary directory for the files of one test process or run (its configuration, log, pid
 * files, control socket), so that several can run at once. {@link #close} deletes it with everything in
 * it; a directory left behind (a file still open) is harmless and is not an error.
 *
 * <p>Thread-safe: the state is the path.
 */
public final class ScratchDirectory implements AutoCloseable {
    private final Path path;

    private ScratchDirectory(Path path) {
        this.path = path;
    }

    /** Creates a new directory under the system's temporary directory, its name starting with {@code prefix}. */
    public static ScratchDirectory create(String prefix) {
        try {
            return new ScratchDirectory(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    /** A file in the directory (not created). */
    public Path resolve(String name) {
        return path.resolve(name);
    }

    /** Writes {@code text} to the file {@code name}, replacing what it held; returns the file. */
    public Path write(String name, String text) {
        Path file = path.resolve(name);
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Deletes the directory and everything in it. Idempotent; never throws. */
    @Override
    public void close() {
        deleteTree(path);
    }

    /** Deletes {@code dir} and everything in it, as far as it can; never throws. */
    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
