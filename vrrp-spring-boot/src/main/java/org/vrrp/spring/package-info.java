/**
 * Spring Boot auto-configuration for a VRRP router: {@code vrrp.*} properties mapped onto the
 * builder, a life cycle that claims the VIP only once the application is ready and resigns it before
 * the web server stops, a health indicator and Micrometer metrics. Threading: beans are created and
 * started by Spring on its own threads; the router's callbacks arrive on its listener thread, and the
 * health indicator reads a stats snapshot from any thread.
 */
package org.vrrp.spring;
