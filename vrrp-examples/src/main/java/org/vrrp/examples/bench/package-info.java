/**
 * Helpers for the bench scripts: a JVM running routers under test and a health-check driver.
 * Programs, not an API. Threading: each runs its routers on their own threads and is controlled from
 * its main thread.
 */
package org.vrrp.examples.bench;
