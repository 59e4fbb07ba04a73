package org.vrrp;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vrrp.packet.AddressFamily;
import org.vrrp.protocol.InstanceConfig;

/**
 * Which router of this JVM runs each (network namespace, interface, VRID, family): two would both
 * become master, and closing one would take the VIPs from the other, so a second is refused.
 *
 * <p>Thread-safe (one lock; claims are rare).
 */
final class RunningRouters {
    /** One VRRP instance's place on the network. A null namespace is the JVM's own. */
    private record Slot(String namespace, String interfaceName, int vrid, AddressFamily family) {
        @Override
        public String toString() {
            return "VRID " + vrid + " on " + interfaceName + " (" + family + ")"
                    + (namespace == null ? "" : " in network namespace " + namespace);
        }
    }

    private static final Map<Slot, String> HOLDERS = new HashMap<>();

    private RunningRouters() {
    }

    /**
     * Claims every instance's slot for {@code router}, or none.
     *
     * @param router how to name the router in a refusal, e.g. "vrrp-3 (instance VI_51)" is built from it
     * @throws IllegalStateException naming the slot and the router of this JVM that holds it
     */
    static void claim(String router, VrrpRouterConfig config) {
        Map<Slot, String> wanted = new LinkedHashMap<>();
        for (InstanceSpec spec : config.instances()) {
            InstanceConfig ic = spec.protocol();
            wanted.putIfAbsent(new Slot(config.networkNamespace(), ic.interfaceName(), ic.vrid(), ic.family()),
                    router + " (instance " + spec.name() + ")");
        }
        synchronized (HOLDERS) {
            for (Slot slot : wanted.keySet()) {
                String holder = HOLDERS.get(slot);
                if (holder != null) {
                    throw new IllegalStateException(slot + " is already run by router " + holder + " in this JVM:"
                            + " two routers for one VRID would both become master, and closing one would remove the"
                            + " VIPs the other still claims. Close " + holder.substring(0, holder.indexOf(' '))
                            + " first, or use another virtualRouterId");
                }
            }
            HOLDERS.putAll(wanted);
        }
    }

    /** Releases every slot {@code router} holds. Idempotent. */
    static void release(String router) {
        synchronized (HOLDERS) {
            HOLDERS.values().removeIf(holder -> holder.startsWith(router + " "));
        }
    }
}
