package org.vrrp.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.vrrp.linux.it.Command;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.RequiresRoot;
import org.vrrp.linux.it.RootGate;
import org.vrrp.linux.it.ScratchDirectory;
import org.vrrp.linux.it.TestNetwork;
import org.vrrp.tool.CheckFindings;
import org.vrrp.tool.CheckFindings.Expectation;

/**
 * {@code vrrp check} against a live {@code keepalived -t} (2.2.7) on keepalived.conf files written by
 * others: the samples Debian's keepalived package ships ({@value #SAMPLES}{@code keepalived.conf.*} and
 * {@value #ETC_SAMPLE}), and every file of the directory named by the system property
 * {@value #CORPUS_PROPERTY}, when it is set (a corpus of real files, not in this repository because its
 * files are third party).
 *
 * <p>Each file is judged in a throw-away namespace holding a link named like every interface the file
 * mentions ({@link #interfacesMentioned}, then any keepalived still reports missing), so that keepalived's
 * verdict does not depend on this host's interfaces. keepalived accepts (0) → {@code vrrp check} exits 0;
 * keepalived refuses → it exits 1; and every line it prints is {@code FILE[:LINE]: message} in
 * keepalived.conf terms ({@link CheckFindings#assertKeepalivedTerms}). Where we differ on purpose, the
 * file has a line with the reason in {@code keepalived-samples/EXPECTED} (for the samples) or the corpus's
 * own {@code EXPECTED}; a listed file must also still get the keepalived verdict written there, so a
 * stale exception fails rather than hides a change.
 *
 * <p>When the samples are absent (keepalived's package not installed) the test is skipped with where it
 * looked, or fails under {@code -Dvrrp.it.required=true} as every integration test here does.
 */
@RequiresRoot(tools = "keepalived")
@Timeout(600)
class KeepalivedSamplesIT {
    static final String SAMPLES = "/usr/share/doc/keepalived/samples/";
    static final String ETC_SAMPLE = "/etc/keepalived/keepalived.conf.sample";
    static final String CORPUS_PROPERTY = "vrrp.keepalived.corpus";
    /** Exceptions for the samples: {@code FILE KEEPALIVED_EXIT VRRP_CHECK_EXIT  # why}, FILE an absolute path. */
    static final Path SAMPLE_EXCEPTIONS = ScenarioConf.moduleDir().resolve("src/test/resources/keepalived-samples/EXPECTED");
    private static final Duration KEEPALIVED_TIMEOUT = Duration.ofSeconds(60);

    /** Keywords followed by an interface name. */
    private static final Pattern INTERFACE_AFTER = Pattern.compile(
            "(?:^|\\s)(?:interface|dev|lvs_sync_daemon_interface|lvs_sync_daemon)\\s+([A-Za-z][\\w.:-]*)");
    /** keepalived -t's words for an interface it did not find. */
    private static final Pattern KEEPALIVED_MISSING = Pattern.compile("interface ([\\w.:-]+) (?:for .*)?doesn't exist");
    private static final Pattern WARNING_COUNT = Pattern.compile("with (\\d+) warnings?$");

    private static final AtomicInteger FILES = new AtomicInteger();
    private static final AtomicInteger KEEPALIVED_ACCEPTS = new AtomicInteger();
    private static final AtomicInteger WE_CLEAN = new AtomicInteger();
    private static final AtomicInteger WE_WARN = new AtomicInteger();
    private static final AtomicInteger WE_REFUSE = new AtomicInteger();
    private static final AtomicInteger EXCEPTIONS = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> debianSamples() throws IOException {
        List<Path> files = samples();
        if (files.isEmpty()) {
            String where = "no keepalived.conf samples at " + SAMPLES + "keepalived.conf.* or " + ETC_SAMPLE
                    + " (apt-get install keepalived)";
            if (Boolean.parseBoolean(System.getProperty(RootGate.REQUIRED_PROPERTY, "false"))) {
                throw new AssertionError(where + " (failing instead of skipping because -D"
                        + RootGate.REQUIRED_PROPERTY + "=true)");
            }
            Assumptions.abort(where + "; skipped, not passed");
        }
        Map<String, Expectation> exceptions = byFile(CheckFindings.expectations(SAMPLE_EXCEPTIONS));
        for (String listed : exceptions.keySet()) {
            assertTrue(files.contains(Path.of(listed)), SAMPLE_EXCEPTIONS + " lists " + listed + ", which is not a"
                    + " sample here; found " + files);
        }
        return files.stream().map(f -> judge(f, exceptions.get(f.toString())));
    }

