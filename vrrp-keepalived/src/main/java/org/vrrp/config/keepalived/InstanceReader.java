package org.vrrp.config.keepalived;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.vrrp.VrrpState;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.VrrpLimits;
import org.vrrp.script.NotifyScripts;

/**
 * Reads {@code vrrp_instance NAME { ... }} blocks in two steps: {@link #read} records what each
 * keyword says and checks its own range; {@link #resolve} then applies keepalived's defaults and the
 * global settings and checks the rules that involve several keywords (version against interval and
 * family, nopreempt against state, tracked scripts exist). The numbers of every range are core's
 * ({@link VrrpLimits}); only the wording and the units (keepalived's seconds) are this reader's.
 * Not thread-safe.
 */
final class InstanceReader {
    /** advert_int is read before the version is known: in the widest range, VRRPv2's, then checked in resolve(). */
    private static final int MAX_ADVERT_CENTIS = VrrpLimits.V2_MAX_ADVERT_SECONDS * 100;

    /** An instance as written: each field empty when its keyword was not given. */
    static final class Raw {
        final String name;
        final SourceLocation location;
        final Map<String, SourceLocation> keywordLocations = new HashMap<>();
        Optional<VrrpState> state = Optional.empty();
        Optional<String> interfaceName = Optional.empty();
        OptionalInt virtualRouterId = OptionalInt.empty();
        OptionalInt priority = OptionalInt.empty();
        OptionalInt advertIntervalCentis = OptionalInt.empty();
        String advertIntText = "1";
        OptionalInt version = OptionalInt.empty();
        boolean nopreempt;
        int preemptDelayMillis;
        Optional<String> authPass = Optional.empty();
        List<VirtualIpAddress> virtualAddresses = new ArrayList<>();
        List<VirtualIpAddress> excludedAddresses = new ArrayList<>();
        List<TrackReader.Entry> trackInterfaces = List.of();
        List<TrackReader.Entry> trackScripts = List.of();
        List<TrackedEntry> trackFiles = List.of();
        List<TrackedEntry> trackProcesses = List.of();
        NotifyScripts notifyScripts = NotifyScripts.NONE;
        final GarpReader garp;
        boolean dontTrackPrimary;
        Optional<InetAddress> sourceAddress = Optional.empty();
        List<InetAddress> unicastPeers = new ArrayList<>();
        boolean accept = true;
        Optional<Boolean> v3ChecksumAsV2 = Optional.empty();
        Optional<Boolean> higherPrioSendAdvert = Optional.empty();
        boolean useVmac;
        Optional<String> vmacName = Optional.empty();
        boolean vmacTransmitBase;
        /** Whether reading the block found errors (then a missing VIP may be their consequence). */
        boolean readErrors;

        Raw(String name, SourceLocation location, GarpReader garp) {
            this.name = name;
            this.location = location;
            this.garp = garp;
        }

        SourceLocation at(String keyword) {
            return keywordLocations.getOrDefault(keyword, location);
        }
    }

    private final Values values;
    private final Problems problems;
    private final TrackReader tracks;
    private final TrackObjectReader trackObjects;
    private final AddressListReader addresses;

    InstanceReader(Values values, Problems problems, TrackReader tracks) {
        this.values = values;
        this.problems = problems;
        this.tracks = tracks;
        this.trackObjects = new TrackObjectReader(values, problems);
        this.addresses = new AddressListReader(values, problems);
    }

    Optional<Raw> read(ConfigNode block) {
        Optional<String> name = values.blockName(block);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Raw raw = new Raw(name.get(), block.location(), new GarpReader(values));
        int errorsBefore = problems.errorCount();
        NotifyReader notify = new NotifyReader(problems, true);
        for (ConfigNode node : block.children()) {
            raw.keywordLocations.put(node.keyword(), node.location());
            if (!notify.accept(node) && !raw.garp.accept(node, node.keyword())) {
                keyword(raw, node);
            }
        }
        raw.notifyScripts = notify.build();
        raw.readErrors = problems.errorCount() > errorsBefore || problems.hasErrorAt(block.location());
        return Optional.of(raw);
    }

