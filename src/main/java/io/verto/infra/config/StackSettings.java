package io.verto.infra.config;

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
 */
public record StackSettings(String stack, Environment environment, KubernetesSettings kubernetes,
                            ApplicationSettings application, WorkloadSettings workloads,
                            MonitoringSettings monitoring) { }
