/**
 * The classic libpcap file reader used by {@code vrrp decode} and the benchmarks: frames read one at
 * a time, either byte order, micro- or nanosecond timestamps, and link layers for getting at the IP
 * packets. Threading: not thread-safe; a reader is used by one thread.
 */
package org.vrrp.tool.capture;
