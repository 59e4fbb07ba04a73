package org.vrrp.config.keepalived;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a keepalived configuration cannot be used: a syntax error, an unreadable or cyclic
 * include, a value out of range, a missing required keyword or a dangling reference.
 *
 * <p>It is a checked exception on purpose: a configuration file is user input, and a caller that
 * loads one must decide what to tell the operator. The reader does not stop at the first problem;
 * it collects every error and reports them together. The message lists each error on its own line
 * as {@code file:line: message}, for example:
 *
 * <pre>
 * keepalived.conf: 2 errors
 * keepalived.conf:12: virtual_router_id 300 is out of range 1..255
 * keepalived.conf:13: priority 0 is out of range 1..255 (0 is reserved for a master that resigns)
 * </pre>
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public final class KeepalivedConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> errors;
    private final transient List<Diagnostic> warnings;

    KeepalivedConfigException(String subject, List<Diagnostic> errors, List<Diagnostic> warnings) {
        super(format(subject, errors));
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Every error found, in file order; never empty.
     *
     * @return every error found, in file order; never empty
     */
    public List<Diagnostic> errors() {
        return errors;
    }

    /**
     * The warnings found before the configuration was rejected; they may explain an error.
     *
     * @return the warnings found before the configuration was rejected; they may explain an error
     */
    public List<Diagnostic> warnings() {
        return warnings;
    }

    private static String format(String subject, List<Diagnostic> errors) {
        String head = subject + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors");
        return errors.stream().map(Diagnostic::toString).collect(Collectors.joining("\n", head + "\n", ""));
    }
}
