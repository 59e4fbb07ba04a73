package org.vrrp.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link VrrpPropertyException} as Spring Boot reports its own configuration errors. */
public final class VrrpPropertyFailureAnalyzer extends AbstractFailureAnalyzer<VrrpPropertyException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, VrrpPropertyException cause) {
        String description = "Invalid VRRP configuration: " + cause.property()
                + (cause.value() == null ? " is not set" : " is '" + VrrpPropertyException.display(cause.value()) + "'") + ".\n\n    Reason: "
                + cause.reason();
        return new FailureAnalysis(description, cause.action(), cause);
    }
}
