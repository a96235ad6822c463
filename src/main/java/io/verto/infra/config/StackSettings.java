package io.verto.infra.config;

import java.util.List;
import java.util.Optional;

/**
 * Everything that differs between stacks, read once from the stack's Pulumi config and validated before
 * any resource exists (see {@link StackSettingsLoader}), grouped by the part of the platform that uses it.
 * Immutable.
 *
 * @param stack       the Pulumi stack name
 * @param environment which of the design's environments this stack is
 * @param kubernetes  where objects go and the cluster around them
 * @param application what the application is given: domain, data stores, images, secrets
 * @param workloads   container sizes and pod counts
 * @param monitoring  scraping, alert thresholds and the VPAs' mode
 * @param aws         the AWS region, when the stack uses AWS at all (development never does)
 * @param backup      MySQL backups to S3, when the stack has them
 * @param cdn         CloudFront in front of the site, when the stack has it
 * @param notices     what every preview and update of the stack prints (an environment override, a test-only stack)
 */
public record StackSettings(String stack, Environment environment, KubernetesSettings kubernetes,
                            ApplicationSettings application, WorkloadSettings workloads, MonitoringSettings monitoring,
                            Optional<AwsSettings> aws, Optional<BackupSettings> backup, Optional<CdnSettings> cdn,
                            List<String> notices) {
    public StackSettings {
        notices = List.copyOf(notices);
    }

    /** True when the stack registers AWS resources, so the program needs an AWS provider. */
    public boolean createsAwsResources() {
        return cdn.isPresent() || backup.map(BackupSettings::createsAwsResources).orElse(false);
    }
}
