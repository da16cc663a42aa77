package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

class IamStsConformanceTest {
    @TempDir
    static Path dir;
    static CloudFixture fx;
    static IamClient iam;

    @BeforeAll
    static void start() {
        fx = new CloudFixture(dir);
        iam = fx.aws.iam();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void callerIdentityIsTheLocalAccount() {
        var id = fx.aws.sts().getCallerIdentity();
        assertThat(id.account()).isEqualTo("000000000000");
        assertThat(id.arn()).isEqualTo("arn:aws:iam::000000000000:root");
    }

    @Test
    void roleLifecycleWithTagsAndPolicies() {
        var created = iam.createRole(r -> r.roleName("app-role").assumeRolePolicyDocument(CloudFixture.TRUST)
                .description("test").tags(Tag.builder().key("service").value("app").build())).role();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::000000000000:role/app-role");
        assertThat(created.createDate()).isNotNull();
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("app-role").assumeRolePolicyDocument(CloudFixture.TRUST)))
                .isInstanceOf(EntityAlreadyExistsException.class);

        Role got = iam.getRole(r -> r.roleName("app-role")).role();
        assertThat(URLDecoder.decode(got.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(CloudFixture.TRUST);
        assertThat(got.tags()).containsExactly(Tag.builder().key("service").value("app").build());

        iam.tagRole(r -> r.roleName("app-role").tags(Tag.builder().key("env").value("dev").build()));
        assertThat(iam.listRoleTags(r -> r.roleName("app-role")).tags()).extracting(Tag::key).containsExactlyInAnyOrder("service", "env");

        String basic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
        iam.attachRolePolicy(r -> r.roleName("app-role").policyArn(basic));
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("app-role")).attachedPolicies())
                .extracting(AttachedPolicy::policyName).containsExactly("AWSLambdaBasicExecutionRole");

        String inline = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sns:Publish\",\"Resource\":\"*\"}]}";
        iam.putRolePolicy(r -> r.roleName("app-role").policyName("publish").policyDocument(inline));
        assertThat(URLDecoder.decode(iam.getRolePolicy(r -> r.roleName("app-role").policyName("publish")).policyDocument(),
                StandardCharsets.UTF_8)).isEqualTo(inline);
        assertThat(iam.listRolePolicies(r -> r.roleName("app-role")).policyNames()).containsExactly("publish");
        assertThatThrownBy(() -> iam.putRolePolicy(r -> r.roleName("app-role").policyName("bad").policyDocument("{nope")))
                .isInstanceOf(MalformedPolicyDocumentException.class);

        iam.updateRole(r -> r.roleName("app-role").maxSessionDuration(7200));
        assertThat(iam.updateRoleDescription(r -> r.roleName("app-role").description("changed")).role().description()).isEqualTo("changed");
        assertThat(iam.getRole(r -> r.roleName("app-role")).role().maxSessionDuration()).isEqualTo(7200);
        assertThat(iam.listInstanceProfilesForRole(r -> r.roleName("app-role")).instanceProfiles()).isEmpty();

        assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName("app-role"))).isInstanceOf(DeleteConflictException.class);
        iam.detachRolePolicy(r -> r.roleName("app-role").policyArn(basic));
        iam.deleteRolePolicy(r -> r.roleName("app-role").policyName("publish"));
        assertThatThrownBy(() -> iam.deleteRolePolicy(r -> r.roleName("app-role").policyName("publish")))
                .isInstanceOf(NoSuchEntityException.class);
        iam.deleteRole(r -> r.roleName("app-role"));
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("app-role"))).isInstanceOf(NoSuchEntityException.class)
                .hasMessageContaining("The role with name app-role cannot be found");
    }

    @Test
    void assumeRoleIssuesASessionHeldToTheRolesPoliciesWhenItsTrustPolicyTrustsTheCaller() {
        String trustAccount = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}";
        String roleArn = iam.createRole(r -> r.roleName("dev-role").assumeRolePolicyDocument(trustAccount)).role().arn();
        iam.putRolePolicy(r -> r.roleName("dev-role").policyName("list").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sns:ListTopics\",\"Resource\":\"*\"}]}"));
        var assumed = fx.aws.sts().assumeRole(r -> r.roleArn(roleArn).roleSessionName("me").durationSeconds(900));
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/dev-role/me");
        assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA");
        assertThat(assumed.credentials().expiration()).isAfter(java.time.Instant.now().plusSeconds(800));
        var asRole = StaticCredentialsProvider.create(AwsSessionCredentials.create(assumed.credentials().accessKeyId(),
                assumed.credentials().secretAccessKey(), assumed.credentials().sessionToken()));
        try (StsClient sts = StsClient.builder().endpointOverride(fx.endpoint()).region(Region.US_EAST_1).credentialsProvider(asRole).build();
             SnsClient sns = SnsClient.builder().endpointOverride(fx.endpoint()).region(Region.US_EAST_1).credentialsProvider(asRole).build()) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/dev-role/me");
            assertThat(sns.listTopics().topics()).isNotNull();
            assertThatThrownBy(() -> sns.createTopic(r -> r.name("not-allowed")))
                    .isInstanceOf(AuthorizationErrorException.class).hasMessageContaining("sns:CreateTopic");
        }

        String lambdaOnly = fx.createRole("lambda-only");
        assertThatThrownBy(() -> fx.aws.sts().assumeRole(r -> r.roleArn(lambdaOnly).roleSessionName("me")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.getMessage()).contains("User: arn:aws:iam::000000000000:root is not authorized to perform: "
                            + "sts:AssumeRole on resource: " + lambdaOnly);
                });
        assertThatThrownBy(() -> fx.aws.sts().assumeRole(r -> r.roleArn(roleArn).roleSessionName("me").durationSeconds(7200)))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void roleNamesOverSixtyFourCharactersAreRejected() {
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("r".repeat(65)).assumeRolePolicyDocument(CloudFixture.TRUST)))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                });
    }

    @Test
    void listRolesPaginates() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            iam.createRole(r -> r.roleName("paged-" + n).path("/paged/").assumeRolePolicyDocument(CloudFixture.TRUST));
        }
        var first = iam.listRoles(r -> r.pathPrefix("/paged/").maxItems(2));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.roles()).hasSize(2);
        assertThat(iam.listRolesPaginator(r -> r.pathPrefix("/paged/").maxItems(2)).roles()).extracting(Role::roleName)
                .containsExactly("paged-0", "paged-1", "paged-2", "paged-3", "paged-4");
    }
}
