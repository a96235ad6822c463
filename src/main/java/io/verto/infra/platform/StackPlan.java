package io.verto.infra.platform;

import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import io.verto.infra.backup.MysqlBackupCronJob;
import io.verto.infra.monitoring.MysqlExporter;
import io.verto.infra.config.ApplicationSettings;
import io.verto.infra.config.MonitoringSettings;
import io.verto.infra.config.StackSettings;
import io.verto.infra.kubernetes.namespace.NamespaceQuota;
import io.verto.infra.kubernetes.network.NetworkPeer;
import io.verto.infra.kubernetes.network.NetworkRule;
import io.verto.infra.kubernetes.workload.EnvVars;
import io.verto.infra.kubernetes.workload.SecureContainer;
import io.verto.infra.types.Capacity;
import io.verto.infra.types.ContainerLimits;
import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Resources;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one stack will hold, computed as a value from its validated settings and the application's catalogue
 * before anything is registered: each service resolved for the stack, the ingress routes, the namespace's
 * quota and LimitRange. {@link VertoPlatform} only wires it.
 *
 * @param settings the stack's validated settings
 * @param services each catalogue entry resolved for the stack, in catalogue order
 * @param routes   the ingress routes, longest prefix first
 * @param quota    the namespace's ResourceQuota
 */
public record StackPlan(StackSettings settings, List<ServicePlan> services, List<Route> routes, NamespaceQuota quota) {
    /**
     * One ingress path.
     *
     * @param path    the URL prefix
     * @param service the catalogue name of the service it goes to
     */
    public record Route(String path, String service) { }

    public StackPlan {
        services = List.copyOf(services);
        routes = List.copyOf(routes);
    }

    /** The plan of a stack whose settings were loaded for this catalogue's services. */
    public static StackPlan of(StackSettings s, ServiceCatalogue catalogue) {
        List<ServicePlan> services = catalogue.entries().stream().map(e -> plan(s, catalogue, e)).toList();
        // Longest prefix first, so a reader sees the order the ingress controller matches in.
        List<Route> routes = catalogue.entries().stream()
                .flatMap(e -> e.paths().stream().map(p -> new Route(p, e.name())))
                .sorted(Comparator.comparingInt((Route r) -> r.path().length()).reversed())
                .toList();
        return new StackPlan(s, services, routes, quota(s, services));
    }

    /** The namespace's LimitRange: the design's, with the stack's maximum. */
    public ContainerLimits limits() {
        return settings.workloads().limits();
    }

    public Optional<ServicePlan> service(String name) {
        return services.stream().filter(p -> p.component().equals(name)).findFirst();
    }

    /**
     * The namespace quota: the environment's budget (design 2.2) as its floor, raised to hold every service at
     * its highest pod count plus a rolling-update pod, the backup and restore-check pods (and a restore pod while
     * one runs), plus the stack's headroom.
     */
    private static NamespaceQuota quota(StackSettings s, List<ServicePlan> services) {
        Capacity peak = services.stream().map(ServicePlan::capacity).reduce(Capacity.NONE, Capacity::plus);
        // The backup pod and the restore-check pod (each never two at once) and, while one runs, the restore pod.
        int backupPods = s.backup().map(b -> b.restore().isPresent() ? 3 : 2).orElse(0);
        peak = peak.plus(Capacity.of(MysqlBackupCronJob.POD_RESOURCES, backupPods));
        // The mysqld-exporter at its most pods (3 with an HPA, else 1) plus a rolling-update pod.
        int exporterPods = s.monitoring().mysqlExporter().isPresent() ? (s.workloads().scaling().autoscaling().isPresent() ? 4 : 2) : 0;
        peak = peak.plus(Capacity.of(MysqlExporter.RESOURCES, exporterPods));
        var budget = s.workloads().budget();
        return NamespaceQuota.forBudget(budget.cpu(), budget.memory()).fitting(peak.withHeadroom(s.workloads().quotaHeadroom()));
    }

    private static ServicePlan plan(StackSettings s, ServiceCatalogue catalogue, ServiceEntry entry) {
        Resources resources = s.workloads().containers().get(entry.name());
        List<EnvVarArgs> env = new ArrayList<>();
        // V8's heap below the limit: a fixed size above it (the design's 2048 MB in a 1Gi container) gets the pod
        // OOM-killed instead of garbage-collected.
        entry.nodeHeap().ifPresent(share -> env.add(EnvVars.value("NODE_OPTIONS",
                "--max-old-space-size=" + resources.memoryLimit().percent(share.value()).mebibytes())));
        env.addAll(entry.env());
        var container = SecureContainer.builder()
                .name(entry.name())
                .image(ImageRef.of(s.application().imageRegistry() + "/" + entry.image(), s.application().imageTag()))
                .port(entry.port())
                .metricsPort(entry.metrics().map(ServiceEntry.Metrics::port).orElse(null))
                .resources(resources)
                .livenessProbe(entry.liveness())
                .readinessProbe(entry.readiness())
                .env(env)
                .envFromConfigMaps(entry.envFromConfigMaps());
        entry.writablePaths().ifPresent(container::writablePaths);
        return new ServicePlan(entry, container.build(), s.workloads().scaling(), ingress(s, catalogue, entry), egress(s, catalogue, entry));
    }

    /** Services that connect to it, the ingress controller when it has a path, Prometheus on its metrics port. */
    private static List<NetworkRule> ingress(StackSettings s, ServiceCatalogue catalogue, ServiceEntry entry) {
        List<NetworkRule> rules = new ArrayList<>();
        for (ServiceEntry other : catalogue.entries()) {
            if (catalogue.connects(other, entry)) {
                rules.add(NetworkRule.of(ServicePlan.podsOf(other.name()), entry.port()));
            }
        }
        if (!entry.paths().isEmpty()) {
            rules.add(NetworkRule.of(NetworkPeer.namespace(s.kubernetes().ingressControllerNamespace()), entry.port()));
        }
        MonitoringSettings monitoring = s.monitoring();
        entry.metrics().filter(m -> monitoring.scrape() != MonitoringSettings.Scrape.NONE)
                .ifPresent(m -> rules.add(NetworkRule.of(NetworkPeer.namespace(monitoring.namespace()), m.port())));
        return rules;
    }

    /** What it reaches, in its own order, then the services that declared it may reach them. */
    private static List<NetworkRule> egress(StackSettings s, ServiceCatalogue catalogue, ServiceEntry entry) {
        ApplicationSettings app = s.application();
        List<NetworkRule> rules = new ArrayList<>();
        for (Reach reach : entry.reaches()) {
            rules.add(rule(app, catalogue, reach));
        }
        for (ServiceEntry other : catalogue.entries()) {
            if (other.reachableFrom().contains(entry.name()) && !entry.reaches().contains(Reach.service(other.name()))) {
                rules.add(NetworkRule.of(ServicePlan.podsOf(other.name()), other.port()));
            }
        }
        return rules;
    }

    private static NetworkRule rule(ApplicationSettings app, ServiceCatalogue catalogue, Reach reach) {
        if (reach instanceof Reach.Service target) {
            return NetworkRule.of(ServicePlan.podsOf(target.name()), catalogue.entry(target.name()).orElseThrow().port());
        } else if (reach instanceof Reach.Database) {
            return NetworkRule.to(app.database().endpoint().cidrs(), app.database().endpoint().port());
        } else if (reach instanceof Reach.Redis) {
            return NetworkRule.to(app.redis().cidrs(), app.redis().port());
        }
        return NetworkRule.of(NetworkPeer.anywhere(), ((Reach.Internet) reach).port());
    }
}
