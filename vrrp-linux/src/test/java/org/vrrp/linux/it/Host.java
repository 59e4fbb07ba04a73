package org.vrrp.linux.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vrrp.linux.LinuxNetworkProvider;
import org.vrrp.spi.NetworkProvider;
import org.vrrp.spi.NetworkStack;

/**
 * One host of a {@link TestNetwork}: a network namespace with one interface per segment. Gives the
 * addresses the harness assigned and reads kernel state in the namespace through `ip -j`, so tests check
 * what the kernel did, not what our code believes.
 *
 * <p>Immutable; its methods only start commands, so any thread may call them.
 */
public final class Host {
    private static final NetworkProvider PROVIDER = new LinuxNetworkProvider();

    private final TestNetwork network;
    private final String name;
    private final String namespace;
    private final int index;

    Host(TestNetwork network, String name, String namespace, int index) {
        this.network = network;
        this.name = name;
        this.namespace = namespace;
        this.index = index;
    }

    public String name() {
        return name;
    }

    /** The namespace name, to pass to {@code NetworkProvider.open}. */
    public String namespace() {
        return namespace;
    }

    /** 1-based position in the network; the last byte of the host's addresses. */
    public int index() {
        return index;
    }

    /** 192.0.2.N on segment 0, 198.51.100.N on segment 1. */
    public String ipv4(int segment) {
        return (segment == 0 ? "192.0.2." : "198.51.100.") + index;
    }

    /** 2001:db8::N on segment 0, 2001:db8:1::N on segment 1. */
    public String ipv6(int segment) {
        return (segment == 0 ? "2001:db8::" : "2001:db8:1::") + Integer.toHexString(index);
    }

    /** 02:00:00:00:0S:NN, locally administered. */
    public String mac(int segment) {
        return String.format("02:00:00:00:%02x:%02x", segment, index);
    }

    /** The interface on segment 0. */
    public String ipv4() {
        return ipv4(0);
    }

    public String ipv6() {
        return ipv6(0);
    }

    public String mac() {
        return mac(0);
    }

    /** Connects this host to another segment; returns the new interface's name. */
    public String attach(int segment) {
        return network.attach(this, segment);
    }

    /** Our Linux network stack, opened in this host's namespace; the caller closes it. */
    public NetworkStack openStack() throws IOException {
        return PROVIDER.open(namespace);
    }

    /** `ip -n NS args...`, checked. */
    public void ip(String... args) {
        TestNetwork.ip(namespace, args);
    }

    /**
     * Adds an interface that is on no segment and has no address: one end of a veth pair whose other end,
     * {@code name + "p"}, also stays here. A veth rather than a dummy because the dummy module is not in
     * every kernel (it is missing on this project's CI machine).
     */
    public void addUnconnectedInterface(String name) {
        if (name.length() > 14) {
            throw new IllegalArgumentException("interface name '" + name + "' must leave room for the peer's 'p'"
                    + " within 15 characters");
        }
        ip("link", "add", name, "type", "veth", "peer", "name", name + "p");
    }

    /**
     * Sets a net.* sysctl inside the namespace (they are per namespace) by writing /proc/sys directly, so
     * the harness needs no procps. Keys are dotted as for sysctl(8); interface names must not contain dots.
     */
    public void sysctl(String key, String value) {
        if (!key.matches("net(\\.[A-Za-z0-9_-]+)+") || !value.matches("[A-Za-z0-9 ._-]*")) {
            throw new IllegalArgumentException("not a plain net.* sysctl assignment: " + key + "=" + value);
        }
        exec("sh", "-c", "echo '" + value + "' > /proc/sys/" + key.replace('.', '/'));
    }

    /** Runs a command inside the namespace and checks its exit code. */
    public Command.Result exec(String... command) {
        return execUnchecked(Command.DEFAULT_TIMEOUT, command).check();
    }

    /** Runs a command inside the namespace with a timeout, exit code unchecked. */
    public Command.Result execUnchecked(Duration timeout, String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        cmd.addAll(List.of(command));
        return Command.runUnchecked(timeout, cmd);
    }

    /** The addresses the kernel has on {@code ifname} now, from `ip -j addr show dev`. */
    public List<IpJson.KernelAddress> addresses(String ifname) {
        return IpJson.addresses(exec("ip", "-j", "addr", "show", "dev", ifname).stdout());
    }

    /** The address {@code address} on {@code ifname}, if the kernel has it. */
    public Optional<IpJson.KernelAddress> address(String ifname, String address) {
        return addresses(ifname).stream().filter(a -> IpJson.sameAddress(a.address(), address)).findFirst();
    }

    /** The MAC the neighbour table holds for {@code address} on {@code ifname}, if any (not FAILED/INCOMPLETE). */
    public Optional<String> neighbourMac(String ifname, String address) {
        return IpJson.neighbourMac(exec("ip", "-j", "neigh", "show", "to", address, "dev", ifname).stdout());
    }

    /** Sets an interface administratively up or down inside the namespace (`ip link set dev X up|down`). */
    public void setLinkUp(String ifname, boolean up) {
        ip("link", "set", "dev", ifname, up ? "up" : "down");
    }

    /** Whether {@code ifname} has carrier, from `ip -j link show`. */
    public boolean hasCarrier(String ifname) {
        return !exec("ip", "-j", "link", "show", "dev", ifname).stdout().contains("NO-CARRIER");
    }

    @Override
    public String toString() {
        return name + "@" + namespace;
    }
}