    private void keyword(Raw raw, ConfigNode node) {
        switch (node.keyword()) {
            case "state":
                raw.state = values.single(node, "MASTER or BACKUP").flatMap(s -> state(node, s));
                break;
            case "interface":
                raw.interfaceName = values.single(node, "an interface name");
                break;
            case "virtual_router_id":
                raw.virtualRouterId = values.intInRange(node, VrrpLimits.MIN_VRID, VrrpLimits.MAX_VRID);
                break;
            case "priority":
                raw.priority = values.intInRange(node, VrrpLimits.MIN_PRIORITY, VrrpLimits.MAX_PRIORITY,
                        node.argCount() > 0 && node.arg(0).equals("0")
                                ? " (0 is reserved for a master that resigns; " + VrrpLimits.OWNER_PRIORITY
                                        + " means address owner)" : "");
                break;
            case "advert_int":
                // The range depends on the version, which may come later in the block; checked in resolve().
                raw.advertIntervalCentis = values.seconds(node, 2, VrrpLimits.V3_MIN_ADVERT_CENTIS, MAX_ADVERT_CENTIS);
                raw.advertIntText = node.argCount() > 0 ? node.arg(0) : "";
                break;
            case "version":
                raw.version = values.intInRange(node, VrrpLimits.MIN_VERSION, VrrpLimits.MAX_VERSION);
                break;
            case "nopreempt":
            case "no_preempt":
                raw.nopreempt = true;
                break;
            case "preempt":
                raw.nopreempt = false;
                break;
            case "preempt_delay":
                raw.preemptDelayMillis = values.seconds(node, 3, 0, VrrpLimits.MAX_PREEMPT_DELAY_CENTIS * 10L)
                        .orElse(0);
                break;
            case "authentication":
                raw.authPass = authentication(node);
                break;
            case "virtual_ipaddress":
                raw.virtualAddresses.addAll(addresses.virtualAddresses(node));
                break;
            case "virtual_ipaddress_excluded":
                raw.excludedAddresses.addAll(addresses.virtualAddresses(node));
                break;
            case "track_interface":
                raw.trackInterfaces = tracks.read(node);
                break;
            case "track_script":
                raw.trackScripts = tracks.read(node);
                break;
            case "track_file":
                raw.trackFiles = trackObjects.readEntries(node);
                break;
            case "track_process":
                raw.trackProcesses = trackObjects.readEntries(node);
                break;
            case "dont_track_primary":
                raw.dontTrackPrimary = true;
                break;
            case "unicast_src_ip":
            case "mcast_src_ip":
                raw.sourceAddress = values.single(node, "an IP address")
                        .flatMap(a -> values.address(node, node.keyword(), a));
                break;
            case "unicast_peer":
                raw.unicastPeers.addAll(addresses.peers(node));
                break;
            case "accept":
                raw.accept = true;
                break;
            case "no_accept":
                raw.accept = false;
                break;
            case "v3_checksum_as_v2":
                raw.v3ChecksumAsV2 = values.optionalBool(node);
                break;
            case "higher_prio_send_advert":
                raw.higherPrioSendAdvert = values.optionalBool(node);
                break;
            case "use_vmac":
                raw.useVmac = true;
                raw.vmacName = vmacName(node);
                break;
            case "vmac_xmit_base":
                raw.vmacTransmitBase = true;
                break;
            default:
                if (Ignored.HARMLESS_INSTANCE.contains(node.keyword())) {
                    problems.harmless(node.location(), node.keyword());
                } else {
                    Ignored.warnUnhandled(problems, node, Ignored.INSTANCE, "in vrrp_instance " + raw.name);
                }
        }
    }

    /** {@code use_vmac [NAME]}: the name if given (keepalived takes it only if it is a valid interface name). */
    private Optional<String> vmacName(ConfigNode node) {
        if (node.argCount() == 0) {
            return Optional.empty();
        }
        String name = node.arg(0);
        if (name.length() > 15 || name.contains("/") || name.isBlank()) {
            problems.error(node.location(), "use_vmac", "use_vmac " + name + ": not an interface name (1 to 15"
                    + " characters, no '/'): give another name, or none for vrrp.<virtual_router_id>");
            return Optional.empty();
        }
        if (node.argCount() > 1) {
            problems.warn(node.location(), "use_vmac", "use_vmac takes one name; ignoring the rest of \""
                    + node.argText() + "\"");
        }
        return Optional.of(name);
    }

