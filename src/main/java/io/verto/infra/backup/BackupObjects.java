package io.verto.infra.backup;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.verto.infra.kubernetes.network.NetworkPeer;
import io.verto.infra.kubernetes.network.NetworkRule;
import io.verto.infra.types.Port;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects the backup jobs share, each made under {@code parent}: a service account per identity, the scripts
 * ConfigMap, the database users' Secret, an access-key Secret per identity that has one, and the NetworkPolicy.
 */
final class BackupObjects {
    static final String ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

    private BackupObjects() { }

    private static ObjectMetaArgs.Builder meta(String name, Output<String> namespace, Map<String, String> labels) {
        return ObjectMetaArgs.builder().name(name).namespace(namespace).labels(labels);
    }

    /** A service account without an API token, annotated with its IAM role under IRSA. */
    static ServiceAccount serviceAccount(Resource parent, String resource, String name, Output<String> namespace,
                                         Map<String, String> labels, S3Credentials credentials) {
        var m = meta(name, namespace, labels);
        if (credentials instanceof S3Credentials.ServiceAccountRole role) {
            m.annotations(role.roleArn().applyValue(arn -> Map.of(ROLE_ANNOTATION, arn)));
        }
        return new ServiceAccount(resource, ServiceAccountArgs.builder().metadata(m.build()).automountServiceAccountToken(false).build(),
                CustomResourceOptions.builder().parent(parent).build());
    }

    /** The access key of one identity as a Secret made from its secret outputs, when the identity is a key. */
    static Optional<Secret> awsSecret(Resource parent, String resource, String name, Output<String> namespace,
                                      Map<String, String> labels, S3Credentials credentials) {
        if (!(credentials instanceof S3Credentials.AccessKey key)) {
            return Optional.empty();
        }
        Output<Map<String, String>> data = Output.tuple(key.accessKeyId(), key.secretAccessKey())
                .applyValue(t -> Map.of(BackupPods.ACCESS_KEY_ID, t.t1, BackupPods.SECRET_ACCESS_KEY, t.t2));
        return Optional.of(secret(parent, resource, name, namespace, labels, data));
    }

    /** The dump and restore users' passwords, from Pulumi secrets. */
    static Secret databaseSecret(Resource parent, String resource, String name, Output<String> namespace,
                                 Map<String, String> labels, MysqlTarget mysql) {
        Output<Map<String, String>> data = Output.tuple(mysql.dumpUser().password(), mysql.restoreUser().password())
                .applyValue(t -> Map.of(BackupPods.DUMP_PASSWORD, t.t1, BackupPods.RESTORE_PASSWORD, t.t2));
        return secret(parent, resource, name, namespace, labels, data);
    }

    private static Secret secret(Resource parent, String resource, String name, Output<String> namespace, Map<String, String> labels,
                                 Output<Map<String, String>> data) {
        return new Secret(resource, SecretArgs.builder().metadata(meta(name, namespace, labels).build()).type("Opaque")
                .stringData(data.asSecret()).build(),
                CustomResourceOptions.builder().parent(parent).additionalSecretOutputs("data", "stringData").build());
    }

    /** The scripts every step runs, mounted read-only. */
    static ConfigMap scripts(Resource parent, String resource, String name, Output<String> namespace, Map<String, String> labels) {
        return new ConfigMap(resource, ConfigMapArgs.builder().metadata(meta(name, namespace, labels).build())
                .data(Map.of("mysql-backup.sh", script("mysql-backup.sh"), "mysql-restore.sh", script("mysql-restore.sh")))
                .build(), CustomResourceOptions.builder().parent(parent).build());
    }

    /** The backup pods (component "backup") reach DNS, MySQL on its port and range, HTTPS for S3; nothing reaches them. */
    static NetworkPolicy networkPolicy(Resource parent, String resource, String name, Output<String> namespace, Map<String, String> labels,
                                       Map<String, String> podSelector, MysqlTarget mysql) {
        List<NetworkRule> egress = List.of(
                NetworkRule.clusterDns(),
                NetworkRule.to(mysql.cidrs(), mysql.port()),
                NetworkRule.of(NetworkPeer.anywhere(), Port.tcp(443)));
        return new NetworkPolicy(resource, NetworkPolicyArgs.builder()
                .metadata(meta(name, namespace, labels).build())
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder().matchLabels(podSelector).build())
                        .policyTypes("Ingress", "Egress")
                        .egress(egress.stream().map(NetworkRule::toEgress).toList())
                        .build())
                .build(), CustomResourceOptions.builder().parent(parent).build());
    }

    static String script(String file) {
        try (InputStream in = BackupObjects.class.getResourceAsStream("/backup/" + file)) {
            if (in == null) {
                throw new IllegalStateException("backup/" + file + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
