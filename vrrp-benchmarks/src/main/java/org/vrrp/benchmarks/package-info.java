/**
 * JMH benchmarks of the codec over captured keepalived adverts. A program, not an API. Threading: JMH
 * runs each benchmark method on its own worker threads; state is per thread.
 */
package org.vrrp.benchmarks;
