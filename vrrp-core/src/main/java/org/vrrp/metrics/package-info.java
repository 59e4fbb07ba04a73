/**
 * Micrometer metrics for a router: {@link org.vrrp.metrics.VrrpMeterBinder} binds a router's stats to
 * a registry. Micrometer is an optional dependency: this package is usable only when the application
 * brings it. Threading: meters read a stats snapshot when the registry polls them, from whatever
 * thread the registry uses; binding is done once, from any thread.
 */
package org.vrrp.metrics;
