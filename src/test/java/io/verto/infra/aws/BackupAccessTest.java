package io.verto.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.IamPolicyModel;
import io.verto.infra.testing.IamPolicyModel.Decision;
import io.verto.infra.testing.ProgramRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.verto.infra.testing.SortedKeys.assertSortedJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BackupAccess under Pulumi's mocks, and its IAM documents through {@link IamPolicyModel}: the writer can write a new
 * backup and nothing else, the reader can read and list backups and nothing else, and neither can delete, unlock or
 * reconfigure, even if a broader policy is attached to its role later. (scripts/backup-test runs the same documents
 * against moto's IAM; these cover what moto cannot tell apart, such as s3:PutObjectRetention.)
 */
class BackupAccessTest {
    private static final ComponentResourceOptions NONE = ComponentResourceOptions.builder().build();
    private static final String BUCKET = "arn:aws:s3:::verto-backups";
    private static final String BACKUP = BUCKET + "/mysql/verto_prod.sql.gz";
    private static final String KEY = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    /** What would destroy a backup, lift its lock or loosen the bucket: refused to both identities, explicitly. */
    private static final List<String> DESTRUCTIVE = List.of("s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectRetention",
            "s3:PutObjectLegalHold", "s3:BypassGovernanceRetention");
    private static final List<String> BUCKET_SAFEGUARDS = List.of("s3:PutLifecycleConfiguration", "s3:PutBucketObjectLockConfiguration",
            "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutBucketVersioning", "s3:DeleteBucket");

    private static BackupAccessArgs.Builder args(BackupAccessArgs.Identity identity) {
        return BackupAccessArgs.builder().bucketArn(Output.of(BUCKET)).namespace(Output.of("verto-production")).identity(identity)
                .writerServiceAccount("mysql-backup").readerServiceAccount("mysql-restore");
    }

    @Test
    void theWriterCanWriteANewBackupAndNothingElse() {
        String policy = BackupPolicies.writer(BUCKET, "mysql/", Optional.empty());
        assertSortedJson(policy);
        var writer = new IamPolicyModel(policy);
        assertEquals(Decision.ALLOW, writer.decide("s3:PutObject", BACKUP));
        assertEquals(Decision.IMPLICIT_DENY, writer.decide("s3:PutObject", BUCKET + "/other/x"), "outside its prefix");
        for (String action : List.of("s3:GetObject", "s3:GetObjectVersion")) {
            assertEquals(Decision.EXPLICIT_DENY, writer.decide(action, BACKUP), action);
            assertEquals(Decision.EXPLICIT_DENY, writer.decide(action, BUCKET + "/other/x"), action + " outside its prefix");
        }
        for (String action : DESTRUCTIVE) {
            assertEquals(Decision.EXPLICIT_DENY, writer.decide(action, BACKUP), action);
        }
        for (String action : List.of("s3:ListBucket", "s3:ListBucketVersions")) {
            assertEquals(Decision.EXPLICIT_DENY, writer.decide(action, BUCKET, Map.of("s3:prefix", "mysql/")), action);
        }
        BUCKET_SAFEGUARDS.forEach(action -> assertEquals(Decision.EXPLICIT_DENY, writer.decide(action, BUCKET), action));
        // Its own denials hold even with s3:* attached to the same role later.
        var widened = new IamPolicyModel(policy, "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        assertEquals(Decision.ALLOW, widened.decide("s3:PutObject", BACKUP));
        for (String action : DESTRUCTIVE) {
            assertEquals(Decision.EXPLICIT_DENY, widened.decide(action, BACKUP), action + " with s3:* attached");
        }
        assertEquals(Decision.EXPLICIT_DENY, widened.decide("s3:GetObject", BACKUP));
    }

    @Test
    void theReaderCanReadAndListBackupsAndNothingElse() {
        String policy = BackupPolicies.reader(BUCKET, "mysql/", Optional.empty());
        assertSortedJson(policy);
        var reader = new IamPolicyModel(policy);
        assertEquals(Decision.ALLOW, reader.decide("s3:GetObject", BACKUP));
        assertEquals(Decision.ALLOW, reader.decide("s3:GetObjectVersion", BACKUP));
        assertEquals(Decision.IMPLICIT_DENY, reader.decide("s3:GetObject", BUCKET + "/other/secret.txt"));
        assertEquals(Decision.ALLOW, reader.decide("s3:ListBucketVersions", BUCKET, Map.of("s3:prefix", "mysql/verto_prod.sql.gz")));
        assertEquals(Decision.IMPLICIT_DENY, reader.decide("s3:ListBucketVersions", BUCKET, Map.of("s3:prefix", "other/")));
        assertEquals(Decision.IMPLICIT_DENY, reader.decide("s3:ListBucketVersions", BUCKET), "listing needs a prefix under mysql/");
        assertEquals(Decision.EXPLICIT_DENY, reader.decide("s3:PutObject", BACKUP));
        DESTRUCTIVE.forEach(action -> assertEquals(Decision.EXPLICIT_DENY, reader.decide(action, BACKUP), action));
        BUCKET_SAFEGUARDS.forEach(action -> assertEquals(Decision.EXPLICIT_DENY, reader.decide(action, BUCKET), action));
    }

    @Test
    void aKmsKeyIsNamedByItsKeyArnNeverAnAlias() throws Exception {
        var writer = new IamPolicyModel(BackupPolicies.writer(BUCKET, "mysql/", Optional.of(KEY)));
        assertEquals(Decision.ALLOW, writer.decide("kms:GenerateDataKey", KEY));
        assertEquals(Decision.ALLOW, writer.decide("kms:Decrypt", KEY), "a multipart upload under SSE-KMS needs it");
        assertEquals(Decision.IMPLICIT_DENY, writer.decide("kms:Encrypt", KEY));
        var reader = new IamPolicyModel(BackupPolicies.reader(BUCKET, "mysql/", Optional.of(KEY)));
        assertEquals(Decision.ALLOW, reader.decide("kms:Decrypt", KEY));
        assertEquals(Decision.IMPLICIT_DENY, reader.decide("kms:GenerateDataKey", KEY));
        for (String alias : List.of("arn:aws:kms:eu-central-1:111122223333:alias/verto-backups", "alias/verto-backups")) {
            var e = assertThrows(IllegalArgumentException.class, () -> args(new BackupAccessArgs.Identity.AccessKeys()).kmsKeyArn(Optional.of(alias)).build());
            assertTrue(e.getMessage().contains("must be a key ARN"), e.getMessage());
        }
    }

    @Test
    void podIdentityRolePerServiceAccountAndItsAssociation() throws Exception {
        var run = ProgramRun.run("test", ctx -> new BackupAccess("backup", args(new BackupAccessArgs.Identity.PodIdentity("verto-production")).build(), NONE));
        run.result().throwOnError();
        assertEquals(2, run.ofType("aws:iam/role:Role").size());
        for (String[] who : new String[][] {{"backup-writer", "mysql-backup", "s3:PutObject"}, {"backup-reader", "mysql-restore", "s3:GetObject"}}) {
            JsonNode trust = new ObjectMapper().readTree((String) run.one("aws:iam/role:Role", who[0]).inputs().get("assumeRolePolicy"));
            JsonNode s = trust.get("Statement").get(0);
            assertEquals("pods.eks.amazonaws.com", s.at("/Principal/Service").asText());
            assertEquals("[\"sts:AssumeRole\",\"sts:TagSession\"]", s.get("Action").toString());
            assertEquals(who[1], s.at("/Condition/StringEquals").get("aws:RequestTag/kubernetes-service-account").asText());
            assertEquals("verto-production", s.at("/Condition/StringEquals").get("aws:RequestTag/kubernetes-namespace").asText());
            assertEquals("verto-production", s.at("/Condition/StringEquals").get("aws:RequestTag/eks-cluster-name").asText());
            var association = run.one("aws:eks/podIdentityAssociation:PodIdentityAssociation", who[0]).inputs();
            assertEquals(List.of("verto-production", "verto-production", who[1]),
                    List.of(association.get("clusterName"), association.get("namespace"), association.get("serviceAccount")));
            assertTrue(((String) run.one("aws:iam/rolePolicy:RolePolicy", who[0]).inputs().get("policy")).contains(who[2]));
        }
        assertTrue(run.ofType("aws:iam/user:User").isEmpty() && run.ofType("aws:iam/accessKey:AccessKey").isEmpty(), "no keys at all");
    }

    @Test
    void irsaRolePerServiceAccount() throws Exception {
        var run = ProgramRun.run("test", ctx -> new BackupAccess("backup", args(new BackupAccessArgs.Identity.OidcProvider(
                "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/ABC")).build(), NONE));
        run.result().throwOnError();
        JsonNode trust = new ObjectMapper().readTree((String) run.one("aws:iam/role:Role", "backup-reader").inputs().get("assumeRolePolicy"));
        JsonNode s = trust.get("Statement").get(0);
        assertEquals("sts:AssumeRoleWithWebIdentity", s.get("Action").asText());
        assertEquals("system:serviceaccount:verto-production:mysql-restore",
                s.at("/Condition/StringEquals").get("oidc.eks.eu-central-1.amazonaws.com/id/ABC:sub").asText());
        assertTrue(run.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").isEmpty());
        assertTrue(run.ofType("aws:iam/user:User").isEmpty());
    }

    @Test
    void accessKeysOnlyAsSecretOutputsOnePerIdentity() {
        var holder = new BackupAccess[1];
        var run = ProgramRun.run("test", ctx -> holder[0] = new BackupAccess("backup", args(new BackupAccessArgs.Identity.AccessKeys()).build(), NONE));
        run.result().throwOnError();
        assertTrue(run.ofType("aws:iam/role:Role").isEmpty());
        assertEquals(2, run.ofType("aws:iam/accessKey:AccessKey").size());
        assertEquals("/verto/", run.one("aws:iam/user:User", "backup-writer").inputs().get("path"));
        assertTrue(((String) run.one("aws:iam/userPolicy:UserPolicy", "backup-reader").inputs().get("policy")).contains("s3:ListBucketVersions"));
        assertTrue(holder[0].writer().roleArn().isEmpty() && holder[0].writer().secretAccessKey().isPresent());
    }
}
