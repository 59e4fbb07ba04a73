package org.vrrp.config.keepalived;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.VirtualAddress;

/**
 * Reads address blocks: {@code virtual_ipaddress} / {@code virtual_ipaddress_excluded} entries
 * ({@code ADDR[/PREFIX] [dev IFNAME] [options...]}) and {@code unicast_peer} entries
 * ({@code ADDR [min_ttl N] [max_ttl N]}). Options the library does not apply are warned about.
 */
final class AddressListReader {
    /** ip-address options that take a value; ignored with a warning. */
    private static final Set<String> VALUE_OPTIONS = Set.of("brd", "broadcast", "scope", "peer",
            "preferred_lft", "track_group");
    /** ip-address flags; ignored with a warning. */
    private static final Set<String> FLAG_OPTIONS = Set.of("home", "-nodad", "nodad", "mngtmpaddr", "noprefixroute",
            "autojoin", "no_track", "use_vmac");

    private final Values values;
    private final Problems problems;

    AddressListReader(Values values, Problems problems) {
        this.values = values;
        this.problems = problems;
    }

    List<VirtualIpAddress> virtualAddresses(ConfigNode block) {
        List<VirtualIpAddress> addresses = new ArrayList<>();
        for (ConfigNode entry : entries(block)) {
            virtualAddress(block.keyword(), entry).ifPresent(addresses::add);
        }
        return addresses;
    }

    List<InetAddress> peers(ConfigNode block) {
        List<InetAddress> peers = new ArrayList<>();
        for (ConfigNode entry : entries(block)) {
            values.address(entry, block.keyword(), entry.keyword()).ifPresent(peers::add);
            if (entry.argCount() > 0) {
                problems.warn(entry.location(), block.keyword(), block.keyword() + " " + entry.keyword()
                        + ": options " + entry.argText() + " are not supported, ignored (TTL checks are not configurable)");
            }
        }
        return peers;
    }

    private List<ConfigNode> entries(ConfigNode block) {
        if (!block.isBlock()) {
            problems.error(block.location(), block.keyword(), block.keyword() + " needs a block: "
                    + block.keyword() + " { ADDRESS ... }");
            return List.of();
        }
        return block.children();
    }

    private Optional<VirtualIpAddress> virtualAddress(String keyword, ConfigNode entry) {
        String text = entry.keyword();
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        Optional<InetAddress> address = values.address(entry, keyword, addressText);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int maxPrefix = AddressFamily.of(address.get()) == AddressFamily.IPV4 ? 32 : 128;
        OptionalInt prefix = slash < 0 ? OptionalInt.of(maxPrefix)
                : values.intInRange(entry, keyword + " " + addressText + " prefix", text.substring(slash + 1), 0,
                        maxPrefix, "");
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> device = Optional.empty();
        Optional<String> label = Optional.empty();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < entry.argCount(); i++) {
            String option = entry.arg(i);
            boolean hasValue = i + 1 < entry.argCount();
            if (option.equals("dev") && hasValue) {
                device = Optional.of(entry.arg(++i));
            } else if (option.equals("label") && hasValue) {
                label = label(keyword, entry, text, address.get(), entry.arg(++i));
            } else if (VALUE_OPTIONS.contains(option) && hasValue) {
                ignored.add(option + " " + entry.arg(++i));
            } else if (FLAG_OPTIONS.contains(option)) {
                ignored.add(option);
            } else {
                problems.warn(entry.location(), keyword, keyword + " " + text + ": unknown option " + option + ", ignored");
            }
        }
        if (!ignored.isEmpty()) {
            problems.warn(entry.location(), keyword, keyword + " " + text + ": options " + String.join(", ", ignored)
                    + " are not supported, ignored (the address is added with only its prefix, device and label)");
        }
        return Optional.of(new VirtualIpAddress(address.get(), prefix.getAsInt(), device, entry.location(), label));
    }

    /** keepalived's rules (vrrp_ipaddress.c): IPv6 ignores a label with a warning; one too long is an error. */
    private Optional<String> label(String keyword, ConfigNode entry, String text, InetAddress address, String label) {
        if (AddressFamily.of(address) != AddressFamily.IPV4) {
            problems.warn(entry.location(), keyword, keyword + " " + text + ": label " + label
                    + " ignored: IPv6 addresses have no label (as in keepalived)");
            return Optional.empty();
        }
        if (label.length() > VirtualAddress.MAX_LABEL_LENGTH) {
            problems.error(entry.location(), keyword, keyword + " " + text + ": label " + label + " is longer than "
                    + VirtualAddress.MAX_LABEL_LENGTH + " characters");
            return Optional.empty();
        }
        return Optional.of(label);
    }
}