    /**
     * keepalived 2.2.7 (vrrp_state_handler) knows exactly {@code MASTER} and {@code BACKUP}, in capitals;
     * any other word ({@code SLAVE}, {@code PEER}, {@code master}) is reported and read as BACKUP.
     */
    private Optional<VrrpState> state(ConfigNode node, String text) {
        switch (text) {
            case "MASTER": return Optional.of(VrrpState.MASTER);
            case "BACKUP": return Optional.of(VrrpState.BACKUP);
            default:
                problems.warn(node.location(), "state", "state " + text + " is not MASTER or BACKUP (capitals):"
                        + " BACKUP is used, as keepalived does");
                return Optional.of(VrrpState.BACKUP);
        }
    }

    /** {@code authentication { auth_type PASS; auth_pass SECRET }}: the password, truncated like keepalived. */
    private Optional<String> authentication(ConfigNode block) {
        Optional<String> type = Optional.empty();
        ConfigNode passNode = null;
        for (ConfigNode node : block.children()) {
            switch (node.keyword()) {
                case "auth_type":
                    type = values.single(node, "PASS");
                    if (type.filter(t -> t.equalsIgnoreCase("AH")).isPresent()) {
                        problems.error(node.location(), "auth_type", "auth_type AH (IPsec AH) is not supported;"
                                + " use auth_type PASS or remove the authentication block");
                        return Optional.empty();
                    }
                    if (type.filter(t -> !t.equalsIgnoreCase("PASS")).isPresent()) {
                        problems.error(node.location(), "auth_type", "auth_type " + type.get()
                                + " is not PASS or AH; only PASS is supported");
                        return Optional.empty();
                    }
                    break;
                case "auth_pass":
                    passNode = node;
                    break;
                default:
                    Ignored.unknown(problems, node, "in authentication");
            }
        }
        if (type.isEmpty()) {
            problems.error(block.location(), "auth_type", "authentication needs auth_type PASS");
            return Optional.empty();
        }
        if (passNode == null) {
            problems.error(block.location(), "auth_pass", "auth_type PASS needs auth_pass (up to "
                    + VrrpLimits.MAX_AUTH_CHARS + " characters)");
            return Optional.empty();
        }
        ConfigNode pass = passNode;
        int max = VrrpLimits.MAX_AUTH_CHARS;
        return values.single(pass, "a password of up to " + max + " characters").map(p -> {
            if (p.length() <= max) {
                return p;
            }
            String truncated = p.substring(0, max);
            problems.warn(pass.location(), "auth_pass", "auth_pass " + p + " is longer than " + max + " characters;"
                    + " only the first " + max + " are used, like keepalived: " + truncated);
            return truncated;
        });
    }

