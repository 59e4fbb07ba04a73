package org.vrrp.linux;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two ARP settings a base interface needs while a virtual MAC interface of this process sits on it, and their
 * restoration when the last one goes. Without them the base, whose MAC is the router's physical one, tells clients
 * that a VIP lives there:
 * <ul>
 *   <li>{@code arp_ignore=1}: the base answers an ARP request only for its own addresses. By default (0) Linux
 *       answers on any interface for any local address, so a client's "who has VIP?", which every interface on
 *       the segment receives, would also be answered from the base with the physical MAC.</li>
 *   <li>{@code arp_announce=2}: the ARP requests the base sends (to reach a client it replies to from the VIP)
 *       carry the base's own address as sender, not the VIP. With the default (0) the sender is the source of the
 *       packet that needs resolving, the VIP, and a client that receives the request learns VIP = physical MAC,
 *       whether or not it ignores gratuitous ARP.</li>
 * </ul>
 * A setting already at least as strict is left as it is. The values changed are put back when the last virtual MAC
 * interface of this process on that base closes; a process killed before that leaves them changed (a stricter,
 * harmless setting) and the next run keeps them.
 *
 * <p>Thread-safety: the registry is one lock for the process; changes are rare (start and stop of a router).
 */
final class BaseArpSettings {
    private static final Logger LOG = LoggerFactory.getLogger(BaseArpSettings.class);
    /** key, value wanted; kept in this order so that restoring is the reverse. */
    static final Map<String, Integer> REQUIRED = orderedRequirements();
    private static final Map<String, Holder> HOLDERS = new HashMap<>();

    /** The settings of one base interface: what was there before us, and how many interfaces need ours. */
    private static final class Holder {
        final Map<String, Integer> previous = new LinkedHashMap<>();
        int users;
    }

    private BaseArpSettings() {
    }

    private static Map<String, Integer> orderedRequirements() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("arp_ignore", 1);
        m.put("arp_announce", 2);
        return m;
    }

    /** Applies the settings on {@code base} (once per base, counted); undo with {@link #release}. */
    static void acquire(NetworkNamespace namespace, String base) throws IOException {
        String key = key(namespace, base);
        synchronized (HOLDERS) {
            Holder h = HOLDERS.get(key);
            if (h == null) {
                h = new Holder();
                try {
                    for (Map.Entry<String, Integer> e : REQUIRED.entrySet()) {
                        int now = InterfaceSysctls.read(namespace, base, e.getKey());
                        if (now < e.getValue()) {
                            InterfaceSysctls.write(namespace, base, e.getKey(), e.getValue());
                            h.previous.put(e.getKey(), now);
                            LOG.info("set {}={} (was {}) for the virtual MAC on {} in {}",
                                    InterfaceSysctls.name(base, e.getKey()), e.getValue(), now, base, namespace);
                        }
                    }
                } catch (IOException e) {
                    restore(namespace, base, h);
                    throw e;
                }
                HOLDERS.put(key, h);
            }
            h.users++;
        }
    }

    /** One virtual MAC interface fewer on {@code base}; the last one restores what {@link #acquire} changed. */
    static void release(NetworkNamespace namespace, String base) {
        String key = key(namespace, base);
        synchronized (HOLDERS) {
            Holder h = HOLDERS.get(key);
            if (h == null || --h.users > 0) {
                return;
            }
            HOLDERS.remove(key);
            restore(namespace, base, h);
        }
    }

    private static void restore(NetworkNamespace namespace, String base, Holder h) {
        for (Map.Entry<String, Integer> e : h.previous.entrySet()) {
            try {
                InterfaceSysctls.write(namespace, base, e.getKey(), e.getValue());
            } catch (IOException ex) {
                LOG.warn("could not restore {}={}: {}", InterfaceSysctls.name(base, e.getKey()), e.getValue(),
                        ex.getMessage());
            }
        }
    }

    private static String key(NetworkNamespace namespace, String base) {
        return namespace + " " + base;
    }
}
