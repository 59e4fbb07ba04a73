/**
 * Example: a small HTTP service that answers on a VIP only while this host is the VRRP master. An
 * example program, not an API. Threading: the HTTP server's threads serve requests; the router's
 * listener thread switches the service between serving and draining.
 */
package org.vrrp.examples.http;
