package org.vrrp.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code vrrp check} over whole directories of keepalived.conf files, each file's expected outcome taken
 * from {@code keepalived -t} (2.2.7) and written in an {@code EXPECTED} file beside the files:
 * {@code FILE KEEPALIVED_EXIT [VRRP_CHECK_EXIT]  # why}. Without the third column, a file keepalived
 * accepts (0) must pass and one it refuses must fail.
 *
 * <p>Two directories: our own constructs ({@code src/test/resources/keepalived-constructs}), always;
 * and a corpus of real files written by others, which is not in this repository (its files are third
 * party): the directory named by the system property {@value #CORPUS_PROPERTY}, by default
 * {@code ../shared/keepalived-corpus/} next to the repository. When it is absent its test is skipped
 * with a message, not passed.
 *
 * <p>Whatever the outcome, every message is {@code FILE[:LINE]: ...}, in keepalived.conf terms, and no
 * input produces a stack trace.
 */
class KeepalivedCorpusTest {
    static final String CORPUS_PROPERTY = "vrrp.keepalived.corpus";
    static final Path CONSTRUCTS = Path.of("src/test/resources/keepalived-constructs");
    /** Words of the library's Java API that must never reach someone checking a keepalived.conf. */
    static final Pattern JAVA_WORDING = Pattern.compile(
            "\\b(interfaceName|virtualRouterId|advertisementInterval|preemptDelay|initialState|unicastPeer|"
                    + "trackHealthCheck|healthCheck|syncGroup)\\b|\\b[a-z][A-Za-z]*\\(\"|Exception|\\n\\s+at [a-z]");

    record Expectation(String file, int keepalived, int ours) {}

    static List<Expectation> expectations(Path dir) throws IOException {
        List<Expectation> result = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("EXPECTED"))) {
            String data = line.replaceFirst("#.*", "").strip();
            if (data.isEmpty()) {
                continue;
            }
            String[] f = data.split("\\s+");
            int keepalived = Integer.parseInt(f[1]);
            int ours = f.length > 2 ? Integer.parseInt(f[2]) : (keepalived == 0 ? 0 : 1);
            result.add(new Expectation(f[0], keepalived, ours));
        }
        return result;
    }

    static Stream<DynamicTest> checkAll(Path dir) throws IOException {
        List<Expectation> expected = expectations(dir);
        Map<String, Expectation> byFile = new LinkedHashMap<>();
        expected.forEach(e -> byFile.put(e.file(), e));
        try (Stream<Path> files = Files.list(dir)) {
            List<String> unlisted = files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("EXPECTED") && !n.equals("SOURCES") && !n.startsWith("."))
                    .filter(n -> !byFile.containsKey(n)).sorted().toList();
            assertEquals(List.of(), unlisted, "files in " + dir + " without a line in EXPECTED");
        }
        return expected.stream().map(e -> DynamicTest.dynamicTest(e.file() + " (keepalived -t: " + e.keepalived()
                + ")", () -> {
                    Path file = dir.resolve(e.file());
                    CommandRun run = CommandRun.of("check", "-f", file.toString());
                    assertEquals(e.ours(), run.exitCode(), run.out() + run.err());
                    assertEquals("", run.err(), "findings go to stdout; nothing else is printed");
                    assertFalse(JAVA_WORDING.matcher(run.out()).find(), "Java API wording: " + run.out());
                    for (String line : run.outLines()) {
                        assertTrue(line.startsWith(file.toString() + ":")
                                || line.matches("^[^ ]+\\.conf[^ ]*(:\\d+)?: .*"), "FILE[:LINE]: message: " + line);
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> ourConstructsAsKeepalivedJudgesThem() throws IOException {
        return checkAll(CONSTRUCTS);
    }

    static Path corpus() {
        Path repoRoot = Path.of("").toAbsolutePath().getParent();
        return Path.of(System.getProperty(CORPUS_PROPERTY,
                repoRoot.resolve("../shared/keepalived-corpus").normalize().toString()));
    }

    /** Reported as skipped, with where the corpus was looked for, when there is none: never as a pass. */
    @Test
    void corpusOfRealFilesIsPresent() {
        Assumptions.assumeTrue(Files.isRegularFile(corpus().resolve("EXPECTED")), "SKIPPED, not passed: no corpus"
                + " of real keepalived.conf files at " + corpus() + " (files with an EXPECTED beside them); set -D"
                + CORPUS_PROPERTY + "=DIR to run it");
    }

    @TestFactory
    Stream<DynamicTest> corpusOfRealFiles() throws IOException {
        if (!Files.isRegularFile(corpus().resolve("EXPECTED"))) {
            return Stream.empty(); // corpusOfRealFilesIsPresent says so
        }
        return checkAll(corpus());
    }
}
