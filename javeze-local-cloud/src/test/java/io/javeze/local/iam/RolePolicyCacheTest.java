package io.javeze.local.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.local.security.RoleSessions;
import io.javeze.local.store.StateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolePolicyCacheTest {
    static final String ARN = "arn:aws:iam::000000000000:role/orders-fn";
    static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:orders";
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    @TempDir
    Path dir;

    static String allow(String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"*\"}]}";
    }

    static Role role(Map<String, String> inline) {
        return new Role("orders-fn", "/", "AROAEXAMPLE", ARN, Instant.now(), TRUST, null, 3600, Map.of(), List.of(), inline);
    }

    @Test
    void anUnchangedRoleIsParsedOnceAndAPolicyChangeJudgesTheVeryNextCall() {
        try (StateStore state = new StateStore(dir)) {
            IamStore iam = new IamStore(state);
            iam.create(role(Map.of("send", allow("sqs:SendMessage"))));
            RoleAuthorizer roles = new RoleAuthorizer(iam, new RoleSessions(), arn -> null);

            for (int i = 0; i < 5; i++) {
                assertThat(roles.denial(ARN, "orders-fn", "us-east-1", "sqs:SendMessage", QUEUE)).isNull();
                assertThat(roles.refusal(ARN, "lambda.amazonaws.com", Map.of(), "sqs:SendMessage", QUEUE)).isNull();
            }
            assertThat(iam.parses.get()).isEqualTo(1);

            iam.update("orders-fn", r -> r.withInline(Map.of("send", allow("sqs:ReceiveMessage"))));
            assertThat(roles.denial(ARN, "orders-fn", "us-east-1", "sqs:SendMessage", QUEUE))
                    .contains("is not authorized to perform: sqs:SendMessage");
            assertThat(roles.denial(ARN, "orders-fn", "us-east-1", "sqs:ReceiveMessage", QUEUE)).isNull();
            assertThat(iam.parses.get()).isEqualTo(2);

            iam.update("orders-fn", r -> r.withAssumeRolePolicy("{}"));
            assertThat(roles.refusal(ARN, "lambda.amazonaws.com", Map.of(), "sqs:ReceiveMessage", QUEUE))
                    .contains("does not let lambda.amazonaws.com assume it");
        }
    }

    @Test
    void aDeletedAndRecreatedRoleIsJudgedByItsNewPolicies() {
        try (StateStore state = new StateStore(dir)) {
            IamStore iam = new IamStore(state);
            RoleAuthorizer roles = new RoleAuthorizer(iam, new RoleSessions(), arn -> null);
            iam.create(role(Map.of()));
            assertThat(roles.denial(ARN, "fn", "us-east-1", "sqs:SendMessage", QUEUE)).isNotNull();
            iam.delete("orders-fn");
            assertThat(roles.denial(ARN, "fn", "us-east-1", "sqs:SendMessage", QUEUE)).contains("no longer exists");
            iam.create(role(Map.of("send", allow("sqs:SendMessage"))));
            assertThat(roles.denial(ARN, "fn", "us-east-1", "sqs:SendMessage", QUEUE)).isNull();
        }
    }
}
