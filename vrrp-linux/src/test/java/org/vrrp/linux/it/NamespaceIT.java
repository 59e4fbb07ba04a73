package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.linux.LinuxNetworkProvider;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.NetworkProvider;
import org.vrrp.spi.NetworkStack;

/** Stacks opened in namespaces from a JVM in the root namespace, and the errors that name what is wrong. */
@RequiresRoot
@Timeout(60)
class NamespaceIT {
    private static final NetworkProvider PROVIDER = new LinuxNetworkProvider();

    @Test
    void providerIsFoundByServiceLoaderAndAvailableAsRoot() {
        NetworkProvider found = ServiceLoader.load(NetworkProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("linux")).findFirst().orElseThrow();
        assertTrue(found.isAvailable(), found.unavailabilityCause());
        assertEquals("", found.unavailabilityCause());
    }

    @Test
    void eachStackSeesOnlyItsOwnNamespacesInterfaces() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            b.addUnconnectedInterface("only-in-b");
            try (NetworkStack stackA = PROVIDER.open(a.namespace());
                 NetworkStack stackB = PROVIDER.open(b.namespace())) {
                assertTrue(stackB.interfaceExists("only-in-b"));
                assertFalse(stackA.interfaceExists("only-in-b"));
                assertTrue(stackA.interfaceExists("eth0"));
                assertEquals(Inet.address(a.ipv4()),
                        stackA.openChannel("eth0", AddressFamily.IPV4, List.of(), p -> { }).localAddress());
                assertEquals(Inet.address(b.ipv4()),
                        stackB.openChannel("eth0", AddressFamily.IPV4, List.of(), p -> { }).localAddress());
            }
        }
    }

    @Test
    void missingNamespaceIsNamedWithItsPath() {
        String name = TestNetwork.PREFIX + ProcessHandle.current().pid() + "-0-missing";
        IOException e = assertThrows(IOException.class, () -> PROVIDER.open(name));
        assertTrue(e.getMessage().contains("/var/run/netns/" + name), e.getMessage());
    }

    @Test
    void unknownInterfaceIsNamedAlongWithTheInterfacesThatExist() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (NetworkStack stack = PROVIDER.open(a.namespace())) {
                IOException e = assertThrows(IOException.class,
                        () -> stack.openChannel("nosuch0", AddressFamily.IPV4, List.of(), p -> { }));
                assertTrue(e.getMessage().contains("'nosuch0'"), e.getMessage());
                assertTrue(e.getMessage().contains("eth0, lo"), e.getMessage());
            }
        }
    }

    @Test
    void interfaceWithoutIpv4AddressFailsClearly() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            a.addUnconnectedInterface("bare0");
            try (NetworkStack stack = PROVIDER.open(a.namespace())) {
                IOException e = assertThrows(IOException.class,
                        () -> stack.openChannel("bare0", AddressFamily.IPV4, List.of(), p -> { }));
                assertTrue(e.getMessage().contains("bare0 ") && e.getMessage().contains("no IPv4 address"),
                        e.getMessage());
            }
        }
    }

    /** open() that fails, and close() after use, leave no descriptor and no I/O thread behind. */
    @Test
    void closeAndFailedOpenLeaveNoDescriptorOrThread() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Set<String> before = socketsAndEventFds();
            assertThrows(IOException.class, () -> PROVIDER.open(a.namespace() + "-missing"));
            NetworkStack stack = PROVIDER.open(a.namespace());
            stack.openChannel("eth0", AddressFamily.IPV4, List.of(), p -> { });
            stack.openChannel("eth0", AddressFamily.IPV6, List.of(), p -> { }).close();
            stack.watchLink("eth0", (n, u) -> { });
            assertTrue(ioThreads() > 0, "an I/O thread runs while the stack is open");
            stack.close();
            stack.close(); // idempotent
            assertEquals(0, ioThreads(), "I/O thread still running after close");
            assertEquals(before, socketsAndEventFds(), "descriptors left open");
        }
    }

    private static long ioThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("vrrp-io-")).count();
    }

    private static Set<String> socketsAndEventFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return fd.getFileName() + " " + Files.readSymbolicLink(fd);
                } catch (IOException e) {
                    return fd.getFileName() + " (gone)"; // e.g. the directory stream's own descriptor
                }
            }).filter(s -> s.contains("socket:") || s.contains("eventfd")).collect(Collectors.toSet());
        }
    }
}
