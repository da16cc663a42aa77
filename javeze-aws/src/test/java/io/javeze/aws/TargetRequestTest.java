package io.javeze.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** The one parser every command and Maven goal feeds its target settings through. */
class TargetRequestTest {
    @Test
    void everyPartitionsRegionsAreAcceptedAndNonRegionsRejectedNamingTheFlag() {
        for (String region : new String[] {"us-east-1", "eu-central-2", "cn-north-1", "us-gov-west-1", "ap-southeast-5", "us-isob-east-1"}) {
            assertThat(new TargetRequest(region, null, null, false).validate(null, TargetFlags.CLI).target().region()).isEqualTo(region);
        }
        assertThatThrownBy(() -> new TargetRequest("mars", null, null, false).validate(null, TargetFlags.CLI))
                .isInstanceOf(JavezeException.class).hasMessage("--region: \"mars\" is not an AWS region name like \"us-east-1\"");
        assertThatThrownBy(() -> new TargetRequest("US-EAST-1", null, null, false).validate(null, TargetFlags.MAVEN))
                .hasMessageStartingWith("javeze.region: ");
    }

    @Test
    void explicitRegionBeatsJavezeTomlAndTomlBeatsTheChain() {
        assertThat(new TargetRequest("eu-west-1", null, null, false).validate("us-east-2", TargetFlags.CLI).target().region())
                .isEqualTo("eu-west-1");
        assertThat(new TargetRequest(null, null, null, false).validate("us-east-2", TargetFlags.CLI).target().region())
                .isEqualTo("us-east-2");
        assertThat(new TargetRequest(null, null, null, false).validate(null, TargetFlags.CLI).target().region()).isNull();
    }

    @Test
    void endpointAndLocalCombinationsAreCheckedBeforeAnyCall() {
        assertThatThrownBy(() -> new TargetRequest(null, null, "ftp://x", false).validate(null, TargetFlags.CLI))
                .hasMessage("--endpoint-url: \"ftp://x\" is not an http(s) URL");
        assertThatThrownBy(() -> new TargetRequest(null, "dev", null, true).validate(null, TargetFlags.CLI))
                .hasMessageStartingWith("--profile cannot be combined with --local");
        TargetRequest.Validated local = new TargetRequest(null, null, null, true).validate(null, TargetFlags.CLI);
        assertThat(local.startLocalCloud()).isTrue();
        assertThat(local.target().endpointUrl()).isEqualTo(TargetRequest.DEFAULT_LOCAL_ENDPOINT);
        URI started = URI.create("http://127.0.0.1:45678");
        assertThat(local.connect(() -> started)).isEqualTo(AwsTarget.local(started, null));
    }

    @Test
    void aLocalEndpointWhereNothingListensNamesTheFlagThatPointedThere() {
        TargetRequest.Validated explicit = new TargetRequest(null, null, "http://127.0.0.1:1", true).validate(null, TargetFlags.CLI);
        assertThatThrownBy(() -> explicit.connect(() -> URI.create("http://unused")))
                .hasMessage("--endpoint-url: the local cloud is not running at http://127.0.0.1:1: start it with `javeze local start`");
    }

    @Test
    void iamIsSignedForTheGlobalRegionOfTheDeployRegionsPartition() {
        assertThat(Partitions.of("cn-northwest-1")).isEqualTo("aws-cn");
        assertThat(Partitions.globalRegion("cn-north-1")).isEqualTo(Region.AWS_CN_GLOBAL);
        assertThat(Partitions.globalRegion("us-gov-east-1")).isEqualTo(Region.AWS_US_GOV_GLOBAL);
        assertThat(Partitions.globalRegion("eu-west-3")).isEqualTo(Region.AWS_GLOBAL);
        try (AwsClients china = new AwsClients(AwsTarget.aws("cn-north-1", null))) {
            assertThat(china.iam().serviceClientConfiguration().region()).isEqualTo(Region.AWS_CN_GLOBAL);
        }
    }
}
