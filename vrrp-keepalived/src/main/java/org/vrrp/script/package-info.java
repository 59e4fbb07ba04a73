/**
 * keepalived's scripts: notify scripts run on state changes ({@link
 * org.vrrp.script.NotifyScriptRunner}) and {@code vrrp_script} health checks ({@link
 * org.vrrp.script.ScriptHealthCheck}), with keepalived's command splitting, timeouts that kill the
 * whole process tree, and processes always reaped. Threading: notify scripts run on the runner's own
 * daemon threads, one at a time per instance and in order; a script health check blocks its calling
 * thread (a {@code vrrp-<router>-health-*} thread) for at most its timeout.
 */
package org.vrrp.script;
