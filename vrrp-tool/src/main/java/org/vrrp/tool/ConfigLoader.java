package org.vrrp.tool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpRouterConfig;
import org.vrrp.config.keepalived.Diagnostic;
import org.vrrp.config.keepalived.KeepalivedConfig;
import org.vrrp.config.keepalived.KeepalivedConfigException;
import org.vrrp.config.keepalived.KeepalivedConfigReader;
import org.vrrp.config.keepalived.KeepalivedMapping;
import org.vrrp.config.keepalived.SourceLocation;
import org.vrrp.config.keepalived.VrrpInstanceDef;
import org.vrrp.script.NotifyScriptRunner;

/**
 * What {@code vrrp run} and {@code vrrp check} share: read a keepalived.conf with its includes, map it
 * and validate the result, reporting every finding as {@code FILE:LINE: message} in keepalived.conf
 * terms. The library's own validation speaks its Java API ({@code interfaceName}, {@code vip(...)});
 * what it says is translated here to the keepalived keyword and the line of the instance concerned.
 * Opens no socket and touches no interface. Stateless.
 */
final class ConfigLoader {
    private ConfigLoader() {}

    /** The file cannot be run; {@link #lines} are the findings, each {@code FILE[:LINE]: message}. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<String> lines;
        private final transient List<String> warnings;

        Refused(List<String> lines, List<String> warnings) {
            super(String.join("\n", lines));
            this.lines = List.copyOf(lines);
            this.warnings = List.copyOf(warnings);
        }

        List<String> lines() {
            return lines;
        }

        /** The warnings found before the refusal. */
        List<String> warnings() {
            return warnings;
        }
    }

    /**
     * A file that would run.
     *
     * @param config   what was read
     * @param builder  the mapped builder, validated once (the caller adds its socket and builds again)
     * @param warnings every warning, {@code FILE:LINE: message}, in file order, then the mapping's
     * @param notes    at most one INFO line (keywords accepted with no effect here)
     */
    record Loaded(KeepalivedConfig config, VrrpRouter.Builder builder, List<String> warnings, List<String> notes) {}

    /** Reads, maps and validates {@code file} with the configuration id {@code configId}. */
    static Loaded load(Path file, Optional<String> configId, NotifyScriptRunner notifier) throws Refused {
        KeepalivedConfig config;
        try {
            config = KeepalivedConfigReader.read(file, configId);
        } catch (KeepalivedConfigException e) {
            throw new Refused(strings(e.errors()), strings(e.warnings()));
        }
        List<String> warnings = new ArrayList<>(strings(config.warnings()));
        if (config.instances().isEmpty()) {
            throw new Refused(List.of(file + ": no vrrp_instance: there is nothing for vrrp to run"
                    + " (keepalived would run only its other parts, such as LVS)"), warnings);
        }
        KeepalivedMapping.Result mapped;
        try {
            mapped = KeepalivedMapping.toBuilder(config, notifier);
            warnings.addAll(mapped.warnings());
            // The tool closes the router from its own signal handling, after which it stops the notifier.
            mapped.builder().shutdownHook(false).build();
        } catch (IllegalArgumentException e) {
            throw new Refused(List.of(translate(file, config, e.getMessage())), warnings);
        }
        return new Loaded(config, mapped.builder(), warnings, strings(config.notes()));
    }

    /** Builds the loaded file's router configuration after {@code customize}; refusals translated as in {@link #load}. */
    static VrrpRouterConfig build(Path file, Loaded loaded) throws Refused {
        try {
            return loaded.builder().build();
        } catch (IllegalArgumentException e) {
            throw new Refused(List.of(translate(file, loaded.config(), e.getMessage())), loaded.warnings());
        }
    }

    private static List<String> strings(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::toString).toList();
    }

    private static final Pattern INSTANCE = Pattern.compile("^instance \"([^\"]*)\": (.*)$", Pattern.DOTALL);
    private static final Pattern CALL = Pattern.compile("\\b[a-z][A-Za-z]*\\([^)]*\\)");
    /** A parenthesis that quotes API calls, such as {@code (vip("a") and vip("b"))}. */
    private static final Pattern QUOTED_CALLS = Pattern.compile("\\s*\\((?:[^()]*\\b[a-z][A-Za-z]*\\([^)]*\\))+[^()]*\\)");
    /** The library's field and method names, each with the keepalived keyword that sets it. */
    private static final Map<String, String> KEYWORDS = Map.ofEntries(
            Map.entry("interfaceName", "interface"),
            Map.entry("virtualRouterId", "virtual_router_id"),
            Map.entry("advertisementInterval", "advert_int"),
            Map.entry("preemptDelay", "preempt_delay"),
            Map.entry("initialState", "state"),
            Map.entry("unicastPeer", "unicast_peer"),
            Map.entry("trackHealthCheck", "track_script"),
            Map.entry("healthCheck", "vrrp_script"),
            Map.entry("syncGroup", "vrrp_sync_group"),
            Map.entry("authentication", "authentication"),
            Map.entry("vip", "virtual_ipaddress"),
            Map.entry("instance", "vrrp_instance"));

    /**
     * The library's message in keepalived.conf terms: field names become keywords, suggested API calls
     * are dropped, and it is placed at the line of the instance (or of its keyword) it is about.
     */
    static String translate(Path file, KeepalivedConfig config, String message) {
        String text = message == null ? "refused" : message.strip();
        SourceLocation at = new SourceLocation(file.toString(), 0);
        String subject = "";
        Matcher m = INSTANCE.matcher(text);
        if (m.matches()) {
            Optional<VrrpInstanceDef> instance = config.instance(m.group(1));
            subject = "vrrp_instance " + m.group(1) + ": ";
            text = m.group(2);
            if (instance.isPresent()) {
                at = instance.get().location();
                // The line of the first keyword the message is about, when the instance has it.
                for (String word : text.split("[^A-Za-z_]+")) {
                    String keyword = KEYWORDS.getOrDefault(word, word);
                    if (KEYWORDS.containsValue(keyword) && !instance.get().locationOf(keyword).equals(at)) {
                        at = instance.get().locationOf(keyword);
                        break;
                    }
                }
            }
        }
        text = QUOTED_CALLS.matcher(text).replaceAll("");
        text = text.replaceAll("[:;,] (call|use|add|e\\.g\\.|remove|keep|put)\\b.*$", "");
        text = CALL.matcher(text).replaceAll("it");
        for (Map.Entry<String, String> e : KEYWORDS.entrySet()) {
            text = text.replaceAll("\\b" + e.getKey() + "\\b", e.getValue());
        }
        text = text.replaceAll("\\s+", " ").strip();
        return at + ": " + subject + text;
    }
}
