/**
 * The {@code vrrp} command: run (a keepalived.conf on Linux), check, decode, watch, status,
 * set-priority and resign; {@link org.vrrp.tool.Main} is the entry point. A program rather than a
 * library: its types are not an API. Threading: each command runs on the main thread; {@code run}
 * starts routers whose own threads do the work until a signal stops them.
 */
package org.vrrp.tool;
