package uk.nhs.pdsa.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Addresses are decoded strictly: broken escapes, bytes that are not UTF-8 and control characters are refused. */
class RequestAddressTest {
    @Test
    void shouldRefuseBrokenOrControlAddressesAndLetGoodOnesThrough() {
        assertThat(RequestAddress.refusal("/api/v1/findings/%zz", "path")).contains("invalid percent-escape");
        assertThat(RequestAddress.refusal("/api/v1/findings/%4", "path")).contains("invalid percent-escape");
        assertThat(RequestAddress.refusal("organisation=%C3%28", "query")).contains("not UTF-8");
        assertThat(RequestAddress.refusal("organisation=a%00b", "query")).contains("U+0000");
        assertThat(RequestAddress.refusal("organisation=%1B", "query")).contains("U+001B");
        assertThat(RequestAddress.refusal("/api/v1/series/nhfd/surgery%20within/RXH", "path")).isNull();
        assertThat(RequestAddress.refusal("name=Caf%C3%A9", "query")).isNull();
        assertThat(RequestAddress.decode("a%2Fb%20c")).isEqualTo("a/b c");
    }
}
