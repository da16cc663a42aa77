package io.javeze.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code [functions.NAME]}: per-function environment and secret references, with line-numbered errors. */
class FunctionSettingsTest {
    private static final Path FILE = Path.of("javeze.toml");

    private static JavezeConfig parse(String toml) {
        return ConfigLoader.parse(FILE, toml);
    }

    private static void assertError(String toml, String message) {
        assertThatThrownBy(() -> parse(toml)).isInstanceOf(JavezeException.class).hasMessage(message);
    }

    @Test
    void environmentAndSecretsPerFunction() {
        JavezeConfig config = parse("""
                service_name = "shop"
                [lambda]
                environment = { LEVEL = "info" }

                [functions.report]
                environment = { BUCKET = "reports", DB_PASSWORD = { secret = "prod/db" } }

                [functions.billing.environment]
                STRIPE_KEY = { secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:stripe-AbCdEf" }
                """);
        FunctionSettings report = config.settingsFor("report");
        assertThat(report.line()).isEqualTo(5);
        assertThat(report.environment()).isEqualTo(Map.of("BUCKET", "reports"));
        assertThat(report.secrets()).isEqualTo(Map.of("DB_PASSWORD", new FunctionSettings.SecretRef("prod/db")));
        assertThat(report.secrets().get("DB_PASSWORD").resourceArn("aws", "us-east-1", "123456789012"))
                .isEqualTo("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-??????");
        FunctionSettings.SecretRef stripe = config.settingsFor("billing").secrets().get("STRIPE_KEY");
        assertThat(stripe.resourceArn("aws", "us-east-1", "123456789012"))
                .isEqualTo("arn:aws:secretsmanager:eu-west-1:123456789012:secret:stripe-AbCdEf");
        assertThat(config.settingsFor("other")).isEqualTo(FunctionSettings.none("other"));
        assertThat(config.lambda().environment()).isEqualTo(Map.of("LEVEL", "info"));
        config.checkFunctionNames(List.of("report", "billing", "other"));
    }

    @Test
    void unknownFunctionNameNamesTheTablesLine() {
        JavezeConfig config = parse("service_name = \"shop\"\n\n[functions.reprot]\nenvironment = { A = \"b\" }\n");
        assertThatThrownBy(() -> config.checkFunctionNames(List.of("report", "billing")))
                .isInstanceOf(JavezeException.class)
                .hasMessage("javeze.toml:3: [functions.reprot] names no function of the app; its functions are [billing, report]");
    }

    @Test
    void badEntriesNameTheLineAndKey() {
        assertError("service_name = \"shop\"\n[functions.report]\nenviron = { A = \"b\" }\n",
                "javeze.toml:3: [functions.report] environ is not a known key (expected one of [environment, iam])");
        assertError("service_name = \"shop\"\nfunctions = 3\n", "javeze.toml:2: functions must be a table");
        assertError("service_name = \"shop\"\n[functions]\nreport = \"x\"\n",
                "javeze.toml:3: [functions.report] must be a table, e.g. [functions.report] with environment = { KEY = \"value\" }");
        assertError("service_name = \"shop\"\n[functions.report]\nenvironment = { A = 1 }\n",
                "javeze.toml:3: [functions.report] environment.A must be a string or { secret = \"secret-name-or-arn\" }, got an integer");
        assertError("service_name = \"shop\"\n[functions.report]\nenvironment = { A = { secrett = \"x\" } }\n",
                "javeze.toml:3: [functions.report] environment.A must be a string or { secret = \"secret-name-or-arn\" }, got a table");
        assertError("service_name = \"shop\"\n[functions.report]\nenvironment = { A = { secret = \"bad name!\" } }\n",
                "javeze.toml:3: [functions.report] environment.A secret must be a Secrets Manager secret name (letters, digits, /_+=.@-) "
                        + "or secret ARN, got \"bad name!\"");
        assertError("service_name = \"shop\"\n[functions.report]\nenvironment = { AWS_REGION = \"x\" }\n",
                "javeze.toml:3: [functions.report] environment.AWS_REGION is reserved by Lambda");
        assertError("service_name = \"shop\"\n[functions.report]\nenvironment = { JAVEZE_TOPIC_ORDERS = \"x\" }\n",
                "javeze.toml:3: [functions.report] environment.JAVEZE_TOPIC_ORDERS is reserved by javeze (publishers' topic ARNs)");
        assertError("service_name = \"shop\"\n[functions.report]\nenvironment = { A = \"" + "x".repeat(4100) + "\" }\n",
                "javeze.toml:3: [functions.report] environment with [lambda] environment is 4101 bytes; Lambda allows at most 4096 in total");
    }
}