    /** The validated instance, or empty after reporting why it cannot be used. */
    Optional<VrrpInstanceDef> resolve(Raw raw, GlobalDefs global, Map<String, VrrpScriptDef> scripts) {
        int errorsBefore = problems.errorCount();
        if (raw.interfaceName.isEmpty() && !raw.keywordLocations.containsKey("interface")) {
            problems.error(raw.location, "interface", "vrrp_instance " + raw.name + " has no interface: add interface IFNAME");
        }
        if (raw.virtualRouterId.isEmpty() && !raw.keywordLocations.containsKey("virtual_router_id")) {
            problems.error(raw.location, "virtual_router_id", "vrrp_instance " + raw.name
                    + " has no virtual_router_id: add virtual_router_id N (" + VrrpLimits.MIN_VRID + ".."
                    + VrrpLimits.MAX_VRID + ")");
        }
        AddressFamily family = family(raw);
        int version = version(raw, global, family);
        int advertCentis = advertInterval(raw, version);
        VrrpState state = raw.state.orElse(VrrpState.BACKUP);
        // keepalived 2.2.7 (vrrp_complete_instance): with no priority line, state MASTER means the address owner.
        int priority = raw.priority.orElse(state == VrrpState.MASTER ? VrrpLimits.OWNER_PRIORITY
                : VrrpLimits.DEFAULT_PRIORITY);
        boolean nopreempt = raw.nopreempt;
        int preemptDelayMillis = raw.preemptDelayMillis;
        // keepalived clears these combinations with a warning rather than refusing the file; so do we, so that
        // the same file elects the same way under both.
        if (nopreempt && priority == VrrpLimits.OWNER_PRIORITY) {
            problems.warn(raw.at("nopreempt"), "nopreempt", "nopreempt does not work with priority "
                    + VrrpLimits.OWNER_PRIORITY + " (the address owner always preempts): ignored, as keepalived does"
                    + " (vrrp_instance " + raw.name + ")");
            nopreempt = false;
        }
        if (nopreempt && state == VrrpState.MASTER) {
            problems.warn(raw.at("nopreempt"), "nopreempt", "nopreempt does not work with state MASTER: ignored, as"
                    + " keepalived does, so this instance preempts (vrrp_instance " + raw.name + "); for no"
                    + " failback use state BACKUP on every router");
            nopreempt = false;
        }
        if (preemptDelayMillis > 0 && state == VrrpState.MASTER) {
            problems.warn(raw.at("preempt_delay"), "preempt_delay", "preempt_delay does not work with state MASTER:"
                    + " ignored, as keepalived does (vrrp_instance " + raw.name + "); use state BACKUP");
            preemptDelayMillis = 0;
        }
        if (preemptDelayMillis > 0 && nopreempt) {
            problems.warn(raw.at("preempt_delay"), "preempt_delay", "preempt_delay has no effect with nopreempt:"
                    + " ignored, as keepalived does (vrrp_instance " + raw.name + ")");
            preemptDelayMillis = 0;
        }
        Optional<String> authPass = raw.authPass;
        if (authPass.isPresent() && version == 3) {
            problems.warn(raw.at("authentication"), "authentication", "authentication is ignored with version 3"
                    + " (RFC 9568 has no authentication), like keepalived");
            authPass = Optional.empty();
        }
        if (raw.virtualAddresses.isEmpty() && !raw.readErrors && problems.errorCount() == errorsBefore) {
            noVirtualAddress(raw, version);
        }
        List<TrackedScript> trackScripts = tracks.resolveScripts(raw.trackScripts, scripts, "vrrp_instance " + raw.name);
        if (problems.errorCount() > errorsBefore || raw.interfaceName.isEmpty() || raw.virtualRouterId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VrrpInstanceDef(raw.name, state, raw.interfaceName.get(), raw.virtualRouterId.getAsInt(),
                priority, advertCentis, version, family, !nopreempt, preemptDelayMillis,
                authPass, raw.virtualAddresses, raw.excludedAddresses,
                raw.trackInterfaces.stream().map(TrackReader.Entry::toInterface).toList(), trackScripts,
                raw.notifyScripts, raw.garp.resolve(global.garp()), raw.dontTrackPrimary, raw.sourceAddress,
                raw.unicastPeers, raw.accept, raw.v3ChecksumAsV2.orElse(global.v3ChecksumAsV2()), raw.location,
                raw.keywordLocations, raw.trackFiles, raw.trackProcesses, virtualMacName(raw),
                raw.useVmac && raw.vmacTransmitBase,
                // keepalived leaves it off when neither is written; the library's default is on (its builder's
                // advertiseBeforeSteppingDown explains why), so a written value or vrrp_strict turns it off
                // (keepalived's strict mode refuses it).
                raw.higherPrioSendAdvert.or(global::higherPrioSendAdvert).orElse(!global.vrrpStrict())));
    }

    /** keepalived names the interface {@code vrrp.VRID} unless use_vmac gives a name. */
    private Optional<String> virtualMacName(Raw raw) {
        if (!raw.useVmac) {
            if (raw.vmacTransmitBase) {
                problems.warn(raw.at("vmac_xmit_base"), "vmac_xmit_base", "vmac_xmit_base without use_vmac has no"
                        + " effect (as in keepalived): add use_vmac, or remove it");
            }
            return Optional.empty();
        }
        return Optional.of(raw.vmacName.orElse("vrrp." + raw.virtualRouterId.getAsInt()));
    }

