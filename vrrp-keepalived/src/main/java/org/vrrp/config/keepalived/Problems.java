package org.vrrp.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import org.vrrp.config.keepalived.Diagnostic.Severity;

/** Collects the errors and warnings of one read, so that all of them are reported at once. Not thread-safe. */
final class Problems {
    private final List<Diagnostic> errors = new ArrayList<>();
    private final List<Diagnostic> warnings = new ArrayList<>();

    void error(SourceLocation at, String keyword, String message) {
        errors.add(new Diagnostic(Severity.ERROR, at, keyword, message));
    }

    void warn(SourceLocation at, String keyword, String message) {
        warnings.add(new Diagnostic(Severity.WARNING, at, keyword, message));
    }

    int errorCount() {
        return errors.size();
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
