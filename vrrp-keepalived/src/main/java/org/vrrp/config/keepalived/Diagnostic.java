package org.vrrp.config.keepalived;

import java.util.Objects;

/**
 * One finding of the reader about a keepalived configuration. Immutable and thread-safe.
 *
 * <p>Warnings are things keepalived would accept that this library ignores or handles differently
 * (an unknown keyword, an unsupported option, a truncated password); they are returned in
 * {@link KeepalivedConfig#warnings()}. Errors make the configuration unusable and are thrown together
 * in a {@link KeepalivedConfigException}.
 *
 * @param severity  warning or error
 * @param location  file and line the finding is about
 * @param keyword   the keepalived keyword concerned, e.g. {@code virtual_router_id}
 * @param message   the full sentence, naming keyword, value and the allowed range or the fix, e.g.
 *                  {@code virtual_router_id 300 is out of range 1..255}
 */
public record Diagnostic(Severity severity, SourceLocation location, String keyword, String message) {
    /** How bad a finding is. */
    public enum Severity {
        /** Accepted with no effect worth a warning (a keyword only keepalived's other parts use). */
        INFO,
        /** Accepted; something is ignored or adjusted. */
        WARNING,
        /** Rejected; the configuration cannot be used. */
        ERROR
    }

    /**
     * Checks that the components are present.
     *
     * @param severity warning or error
     * @param location file and line the finding is about
     * @param keyword the keepalived keyword concerned, e.g. {@code virtual_router_id}
     * @param message the full sentence, naming keyword, value and the allowed range or the fix, e.g. {@code virtual_router_id 300 is out of range 1..255}
     */
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line: message}, the form printed in logs and exception messages. */
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
