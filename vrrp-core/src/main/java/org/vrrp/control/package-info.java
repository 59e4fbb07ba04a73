/**
 * Internal. The local control protocol (status, set-priority, resign) in a form independent of any
 * socket: request parsing, peer authorisation, the router calls and the text or JSON answers.
 * vrrp-linux serves it on a Unix socket and the vrrp tool speaks it; exported to those two modules
 * only. Threading: thread-safe; a request blocks its calling thread (a socket thread, never the
 * protocol thread) for at most the router's API timeout.
 */
package org.vrrp.control;
