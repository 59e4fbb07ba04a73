package org.vrrp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.VrrpLimits;
import org.vrrp.packet.VrrpPacket;
import org.vrrp.spi.VirtualAddress;

/**
 * Checks one instance's settings and turns them into an {@link InstanceSpec}. Every message names the
 * instance, the field, the value and what is allowed.
 */
final class ConfigValidator {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int MAX_INTERFACE_NAME_LENGTH = 15; // IFNAMSIZ - 1

    private ConfigValidator() {}

    static InstanceSpec validate(String name, InstanceBuilder b, Map<String, HealthCheckSpec> healthChecks) {
        String at = "instance \"" + name + "\": ";
        if (b.interfaceName == null || b.interfaceName.isBlank()) {
            throw new IllegalArgumentException(at + "interfaceName is not set: call interfaceName(\"eth0\")");
        }
        if (b.interfaceName.length() > MAX_INTERFACE_NAME_LENGTH) {
            throw new IllegalArgumentException(at + "interfaceName \"" + b.interfaceName + "\" is longer than "
                    + MAX_INTERFACE_NAME_LENGTH + " characters, which Linux does not allow");
        }
        if (b.virtualRouterId == null) {
            throw new IllegalArgumentException(at + "virtualRouterId is not set: call virtualRouterId("
                    + VrrpLimits.MIN_VRID + ".." + VrrpLimits.MAX_VRID + ")");
        }
        int vrid = range(at, "virtualRouterId", b.virtualRouterId, VrrpLimits.MIN_VRID, VrrpLimits.MAX_VRID);
        int priority = range(at, "priority", b.priority == null ? VrrpLimits.DEFAULT_PRIORITY : b.priority,
                VrrpLimits.MIN_PRIORITY, VrrpLimits.MAX_PRIORITY);
        VirtualMac virtualMac = virtualMac(at, b, vrid);
        // With a virtual MAC, the VIPs of the instance's own interface live on the virtual MAC interface.
        String vipDevice = virtualMac == null ? b.interfaceName : virtualMac.interfaceName();
        List<VirtualAddress> vips = new ArrayList<>();
        Map<InetAddress, Integer> seen = new LinkedHashMap<>();
        for (String[] v : b.vips) {
            VirtualAddress vip = parseVip(at, v[0], v[1] == null || v[1].equals(b.interfaceName) ? vipDevice : v[1],
                    v.length > 2 ? v[2] : null);
            Integer first = seen.putIfAbsent(vip.address(), vips.size());
            if (first != null) {
                throw duplicateVip(at, vips.get(first), b.vips.get(first), vip, v);
            }
            vips.add(vip);
        }
        List<VirtualAddress> excluded = new ArrayList<>();
        for (String[] v : b.excludedVips) {
            VirtualAddress vip = parseVip(at, v[0], v[1] == null || v[1].equals(b.interfaceName) ? vipDevice : v[1],
                    v.length > 2 ? v[2] : null);
            if (seen.putIfAbsent(vip.address(), vips.size() + excluded.size()) != null) {
                throw new IllegalArgumentException(at + "excludedVip " + vip + ": the address is already a vip or an"
                        + " excludedVip of this instance; declare it once");
            }
            excluded.add(vip);
        }
        AddressFamily family = vips.isEmpty() ? familyWithoutVips(at, b) : vips.get(0).family();
        for (VirtualAddress v : vips) {
            if (v.family() != family) {
                throw new IllegalArgumentException(at + "vip " + v.address().getHostAddress() + " is " + v.family()
                        + " but vip " + vips.get(0).address().getHostAddress() + " is " + family
                        + ": one instance carries one family, declare a second instance for the other");
            }
        }
        int version = b.version != null ? b.version : VrrpLimits.defaultVersion(family);
        if (version < VrrpLimits.MIN_VERSION || version > VrrpLimits.MAX_VERSION) {
            throw new IllegalArgumentException(at + "version must be " + VrrpLimits.MIN_VERSION + " or "
                    + VrrpLimits.MAX_VERSION + ", got " + version);
        }
        if (vips.isEmpty() && version != 2) {
            // keepalived 2.2.7 too: "No VIP specified; at least one is required" for version 3 (RFC 9568 5.2.5).
            throw new IllegalArgumentException(at + "no vip: version " + version + " needs at least one (RFC 9568);"
                    + " add one, e.g. vip(\"192.0.2.254/24\"), or use version(2), which may advertise none");
        }
        if (!VrrpLimits.carries(version, family)) {
            throw new IllegalArgumentException(at + "version 2 cannot carry IPv6 addresses (RFC 3768): use version(3)");
        }
        // RFC 9568 5.2.9 wants the first IPv6 address link-local; keepalived 2.2.7 only notes it ("should be link
        // local") outside strict mode, sends the list as written and checks nothing of it on receipt. So do we.
        int intervalCentis = advertIntervalCentis(at, version,
                b.advertisementInterval == null ? Duration.ofMillis(VrrpLimits.DEFAULT_ADVERT_CENTIS * 10L) : b.advertisementInterval);
        boolean preempt = b.preempt == null || b.preempt;
        VrrpState initial = b.initialState == null ? VrrpState.BACKUP : b.initialState;
        if (initial != VrrpState.BACKUP && initial != VrrpState.MASTER) {
            throw new IllegalArgumentException(at + "initialState must be BACKUP or MASTER, got " + initial);
        }
        if (!preempt && initial == VrrpState.MASTER) {
            throw new IllegalArgumentException(at + "preempt(false) with initialState MASTER: nopreempt only makes sense"
                    + " with initial state BACKUP (a MASTER start preempts by definition); use initialState(BACKUP)");
        }
        int preemptDelayCentis = b.preemptDelay == null ? 0 : centis(at, "preemptDelay", b.preemptDelay, 0,
                VrrpLimits.MAX_PREEMPT_DELAY_CENTIS);
        byte[] auth = null;
        if (b.authentication != null) {
            if (version != 2) {
                throw new IllegalArgumentException(at + "authentication is a VRRPv2 feature (RFC 9568 removed it);"
                        + " remove it or use version(2)");
            }
            if (b.authentication.isEmpty() || b.authentication.length() > VrrpLimits.MAX_AUTH_CHARS
                    || !b.authentication.chars().allMatch(c -> c > 32 && c < 127)) {
                throw new IllegalArgumentException(at + "authentication \"" + b.authentication
                        + "\" must be 1.." + VrrpLimits.MAX_AUTH_CHARS + " printable ASCII characters without spaces");
            }
            auth = VrrpPacket.simpleTextAuthData(b.authentication);
        }
        List<InetAddress> peers = new ArrayList<>();
        for (String p : b.unicastPeers) {
            InetAddress a = parseAddress(at, "unicastPeer", p);
            if (AddressFamily.of(a) != family) {
                throw new IllegalArgumentException(at + "unicastPeer " + p + " is not " + family + " like the vips");
            }
            peers.add(a);
        }
        InetAddress source = null;
        if (b.sourceAddress != null) {
            source = parseAddress(at, "sourceAddress", b.sourceAddress);
            if (AddressFamily.of(source) != family) {
                throw new IllegalArgumentException(at + "sourceAddress " + b.sourceAddress + " is not " + family
                        + " like the vips");
            }
        }
        List<String> tracked = new ArrayList<>();
        if (b.dontTrackPrimary == null || !b.dontTrackPrimary) {
            tracked.add(b.interfaceName);
        }
        for (String t : b.trackedInterfaces) {
            if (!tracked.contains(t)) {
                tracked.add(t);
            }
        }
        Map<String, TrackedLink> weightedLinks = new LinkedHashMap<>();
        for (TrackedLink l : b.weightedLinks.values()) {
            range(at, "trackInterface weight", l.weight(), -VrrpLimits.MAX_WEIGHT, VrrpLimits.MAX_WEIGHT);
            if (l.weight() != 0 && tracked.contains(l.name())) {
                weightedLinks.put(l.name(), l);
            }
        }
        Map<String, Integer> checks = new LinkedHashMap<>();
        if (b.trackedChecks.isEmpty() && (b.onlyNamedChecks == null || !b.onlyNamedChecks)) {
            healthChecks.forEach((n, spec) -> checks.put(n, spec.weight()));
        } else {
            for (Map.Entry<String, Integer> e : b.trackedChecks.entrySet()) {
                HealthCheckSpec spec = healthChecks.get(e.getKey());
                if (spec == null) {
                    throw new IllegalArgumentException(at + "trackHealthCheck \"" + e.getKey()
                            + "\" names no health check; declared: " + healthChecks.keySet());
                }
                int w = e.getValue() == null ? spec.weight() : range(at, "trackHealthCheck weight", e.getValue(),
                        -spec.maxWeight(), spec.maxWeight());
                checks.put(e.getKey(), w);
            }
        }
        ChecksumForm form = b.checksumWithIpv4PseudoHeader == null || b.checksumWithIpv4PseudoHeader
                ? ChecksumForm.IPV4_PSEUDO_HEADER : ChecksumForm.MESSAGE;
        InstanceConfig protocol = new InstanceConfig(name, b.interfaceName, family, version, vrid, priority,
                intervalCentis, preempt, preemptDelayCentis, initial == VrrpState.MASTER, auth, vips, peers, form,
                b.reassertOnLowerPriority == null || b.reassertOnLowerPriority,
                b.garp == null ? GarpConfig.KEEPALIVED_DEFAULTS : b.garp, excluded, source,
                b.advertiseBeforeSteppingDown == null || b.advertiseBeforeSteppingDown);
        return new InstanceSpec(protocol, tracked, checks, weightedLinks, virtualMac);
    }

