package org.vrrp.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Jazzer inputs directory of a {@code @FuzzTest}, in the source tree:
 * {@code src/test/resources/PACKAGE/CLASSInputs/METHOD/}. Jazzer replays every file there in a normal
 * build and saves its findings there when fuzzing, so the seeds written here and the crashes it finds
 * become regression inputs alike.
 */
public final class FuzzCorpus {
    private FuzzCorpus() {}

    /** Set to true to (re)write the seeds instead of checking them. */
    public static final String WRITE_SEEDS_PROPERTY = "vrrp.fuzz.writeSeeds";

    /** The inputs directory of {@code testClass#method}, relative to the module (surefire's working directory). */
    public static Path inputsDirectory(Class<?> testClass, String method) {
        return Path.of("src", "test", "resources", testClass.getPackageName().replace('.', '/'),
                testClass.getSimpleName() + "Inputs", method);
    }

    /**
     * Checks that each seed is in the inputs directory with these bytes, or with
     * {@code -Dvrrp.fuzz.writeSeeds=true} writes them, so the corpus stays what the captures say.
     */
    public static void check(Class<?> testClass, String method, Map<String, byte[]> seeds) throws IOException {
        Path dir = inputsDirectory(testClass, method);
        boolean write = Boolean.getBoolean(WRITE_SEEDS_PROPERTY);
        if (write) {
            Files.createDirectories(dir);
        }
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            Path file = dir.resolve(seed.getKey());
            if (write) {
                Files.write(file, seed.getValue());
                continue;
            }
            assertTrue(Files.isRegularFile(file), file + " is missing; run the test with -D"
                    + WRITE_SEEDS_PROPERTY + "=true to write the seeds");
            assertArrayEquals(seed.getValue(), Files.readAllBytes(file), file + " differs from its capture");
        }
    }
}
