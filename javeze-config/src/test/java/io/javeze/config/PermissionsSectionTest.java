package io.javeze.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionsSectionTest {
    private static final Path FILE = Path.of("app", "javeze.toml");

    private static Permissions parse(String toml) {
        return ConfigLoader.parse(FILE, "service_name = \"shop\"\n" + toml).permissions();
    }

    private static void assertError(String toml, int line, String... parts) {
        assertThatThrownBy(() -> parse(toml))
                .isInstanceOf(JavezeException.class)
                .hasMessageStartingWith(FILE + ":" + line + ": ")
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("\n");
                    for (String part : parts) assertThat(e.getMessage()).contains(part);
                });
    }

    @Test
    void resourcesByNameOrArnAndStatementsAreReadWithTheirLines() {
        Permissions p = parse("""
                [resources]
                orders = { type = "dynamodb", name = "orders" }
                uploads = { type = "s3", arn = "arn:aws:s3:::shop-uploads" }
                db-password = { type = "secretsmanager", arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db/password-AbCdEf" }

                [[iam.statements]]
                actions = ["ses:SendEmail"]
                resources = ["arn:aws:ses:eu-west-1:123456789012:identity/example.com"]

                [[functions.report.iam.statements]]
                effect = "Deny"
                actions = ["s3:DeleteObject"]
                resources = ["arn:aws:s3:::shop-uploads/*"]
                """);

        assertThat(p.resources()).containsOnlyKeys("orders", "uploads", "db-password");
        AppResource orders = p.resources().get("orders");
        assertThat(orders).isEqualTo(new AppResource("orders", "dynamodb", "orders", null, 3));
        assertThat(orders.arns("aws", "eu-west-1", "123456789012")).containsExactly(
                "arn:aws:dynamodb:eu-west-1:123456789012:table/orders", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/index/*");
        assertThat(orders.envVarName()).isEqualTo("JAVEZE_RESOURCE_ORDERS");
        assertThat(p.resources().get("uploads").name()).isEqualTo("shop-uploads");
        assertThat(p.resources().get("uploads").arns("aws-cn", "cn-north-1", "1")).containsExactly(
                "arn:aws:s3:::shop-uploads", "arn:aws:s3:::shop-uploads/*");
        assertThat(p.resources().get("db-password").name()).isEqualTo("db/password");
        assertThat(p.resources().get("db-password").envVarName()).isEqualTo("JAVEZE_RESOURCE_DB_PASSWORD");
        assertThat(new AppResource("k", "secretsmanager", "api-key", null, 1).arns("aws", "us-east-1", "1"))
                .containsExactly("arn:aws:secretsmanager:us-east-1:1:secret:api-key-??????");

        assertThat(p.statements()).containsExactly(new Permissions.IamStatement("Allow", List.of("ses:SendEmail"),
                List.of("arn:aws:ses:eu-west-1:123456789012:identity/example.com"), 8));
        assertThat(p.functions()).containsOnlyKeys("report");
        assertThat(p.functions().get("report").line()).isEqualTo(11);
        assertThat(p.functions().get("report").statements()).containsExactly(new Permissions.IamStatement("Deny",
                List.of("s3:DeleteObject"), List.of("arn:aws:s3:::shop-uploads/*"), 12));
    }

    @Test
    void noSectionsMeansNoPermissions() {
        assertThat(parse("")).isEqualTo(Permissions.NONE);
    }

    @Test
    void badResourcesNameTheKeyAndLine() {
        assertError("[resources]\norders = { type = \"mysql\", name = \"orders\" }\n", 3, "[resources] orders.type", "must be one of [dynamodb, s3, secretsmanager, sqs]", "mysql");
        assertError("[resources]\norders = { type = \"dynamodb\" }\n", 3, "[resources] orders", "needs exactly one of name");
        assertError("[resources]\norders = { type = \"dynamodb\", name = \"a\", arn = \"b\" }\n", 3, "needs exactly one of name");
        assertError("[resources]\norders = { name = \"orders\" }\n", 3, "[resources] orders", "needs type");
        assertError("[resources]\nfiles = { type = \"s3\", name = \"Upper_Case\" }\n", 3, "[resources] files.name", "not a valid s3 name");
        assertError("[resources]\nq = { type = \"sqs\", arn = \"arn:aws:sns:us-east-1:123456789012:jobs\" }\n", 3,
                "[resources] q.arn", "not the ARN of a sqs resource", "arn:aws:sqs:us-east-1:123456789012:jobs");
        assertError("[resources]\norders = \"orders\"\n", 3, "[resources] orders", "must be a table");
        assertError("[resources]\norders = { type = \"dynamodb\", name = \"orders\", region = \"x\" }\n", 3, "region", "is not a known key");
    }

    @Test
    void badStatementsNameTheStatementAndLine() {
        assertError("\n[[iam.statements]]\nactions = [\"*\"]\nresources = [\"*\"]\n", 4, "[[iam.statements]] #1", "never grants \"*\"");
        assertError("[[iam.statements]]\nactions = [\"s3:GetObject\"]\nresources = [\"arn:aws:s3:::a/*\"]\n"
                + "[[iam.statements]]\nactions = [\"GetObject\"]\nresources = [\"arn:aws:s3:::a/*\"]\n", 6, "[[iam.statements]] #2", "service:Action", "GetObject");
        assertError("[[iam.statements]]\nactions = [\"s3:GetObject\"]\n", 3, "[[iam.statements]] #1 needs resources");
        assertError("[[iam.statements]]\nactions = [\"s3:GetObject\"]\nresources = [\"my-bucket\"]\n", 4, "resources entries must be ARNs", "my-bucket");
        assertError("[[iam.statements]]\neffect = \"allow\"\nactions = [\"s3:GetObject\"]\nresources = [\"*\"]\n", 3, "effect must be \"Allow\" or \"Deny\"");
        assertError("[[iam.statements]]\nactions = [\"s3:GetObject\"]\nresources = [\"*\"]\ncondition = 1\n", 5, "condition is not a known key");
        assertError("[iam]\nstatements = \"all\"\n", 3, "[iam] statements", "must be an array of tables");
        assertError("[iam]\npolicy = 1\n", 3, "[iam] policy", "is not a known key");
        assertError("[[functions.report.iam.statements]]\nactions = [\"s3:GetObject\"]\nresources = []\n", 4,
                "[[functions.report.iam.statements]] #1", "non-empty array");
        assertError("[functions.report]\nmemory = 1\n", 3, "[functions.report] memory", "is not a known key");
    }
}
