package org.vrrp.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vrrp check} (and {@code vrrp run -t}) construct by construct. Each expectation from keepalived
 * is noted where it is used; they were taken from keepalived 2.2.7 -t -n -l -f FILE.
 */
class CheckCommandTest {
    private static final Path C = KeepalivedCorpusTest.CONSTRUCTS;

    @TempDir
    Path tmp;

    private static CommandRun check(Path file, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "check";
        args[1] = "-f";
        args[2] = file.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return CommandRun.of(args);
    }

    @Test
    void fileWithNoVrrpInstanceIsSaidToHaveNone() {
        // keepalived 2.2.7 -t: exit 0 (it would run its LVS part); vrrp has nothing to run.
        CommandRun run = check(C.resolve("no-instance.conf"));
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains(C.resolve("no-instance.conf") + ": no vrrp_instance: there is nothing for vrrp"
                + " to run"), run.out());
        assertFalse(run.out().contains("VI_1") || run.out().contains("interfaceName"), run.out());
    }

    @Test
    void harmlessKeywordsAreOneInfoLineAndNoWarning() {
        // keepalived 2.2.7 -t: exit 0.
        CommandRun run = check(C.resolve("harmless-keywords.conf"));
        assertEquals(0, run.exitCode(), run.out());
        assertEquals(2, run.outLines().size(), run.out());
        assertTrue(run.outLines().get(0).contains("accepted with no effect on VRRP here"), run.out());
        assertTrue(run.outLines().get(1).endsWith(": would run 1 vrrp_instance"), run.out());
    }

    @Test
    void missingScriptIsOneWarningAndTheFileRuns() {
        // keepalived 2.2.7 -t: exit 5, "Disabling track script chk_missing since not found/accessible"; the
        // daemon runs the instance without the script.
        CommandRun run = check(C.resolve("missing-script.conf"));
        assertEquals(0, run.exitCode(), run.out());
        assertEquals(1, run.outLines().stream().filter(l -> l.contains("/nonexistent/check_haproxy.sh")).count());
        assertTrue(run.out().contains("missing-script.conf:1: vrrp_script chk_missing: /nonexistent/check_haproxy.sh"
                + " does not exist: the script is disabled, as keepalived does"), run.out());
    }

    @Test
    void stateSlaveAndPeerAreBackupWithAWarning() {
        // keepalived 2.2.7 -t: exit 5, "(VI_1) unknown state 'SLAVE', defaulting to BACKUP"; the daemon runs it.
        for (String f : List.of("state-slave.conf", "state-peer.conf", "state-lowercase-master.conf")) {
            CommandRun run = check(C.resolve(f));
            assertEquals(0, run.exitCode(), run.out());
            assertTrue(run.out().contains(f + ":2: state "), run.out());
            assertTrue(run.out().contains("BACKUP is used, as keepalived does"), run.out());
        }
    }

    @Test
    void noVipIsAWarningForVersion2AndAnErrorForVersion3InKeepalivedTerms() {
        // keepalived 2.2.7 -t: exit 5 for both ("at least one is sensible" for v2, "is required" for v3); its
        // daemon runs the v2 one, and so does vrrp.
        CommandRun v2 = check(C.resolve("no-vip-v2.conf"));
        assertEquals(0, v2.exitCode(), v2.out());
        assertTrue(v2.out().contains("no-vip-v2.conf:2: vrrp_instance VI_1 has no virtual_ipaddress; at least one is"
                + " sensible"), v2.out());
        assertFalse(v2.out().contains("vip("), v2.out());
        CommandRun v3 = check(C.resolve("no-vip-v3.conf"));
        assertEquals(1, v3.exitCode());
        assertTrue(v3.out().contains("version 3 needs at least one"), v3.out());
    }

    @Test
    void configIdSelectsItsLines() throws IOException {
        // keepalived 2.2.7 -t: exit 0 with and without -i node1; -i node1 -t on a file whose @node1 line is bad:
        // exit 5, without -i: exit 0 (the line is skipped).
        Path f = tmp.resolve("k.conf");
        Files.writeString(f, Files.readString(C.resolve("config-id.conf")).replace("@node1    priority 150",
                "@node1    priority 300"));
        assertEquals(0, check(f).exitCode());
        assertEquals(0, check(f, "-i", "node2").exitCode());
        CommandRun run = check(f, "-i", "node1");
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("k.conf:6: priority 300 is out of range 1..255"), run.out());
    }

    @Test
    void runDashTIsCheck() {
        Path f = C.resolve("state-slave.conf");
        CommandRun run = CommandRun.of("run", "-t", "-f", f.toString());
        assertEquals(check(f).out(), run.out());
        assertEquals(0, run.exitCode());
    }

    @Test
    void libraryMessagesAreTranslatedToKeepalivedTerms() {
        // keepalived 2.2.7 -t: exit 0 (it adds the address on both); the library refuses an address on two devices.
        CommandRun run = check(C.resolve("vip-on-two-devices.conf"));
        assertEquals(1, run.exitCode());
        assertTrue(run.out().startsWith(C.resolve("vip-on-two-devices.conf") + ":6: vrrp_instance VI_7: virtual_ipaddress"
                + " 192.0.2.18 is listed on two devices, eth0 and eth1: an address belongs on one interface\n"), run.out());
        assertFalse(KeepalivedCorpusTest.JAVA_WORDING.matcher(run.out()).find(), run.out());
    }

    @Test
    void translationNamesKeywordsNotApiCalls() throws Exception {
        var config = org.vrrp.config.keepalived.KeepalivedConfigReader.parse(
                Files.readString(C.resolve("state-slave.conf")), "k.conf");
        assertEquals("k.conf:3: vrrp_instance VI_1: interface is not set",
                ConfigLoader.translate(Path.of("k.conf"), config,
                        "instance \"VI_1\": interfaceName is not set: call interfaceName(\"eth0\")"));
        assertEquals("k.conf:6: vrrp_instance VI_1: virtual_ipaddress 192.0.2.10 is listed twice",
                ConfigLoader.translate(Path.of("k.conf"), config, "instance \"VI_1\": vip 192.0.2.10 is listed twice"
                        + " (vip(\"192.0.2.10/24\") and vip(\"192.0.2.10/24\")): remove one of the calls"));
        assertEquals("k.conf:1: vrrp_instance VI_1: authentication is a VRRPv2 feature (RFC 9568 removed it)",
                ConfigLoader.translate(Path.of("k.conf"), config, "instance \"VI_1\": authentication is a VRRPv2"
                        + " feature (RFC 9568 removed it); remove it or use version(2)"));
        assertEquals("k.conf: vrrp_sync_group \"G\" has no instances",
                ConfigLoader.translate(Path.of("k.conf"), config, "syncGroup \"G\" has no instances"));
    }

    @Test
    void missingInterfaceAndNotifyScriptAreWarnings() throws IOException {
        // keepalived 2.2.7 -t: exit 5, "WARNING - interface nosuchif0 for vrrp_instance VI_1 doesn't exist";
        // the daemon runs and waits for it.
        Path sys = Files.createDirectories(tmp.resolve("net"));
        Files.createDirectories(sys.resolve("eth0"));
        Path f = tmp.resolve("k.conf");
        Files.writeString(f, Files.readString(C.resolve("missing-interface.conf")).replace("    priority 90",
                "    priority 90\n    notify_master /nonexistent/up.sh\n    track_interface {\n        eth0\n    }"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = new CheckCommand(sys, tmp).check(f, Optional.empty(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, out);
        assertTrue(out.contains(f + ":3: interface nosuchif0 for vrrp_instance VI_1 does not exist here"), out);
        assertFalse(out.contains("interface eth0"), out);
        assertTrue(out.contains(f + ":1: notify_master of vrrp_instance VI_1: /nonexistent/up.sh does not exist"), out);
        assertTrue(out.endsWith("would run 1 vrrp_instance, with 2 warnings\n"), out);
    }

    /** Odd inputs never give a stack trace nor Java wording: always FILE[:LINE] lines and exit 0 or 1. */
    @Test
    void fuzzedFilesNeverGiveAStackTrace() throws IOException {
        Random random = new Random(14);
        List<String> seeds = List.of(Files.readString(C.resolve("harmless-keywords.conf")),
                Files.readString(C.resolve("missing-script.conf")), Files.readString(C.resolve("config-id.conf")));
        String[] junk = {"{", "}", "\"", "'", "@", "@^", "include", "*", "\u0000", "\\", "300", "-1", "99999999999",
                "virtual_ipaddress", "fe80::1", "1.2.3.4/99", "dev", "weight", "track_script", "vrrp_instance", "\n",
                "  ", "#", "!", "$X", "~SEQ(", "é", "state", "version 3", "advert_int 0.001", "nopreempt"};
        Path f = tmp.resolve("fuzz.conf");
        for (int round = 0; round < 400; round++) {
            StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            for (int edit = 0, n = 1 + random.nextInt(6); edit < n; edit++) {
                int at = random.nextInt(text.length() + 1);
                if (random.nextBoolean() && text.length() > 0) {
                    text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(20)));
                } else {
                    text.insert(Math.min(at, text.length()), " " + junk[random.nextInt(junk.length)] + " ");
                }
            }
            if (round % 50 == 0) {
                text.append("include ").append(f).append('\n'); // a cycle
            }
            Files.writeString(f, text);
            CommandRun run = check(f);
            assertTrue(run.exitCode() == 0 || run.exitCode() == 1, run.exitCode() + "\n" + text + "\n" + run.out());
            assertEquals("", run.err(), text.toString());
            assertFalse(KeepalivedCorpusTest.JAVA_WORDING.matcher(run.out()).find(), text + "\n---\n" + run.out());
            assertFalse(run.out().contains("cannot check this file"), text + "\n---\n" + run.out());
            for (String line : run.outLines()) {
                assertTrue(line.startsWith(f.toString()), text + "\n---\n" + line);
            }
        }
    }

    @Test
    void binaryAndMissingFiles() throws IOException {
        Path f = tmp.resolve("bin.conf");
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        Files.write(f, bytes);
        CommandRun run = check(f);
        assertEquals(1, run.exitCode());
        assertFalse(KeepalivedCorpusTest.JAVA_WORDING.matcher(run.out()).find(), run.out());
        CommandRun missing = check(tmp.resolve("nope.conf"));
        assertEquals(1, missing.exitCode());
        assertTrue(missing.out().startsWith(tmp.resolve("nope.conf") + ": cannot read"), missing.out());
        assertEquals(2, CommandRun.of("check").exitCode());
        assertEquals(2, CommandRun.of("check", "-f").exitCode());
    }
}
