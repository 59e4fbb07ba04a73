package org.vrrp.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code vrrp check} over our own keepalived.conf constructs ({@code src/test/resources/keepalived-constructs}),
 * each file's expected outcome taken from {@code keepalived -t} (2.2.7) and written in an {@code EXPECTED}
 * file beside the files ({@link CheckFindings#expectations}). Whatever the outcome, every message is
 * {@code FILE[:LINE]: ...}, in keepalived.conf terms, and no input produces a stack trace.
 *
 * <p>Files written by others (keepalived's own samples, and a corpus kept outside the repository) are
 * checked against a live keepalived by {@code org.vrrp.examples.it.KeepalivedSamplesIT}, which needs root.
 */
class KeepalivedCorpusTest {
    static final Path CONSTRUCTS = Path.of("src/test/resources/keepalived-constructs");
    static final Pattern JAVA_WORDING = CheckFindings.JAVA_WORDING;

    static Stream<DynamicTest> checkAll(Path dir) throws IOException {
        List<CheckFindings.Expectation> expected = CheckFindings.expectations(dir.resolve("EXPECTED"));
        Map<String, CheckFindings.Expectation> byFile = new LinkedHashMap<>();
        expected.forEach(e -> byFile.put(e.file(), e));
        try (Stream<Path> files = Files.list(dir)) {
            List<String> unlisted = files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("EXPECTED") && !n.startsWith("."))
                    .filter(n -> !byFile.containsKey(n)).sorted().toList();
            assertEquals(List.of(), unlisted, "files in " + dir + " without a line in EXPECTED");
        }
        return expected.stream().map(e -> DynamicTest.dynamicTest(e.file() + " (keepalived -t: " + e.keepalived()
                + ")", () -> {
                    Path file = dir.resolve(e.file());
                    CommandRun run = CommandRun.of("check", "-f", file.toString());
                    assertEquals(e.ours(), run.exitCode(), run.out() + run.err());
                    assertEquals("", run.err(), "findings go to stdout; nothing else is printed");
                    CheckFindings.assertKeepalivedTerms(file, run.out());
                }));
    }

    @TestFactory
    Stream<DynamicTest> ourConstructsAsKeepalivedJudgesThem() throws IOException {
        return checkAll(CONSTRUCTS);
    }
}
