package org.vrrp.spi;

/**
 * Told when a watched interface gains or loses carrier (Linux: IFF_LOWER_UP). Called on the
 * adapter's I/O thread; must not block.
 */
@FunctionalInterface
public interface LinkListener {
    /**
     * @param interfaceName the interface
     * @param up            true when the link has carrier and is administratively up
     */
    void onLinkChange(String interfaceName, boolean up);
}
