package org.vrrp.runtime;

import org.vrrp.InstanceConfig;
import org.vrrp.InstanceSpec;
import org.vrrp.VrrpRouterConfig;

/**
 * The reload shape check: a reload applies in place only to the same instances on the same interfaces, families,
 * VRIDs, versions and peers, in the same sync groups; anything else needs a restart.
 */
final class ReloadShape {
    private ReloadShape() {
    }

    /** What keeps {@code next} from being applied in place, or null if nothing does. */
    static String difference(VrrpRouterConfig config, VrrpRouterConfig next) {
        if (!next.syncGroups().equals(config.syncGroups())) {
            return "sync groups changed: " + config.syncGroups() + " -> " + next.syncGroups();
        }
        if (next.instances().size() != config.instances().size()) {
            return "instances added or removed: " + config.instances().stream().map(InstanceSpec::name).toList() + " -> "
                    + next.instances().stream().map(InstanceSpec::name).toList();
        }
        for (InstanceSpec old : config.instances()) {
            InstanceSpec n = next.instance(old.name());
            if (n == null) {
                return "instance " + old.name() + " was removed or renamed";
            }
            InstanceConfig a = old.protocol();
            InstanceConfig b = n.protocol();
            if (!a.interfaceName().equals(b.interfaceName()) || a.family() != b.family() || a.vrid() != b.vrid()
                    || a.version() != b.version() || !a.unicastPeers().equals(b.unicastPeers())
                    || !java.util.Objects.equals(a.sourceAddress(), b.sourceAddress())) {
                return "instance " + old.name() + ": interface, family, VRID, version, unicast peers or source address"
                        + " changed";
            }
            if (!java.util.Objects.equals(old.virtualMac(), n.virtualMac())) {
                return "instance " + old.name() + ": virtual MAC changed (" + old.virtualMac() + " -> "
                        + n.virtualMac() + ")";
            }
        }
        return null;
    }
}
