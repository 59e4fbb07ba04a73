package org.vrrp.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import org.vrrp.config.keepalived.Diagnostic.Severity;

/** Collects the errors and warnings of one read, so that all of them are reported at once. Not thread-safe. */
final class Problems {
    private final List<Diagnostic> errors = new ArrayList<>();
    private final List<Diagnostic> warnings = new ArrayList<>();
    /** Keywords accepted with no effect here, first use of each, in file order. */
    private final java.util.Map<String, SourceLocation> harmless = new java.util.LinkedHashMap<>();

    void error(SourceLocation at, String keyword, String message) {
        errors.add(new Diagnostic(Severity.ERROR, at, keyword, message));
    }

    void warn(SourceLocation at, String keyword, String message) {
        warnings.add(new Diagnostic(Severity.WARNING, at, keyword, message));
    }

    /** Records a keyword that changes nothing for VRRP here; reported once, in {@link #harmlessSummary}. */
    void harmless(SourceLocation at, String keyword) {
        harmless.putIfAbsent(keyword, at);
    }

    /** One INFO line naming every harmless keyword seen, or none. */
    List<Diagnostic> harmlessSummary(String file) {
        if (harmless.isEmpty()) {
            return List.of();
        }
        return List.of(new Diagnostic(Severity.INFO, new SourceLocation(file, 0), "", harmless.size()
                + (harmless.size() == 1 ? " keyword" : " keywords") + " accepted with no effect on VRRP here"
                + " (keepalived's e-mail alerts, LVS and process settings): " + String.join(", ", harmless.keySet())));
    }

    int errorCount() {
        return errors.size();
    }

    /** Whether an error was reported at exactly {@code at} (e.g. a block that is not closed). */
    boolean hasErrorAt(SourceLocation at) {
        return errors.stream().anyMatch(d -> d.location().equals(at));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<Diagnostic> warnings() {
        return List.copyOf(warnings);
    }

    /** Throws every error collected so far, if any. */
    void throwIfErrors(String subject) throws KeepalivedConfigException {
        if (hasErrors()) {
            throw new KeepalivedConfigException(subject, errors, warnings);
        }
    }
}
