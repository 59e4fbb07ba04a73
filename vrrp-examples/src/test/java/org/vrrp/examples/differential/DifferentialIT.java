package org.vrrp.examples.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.vrrp.linux.it.RequiresRoot;

/**
 * Issue 11, point 2: keepalived is the oracle. Each scenario of {@link Scenarios} runs twice in fresh
 * namespaces, once with keepalived 2.2.7 in the role under test and once with {@code vrrp run -f} there
 * (every other router keepalived both times), and the two timelines, observed from outside (kernel
 * address events, notify scripts, tcpdump), must agree: see {@link Comparison}. One line per scenario
 * goes to standard output and to {@code target/differential-results.txt}. Run alone with
 * {@code mvn -B -pl vrrp-examples -am verify -Dit.test=DifferentialIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Ddifferential.only=TEXT} runs the scenarios whose
 * name contains TEXT.
 */
@RequiresRoot(tools = {"keepalived", "tcpdump", "nft"})
class DifferentialIT {
    private static final List<String> LINES = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> keepalivedAndOursAgree() {
        String only = System.getProperty("differential.only", "");
        return Scenarios.all().stream().filter(s -> s.name().contains(only))
                .map(s -> DynamicTest.dynamicTest(s.name(), () -> check(s)));
    }

    private static void check(Scenario s) throws Exception {
        Runner.Result keepalived = Runner.run(s, false);
        Runner.Result ours = Runner.run(s, true);
        Comparison c = Comparison.of(s, keepalived, ours);
        String line = c.tableLine();
        synchronized (LINES) {
            LINES.add(line);
        }
        System.out.println(line);
        System.out.println(c.report());
        assertTrue(c.passed(), c.report());
    }

    @AfterAll
    static void writeTable() throws IOException {
        Path file = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target/differential-results.txt");
        Files.createDirectories(file.getParent());
        List<String> out = new ArrayList<>();
        out.add("takeover: ms from the fault to the kernel adding the VIP on the new holder (or removing it from"
                + " the one leaving); (wire): to its first advert; one figure per measured fault");
        out.add(Comparison.tableHeader());
        synchronized (LINES) {
            out.addAll(LINES);
        }
        Files.write(file, out);
    }
}
