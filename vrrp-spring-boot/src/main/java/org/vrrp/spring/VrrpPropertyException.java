package org.vrrp.spring;

/**
 * A {@code vrrp.*} property the router cannot run with. {@link VrrpPropertyFailureAnalyzer} turns it
 * into Spring Boot's "APPLICATION FAILED TO START" report: the property, its value, what is wrong and
 * how to fix it in application.yml.
 */
public final class VrrpPropertyException extends IllegalArgumentException {
    /** The full property name, e.g. {@code vrrp.instances.vi1.priority}. */
    private final String property;
    private final transient Object value;
    /** What is wrong and what is allowed. */
    private final String reason;

    /**
     * @param property the full property name, e.g. {@code vrrp.priority}
     * @param value    its bound value, or null if it is not set
     * @param reason   what is wrong and what is allowed
     * @param cause the cause
     */
    public VrrpPropertyException(String property, Object value, String reason, Throwable cause) {
        super(property + (value == null ? " is not set" : " = " + display(value)) + ": " + reason, cause);
        this.property = property;
        this.value = value;
        this.reason = reason;
    }

    /**
     * The full property name, e.g. {@code vrrp.instances.db.priority}.
     *
     * @return the full property name
     */
    public String property() {
        return property;
    }

    /**
     * The value bound to it, or null when it is not set.
     *
     * @return the value bound to it, or null when it is not set
     */
    public Object value() {
        return value;
    }

    /**
     * What is wrong and what is allowed.
     *
     * @return what is wrong and what is allowed
     */
    public String reason() {
        return reason;
    }

    /**
     * What to change, in application.yml terms.
     *
     * @return what to change, in application.yml terms
     */
    public String action() {
        String where = "Change " + property + " in application.yml or application.properties (or wherever it is set: --"
                + property + "=...";
        if (!property.contains(".instances.") && !property.contains(".health-checks.")
                && !property.contains(".sync-groups.")) {
            where += ", environment variable " + property.replace(".", "_").replace("-", "").toUpperCase();
        }
        return where + ") as the reason above says.";
    }

    /** A value as it would be written in application.yml: {@code 500ms} rather than {@code PT0.5S}. */
    static String display(Object value) {
        if (value instanceof java.time.Duration d) {
            return d.toNanos() % 1_000_000_000L == 0 ? d.getSeconds() + "s" : d.toNanos() % 1_000_000L == 0
                    ? d.toMillis() + "ms" : d.toNanos() + "ns";
        }
        return String.valueOf(value);
    }
}
