package org.vrrp.tool;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every {@code vrrp check} output must look like, and the {@code EXPECTED} files that record
 * {@code keepalived -t}'s verdict on a keepalived.conf: the one place both the unit test
 * ({@link KeepalivedCorpusTest}) and the integration test with a live keepalived
 * ({@code org.vrrp.examples.it.KeepalivedSamplesIT}) take them from.
 */
public final class CheckFindings {
    /** Words of the library's Java API that must never reach someone checking a keepalived.conf. */
    public static final Pattern JAVA_WORDING = Pattern.compile(
            "\\b(interfaceName|virtualRouterId|advertisementInterval|preemptDelay|initialState|unicastPeer|"
                    + "trackHealthCheck|healthCheck|syncGroup)\\b|\\b[a-z][A-Za-z]*\\(\"|Exception|\\n\\s+at [a-z]");

    private CheckFindings() {}

    /**
     * One line of an {@code EXPECTED} file: {@code FILE KEEPALIVED_EXIT [VRRP_CHECK_EXIT]  # why}. Without
     * the third column {@code vrrp check} follows keepalived (0 → 0, anything else → 1); with it, the two
     * differ on purpose and {@code why} says why.
     */
    public record Expectation(String file, int keepalived, int ours, String why) {
        /** What {@code vrrp check} must exit with when keepalived exits {@code keepalivedExit}, by default. */
        public static int following(int keepalivedExit) {
            return keepalivedExit == 0 ? 0 : 1;
        }

        /** Whether this line is an exception to {@link #following}. */
        public boolean differsOnPurpose() {
            return ours != following(keepalived);
        }
    }

    /** The lines of {@code expectedFile}; an exception without a reason is an error. */
    public static List<Expectation> expectations(Path expectedFile) throws IOException {
        List<Expectation> result = new ArrayList<>();
        for (String line : Files.readAllLines(expectedFile)) {
            int hash = line.indexOf('#');
            String data = (hash < 0 ? line : line.substring(0, hash)).strip();
            String why = hash < 0 ? "" : line.substring(hash + 1).strip();
            if (data.isEmpty()) {
                continue;
            }
            String[] f = data.split("\\s+");
            int keepalived = Integer.parseInt(f[1]);
            int ours = f.length > 2 ? Integer.parseInt(f[2]) : Expectation.following(keepalived);
            Expectation e = new Expectation(f[0], keepalived, ours, why);
            if (e.differsOnPurpose() && why.isEmpty()) {
                throw new AssertionError(expectedFile + ": " + f[0] + " differs from keepalived with no reason"
                        + " written after '#'");
            }
            result.add(e);
        }
        return result;
    }

    /**
     * Asserts that {@code out}, what {@code vrrp check -f file} printed, is findings in keepalived.conf
     * terms: every line {@code FILE[:LINE]: message}, no Java API wording, no stack trace.
     */
    public static void assertKeepalivedTerms(Path file, String out) {
        assertFalse(JAVA_WORDING.matcher(out).find(), "Java API wording: " + out);
        for (String line : out.isEmpty() ? List.<String>of() : List.of(out.split("\n"))) {
            assertTrue(line.startsWith(file + ":") || line.matches("^[^ ]+\\.conf[^ ]*(:\\d+)?: .*"),
                    "FILE[:LINE]: message: " + line);
        }
    }
}