    private static VirtualMac virtualMac(String at, InstanceBuilder b, int vrid) {
        if (b.virtualMac == null || !b.virtualMac) {
            if (b.virtualMacName != null || (b.vmacTransmitBase != null && b.vmacTransmitBase)) {
                throw new IllegalArgumentException(at + (b.virtualMacName != null ? "virtualMacName(\""
                        + b.virtualMacName + "\")" : "vmacTransmitBase(true)") + " without virtualMac(true): add"
                        + " virtualMac(true), or remove it");
            }
            return null;
        }
        String name = b.virtualMacName != null ? b.virtualMacName : VirtualMac.defaultName(vrid);
        if (name.isBlank() || name.length() > MAX_INTERFACE_NAME_LENGTH || name.contains("/") || name.contains(" ")) {
            throw new IllegalArgumentException(at + "virtualMacName \"" + name + "\" is not an interface name Linux"
                    + " allows: 1 to " + MAX_INTERFACE_NAME_LENGTH + " characters, no '/' or space");
        }
        if (name.equals(b.interfaceName)) {
            throw new IllegalArgumentException(at + "virtualMacName \"" + name + "\" is the instance's own interface:"
                    + " the virtual MAC needs an interface of its own; choose another name");
        }
        return new VirtualMac(name, b.vmacTransmitBase != null && b.vmacTransmitBase);
    }

