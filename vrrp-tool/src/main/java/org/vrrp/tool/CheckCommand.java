package org.vrrp.tool;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vrrp.config.keepalived.KeepalivedConfig;
import org.vrrp.config.keepalived.SourceLocation;
import org.vrrp.config.keepalived.TrackedInterface;
import org.vrrp.config.keepalived.VirtualIpAddress;
import org.vrrp.config.keepalived.VrrpInstanceDef;
import org.vrrp.config.keepalived.VrrpSyncGroupDef;
import org.vrrp.script.NotifyScriptRunner;
import org.vrrp.script.NotifyScripts;
import org.vrrp.script.ScriptCommand;

/**
 * {@code vrrp check -f FILE [-i CONFIG_ID]}, keepalived's {@code -t}: reads the file with its includes,
 * maps and validates it as {@code vrrp run} would, without opening a socket or touching an interface,
 * and prints every finding as {@code FILE:LINE: message}. Missing interfaces and missing or
 * non-executable scripts are warnings, as keepalived reports them. Never prints a stack trace.
 */
final class CheckCommand implements Command {
    /** Where the interfaces of this network namespace are listed; a parameter for tests. */
    private final Path sysClassNet;
    /** Where named network namespaces live. */
    private final Path netnsDir;

    CheckCommand() {
        this(Path.of("/sys/class/net"), Path.of("/run/netns"));
    }

    CheckCommand(Path sysClassNet, Path netnsDir) {
        this.sysClassNet = sysClassNet;
        this.netnsDir = netnsDir;
    }

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "check a keepalived.conf without running it (keepalived -t); exit 0 if it would run";
    }

    @Override
    public String usage() {
        return "usage: vrrp check -f FILE [-i CONFIG_ID]\n"
                + "\n"
                + "Reads FILE and its includes, maps and validates it exactly as `vrrp run -f FILE` would, without\n"
                + "opening a socket or touching an interface, and prints each finding as\n"
                + "  FILE:LINE: message\n"
                + "in keepalived.conf terms. Interfaces missing from this network namespace and scripts that are\n"
                + "missing or not executable are warnings, as keepalived reports them. `vrrp run -t` is the same.\n"
                + "\n"
                + "  -f, --file FILE          the keepalived.conf\n"
                + "  -i, --config-id ID       read the lines starting @ID and skip those starting @^ID\n"
                + "                           (default, like keepalived: the host name up to its first dot)\n"
                + "\n"
                + "Exit status: 0 when the file would run (warnings allowed), 1 when it would not, 2 for bad\n"
                + "arguments.\n";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Path file = null;
        Optional<String> configId = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-f") || a.equals("--file")) {
                file = Path.of(value(args, ++i, "-f needs a FILE"));
            } else if (a.equals("-i") || a.equals("--config-id")) {
                configId = Optional.of(value(args, ++i, "-i needs a CONFIG_ID"));
            } else if (a.equals("-t") || a.equals("--config-test")) {
                continue; // `vrrp run -t` passes its arguments on
            } else {
                throw new UsageException("unknown argument '" + a + "'");
            }
        }
        if (file == null) {
            throw new UsageException("-f FILE is required");
        }
        return check(file, configId, out);
    }

    static String value(List<String> args, int i, String missing) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(missing);
        }
        return args.get(i);
    }

    /** Checks {@code file}; prints the findings on {@code out}; returns the exit code. */
    int check(Path file, Optional<String> configId, PrintStream out) {
        try (NotifyScriptRunner notifier = new NotifyScriptRunner(Duration.ofSeconds(1))) {
            ConfigLoader.Loaded loaded;
            try {
                loaded = ConfigLoader.load(file, configId.or(org.vrrp.config.keepalived.ConfigId::defaultId), notifier);
            } catch (ConfigLoader.Refused e) {
                e.warnings().forEach(out::println);
                e.lines().forEach(out::println);
                out.println(file + ": would not run: " + e.lines().size() + (e.lines().size() == 1 ? " error" : " errors"));
                return EXIT_FAILURE;
            }
            List<String> warnings = new ArrayList<>(loaded.warnings());
            warnings.addAll(environment(loaded.config()));
            loaded.notes().forEach(out::println);
            warnings.forEach(out::println);
            int n = loaded.config().instances().size();
            out.println(file + ": would run " + n + " vrrp_instance" + (n == 1 ? "" : "s")
                    + (warnings.isEmpty() ? "" : ", with " + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s")));
            return EXIT_OK;
        } catch (RuntimeException | Error e) {
            // A bug of ours must not look like a stack trace to someone checking a file: one line, exit 1.
            out.println(file + ": cannot check this file: " + e);
            return EXIT_FAILURE;
        }
    }

    /** What keepalived checks on the host at load: interfaces, the namespace, notify scripts. */
    List<String> environment(KeepalivedConfig config) {
        List<String> warnings = new ArrayList<>();
        if (config.netNamespace().isPresent()) {
            String ns = config.netNamespace().get();
            if (!Files.exists(netnsDir.resolve(ns))) {
                warnings.add(config.instances().get(0).location().file() + ": net_namespace " + ns
                        + " does not exist (ip netns add " + ns + "): vrrp run will refuse to start until it does");
            }
        } else {
            for (VrrpInstanceDef inst : config.instances()) {
                Set<String> names = new LinkedHashSet<>();
                names.add(inst.interfaceName());
                inst.trackInterfaces().stream().map(TrackedInterface::name).forEach(names::add);
                inst.virtualAddresses().stream().map(VirtualIpAddress::device).flatMap(Optional::stream)
                        .forEach(names::add);
                for (String name : names) {
                    if (!exists(name)) {
                        String keyword = name.equals(inst.interfaceName()) ? "interface" : "track_interface";
                        warnings.add(inst.locationOf(keyword) + ": interface " + name + " for vrrp_instance "
                                + inst.name() + " does not exist here: vrrp run will refuse to start until it does");
                    }
                }
            }
        }
        for (VrrpInstanceDef inst : config.instances()) {
            notifyScripts(inst.notifyScripts(), inst.location(), "vrrp_instance " + inst.name(), warnings);
        }
        for (VrrpSyncGroupDef group : config.syncGroups()) {
            notifyScripts(group.notifyScripts(), group.location(), "vrrp_sync_group " + group.name(), warnings);
        }
        return warnings;
    }

    private boolean exists(String interfaceName) {
        try {
            return !interfaceName.contains("/") && Files.exists(sysClassNet.resolve(interfaceName));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void notifyScripts(NotifyScripts scripts, SourceLocation at, String owner, List<String> warnings) {
        Map<String, Optional<String>> byKeyword = new java.util.LinkedHashMap<>();
        byKeyword.put("notify", scripts.notifyGeneric());
        byKeyword.put("notify_master", scripts.notifyMaster());
        byKeyword.put("notify_backup", scripts.notifyBackup());
        byKeyword.put("notify_fault", scripts.notifyFault());
        byKeyword.put("notify_stop", scripts.notifyStop());
        byKeyword.forEach((keyword, script) -> script.ifPresent(text -> {
            Optional<String> problem;
            try {
                problem = ScriptCommand.parse(text).programProblem();
            } catch (IllegalArgumentException e) {
                problem = Optional.of(e.getMessage());
            }
            problem.ifPresent(p -> warnings.add(at + ": " + keyword + " of " + owner + ": " + p
                    + ": it will fail each time it is run"));
        }));
    }
}
