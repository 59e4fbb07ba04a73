/**
 * Example: a Spring Boot web application that serves on a VIP with vrrp-spring-boot. A program, not
 * an API. Threading: Spring's and the web server's threads; the router runs on its own.
 */
package org.vrrp.examples.springboot;
