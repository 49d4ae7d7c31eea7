package com.facegate.local.aws.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DoorAccessPolicyTest {
    @Test
    void doorSubscribesOnlyToItsOwnInboundTopics() {
        assertThat(DoorAccessPolicy.maySubscribe("d1", "facegate/doors/d1/decision")).isTrue();
        assertThat(DoorAccessPolicy.maySubscribe("d1", "facegate/doors/d1/commands")).isTrue();
        assertThat(DoorAccessPolicy.maySubscribe("d1", "facegate/doors/d1/audit")).isFalse();
        assertThat(DoorAccessPolicy.maySubscribe("d1", "facegate/doors/d2/decision")).isFalse();
        assertThat(DoorAccessPolicy.maySubscribe("d1", "facegate/doors/+/decision")).isFalse();
        assertThat(DoorAccessPolicy.maySubscribe("d1", "facegate/doors/d1/#")).isFalse();
        assertThat(DoorAccessPolicy.maySubscribe("d1", "$share/g/facegate/doors/d1/decision")).isFalse();
        assertThat(DoorAccessPolicy.maySubscribe("d1", "#")).isFalse();
    }

    @Test
    void doorPublishesOnlyToItsOwnOutboundTopics() {
        assertThat(DoorAccessPolicy.mayPublish("d1", "facegate/doors/d1/audit")).isTrue();
        assertThat(DoorAccessPolicy.mayPublish("d1", "facegate/doors/d1/status")).isTrue();
        assertThat(DoorAccessPolicy.mayPublish("d1", "facegate/doors/d1/captures")).isTrue();
        assertThat(DoorAccessPolicy.mayPublish("d1", "facegate/doors/d2/captures")).isFalse();
        assertThat(DoorAccessPolicy.maySubscribe("d1", "facegate/doors/d1/captures")).isFalse();
        assertThat(DoorAccessPolicy.mayPublish("d1", "facegate/doors/d1/decision")).isFalse();
        assertThat(DoorAccessPolicy.mayPublish("d1", "facegate/doors/d2/audit")).isFalse();
        assertThat(DoorAccessPolicy.mayPublish("d1", "facegate/doors/d1/audit/x")).isFalse();
    }

    @Test
    void clientIdMustBeTheCertificatesDoor() {
        assertThat(DoorAccessPolicy.connectRefusal("d1", "d1")).isEmpty();
        assertThat(DoorAccessPolicy.connectRefusal("d2", "d1")).isPresent();
        assertThat(DoorAccessPolicy.connectRefusal("d1", null)).isPresent();
        assertThat(DoorAccessPolicy.connectRefusal("a/b", "a/b")).isPresent();
    }
}
