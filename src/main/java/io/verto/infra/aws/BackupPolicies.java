package io.verto.infra.aws;

import io.verto.infra.serialization.Canonical;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IAM documents of the backup identities, as JSON text. The writer (the backup CronJob) may put objects under
 * the prefix and nothing else; the reader (restore Job, restore check) may read and list them and nothing else.
 * Each also denies itself, explicitly, what would destroy a backup or lift its lock, so a broader policy attached
 * to the same role later cannot give it back. With a KMS key, each may use the key for what its S3 calls need.
 */
public final class BackupPolicies {
    /** What neither identity may ever do: delete, unlock, or reconfigure the bucket's safeguards. */
    static final List<String> NEVER = List.of("s3:BypassGovernanceRetention", "s3:DeleteBucket", "s3:DeleteBucketPolicy",
            "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutBucketObjectLockConfiguration", "s3:PutBucketPolicy",
            "s3:PutBucketVersioning", "s3:PutLifecycleConfiguration", "s3:PutObjectLegalHold", "s3:PutObjectRetention");
    /** What only the reader may do. */
    static final List<String> READ = List.of("s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:ListBucketVersions");

    private BackupPolicies() { }

    /** The writer: a new object (or version) under the prefix, nothing else, no read anywhere. */
    public static String writer(String bucketArn, String prefix, Optional<String> kmsKeyArn) {
        List<Object> statements = new ArrayList<>();
        statements.add(statement("WriteNewBackups", "Allow", List.of("s3:PutObject"), List.of(bucketArn + "/" + prefix + "*")));
        // A multipart upload under SSE-KMS needs Decrypt as well as GenerateDataKey (S3 decrypts the parts to join them).
        kmsKeyArn.ifPresent(key -> statements.add(statement("EncryptBackups", "Allow", List.of("kms:Decrypt", "kms:GenerateDataKey"), List.of(key))));
        List<String> denied = new ArrayList<>(NEVER);
        denied.addAll(READ);
        statements.add(statement("NeverReadDeleteOrUnlock", "Deny", sorted(denied), List.of(bucketArn, bucketArn + "/*")));
        return document(statements);
    }

    /** The reader: get and list the backups under the prefix, nothing else, no write anywhere. */
    public static String reader(String bucketArn, String prefix, Optional<String> kmsKeyArn) {
        List<Object> statements = new ArrayList<>();
        statements.add(statement("ReadBackups", "Allow", List.of("s3:GetObject", "s3:GetObjectVersion"), List.of(bucketArn + "/" + prefix + "*")));
        Map<String, Object> list = statement("ListBackupVersions", "Allow", List.of("s3:ListBucketVersions"), List.of(bucketArn));
        list.put("Condition", Map.of("StringLike", Map.of("s3:prefix", prefix + "*")));
        statements.add(list);
        kmsKeyArn.ifPresent(key -> statements.add(statement("DecryptBackups", "Allow", List.of("kms:Decrypt"), List.of(key))));
        List<String> denied = new ArrayList<>(NEVER);
        denied.add("s3:PutObject");
        statements.add(statement("NeverWriteDeleteOrUnlock", "Deny", sorted(denied), List.of(bucketArn, bucketArn + "/*")));
        return document(statements);
    }

    /** Trust for IRSA: only this service account's tokens, from the cluster's OIDC provider. */
    public static String irsaTrust(String oidcProviderArn, String namespace, String serviceAccount) {
        String issuer = oidcProviderArn.substring(oidcProviderArn.indexOf(":oidc-provider/") + ":oidc-provider/".length());
        return document(List.of(Map.of("Effect", "Allow",
                "Principal", Map.of("Federated", oidcProviderArn),
                "Action", "sts:AssumeRoleWithWebIdentity",
                "Condition", Map.of("StringEquals", Map.of(
                        issuer + ":sub", "system:serviceaccount:" + namespace + ":" + serviceAccount,
                        issuer + ":aud", "sts.amazonaws.com")))));
    }

    /**
     * Trust for EKS Pod Identity: the EKS Auth service, only for this cluster, namespace and service account (the
     * session tags it sets), so no other association in the account can hand the role out.
     */
    public static String podIdentityTrust(String cluster, String namespace, String serviceAccount) {
        return document(List.of(Map.of("Effect", "Allow",
                "Principal", Map.of("Service", "pods.eks.amazonaws.com"),
                "Action", List.of("sts:AssumeRole", "sts:TagSession"),
                "Condition", Map.of("StringEquals", Map.of(
                        "aws:RequestTag/eks-cluster-name", cluster,
                        "aws:RequestTag/kubernetes-namespace", namespace,
                        "aws:RequestTag/kubernetes-service-account", serviceAccount)))));
    }

    private static Map<String, Object> statement(String sid, String effect, List<String> actions, List<String> resources) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Sid", sid);
        s.put("Effect", effect);
        s.put("Action", actions.size() == 1 ? actions.get(0) : actions);
        s.put("Resource", resources.size() == 1 ? resources.get(0) : resources);
        return s;
    }

    private static List<String> sorted(List<String> actions) {
        return actions.stream().sorted().toList();
    }

    private static String document(List<Object> statements) {
        return Canonical.json(Map.of("Version", "2012-10-17", "Statement", statements));
    }
}
