package org.vrrp.config.keepalived;

import java.util.Optional;
import org.vrrp.script.NotifyScripts;

/**
 * Collects {@code notify}, {@code notify_master}, {@code notify_backup}, {@code notify_fault} and
 * {@code notify_stop} of one block, and {@code notify_master_rx_lower_pri} of an instance. keepalived's syntax is {@code notify_x SCRIPT [user [group]]}:
 * a script with arguments must be quoted, and words after it name a user, which the library does
 * not switch to (warning). One instance per block; not thread-safe.
 */
final class NotifyReader {
    private final Problems problems;
    private Optional<String> notify = Optional.empty();
    private Optional<String> master = Optional.empty();
    private Optional<String> backup = Optional.empty();
    private Optional<String> fault = Optional.empty();
    private Optional<String> stop = Optional.empty();
    private Optional<String> masterRxLowerPri = Optional.empty();
    private final boolean instance;

    /** @param instance whether the block is a vrrp_instance, the only one with {@code notify_master_rx_lower_pri} */
    NotifyReader(Problems problems, boolean instance) {
        this.problems = problems;
        this.instance = instance;
    }

    /** Takes {@code node} if it is a notify keyword; returns false otherwise. */
    boolean accept(ConfigNode node) {
        switch (node.keyword()) {
            case "notify": notify = script(node); return true;
            case "notify_master": master = script(node); return true;
            case "notify_backup": backup = script(node); return true;
            case "notify_fault": fault = script(node); return true;
            case "notify_stop": stop = script(node); return true;
            case "notify_master_rx_lower_pri":
                if (!instance) {
                    return false;
                }
                masterRxLowerPri = script(node);
                return true;
            default: return false;
        }
    }

    NotifyScripts build() {
        return new NotifyScripts(notify, master, backup, fault, stop, masterRxLowerPri);
    }

    private Optional<String> script(ConfigNode node) {
        if (node.argCount() == 0 || node.arg(0).isBlank()) {
            problems.error(node.location(), node.keyword(), node.keyword() + " needs a script: " + node.keyword()
                    + " \"/path/to/script arg ...\"");
            return Optional.empty();
        }
        if (node.argCount() > 1) {
            problems.warn(node.location(), node.keyword(), node.keyword() + ": running as user "
                    + node.argText().substring(node.arg(0).length() + 1)
                    + " is not supported, the script runs as the JVM's user (quote the script if these words are its arguments)");
        }
        return Optional.of(node.arg(0));
    }
}