    /**
     * The family of an instance with no vip (a VRRPv2 one, as keepalived runs with a warning: adverts carry no
     * address and a notify script moves the address): the source address's, else the first unicast peer's,
     * else IPv4.
     */
    private static AddressFamily familyWithoutVips(String at, InstanceBuilder b) {
        if (b.sourceAddress != null) {
            return AddressFamily.of(parseAddress(at, "sourceAddress", b.sourceAddress));
        }
        if (!b.unicastPeers.isEmpty()) {
            return AddressFamily.of(parseAddress(at, "unicastPeer", b.unicastPeers.get(0)));
        }
        return AddressFamily.IPV4;
    }

    /** The same address twice: exactly repeated, or with another prefix or device (two kernel addresses). */
    private static IllegalArgumentException duplicateVip(String at, VirtualAddress first, String[] firstText,
                                                         VirtualAddress second, String[] secondText) {
        String address = second.address().getHostAddress();
        if (first.equals(second)) {
            return new IllegalArgumentException(at + "vip " + address + " is listed twice (vip(\"" + firstText[0]
                    + "\") and vip(\"" + secondText[0] + "\")): remove one of the calls");
        }
        if (first.prefixLength() != second.prefixLength()) {
            return new IllegalArgumentException(at + "vip " + address + " is listed with two prefix lengths, /"
                    + first.prefixLength() + " and /" + second.prefixLength() + ": the kernel would carry it twice;"
                    + " keep one, e.g. vip(\"" + address + "/" + first.prefixLength() + "\")");
        }
        return new IllegalArgumentException(at + "vip " + address + " is listed on two devices, " + first.device()
                + " and " + second.device() + ": an address belongs on one interface; keep one of the calls");
    }

