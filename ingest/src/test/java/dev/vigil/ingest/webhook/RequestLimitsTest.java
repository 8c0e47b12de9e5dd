package dev.vigil.ingest.webhook;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestLimitsTest {

    @Test
    void aCredentialAtItsLimitIsRefusedWhileAnotherIsAdmitted() throws Exception {
        RequestLimits limits = new RequestLimits(2, 10);
        RequestLimits.Permit first = limits.admit("token:a");
        limits.admit("token:a");

        assertThatThrownBy(() -> limits.admit("token:a")).isInstanceOfSatisfying(RequestRefusedException.class,
                refused -> assertThat(refused.refusal()).isEqualTo(RequestLimits.Refusal.CREDENTIAL_BUSY));
        limits.admit("token:b").close();

        first.close();
        first.close(); // a second close gives back nothing more
        assertThat(limits.inProgress("token:a")).isEqualTo(1);
        limits.admit("token:a");
        assertThatThrownBy(() -> limits.admit("token:a")).isInstanceOf(RequestRefusedException.class);
    }

    @Test
    void theTotalLimitHoldsOverAllCredentialsAndARefusalHoldsNoPlace() throws Exception {
        RequestLimits limits = new RequestLimits(2, 3);
        List<RequestLimits.Permit> held = new ArrayList<>();
        held.add(limits.admit("a"));
        held.add(limits.admit("a"));
        held.add(limits.admit("b"));

        assertThatThrownBy(() -> limits.admit("c")).isInstanceOfSatisfying(RequestRefusedException.class,
                refused -> assertThat(refused.refusal()).isEqualTo(RequestLimits.Refusal.SERVER_BUSY));
        assertThat(limits.inProgress("c")).isZero();

        held.remove(0).close();
        limits.admit("c");
    }
}
