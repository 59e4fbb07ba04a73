package org.vrrp;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vrrp.packet.AddressFamily;

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

    /**
     * A slot's router and instance, apart: a router's name joins its instances' names, so the text
     * "router (instance name)" kept per slot grew as the square of the instances (1,000 instances: 9.6 MB).
     */
    record Holder(String router, String instance) {
        @Override
        public String toString() {
            return router + " (instance " + instance + ")";
        }
    }

    private static final Map<Slot, Holder> HOLDERS = new HashMap<>();

    private RunningRouters() {
    }

    /**
     * Claims every instance's slot for a router named {@code baseName}, or none, and returns the name
     * it holds them under: {@code baseName}, or {@code baseName#2}, {@code #3}... if a running router of
     * this JVM already has that name (the same instances in another namespace), so that each name stays
     * unique in thread names, logs and {@link #release}.
     *
     * @param baseName e.g. "vrrp-VI_51"; a refusal names the holder as "vrrp-VI_51 (instance VI_51)"
     * @throws IllegalStateException naming the slot and the router of this JVM that holds it
     */
    static String claim(String baseName, VrrpRouterConfig config) {
        synchronized (HOLDERS) {
            String router = baseName;
            for (int n = 2; isNameHeld(router); n++) {
                router = baseName + "#" + n;
            }
            Map<Slot, Holder> wanted = new LinkedHashMap<>();
            for (InstanceSpec spec : config.instances()) {
                InstanceConfig ic = spec.protocol();
                wanted.putIfAbsent(new Slot(config.networkNamespace(), ic.interfaceName(), ic.vrid(), ic.family()),
                        new Holder(router, spec.name()));
            }
            for (Slot slot : wanted.keySet()) {
                Holder holder = HOLDERS.get(slot);
                if (holder != null) {
                    throw new IllegalStateException(slot + " is already run by router " + holder + " in this JVM:"
                            + " two routers for one VRID would both become master, and closing one would remove the"
                            + " VIPs the other still claims. Close " + holder.router()
                            + " first, or use another virtualRouterId");
                }
            }
            HOLDERS.putAll(wanted);
            return router;
        }
    }

    /** Under the lock: whether a running router holds slots under this name. */
    private static boolean isNameHeld(String router) {
        return HOLDERS.values().stream().anyMatch(holder -> holder.router().equals(router));
    }

    /**
     * The holders of every claimed slot (a copy), for tests.
     *
     * @return one holder per claimed slot
     */
    static java.util.List<Holder> holders() {
        synchronized (HOLDERS) {
            return java.util.List.copyOf(HOLDERS.values());
        }
    }

    /** Releases every slot {@code router} holds. Idempotent. */
    static void release(String router) {
        synchronized (HOLDERS) {
            HOLDERS.values().removeIf(holder -> holder.router().equals(router));
        }
    }
}
