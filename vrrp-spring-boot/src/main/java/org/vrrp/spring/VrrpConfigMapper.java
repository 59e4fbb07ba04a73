package org.vrrp.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vrrp.GarpConfig;
import org.vrrp.HealthCheck;
import org.vrrp.HealthCheckSpec;
import org.vrrp.InstanceBuilder;
import org.vrrp.VrrpRouter;

/**
 * Turns {@link VrrpProperties} into calls on {@link VrrpRouter.Builder}, and the builder's
 * {@link IllegalArgumentException}s back into {@link VrrpPropertyException}s that name the property.
 *
 * <p>The builder stays the only place that knows the rules (ranges, v2 against v3, ...): this class
 * checks only what the builder cannot see, such as a unit that does not fit a 10 ms step, and rewrites
 * the builder's field names ({@code advertisementInterval}) into property names
 * ({@code vrrp.advertisement-interval}).
 */
final class VrrpConfigMapper {
    /** Builder field named in the library's messages, to the property key. */
    private static final Map<String, String> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("interfaceName", "interface");
        FIELDS.put("virtualRouterId", "virtual-router-id");
        FIELDS.put("priority", "priority");
        FIELDS.put("vip", "vips");
        FIELDS.put("version", "version");
        FIELDS.put("advertisementInterval", "advertisement-interval");
        FIELDS.put("preemptDelay", "preempt-delay");
        FIELDS.put("preempt", "preempt");
        FIELDS.put("authentication", "authentication");
        FIELDS.put("initialState", "initial-state");
        FIELDS.put("unicastPeer", "unicast-peers");
        FIELDS.put("trackHealthCheck", "track-health-checks");
    }

    private static final Map<String, Function<InstanceProperties, Object>> VALUES = Map.ofEntries(
            Map.entry("interface", InstanceProperties::getInterface),
            Map.entry("virtual-router-id", InstanceProperties::getVirtualRouterId),
            Map.entry("priority", InstanceProperties::getPriority),
            Map.entry("vips", p -> p.getVips().isEmpty() ? null : p.getVips()),
            Map.entry("version", InstanceProperties::getVersion),
            Map.entry("advertisement-interval", InstanceProperties::getAdvertisementInterval),
            Map.entry("preempt-delay", InstanceProperties::getPreemptDelay),
            Map.entry("preempt", InstanceProperties::getPreempt),
            Map.entry("authentication", InstanceProperties::getAuthentication),
            Map.entry("initial-state", InstanceProperties::getInitialState),
            Map.entry("unicast-peers", p -> p.getUnicastPeers().isEmpty() ? null : p.getUnicastPeers()),
            Map.entry("track-health-checks", p -> p.getTrackHealthChecks().isEmpty() ? null : p.getTrackHealthChecks()));

    private static final Pattern INSTANCE_MESSAGE = Pattern.compile("^instance \"([^\"]+)\": (.*)$", Pattern.DOTALL);
    private static final Pattern HEALTH_CHECK_MESSAGE = Pattern.compile("^healthCheck \"([^\"]+)\": (\\w+)");
    private static final Pattern SYNC_GROUP_MESSAGE = Pattern.compile("^syncGroup \"([^\"]+)\"");
    private static final Pattern ISO_DURATION = Pattern.compile("\\bPT[0-9]+(?:\\.[0-9]+)?S\\b");
    private static final Pattern BUILDER_CALL = Pattern.compile("(?:call )?\\b(\\w+)\\(\"?([^\")]*)\"?\\)");

    private final VrrpProperties properties;

    VrrpConfigMapper(VrrpProperties properties) {
        this.properties = properties;
    }

    /**
     * Declares the instances, health checks and sync groups of the properties on {@code builder}.
     *
     * @param checkBeans {@link HealthCheck} beans by bean name: each is a polled check of that name
     * @throws VrrpPropertyException naming the property at fault
     */
    void apply(VrrpRouter.Builder builder, Map<String, HealthCheck> checkBeans) {
        applyHealthChecks(builder, checkBeans);
        if (properties.getInstances().isEmpty()) {
            requireSet("vrrp.interface", properties.getInterface());
            requireSet("vrrp.virtual-router-id", properties.getVirtualRouterId());
            if (properties.getVips().isEmpty()) {
                throw new VrrpPropertyException("vrrp.vips", null, "at least one virtual address is needed, e.g."
                        + " vrrp.vips: 192.0.2.254/24", null);
            }
            String name = "VI_" + properties.getVirtualRouterId();
            builder.instance(name, b -> applyInstance(properties, b, "vrrp."));
        } else {
            for (Map.Entry<String, InstanceProperties> e : properties.getInstances().entrySet()) {
                InstanceProperties merged = merge(e.getValue(), properties);
                builder.instance(e.getKey(), b -> applyInstance(merged, b, "vrrp.instances." + e.getKey() + "."));
            }
        }
        properties.getSyncGroups().forEach((group, members) -> builder.syncGroup(group, members.toArray(String[]::new)));
        if (properties.getNetworkNamespace() != null) {
            builder.networkNamespace(properties.getNetworkNamespace());
        }
        if (properties.getControlSocket() != null) {
            builder.controlSocket(properties.getControlSocket());
        }
    }

    private static void requireSet(String property, Object value) {
        if (value == null || value.toString().isBlank()) {
            String example = property.endsWith("interface") ? "eth0" : "51";
            throw new VrrpPropertyException(property, null, "it is required, e.g. " + property + ": " + example, null);
        }
    }

    private void applyHealthChecks(VrrpRouter.Builder builder, Map<String, HealthCheck> checkBeans) {
        Set<String> names = new LinkedHashSet<>(properties.getHealthChecks().keySet());
        names.addAll(checkBeans.keySet());
        for (String name : names) {
            VrrpProperties.HealthCheck p = properties.getHealthChecks().getOrDefault(name, new VrrpProperties.HealthCheck());
            HealthCheck bean = checkBeans.get(name);
            String at = "vrrp.health-checks." + name + ".";
            HealthCheckSpec spec;
            if (bean != null) {
                spec = HealthCheckSpec.polled(name, bean);
                if (p.getInterval() != null) {
                    spec = spec.withInterval(p.getInterval());
                }
                if (p.getTimeout() != null) {
                    spec = spec.withTimeout(p.getTimeout());
                }
            } else {
                spec = HealthCheckSpec.pushed(name);
                String polledOnly = p.getInterval() != null ? "interval" : p.getTimeout() != null ? "timeout" : null;
                if (polledOnly != null) {
                    throw new VrrpPropertyException(at + polledOnly, polledOnly.equals("interval") ? p.getInterval()
                            : p.getTimeout(), "only a polled check has an " + polledOnly + ", and no bean of type "
                            + HealthCheck.class.getName() + " is named \"" + name + "\": declare one (@Bean HealthCheck "
                            + name + "()) or remove " + at + polledOnly + " (the application then reports with"
                            + " VrrpLifecycle.reportHealth)", null);
                }
            }
            if (p.getFall() != null) {
                spec = spec.withFall(p.getFall());
            }
            if (p.getRise() != null) {
                spec = spec.withRise(p.getRise());
            }
            if (p.getWeight() != null) {
                spec = spec.withWeight(p.getWeight());
            }
            builder.healthCheck(spec);
        }
    }

    private static void applyInstance(InstanceProperties p, InstanceBuilder b, String at) {
        if (p.getInterface() != null) {
            b.interfaceName(p.getInterface());
        }
        if (p.getVirtualRouterId() != null) {
            b.virtualRouterId(p.getVirtualRouterId());
        }
        if (p.getPriority() != null) {
            b.priority(p.getPriority());
        }
        for (String vip : p.getVips()) {
            String[] words = vip.trim().split("\\s+");
            if (words.length == 3 && words[1].equals("dev")) {
                b.vip(words[0], words[2]);
            } else if (words.length == 1) {
                b.vip(words[0]);
            } else {
                throw new VrrpPropertyException(at + "vips", p.getVips(), "\"" + vip + "\" is neither ADDRESS[/PREFIX]"
                        + " nor \"ADDRESS[/PREFIX] dev DEVICE\"", null);
            }
        }
        if (p.getVersion() != null) {
            b.version(p.getVersion());
        }
        if (p.getAdvertisementInterval() != null) {
            b.advertisementInterval(p.getAdvertisementInterval());
        }
        if (p.getPreempt() != null) {
            b.preempt(p.getPreempt());
        }
        if (p.getPreemptDelay() != null) {
            b.preemptDelay(p.getPreemptDelay());
        }
        if (p.getAuthentication() != null) {
            b.authentication(p.getAuthentication());
        }
        if (p.getInitialState() != null) {
            b.initialState(p.getInitialState());
        }
        p.getUnicastPeers().forEach(b::unicastPeer);
        p.getTrackInterfaces().forEach(b::trackInterface);
        if (p.getDontTrackPrimary() != null) {
            b.dontTrackPrimary(p.getDontTrackPrimary());
        }
        p.getTrackHealthChecks().forEach(b::trackHealthCheck);
        if (p.getChecksumWithIpv4PseudoHeader() != null) {
            b.checksumWithIpv4PseudoHeader(p.getChecksumWithIpv4PseudoHeader());
        }
        if (p.getReassertOnLowerPriority() != null) {
            b.reassertOnLowerPriority(p.getReassertOnLowerPriority());
        }
        if (p.getAdvertiseBeforeSteppingDown() != null) {
            b.advertiseBeforeSteppingDown(p.getAdvertiseBeforeSteppingDown());
        }
        if (p.getGarp() != null) {
            b.garp(garp(p.getGarp(), at + "garp."));
        }
    }

    private static GarpConfig garp(InstanceProperties.Garp g, String at) {
        GarpConfig d = GarpConfig.KEEPALIVED_DEFAULTS;
        int delay = g.getMasterDelay() == null ? d.masterDelayCentis() : centis(at + "master-delay", g.getMasterDelay());
        int refresh = g.getMasterRefresh() == null ? d.masterRefreshCentis() : centis(at + "master-refresh", g.getMasterRefresh());
        int interval = g.getInterval() == null ? d.intervalCentis() : centis(at + "interval", g.getInterval());
        int repeat = g.getMasterRepeat() == null ? d.masterRepeat() : g.getMasterRepeat();
        int refreshRepeat = g.getMasterRefreshRepeat() == null ? d.masterRefreshRepeat() : g.getMasterRefreshRepeat();
        try {
            return new GarpConfig(delay, repeat, refresh, refreshRepeat, interval);
        } catch (IllegalArgumentException e) {
            boolean refreshRepeatWrong = refreshRepeat < 1 || refreshRepeat > 255;
            String property = refreshRepeatWrong ? "master-refresh-repeat" : "master-repeat";
            throw new VrrpPropertyException(at + property, refreshRepeatWrong ? refreshRepeat : repeat,
                    "must be in 1..255", e);
        }
    }

    private static int centis(String property, Duration d) {
        if (d.isNegative() || d.toNanos() % 10_000_000L != 0) {
            throw new VrrpPropertyException(property, d, "must be zero or more, in steps of 10 ms", null);
        }
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis() / 10);
    }

    /** Fields set on the instance win; unset ones come from the top-level vrrp.* settings. */
    private static InstanceProperties merge(InstanceProperties i, InstanceProperties d) {
        InstanceProperties r = new InstanceProperties();
        r.setInterface(i.getInterface() != null ? i.getInterface() : d.getInterface());
        r.setVirtualRouterId(i.getVirtualRouterId() != null ? i.getVirtualRouterId() : d.getVirtualRouterId());
        r.setPriority(i.getPriority() != null ? i.getPriority() : d.getPriority());
        r.setVips(!i.getVips().isEmpty() ? i.getVips() : d.getVips());
        r.setVersion(i.getVersion() != null ? i.getVersion() : d.getVersion());
        r.setAdvertisementInterval(i.getAdvertisementInterval() != null ? i.getAdvertisementInterval()
                : d.getAdvertisementInterval());
        r.setPreempt(i.getPreempt() != null ? i.getPreempt() : d.getPreempt());
        r.setPreemptDelay(i.getPreemptDelay() != null ? i.getPreemptDelay() : d.getPreemptDelay());
        r.setAuthentication(i.getAuthentication() != null ? i.getAuthentication() : d.getAuthentication());
        r.setInitialState(i.getInitialState() != null ? i.getInitialState() : d.getInitialState());
        r.setUnicastPeers(!i.getUnicastPeers().isEmpty() ? i.getUnicastPeers() : d.getUnicastPeers());
        r.setTrackInterfaces(!i.getTrackInterfaces().isEmpty() ? i.getTrackInterfaces() : d.getTrackInterfaces());
        r.setDontTrackPrimary(i.getDontTrackPrimary() != null ? i.getDontTrackPrimary() : d.getDontTrackPrimary());
        r.setTrackHealthChecks(!i.getTrackHealthChecks().isEmpty() ? i.getTrackHealthChecks() : d.getTrackHealthChecks());
        r.setChecksumWithIpv4PseudoHeader(i.getChecksumWithIpv4PseudoHeader() != null
                ? i.getChecksumWithIpv4PseudoHeader() : d.getChecksumWithIpv4PseudoHeader());
        r.setReassertOnLowerPriority(i.getReassertOnLowerPriority() != null ? i.getReassertOnLowerPriority()
                : d.getReassertOnLowerPriority());
        r.setGarp(i.getGarp() != null ? i.getGarp() : d.getGarp());
        return r;
    }

    /**
     * The property behind one of the builder's messages ({@code instance "VI_51": priority must be in
     * 1..255, got 300}), with the builder's calls in the reason rewritten as properties.
     */
    VrrpPropertyException translate(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        Matcher hc = HEALTH_CHECK_MESSAGE.matcher(message);
        if (hc.find()) {
            String property = "vrrp.health-checks." + hc.group(1) + "." + hc.group(2);
            return new VrrpPropertyException(property, healthCheckValue(hc.group(1), hc.group(2)),
                    message.substring(message.indexOf(": ") + 2), e);
        }
        Matcher sg = SYNC_GROUP_MESSAGE.matcher(message);
        if (sg.find()) {
            return new VrrpPropertyException("vrrp.sync-groups." + sg.group(1),
                    properties.getSyncGroups().get(sg.group(1)), message, e);
        }
        Matcher im = INSTANCE_MESSAGE.matcher(message);
        if (!im.matches()) {
            return new VrrpPropertyException("vrrp", null, message, e);
        }
        String instance = im.group(1);
        String reason = im.group(2);
        String key = firstField(reason);
        InstanceProperties own = properties.getInstances().get(instance);
        String prefix;
        InstanceProperties source;
        if (own == null) {
            prefix = "vrrp.";
            source = properties;
        } else if (key != null && VALUES.get(key).apply(own) == null && VALUES.get(key).apply(properties) != null) {
            prefix = "vrrp."; // the instance inherits the faulty value from the top level
            source = properties;
        } else {
            prefix = "vrrp.instances." + instance + ".";
            source = own;
        }
        String rewritten = rewriteCalls(reason, prefix);
        if (own != null) {
            rewritten += " (instance \"" + instance + "\")";
        }
        if (key == null) {
            return new VrrpPropertyException(prefix.substring(0, prefix.length() - 1), null, rewritten, e);
        }
        return new VrrpPropertyException(prefix + key, VALUES.get(key).apply(source), rewritten, e);
    }

    private Object healthCheckValue(String check, String field) {
        VrrpProperties.HealthCheck p = properties.getHealthChecks().get(check);
        if (p == null) {
            return null;
        }
        return switch (field) {
            case "interval" -> p.getInterval();
            case "timeout" -> p.getTimeout();
            case "fall" -> p.getFall();
            case "rise" -> p.getRise();
            case "weight" -> p.getWeight();
            default -> null;
        };
    }

    /** The property key of the builder field the message names first, or null. */
    private static String firstField(String reason) {
        int best = Integer.MAX_VALUE;
        String key = null;
        for (Map.Entry<String, String> f : FIELDS.entrySet()) {
            Matcher m = Pattern.compile("\\b" + f.getKey() + "\\b").matcher(reason);
            if (m.find() && m.start() < best) {
                best = m.start();
                key = f.getValue();
            }
        }
        return key;
    }

    /**
     * {@code use version(3)} becomes {@code use vrrp.version: 3}, and a field named on its own
     * ({@code advertisementInterval PT0.5S is not allowed}) its property.
     */
    private static String rewriteCalls(String reason, String prefix) {
        Matcher m = BUILDER_CALL.matcher(reason);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = FIELDS.get(m.group(1));
            String replacement = key == null ? m.group() : (m.group().startsWith("call ") ? "set " : "") + prefix + key
                    + ": " + m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        String text = out.toString();
        Matcher iso = ISO_DURATION.matcher(text);
        StringBuilder durations = new StringBuilder();
        while (iso.find()) {
            iso.appendReplacement(durations, VrrpPropertyException.display(java.time.Duration.parse(iso.group())));
        }
        iso.appendTail(durations);
        text = durations.toString();
        for (Map.Entry<String, String> f : FIELDS.entrySet()) {
            text = text.replaceAll("(?<![.\\w-])" + f.getKey() + "\\b", Matcher.quoteReplacement(prefix + f.getValue()));
        }
        return text;
    }
}