    private static int advertIntervalCentis(String at, int version, Duration interval) {
        if (version == 2) {
            if (interval.toNanos() % 1_000_000_000L != 0 || interval.getSeconds() < VrrpLimits.V2_MIN_ADVERT_SECONDS
                    || interval.getSeconds() > VrrpLimits.V2_MAX_ADVERT_SECONDS) {
                throw new IllegalArgumentException(at + "advertisementInterval " + interval + " is not allowed in"
                        + " VRRPv2: whole seconds " + VrrpLimits.V2_MIN_ADVERT_SECONDS + ".."
                        + VrrpLimits.V2_MAX_ADVERT_SECONDS + " only; for sub-second adverts use version(3)");
            }
            return (int) interval.getSeconds() * 100;
        }
        return centis(at, "advertisementInterval", interval, VrrpLimits.V3_MIN_ADVERT_CENTIS,
                VrrpLimits.V3_MAX_ADVERT_CENTIS);
    }

    private static int centis(String at, String field, Duration d, int min, int max) {
        long nanos = d.toNanos();
        if (nanos % 10_000_000L != 0 || nanos / 10_000_000L < min || nanos / 10_000_000L > max) {
            throw new IllegalArgumentException(at + field + " " + d + " must be a multiple of 10 ms from "
                    + min * 10 + " ms to " + max * 10 + " ms");
        }
        return (int) (nanos / 10_000_000L);
    }

    private static int range(String at, String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(at + field + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    static VirtualAddress parseVip(String at, String text, String device, String label) {
        String addr = text;
        Integer prefix = null;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            addr = text.substring(0, slash);
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(at + "vip \"" + text + "\": prefix length is not a number");
            }
        }
        InetAddress a = parseAddress(at, "vip", addr);
        int max = a instanceof Inet6Address ? 128 : 32;
        int len = prefix == null ? max : prefix;
        if (len < 1 || len > max) {
            throw new IllegalArgumentException(at + "vip \"" + text + "\": prefix length must be in 1.." + max
                    + ", got " + len);
        }
        try {
            return new VirtualAddress(a, len, device, label);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + "vip \"" + text + "\": " + e.getMessage());
        }
    }

    /** Parses an address literal; never does a DNS lookup. */
    static InetAddress parseAddress(String at, String field, String text) {
        boolean literal = IPV4_LITERAL.matcher(text).matches() || (text.contains(":") && text.matches("[0-9A-Fa-f:.]+"));
        if (!literal) {
            throw new IllegalArgumentException(at + field + " \"" + text + "\" is not an IPv4 or IPv6 address"
                    + " (e.g. 192.0.2.4 or 2001:db8::4); host names are not looked up");
        }
        try {
            if (IPV4_LITERAL.matcher(text).matches()) {
                // Built byte by byte: InetAddress.getByName("300.1.1.1") would go to DNS.
                String[] parts = text.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        throw new UnknownHostException(text);
                    }
                    bytes[i] = (byte) octet;
                }
                return InetAddress.getByAddress(bytes);
            }
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(at + field + " \"" + text + "\" is not a valid address");
        }
    }
}
