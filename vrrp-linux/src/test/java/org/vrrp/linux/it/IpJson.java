package org.vrrp.linux.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the few fields tests need from `ip -j` output. The objects inside {@code addr_info} and the
 * neighbour entries are flat (no nested objects), so matching each {@code {...}} and its fields is
 * enough, and the test classpath stays free of a JSON library.
 */
public final class IpJson {
    private static final Pattern FLAT_OBJECT = Pattern.compile("\\{[^{}]*\\}");

    private IpJson() {
    }

    /** One address as the kernel reports it. */
    public record KernelAddress(String family, String address, int prefixLength, boolean tentative) {
    }

    /** Addresses listed in `ip -j addr show` output. */
    public static List<KernelAddress> addresses(String json) {
        List<KernelAddress> out = new ArrayList<>();
        int start = json.indexOf("\"addr_info\"");
        if (start < 0) {
            return out;
        }
        Matcher m = FLAT_OBJECT.matcher(json.substring(start));
        while (m.find()) {
            String o = m.group();
            String local = field(o, "local");
            String prefix = number(o, "prefixlen");
            if (local != null && prefix != null) {
                out.add(new KernelAddress(field(o, "family"), local, Integer.parseInt(prefix),
                        o.contains("\"tentative\":true")));
            }
        }
        return out;
    }

    /** The lladdr of the first usable entry in `ip -j neigh show` output. */
    public static Optional<String> neighbourMac(String json) {
        Matcher m = FLAT_OBJECT.matcher(json);
        while (m.find()) {
            String o = m.group();
            String mac = field(o, "lladdr");
            if (mac != null && !o.contains("\"FAILED\"") && !o.contains("\"INCOMPLETE\"")) {
                return Optional.of(mac);
            }
        }
        return Optional.empty();
    }

    /** Compares two textual addresses by value (2001:db8::64 equals 2001:0db8:0:0:0:0:0:64). */
    public static boolean sameAddress(String a, String b) {
        return Inet.address(a).equals(Inet.address(b));
    }

    private static String field(String object, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(object);
        return m.find() ? m.group(1) : null;
    }

    private static String number(String object, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(object);
        return m.find() ? m.group(1) : null;
    }
}
