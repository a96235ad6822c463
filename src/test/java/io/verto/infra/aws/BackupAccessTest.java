package io.verto.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.ProgramRun;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.verto.infra.testing.SortedKeys.assertSortedJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BackupAccess under Pulumi's mocks: least privilege, and no key in plain text. */
class BackupAccessTest {
    private static final ComponentResourceOptions NONE = ComponentResourceOptions.builder().build();

    private static BackupAccessArgs.Builder args() {
        return BackupAccessArgs.builder().bucketArn(Output.of("arn:aws:s3:::verto-backups")).namespace(Output.of("verto-production"))
                .serviceAccountName("mysql-backup");
    }

    @Test
    void objectPolicyPutsAndGetsUnderThePrefixOnly() throws Exception {
        String text = BackupAccess.objectPolicy("arn:aws:s3:::b", "mysql/", Optional.of("arn:aws:kms:eu-central-1:1:key/k"));
        assertSortedJson(text);
        JsonNode policy = new ObjectMapper().readTree(BackupAccess.objectPolicy("arn:aws:s3:::b", "mysql/", Optional.empty()));
        assertEquals(1, policy.get("Statement").size());
        JsonNode s = policy.get("Statement").get(0);
        assertEquals("[\"s3:PutObject\",\"s3:GetObject\"]", s.get("Action").toString());
        assertEquals("arn:aws:s3:::b/mysql/*", s.get("Resource").asText());
        JsonNode kms = new ObjectMapper().readTree(BackupAccess.objectPolicy("arn:aws:s3:::b", "mysql/", Optional.of("arn:aws:kms:eu-central-1:1:key/k")));
        assertEquals("arn:aws:kms:eu-central-1:1:key/k", kms.get("Statement").get(1).get("Resource").asText());
    }

    @Test
    void roleForTheServiceAccountThroughOidc() throws Exception {
        var run = ProgramRun.run("test", ctx -> new BackupAccess("backup", args()
                .oidcProviderArn(Optional.of("arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/ABC")).build(), NONE));
        run.result().throwOnError();
        JsonNode trust = new ObjectMapper().readTree((String) run.one("aws:iam/role:Role", "backup").inputs().get("assumeRolePolicy"));
        JsonNode s = trust.get("Statement").get(0);
        assertEquals("sts:AssumeRoleWithWebIdentity", s.get("Action").asText());
        assertEquals("system:serviceaccount:verto-production:mysql-backup",
                s.at("/Condition/StringEquals").get("oidc.eks.eu-central-1.amazonaws.com/id/ABC:sub").asText());
        assertTrue(run.ofType("aws:iam/user:User").isEmpty());
        assertTrue(run.ofType("aws:iam/accessKey:AccessKey").isEmpty());
        assertTrue(((String) run.one("aws:iam/rolePolicy:RolePolicy", "backup").inputs().get("policy")).contains("mysql/*"));
    }

    @Test
    void accessKeyOnlyAsSecretOutputs() {
        var holder = new BackupAccess[1];
        var run = ProgramRun.run("test", ctx -> holder[0] = new BackupAccess("backup", args().build(), NONE));
        run.result().throwOnError();
        assertTrue(run.ofType("aws:iam/role:Role").isEmpty());
        assertEquals("/verto/", run.one("aws:iam/user:User", "backup").inputs().get("path"));
        assertTrue(((String) run.one("aws:iam/userPolicy:UserPolicy", "backup").inputs().get("policy")).contains("arn:aws:s3:::verto-backups/mysql/*"));
                assertTrue(holder[0].roleArn().isEmpty());
    }
}
