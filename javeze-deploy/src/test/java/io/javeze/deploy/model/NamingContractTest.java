package io.javeze.deploy.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.Resources;
import io.javeze.Topics;
import io.javeze.config.AppResource;
import io.javeze.config.Naming;
import org.junit.jupiter.api.Test;

/** Deploy names the topic variable without depending on the runtime; the runtime must read the same name. */
class NamingContractTest {
    @Test
    void deployNamesTopicVariablesAsTheRuntimeReadsThem() {
        for (String topic : new String[] {"user-events", "orders_v2", "Audit", "a.b:c", "x9"}) {
            assertThat(Naming.topicEnvVar(topic)).as(topic).isEqualTo(Topics.envVarName(topic));
        }
    }

    @Test
    void deployNamesResourceVariablesAsTheRuntimeReadsThem() {
        for (String key : new String[] {"orders", "order-events", "Receipts_v2", "x9"}) {
            assertThat(AppResource.envVarName(key)).as(key).isEqualTo(Resources.envVarName(key));
        }
    }
}