    @TestFactory
    Stream<DynamicTest> corpusOfRealFiles() throws IOException {
        String dir = System.getProperty(CORPUS_PROPERTY);
        if (dir == null) {
            return Stream.empty(); // an option: the samples are the corpus the build always has
        }
        Path corpus = Path.of(dir).toAbsolutePath();
        assertTrue(Files.isDirectory(corpus), "-D" + CORPUS_PROPERTY + "=" + dir + " is not a directory");
        Path expectedFile = corpus.resolve("EXPECTED");
        Map<String, Expectation> listed = Files.isRegularFile(expectedFile)
                ? byFile(CheckFindings.expectations(expectedFile)) : Map.of();
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !List.of("EXPECTED", "SOURCES").contains(p.getFileName().toString()))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        return files.stream().map(f -> judge(f, listed.get(f.getFileName().toString())));
    }

    @AfterAll
    static void summary() {
        System.out.printf("KeepalivedSamplesIT: %d files, keepalived -t accepts %d; vrrp check: %d clean, %d with"
                        + " warnings, %d refused; %d written exceptions%n", FILES.get(), KEEPALIVED_ACCEPTS.get(),
                WE_CLEAN.get(), WE_WARN.get(), WE_REFUSE.get(), EXCEPTIONS.get());
    }

    static List<Path> samples() throws IOException {
        List<Path> files = new ArrayList<>();
        Path samples = Path.of(SAMPLES);
        if (Files.isDirectory(samples)) {
            try (Stream<Path> s = Files.list(samples)) {
                s.filter(p -> p.getFileName().toString().startsWith("keepalived.conf.")).sorted().forEach(files::add);
            }
        }
        if (Files.isRegularFile(Path.of(ETC_SAMPLE))) {
            files.add(Path.of(ETC_SAMPLE));
        }
        return files;
    }

    private static Map<String, Expectation> byFile(List<Expectation> expectations) {
        Map<String, Expectation> m = new LinkedHashMap<>();
        expectations.forEach(e -> m.put(e.file(), e));
        return m;
    }

    private static DynamicTest judge(Path file, Expectation exception) {
        return DynamicTest.dynamicTest(file.toString(), () -> {
            try (TestNetwork net = TestNetwork.create(); ScratchDirectory dir = ScratchDirectory.create("vrrp-it-sample-")) {
                Host host = net.addBareHost("k");
                Set<String> made = new LinkedHashSet<>();
                interfacesMentioned(Files.readString(file)).forEach(name -> addLink(host, name, made));
                Command.Result keepalived = keepalivedTest(host, dir, file);
                // An interface the text scan missed: keepalived names it; make it and ask again.
                for (int round = 0; round < 3 && addMissing(host, keepalived, made); round++) {
                    keepalived = keepalivedTest(host, dir, file);
                }
                Command.Result ours = host.execUnchecked(KEEPALIVED_TIMEOUT, "java", "-jar",
                        ToolJar.path().toString(), "check", "-f", file.toString());
                String both = "\nkeepalived -t (exit " + keepalived.exitCode() + ", links " + made + "):\n"
                        + keepalived.stdout() + keepalived.stderr() + "\nvrrp check (exit " + ours.exitCode() + "):\n"
                        + ours.stdout() + ours.stderr();
                count(keepalived.exitCode(), ours);
                if (exception != null) {
                    EXCEPTIONS.incrementAndGet();
                    assertEquals(exception.keepalived(), keepalived.exitCode(), "keepalived's verdict is no longer"
                            + " the one " + SAMPLE_EXCEPTIONS.getFileName() + " records for this file" + both);
                    assertEquals(exception.ours(), ours.exitCode(), "written exception: " + exception.why() + both);
                } else {
                    assertEquals(Expectation.following(keepalived.exitCode()), ours.exitCode(),
                            "vrrp check must agree with keepalived -t" + both);
                }
                assertEquals("", ours.stderr(), "findings go to stdout; nothing else is printed" + both);
                CheckFindings.assertKeepalivedTerms(file, ours.stdout().strip());
            }
        });
    }

    private static void count(int keepalivedExit, Command.Result ours) {
        FILES.incrementAndGet();
        if (keepalivedExit == 0) {
            KEEPALIVED_ACCEPTS.incrementAndGet();
        }
        if (ours.exitCode() != 0) {
            WE_REFUSE.incrementAndGet();
            return;
        }
        List<String> lines = ours.stdout().strip().lines().toList();
        Matcher m = WARNING_COUNT.matcher(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        if (m.find() && Integer.parseInt(m.group(1)) > 0) {
            WE_WARN.incrementAndGet();
        } else {
            WE_CLEAN.incrementAndGet();
        }
    }

    private static Command.Result keepalivedTest(Host host, ScratchDirectory dir, Path file) {
        // Private pid files: a keepalived running on this host (or another test's) must not matter.
        return host.execUnchecked(KEEPALIVED_TIMEOUT, "keepalived", "--config-test", "--use-file", file.toString(),
                "--pid", dir.resolve("k.pid").toString(), "--vrrp_pid", dir.resolve("v.pid").toString(),
                "--checkers_pid", dir.resolve("c.pid").toString(), "--bfd_pid", dir.resolve("b.pid").toString());
    }

    /**
     * Interface names in a keepalived.conf's text: the word after {@code interface}, {@code dev},
     * {@code lvs_sync_daemon[_interface]}, and the first word of each line of a {@code track_interface}
     * block; without a {@code :label} suffix. Comments ({@code #}, {@code !}) are left out.
     */
    static Set<String> interfacesMentioned(String text) {
        Set<String> names = new LinkedHashSet<>();
        boolean inTrackInterface = false;
        for (String raw : text.split("\n")) {
            String line = raw.replaceFirst("[#!].*", "").strip();
            Matcher m = INTERFACE_AFTER.matcher(line);
            while (m.find()) {
                names.add(m.group(1));
            }
            if (line.startsWith("track_interface")) {
                inTrackInterface = true;
                line = line.substring("track_interface".length());
            }
            if (inTrackInterface) {
                for (String word : line.replace("{", " ").split("\\s+")) {
                    if (word.startsWith("}")) {
                        inTrackInterface = false;
                        break;
                    }
                    if (!word.isEmpty()) {
                        names.add(word);
                        break; // the rest of the line is weight N [reverse]
                    }
                }
            }
        }
        Set<String> result = new LinkedHashSet<>();
        for (String n : names) {
            String base = n.replaceFirst(":.*", "");
            if (base.matches("[A-Za-z][\\w.-]{0,14}") && !base.equals("lo")) {
                result.add(base);
            }
        }
        return result;
    }

    private static boolean addMissing(Host host, Command.Result keepalived, Set<String> made) {
        boolean added = false;
        Matcher m = KEEPALIVED_MISSING.matcher(keepalived.stdout() + keepalived.stderr());
        while (m.find()) {
            String name = m.group(1).replaceFirst(":.*", "");
            if (!made.contains(name) && name.length() <= 15) {
                addLink(host, name, made);
                added = true;
            }
        }
        return added;
    }

    /** A link with no peer: {@code dummy} where the kernel has it, else a bridge (this machine has no dummy). */
    private static void addLink(Host host, String name, Set<String> made) {
        if (made.contains(name)) {
            return;
        }
        Command.Result dummy = host.execUnchecked(Command.DEFAULT_TIMEOUT, "ip", "link", "add", name, "type", "dummy");
        if (!dummy.succeeded()) {
            host.ip("link", "add", name, "type", "bridge");
        }
        made.add(name);
    }
}
