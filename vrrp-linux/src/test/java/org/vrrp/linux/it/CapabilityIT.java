package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.linux.it.Routers.holdsAll;
import static org.vrrp.linux.it.Routers.holdsNone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.InstanceStats;
import org.vrrp.StateChange;
import org.vrrp.VrrpListener;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * Issue 13 item 1 through the kernel. The pre-flight: a router started by a non-root user (uid 65534)
 * holding only CAP_NET_RAW, or only CAP_NET_ADMIN (`setpriv`, in a JVM of its own inside a test
 * namespace), refuses to start, naming the missing capability and the fix, and leaves the interface as
 * it was; with both it becomes master and its VIP is in the kernel. At run time: a VIP the kernel
 * refuses (IPv6 disabled on its device) sends the instance to FAULT with priority 0 instead of MASTER,
 * counted, and the peer keeps (or takes) the VIP.
 */
@RequiresRoot(tools = "setpriv")
@Timeout(120)
class CapabilityIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> VIPS = List.of("192.0.2.60/24");
    private static Path classpathCopy;
    private static String readableClasspath;

    /** The unprivileged JVM cannot read root's ~/.m2: copy the jars somewhere it can. */
    @BeforeAll
    static void copyClasspath() throws IOException {
        classpathCopy = Files.createTempDirectory("vrrp-it-cp", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(":")) {
            Path p = Path.of(entry);
            if (Files.isRegularFile(p)) {
                Path copy = classpathCopy.resolve((n++) + "-" + p.getFileName());
                Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                copy.toFile().setReadable(true, false);
                entries.add(copy.toString());
            } else {
                entries.add(entry); // target/classes and target/test-classes: world-readable
            }
        }
        readableClasspath = String.join(":", entries);
        Path tmp = Files.createDirectory(classpathCopy.resolve("tmp")); // jffi unpacks its library here
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterAll
    static void deleteClasspathCopy() throws IOException {
        if (classpathCopy != null) {
            try (var files = Files.walk(classpathCopy)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** `setpriv` as uid/gid 65534 with exactly {@code caps} (e.g. "+net_raw"), then the standalone router. */
    private static String[] unprivilegedRouter(String caps) {
        return unprivilegedRouter(caps, VIPS.get(0));
    }

    /** As {@link #unprivilegedRouter(String)}, with these arguments after VRID 51, priority 150, version 2. */
    private static String[] unprivilegedRouter(String caps, String... routerArgs) {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new UncheckedIOException(new IOException("cannot tell which java runs the tests")));
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=" + caps, "--ambient-caps=" + caps, java, "-Djava.io.tmpdir=" + classpathCopy.resolve("tmp"),
                "-cp", readableClasspath, StandaloneRouter.class.getName(), "51", "150", "2"));
        command.addAll(List.of(routerArgs));
        return command.toArray(String[]::new);
    }

    private static String runUntilExit(Host host, String caps) throws IOException {
        Path log = Files.createTempFile("vrrp-it-caps", ".log");
        try (BackgroundProcess p = new BackgroundProcess(host, "router with " + caps, log, unprivilegedRouter(caps))) {
            int exit = p.awaitExit(WAIT);
            assertNotEquals(0, exit, p.log());
            return p.log();
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void withOnlyCapNetRawStartIsRefusedNamingCapNetAdminAndTheInterfaceIsUntouched() throws IOException {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            var before = a.addresses("eth0");
            String log = runUntilExit(a, "+net_raw");
            assertTrue(log.contains("this process lacks CAP_NET_ADMIN (effective capabilities: 0000000000002000);"
                    + " adding and removing VIPs needs CAP_NET_ADMIN: run as root, or grant it to the JVM with systemd"
                    + " AmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN"), log);
            assertFalse(log.contains(StandaloneRouter.MASTER_LINE), log);
            assertEquals(before, a.addresses("eth0"));
        }
    }

    @Test
    void withOnlyCapNetAdminStartIsRefusedNamingCapNetRaw() throws IOException {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            var before = a.addresses("eth0");
            String log = runUntilExit(a, "+net_admin");
            assertTrue(log.contains("this process lacks CAP_NET_RAW (effective capabilities: 0000000000001000);"
                    + " the raw VRRP socket needs CAP_NET_RAW: run as root"), log);
            assertEquals(before, a.addresses("eth0"));
        }
    }

    @Test
    void withBothCapabilitiesANonRootUserBecomesMasterWithItsVip() throws IOException {
        Path log = Files.createTempFile("vrrp-it-caps", ".log");
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (BackgroundProcess p = new BackgroundProcess(a, "router with both", log,
                    unprivilegedRouter("+net_raw,+net_admin"))) {
                p.awaitLog(StandaloneRouter.MASTER_LINE, WAIT);
                assertTrue(holdsAll(a, VIPS), "uid 65534 with the two capabilities added it: " + a.addresses("eth0"));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * realtimePriority without CAP_SYS_NICE (uid 65534, RLIMIT_RTPRIO 0): one warning naming the capability and the
     * fix, and the router runs, master, with its protocol thread at SCHED_OTHER in the kernel's view; keepalived
     * too carries on ("cannot raise priority"). With CAP_SYS_NICE added, the same user's protocol thread is SCHED_RR.
     */
    @Test
    void realtimePriorityWithoutCapSysNiceIsAWarningAndTheRouterRunsAtNormalPriority() throws IOException {
        Path log = Files.createTempFile("vrrp-it-caps", ".log");
        Path niceLog = Files.createTempFile("vrrp-it-caps", ".log");
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (BackgroundProcess p = new BackgroundProcess(a, "router asking for rt priority", log,
                    unprivilegedRouter("+net_raw,+net_admin", "--rt-priority=10", VIPS.get(0)))) {
                p.awaitLog(StandaloneRouter.MASTER_LINE, WAIT);
                assertTrue(p.log().contains("vrrp-VI_51-protocol runs at normal priority, not real-time priority 10"
                        + " (realtimePriority / vrrp_rt_priority): sched_setscheduler(SCHED_RR, priority 10) failed:"
                        + " Operation not permitted (EPERM, 1). real-time priority needs CAP_SYS_NICE, or an"
                        + " RLIMIT_RTPRIO of at least 10"), p.log());
                ThreadScheduling.Sched protocol = ThreadScheduling.thread(Long.toString(p.pid()), "vrrp-VI_51-protocol");
                assertEquals(ThreadScheduling.SCHED_OTHER, protocol.policy(), protocol.toString());
                assertTrue(holdsAll(a, VIPS), "it runs: " + a.addresses("eth0"));
            }
            try (BackgroundProcess p = new BackgroundProcess(a, "router with CAP_SYS_NICE", niceLog,
                    unprivilegedRouter("+net_raw,+net_admin,+sys_nice", "--rt-priority=10", VIPS.get(0)))) {
                p.awaitLog(StandaloneRouter.MASTER_LINE, WAIT);
                ThreadScheduling.Sched protocol = ThreadScheduling.thread(Long.toString(p.pid()), "vrrp-VI_51-protocol");
                assertEquals(ThreadScheduling.SCHED_RR, protocol.policy(), protocol.toString());
                assertEquals(10, protocol.rtPriority(), protocol.toString());
                assertFalse(p.log().contains("runs at normal priority"), p.log());
            }
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(niceLog);
        }
    }

    /**
     * The kernel refuses the second VIP (IPv6 disabled on eth1): a, the higher priority, must not claim
     * mastership. It goes to FAULT, says priority 0, takes back the link-local VIP it did add, counts the
     * error, and its listener never hears becomeMaster; b stays master with the VIPs.
     */
    @Test
    void aVipTheKernelRefusesAtRunTimeSendsTheInstanceToFaultNotMaster() {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            a.attach(1);
            b.attach(1);
            a.sysctl("net.ipv6.conf.eth1.disable_ipv6", "1");
            List<String> events = new CopyOnWriteArrayList<>();
            try (VrrpRouter rb = ipv6(b, 100).start()) {
                Poll.until(WAIT, "b to be master", () -> rb.state() == VrrpState.MASTER);
                try (VrrpRouter ra = ipv6(a, 200).listener(new VrrpListener() {
                    @Override
                    public void stateChanged(StateChange c) {
                        events.add(c.from() + "->" + c.to());
                    }

                    @Override
                    public void becomeMaster(StateChange c) {
                        events.add("becomeMaster");
                    }
                }).start()) {
                    InstanceStats s = Poll.until(WAIT, "a to fail to add its VIP", () -> ra.stats().instances().get(0),
                            i -> i.vipAddErrors() >= 1);
                    assertEquals(VrrpState.FAULT, ra.state());
                    assertTrue(s.priorityZeroSent() >= 1, "priority 0 said: " + s);
                    assertTrue(holdsNone(a, List.of("fe80::64")), "a took back the VIP it did add: "
                            + a.addresses("eth0"));
                    assertEquals(VrrpState.MASTER, rb.state(), "b kept the mastership");
                    assertTrue(holdsAll(b, List.of("fe80::64")), "b holds: " + b.addresses("eth0"));
                    assertEquals(List.of("INITIALIZE->BACKUP", "BACKUP->FAULT"), events.subList(0, 2));
                    assertFalse(events.contains("becomeMaster"), events.toString());
                }
            }
        }
    }

    private static VrrpRouter.Builder ipv6(Host host, int priority) {
        return Routers.on(host, 51, priority, List.of()).version(3)
                .advertisementInterval(Duration.ofMillis(100))
                .instance("VI_51", i -> i.vip("fe80::64/64").vip("2001:db8:1::64/64", "eth1"));
    }
}
