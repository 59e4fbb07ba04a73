package org.vrrp.spring;

import org.vrrp.VrrpRouter;

/**
 * A bean of this type changes the builder after the {@code vrrp.*} properties are applied and before
 * the configuration is validated, for what properties cannot say: a listener executor, code-defined
 * instances. The builder's shutdown hook stays off whatever a customizer sets: the lifecycle closes the
 * router.
 */
@FunctionalInterface
public interface VrrpRouterBuilderCustomizer {
    /**
     * Called once, after the properties are applied and before the configuration is built.
     *
     * @param builder the router builder, to change as needed
     */
    void customize(VrrpRouter.Builder builder);
}
