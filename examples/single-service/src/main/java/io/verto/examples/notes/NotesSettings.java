package io.verto.examples.notes;

import com.pulumi.Config;
import com.pulumi.core.Output;
import io.verto.infra.types.CronSchedule;
import io.verto.infra.types.ImageRef;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The stack's settings, read with the Pulumi SDK's own {@link Config} (keys {@code notes:<name>}; see
 * Pulumi.demo.yaml). Plain values are checked where they are made ({@link ImageRef}, {@link CronSchedule});
 * the passwords (the service's and the backup's two users') are Pulumi secrets and stay {@code Output}s,
 * never plain strings.
 *
 * @param namespace        Kubernetes namespace of everything
 * @param environment      the {@code environment} label (default: the stack name)
 * @param renderDirectory  write manifests here instead of applying them (wins over kubeContext)
 * @param kubeContext      kubeconfig context of the cluster (default: the current one)
 * @param domain           public host name of the service
 * @param clusterIssuer    cert-manager ClusterIssuer for the certificate
 * @param image            the service's pinned image
 * @param replicas         pods of the service
 * @param databaseHost     MySQL host
 * @param databasePort     MySQL port
 * @param databaseName     MySQL schema, also the one backed up
 * @param databaseUser     the service's MySQL user
 * @param databaseCidrs    address ranges of MySQL: the only ones the pods may reach on its port
 * @param databasePassword MySQL password (secret)
 * @param backupBucket     existing S3 bucket the backups go to
 * @param backupRegion     its AWS region
 * @param backupRoleArn    existing IAM role the backup's service accounts (writer and reader) assume (EKS IRSA): no
 *                         key, nothing created in AWS
 * @param backupSchedule   when the backup runs, read in UTC (the library's default zone)
 * @param backupUser       the read-only MySQL user the backup dumps as
 * @param backupPassword   its password (secret)
 * @param restoreUser      the MySQL user restores log in as, with rights on their own databases only
 * @param restorePassword  its password (secret)
 */
public record NotesSettings(String namespace, String environment, Optional<String> renderDirectory, Optional<String> kubeContext,
                            String domain, String clusterIssuer, ImageRef image, int replicas,
                            String databaseHost, int databasePort, String databaseName, String databaseUser,
                            List<String> databaseCidrs, Output<String> databasePassword,
                            String backupBucket, String backupRegion, String backupRoleArn, CronSchedule backupSchedule,
                            String backupUser, Output<String> backupPassword, String restoreUser, Output<String> restorePassword) {

    /** The settings of {@code stack} from the {@code notes} config namespace. */
    public static NotesSettings read(Config config, String stack) {
        return new NotesSettings(
                config.require("namespace"),
                config.get("environment").orElse(stack),
                config.get("renderDirectory"),
                config.get("kubeContext"),
                config.require("domain"),
                config.get("clusterIssuer").orElse("letsencrypt-prod"),
                ImageRef.of(config.require("image"), config.require("imageTag")),
                config.getInteger("replicas").orElse(2),
                config.require("databaseHost"),
                config.getInteger("databasePort").orElse(3306),
                config.require("databaseName"),
                config.get("databaseUser").orElse("notes"),
                Arrays.stream(config.require("databaseCidr").split(",")).map(String::trim).toList(),
                config.requireSecret("databasePassword"),
                config.require("backupBucket"),
                config.require("backupRegion"),
                config.require("backupRoleArn"),
                CronSchedule.parse(config.get("backupSchedule").orElse("30 3 * * *")),
                config.get("backupUser").orElse("notes_backup"),
                config.requireSecret("backupPassword"),
                config.get("restoreUser").orElse("notes_restore"),
                config.requireSecret("restorePassword"));
    }
}
