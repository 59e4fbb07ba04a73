/**
 * The keepalived.conf reader and its mapping onto the router builder: {@link
 * org.vrrp.config.keepalived.KeepalivedConfigReader} reads the VRRP part of a configuration (with
 * includes) into immutable definitions, reporting every error at once with file and line, and {@link
 * org.vrrp.config.keepalived.KeepalivedMapping} turns them into router configurations. Threading:
 * reading and mapping are plain calls on the calling thread; the results are immutable.
 */
package org.vrrp.config.keepalived;