    /**
     * keepalived 2.2.7 (vrrp_complete_instance) refuses a version 3 or IPv6 instance without a VIP ("No VIP
     * specified; at least one is required") and runs a version 2 one with a warning ("at least one is
     * sensible"), sending adverts with no address (count 0): cloud files that move an address through notify
     * scripts do that. So does this library.
     */
    private void noVirtualAddress(Raw raw, int version) {
        if (version == 3) {
            problems.error(raw.location, "virtual_ipaddress", "vrrp_instance " + raw.name + " has no"
                    + " virtual_ipaddress; version 3 needs at least one (keepalived refuses it too)");
        } else {
            problems.warn(raw.location, "virtual_ipaddress", "vrrp_instance " + raw.name + " has no"
                    + " virtual_ipaddress; at least one is sensible (keepalived's warning): its adverts carry no"
                    + " address, so only peers with no virtual_ipaddress either take part in its election");
        }
    }

    /** The family of the first VIP; a VIP of the other family is an error (keepalived rejects it too). */
    private AddressFamily family(Raw raw) {
        if (raw.virtualAddresses.isEmpty()) {
            return AddressFamily.IPV4;
        }
        VirtualIpAddress first = raw.virtualAddresses.get(0);
        for (VirtualIpAddress vip : raw.virtualAddresses) {
            if (vip.family() != first.family()) {
                problems.error(vip.location(), "virtual_ipaddress", "virtual_ipaddress " + vip.address().getHostAddress()
                        + " is " + name(vip.family()) + " but " + first.address().getHostAddress() + " (line "
                        + first.location().line() + ") is " + name(first.family()) + "; one vrrp_instance carries one"
                        + " family: move the " + name(vip.family()) + " addresses to their own vrrp_instance or to"
                        + " virtual_ipaddress_excluded");
                break;
            }
        }
        return first.family();
    }

    /** Instance version, else global, else keepalived's rule: IPv6 instances run version 3. */
    private int version(Raw raw, GlobalDefs global, AddressFamily family) {
        if (raw.version.isPresent()) {
            if (!VrrpLimits.carries(raw.version.getAsInt(), family)) {
                problems.error(raw.at("version"), "version", "version 2 cannot carry IPv6 virtual addresses"
                        + " (vrrp_instance " + raw.name + "); use version 3");
            }
            return raw.version.getAsInt();
        }
        if (family == AddressFamily.IPV6) {
            return VrrpLimits.defaultVersion(family);
        }
        return global.vrrpVersion().orElse(VrrpLimits.defaultVersion(family));
    }

    private int advertInterval(Raw raw, int version) {
        int centis = raw.advertIntervalCentis.orElse(VrrpLimits.DEFAULT_ADVERT_CENTIS);
        if (raw.advertIntervalCentis.isEmpty()) {
            return centis;
        }
        SourceLocation at = raw.at("advert_int");
        if (version == 2 && centis % 100 != 0) {
            problems.error(at, "advert_int", "advert_int " + raw.advertIntText + " is not a whole number of seconds;"
                    + " version 2 carries whole seconds " + VrrpLimits.V2_MIN_ADVERT_SECONDS + ".."
                    + VrrpLimits.V2_MAX_ADVERT_SECONDS + ": use version 3 for sub-second intervals");
        } else if (version == 3 && centis > VrrpLimits.V3_MAX_ADVERT_CENTIS) {
            problems.error(at, "advert_int", "advert_int " + raw.advertIntText + " is out of range "
                    + Values.formatSeconds(VrrpLimits.V3_MIN_ADVERT_CENTIS, 2) + ".."
                    + Values.formatSeconds(VrrpLimits.V3_MAX_ADVERT_CENTIS, 2) + " s for version 3");
        }
        return centis;
    }

    private static String name(AddressFamily family) {
        return family == AddressFamily.IPV4 ? "IPv4" : "IPv6";
    }
}
