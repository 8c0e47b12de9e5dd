package dev.vigil.streams.rules.cel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code net.inCidrs}: IPv4 and IPv6 blocks, odd prefixes, and input that must never resolve or throw. */
class CidrsTest {

    private static final List<String> CLUSTER = List.of("10.0.0.0/16", "10.244.0.0/16", "192.168.1.7", "fd00:10::/64");

    @Test
    void addressesInsideTheBlocks() {
        assertThat(Cidrs.inAny("10.0.3.4", CLUSTER)).isTrue();
        assertThat(Cidrs.inAny("10.244.255.255", CLUSTER)).isTrue();
        assertThat(Cidrs.inAny("192.168.1.7", CLUSTER)).as("a bare address is a /32").isTrue();
        assertThat(Cidrs.inAny("fd00:10::1", CLUSTER)).isTrue();
        assertThat(Cidrs.inAny("FD00:10:0:0:ffff::2", CLUSTER)).isTrue();
    }

    @Test
    void addressesOutside() {
        assertThat(Cidrs.inAny("10.1.0.1", CLUSTER)).isFalse();
        assertThat(Cidrs.inAny("192.168.1.8", CLUSTER)).isFalse();
        assertThat(Cidrs.inAny("203.0.113.9", CLUSTER)).isFalse();
        assertThat(Cidrs.inAny("fd00:11::1", CLUSTER)).isFalse();
    }

    @Test
    void prefixesThatDoNotEndOnAByte() {
        assertThat(Cidrs.inAny("172.31.255.1", List.of("172.16.0.0/12"))).isTrue();
        assertThat(Cidrs.inAny("172.32.0.1", List.of("172.16.0.0/12"))).isFalse();
        assertThat(Cidrs.inAny("100.64.0.1", List.of("100.64.0.0/10"))).isTrue();
        assertThat(Cidrs.inAny("100.128.0.1", List.of("100.64.0.0/10"))).isFalse();
        assertThat(Cidrs.inAny("8.8.8.8", List.of("0.0.0.0/0"))).isTrue();
    }

    @Test
    void anIpv4MappedIpv6AddressIsItsIpv4Address() {
        assertThat(Cidrs.inAny("::ffff:10.0.0.5", CLUSTER)).isTrue();
    }

    @Test
    void malformedInputIsOutsideAndNeverLooksUpANameOrThrows() {
        assertThat(Cidrs.inAny("localhost", List.of("127.0.0.0/8"))).isFalse();
        assertThat(Cidrs.inAny("kubernetes.default.svc", List.of("0.0.0.0/0"))).isFalse();
        assertThat(Cidrs.inAny("10.0.0.256", CLUSTER)).isFalse();
        assertThat(Cidrs.inAny("10.0.0", CLUSTER)).isFalse();
        assertThat(Cidrs.inAny("", CLUSTER)).isFalse();
        assertThat(Cidrs.inAny(null, CLUSTER)).isFalse();
        assertThat(Cidrs.inAny("fe80::1%eth0", List.of("fe80::/10"))).isFalse();
        assertThat(Cidrs.inAny("10.0.0.1", List.of("10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "bogus"))).isFalse();
        assertThat(Cidrs.inAny("10.0.0.1", List.of())).isFalse();
        assertThat(Cidrs.address("1:2:3:4:5:6:7:8:9")).isNull();
    }
}
