package io.javeze.build.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.AppResource;
import io.javeze.config.JavezeException;
import io.javeze.config.Permissions;
import io.javeze.config.Permissions.IamStatement;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.FunctionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inferred calls on the fixtures become statements on the used resources' ARNs only; the rest are warnings. */
class FunctionGrantsTest {
    private static final Map<String, AppResource> RESOURCES = Map.of(
            "orders", new AppResource("orders", "dynamodb", "orders", null, 3),
            "receipts", new AppResource("receipts", "s3", "shop-receipts", null, 4),
            "jobs", new AppResource("jobs", "sqs", "jobs", null, 5));

    private static FunctionSpec function(String... uses) {
        return new FunctionSpec("checkout", "shop-checkout", FunctionKind.ROUTE, "x.CheckoutFunction::handleRequest",
                "x.Handler#handle", null, null, List.of(), null, null, List.of(uses));
    }

    @Test
    void callsAreGrantedOnTheUsedResourcesArnsWithTheirCallSites() {
        List<AwsCall> calls = SdkCallFinderTest.callsFrom("OrderStore", "Receipts");
        FunctionGrants.Result r = FunctionGrants.of(function("orders", "receipts"), calls,
                new Permissions(RESOURCES, List.of(), Map.of()), "aws", "eu-west-1", "123456789012");

        assertThat(r.warnings()).isEmpty();
        assertThat(r.statements()).hasSize(2);
        FunctionGrants.Statement table = r.statements().get(0);
        assertThat(table.sid()).isEqualTo("UsesOrders");
        assertThat(table.actions()).containsExactly("dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:GetItem",
                "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem");
        assertThat(table.resources()).containsExactly("arn:aws:dynamodb:eu-west-1:123456789012:table/orders",
                "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/index/*");
        assertThat(table.sources()).contains("io.javeze.build.permissions.fixtures.OrderStore.get(OrderStore.java:17)");
        FunctionGrants.Statement bucket = r.statements().get(1);
        assertThat(bucket.actions()).containsExactly("s3:GetObject", "s3:ListBucket", "s3:PutObject");
        assertThat(bucket.resources()).containsExactly("arn:aws:s3:::shop-receipts", "arn:aws:s3:::shop-receipts/*");
        assertThat(r.statements()).allSatisfy(s -> assertThat(s.resources()).doesNotContain("*"));
    }

    @Test
    void aCallWithoutAUsedResourceIsAWarningNamingTheCallSiteAndIsNotGranted() {
        List<AwsCall> calls = SdkCallFinderTest.callsFrom("OrderStore", "Receipts");
        FunctionGrants.Result r = FunctionGrants.of(function("orders"), calls, new Permissions(RESOURCES, List.of(), Map.of()),
                "aws", "eu-west-1", "123456789012");

        assertThat(r.statements()).extracting(FunctionGrants.Statement::sid).containsExactly("UsesOrders");
        assertThat(r.warnings()).hasSize(4).first().asString().isEqualTo("function checkout: s3:GetObject at "
                + "io.javeze.build.permissions.fixtures.Receipts.exists(Receipts.java:23) is not granted: the function uses no s3"
                + " resource; declare one in [resources] (type = \"s3\") and add @Uses, or grant it with [[functions.checkout.iam.statements]]");
    }

    @Test
    void explicitStatementsAreGrantedAsWrittenAndCoverTheCallsTheyName() {
        List<AwsCall> calls = SdkCallFinderTest.callsFrom("OrderStore", "Receipts");
        IamStatement app = new IamStatement("Allow", List.of("s3:*Object"), List.of("arn:aws:s3:::legacy/*"), 9);
        IamStatement own = new IamStatement("Allow", List.of("s3:ListBucket"), List.of("arn:aws:s3:::legacy"), 14);
        Permissions p = new Permissions(RESOURCES, List.of(app), Map.of("checkout", new Permissions.FunctionIam("checkout", List.of(own), 13)));
        FunctionGrants.Result r = FunctionGrants.of(function("orders"), calls, p, "aws", "eu-west-1", "123456789012");

        assertThat(r.warnings()).isEmpty();
        assertThat(r.statements()).extracting(FunctionGrants.Statement::sid).containsExactly("UsesOrders", "Declared1", "Declared2");
        assertThat(r.statements().get(1).sources()).containsExactly("javeze.toml:9");
        assertThat(r.statements().get(2).actions()).containsExactly("s3:ListBucket");
    }

    @Test
    void aResourceNoLongerDeclaredIsAnError() {
        assertThatThrownBy(() -> FunctionGrants.of(function("gone"), List.of(), Permissions.NONE, "aws", "eu-west-1", "1"))
                .isInstanceOf(JavezeException.class)
                .hasMessageContaining("function checkout (x.Handler#handle) uses resource \"gone\"");
    }
}
