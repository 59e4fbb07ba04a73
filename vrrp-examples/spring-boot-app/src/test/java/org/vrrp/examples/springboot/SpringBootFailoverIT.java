package org.vrrp.examples.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.linux.it.BackgroundProcess;
import org.vrrp.linux.it.Command;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.Poll;
import org.vrrp.linux.it.RequiresRoot;
import org.vrrp.linux.it.ScratchDirectory;
import org.vrrp.linux.it.TestNetwork;

/**
 * Issue 13 item 6: the example Spring Boot application on two hosts, a (priority 150) and b (100),
 * sharing 192.0.2.254; a client in a third namespace asks {@code http://192.0.2.254:8080/} every 10 ms.
 * SIGTERM to a's JVM: Spring Boot's shutdown stops {@code VrrpLifecycle} first (a priority-0 advert, the
 * VIP removed), so b takes over after its skew time while a's web server still completes what it
 * accepted, and only then shuts down gracefully.
 *
 * <p>The backup is warmed up first with 50 requests to its own address, as health probes would do in
 * production, so that the figures measure the failover and not the first requests of a cold JVM.
 *
 * <p>Proves: not one request fails (each waits at most for TCP to resend its SYN once b answers), b
 * answers after the stop, a's log shows the router joined after Tomcat started and left before the
 * graceful shutdown began, and b took over on a's priority-0 advert.
 */
@RequiresRoot(tools = "curl")
@Timeout(180)
class SpringBootFailoverIT {
    private static final String VIP = "192.0.2.254";
    private static final Pattern SUMMARY = Pattern.compile(
            "summary requests=(\\d+) failed=(\\d+) longest_gap_ms=([0-9.]+) slowest_ms=([0-9.]+) answers=(\\S*)");
    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void aGracefulStopOfTheMasterFailsNoRequest() throws Exception {
        Path dir = Files.createTempDirectory("vrrp-spring-it-");
        List<BackgroundProcess> processes = new ArrayList<>();
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            Host client = net.addHost("client");
            BackgroundProcess appA = app(a, 150, dir);
            processes.add(appA);
            BackgroundProcess appB = app(b, 100, dir);
            processes.add(appB);
            appA.awaitLog("host-a now answers on the VIP", START);
            appB.awaitLog("Started VipApplication", START);
            Poll.until(Duration.ofSeconds(10), "the VIP on a only, b its backup", () -> a.address("eth0", VIP).isPresent()
                    && b.address("eth0", VIP).isEmpty() && appB.log().contains("(VI_51) INITIALIZE -> BACKUP"));

            // Warm the backup up as a load balancer's or orchestrator's health probes would: its first requests
            // run cold code (about 60 ms for the very first), which is the application's start-up, not failover.
            for (int i = 0; i < 50; i++) {
                client.exec("curl", "-sf", "-o", "/dev/null", "http://" + b.ipv4() + ":8080/");
            }

            Path stop = dir.resolve("stop-probe");
            BackgroundProcess probe = new BackgroundProcess(client, "HTTP probe", dir.resolve("probe.log"), java(),
                    "-cp", testClasses(), HttpProbe.class.getName(), "http://" + VIP + ":8080/", stop.toString(), "10");
            processes.add(probe);
            probe.awaitLog("answered by host-a", Duration.ofSeconds(30));
            Thread.sleep(1_000);

            Command.run("kill", "-TERM", Long.toString(appA.pid()));
            appA.awaitExit(Duration.ofSeconds(30));
            probe.awaitLog("answered by host-b", 0, Duration.ofSeconds(30));
            Thread.sleep(1_000);
            Files.createFile(stop);
            probe.awaitExit(Duration.ofSeconds(30));

            Matcher m = SUMMARY.matcher(probe.log());
            assertTrue(m.find(), "no summary from the probe:\n" + probe.log());
            long requests = Long.parseLong(m.group(1));
            long failed = Long.parseLong(m.group(2));
            System.out.printf("Spring Boot graceful stop of the master: %d requests every 10 ms, %d failed, longest gap"
                    + " between answers %s ms, slowest request %s ms, answers %s%n", requests, failed, m.group(3),
                    m.group(4), m.group(5));
            System.out.println("probe:\n" + probe.log());
            String logA = appA.log();
            System.out.println("host-a from the stop on:\n" + logA.substring(Math.max(0, logA.indexOf("VRRP: resigning"))));
            assertEquals(0, failed, "failed requests:\n" + probe.log() + "\n--- a:\n" + appA.log());
            assertTrue(requests >= 100, "too few requests to mean anything: " + requests);

            assertBefore(logA, "Tomcat started on port 8080", "VRRP: joining the election (application ready)");
            assertBefore(logA, "VRRP: taken over after", "Commencing graceful shutdown");
            assertBefore(logA, "VRRP: left the election", "Commencing graceful shutdown");
            assertBefore(logA, "Graceful shutdown complete", "VRRP: removed 192.0.2.254/24 dev eth0 after the web server");
            assertTrue(appB.log().contains("(VI_51) BACKUP -> MASTER: master 192.0.2.1 resigned (priority 0)"),
                    appB.log());
            assertTrue(b.address("eth0", VIP).isPresent() && a.address("eth0", VIP).isEmpty(), "the VIP moved to b");

            // The new master's Actuator endpoints, as an operator reads them.
            String health = client.exec("curl", "-s", "http://" + b.ipv4() + ":8080/actuator/health").stdout();
            System.out.println("b's /actuator/health: " + health);
            assertTrue(health.contains("\"vrrp\":{\"status\":\"UP\"") && health.contains("\"state\":\"MASTER\"")
                    && health.contains("\"masterAddress\":\"" + b.ipv4() + "\""), health);
            String state = client.exec("curl", "-s", "http://" + b.ipv4() + ":8080/actuator/metrics/vrrp.state").stdout();
            System.out.println("b's vrrp.state meter: " + state);
            assertTrue(state.contains("\"value\":2.0"), "vrrp.state is 2 (MASTER): " + state);
        } finally {
            processes.forEach(BackgroundProcess::close);
            ScratchDirectory.deleteTree(dir);
        }
    }

    private static void assertBefore(String log, String first, String then) {
        int i = log.indexOf(first);
        int j = log.indexOf(then);
        assertTrue(i >= 0 && j >= 0 && i < j, "'" + first + "' must come before '" + then + "' in\n" + log);
    }

    /** The application's executable jar, as {@code package} built it, in {@code host}'s namespace. */
    private static BackgroundProcess app(Host host, int priority, Path dir) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(moduleDir().resolve("target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-exec.jar in target/: run the package phase first"
                            + " (mvn verify does)"));
        }
        String name = "host-" + host.name();
        return new BackgroundProcess(host, name, dir.resolve(name + ".log"), java(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xmx256m", "-jar", jar.toString(), "--vrrp.priority=" + priority,
                "--app.name=" + name);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String testClasses() throws URISyntaxException {
        return Path.of(HttpProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static Path moduleDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }
}
