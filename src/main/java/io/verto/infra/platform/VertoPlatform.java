package io.verto.infra.platform;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.verto.infra.aws.StaticSiteCdn;
import io.verto.infra.backup.MysqlBackupCronJob;
import io.verto.infra.config.ConfigProblem;
import io.verto.infra.config.WorkloadSettings;
import io.verto.infra.config.Environment;
import io.verto.infra.config.KubernetesSettings;
import io.verto.infra.config.MonitoringSettings;
import io.verto.infra.config.StackSettings;
import io.verto.infra.kubernetes.configuration.AppConfiguration;
import io.verto.infra.kubernetes.configuration.AppConfigurationArgs;
import io.verto.infra.kubernetes.configuration.RegistryPullSecret;
import io.verto.infra.kubernetes.configuration.RegistryPullSecretArgs;
import io.verto.infra.kubernetes.ingress.IngressRoute;
import io.verto.infra.kubernetes.ingress.WebIngress;
import io.verto.infra.kubernetes.ingress.WebIngressArgs;
import io.verto.infra.kubernetes.namespace.ContainerLimits;
import io.verto.infra.kubernetes.namespace.NamespaceQuota;
import io.verto.infra.kubernetes.namespace.SecureNamespace;
import io.verto.infra.kubernetes.namespace.SecureNamespaceArgs;
import io.verto.infra.kubernetes.rbac.ReadOnlyAccess;
import io.verto.infra.kubernetes.rbac.ReadOnlyAccessArgs;
import io.verto.infra.kubernetes.workload.WebService;
import io.verto.infra.monitoring.AlertRules;
import io.verto.infra.monitoring.Dashboard;
import io.verto.infra.monitoring.ScrapeConfig;
import io.verto.infra.monitoring.ServiceMonitors;
import io.verto.infra.monitoring.VerticalAutoscaling;
import io.verto.infra.types.Capacity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole Verto deployment of one stack, wired from the stack's settings and the application's plan
 * ({@link VertoApplication}): a secure namespace sized for the planned services, the application's
 * configuration and secret, one {@link WebService} per planned service, the HTTPS ingress and the
 * read-only RBAC account.
 */
public class VertoPlatform extends ComponentResource {
    public static final String TYPE = "verto:platform:VertoPlatform";

    private final Output<String> namespace;
    private final Output<String> url;
    private final Map<String, WebService> services = new LinkedHashMap<>();
    private final Optional<MysqlBackupCronJob> backup;
    private final Optional<StaticSiteCdn> cdn;

    public VertoPlatform(String name, VertoPlatformArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        StackSettings s = args.settings();
        KubernetesSettings k8s = s.kubernetes();
        var child = ComponentResourceOptions.builder().parent(this).build();
        List<ServicePlan> plans = VertoApplication.services(s);

        var namespaceArgs = SecureNamespaceArgs.builder()
                .name(k8s.namespace())
                .environment(s.environment().id())
                .partOf(VertoApplication.NAME)
                .quota(quota(s, plans))
                .containerLimits(containerLimits(s))
                .protect(s.environment() == Environment.PRODUCTION);
        if (k8s.acmeChallenge() == KubernetesSettings.AcmeChallenge.HTTP01) {
            namespaceArgs.acmeHttp01SolverFrom(k8s.ingressControllerNamespace());
        }
        var secureNamespace = new SecureNamespace(name, namespaceArgs.build(), child);
        this.namespace = secureNamespace.namespaceName();

        var configuration = new AppConfiguration(name, AppConfigurationArgs.builder()
                .namespace(namespace)
                .partOf(VertoApplication.NAME)
                .configMap(VertoApplication.CONFIG_MAP, VertoApplication.applicationConfig(s))
                .configMap(VertoApplication.PERFORMANCE_CONFIG_MAP, VertoApplication.performanceConfig())
                .secretName(VertoApplication.SECRET)
                .secrets(VertoApplication.secrets(s))
                .build(), child);

        List<Resource> before = new ArrayList<>(List.of(configuration));
        // Pods reference a pull secret only when one exists: one the stack names, or one made from its credentials.
        Optional<String> pullSecret = Optional.empty();
        if (k8s.registryAccess() instanceof KubernetesSettings.RegistryAccess.ExistingSecret existing) {
            pullSecret = Optional.of(existing.name());
        } else if (k8s.registryAccess() instanceof KubernetesSettings.RegistryAccess.Credentials credentials) {
            before.add(new RegistryPullSecret(name + "-registry", RegistryPullSecretArgs.builder()
                    .namespace(namespace)
                    .partOf(VertoApplication.NAME)
                    .name(VertoApplication.PULL_SECRET)
                    .registry(VertoApplication.registryHost(s))
                    .username(credentials.username())
                    .password(credentials.password().asOutput())
                    .build(), child));
            pullSecret = Optional.of(VertoApplication.PULL_SECRET);
        }

        // Services start once their ConfigMaps and Secrets exist, so pods never wait on missing keys.
        var afterConfiguration = ComponentResourceOptions.builder().parent(this).dependsOn(before).build();
        for (ServicePlan plan : plans) {
            var serviceArgs = plan.toArgs(namespace, s.environment().id())
                    .imagePullSecret(pullSecret)
                    .spreadAcrossZones(k8s.spreadAcrossZones())
                    .skipAwait(k8s.skipAwait())
                    .build();
            services.put(plan.component(), new WebService(plan.name(), serviceArgs, afterConfiguration));
        }

        var ingress = new WebIngress(name, WebIngressArgs.builder()
                .namespace(namespace)
                .partOf(VertoApplication.NAME)
                .host(s.application().domain())
                .clusterIssuer(k8s.clusterIssuer())
                .skipAwait(k8s.skipAwait())
                .route(IngressRoute.to("/api", services.get("backend")))
                .route(IngressRoute.to("/", services.get("frontend")))
                .build(), child);
        this.url = ingress.url();

        new ReadOnlyAccess(name, ReadOnlyAccessArgs.builder().namespace(namespace).partOf(VertoApplication.NAME).build(), child);

        // Monitoring (design 6) and right-sizing (11.2).
        var afterServices = ComponentResourceOptions.builder().parent(this).dependsOn(List.copyOf(services.values())).build();
        s.monitoring().vpa().ifPresent(mode ->
                new VerticalAutoscaling(name, VertoMonitoring.verticalAutoscaling(mode, plans, namespace), afterServices));
        switch (s.monitoring().scrape()) {
            case SERVICE_MONITOR -> new ServiceMonitors(name, VertoMonitoring.scrape(s, plans, namespace), afterServices);
            case CONFIG_MAP -> new ScrapeConfig(name, VertoMonitoring.scrapeConfig(s, plans, namespace), afterServices);
            case NONE -> { }
        }
        // With the plain scrape config the rules ride in its ConfigMap (design 6.2), so such a stack needs no
        // prometheus-operator CRD; otherwise they are a PrometheusRule.
        if (s.monitoring().scrape() != MonitoringSettings.Scrape.CONFIG_MAP) {
            new AlertRules(name, VertoMonitoring.alertRules(s, plans, namespace), child);
        }
        new Dashboard(name, VertoMonitoring.dashboard(s, plans, namespace), child);

        // AWS: backups (design 8, 9) and the CDN (10.3), only where the stack has them; development has neither.
        var aws = new AwsWiring(this, s.cdn().isPresent());
        this.backup = DataProtection.wire(this, s, namespace, aws, before);
        this.cdn = EdgeWiring.wire(this, s, aws);

        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        outputs.put("namespace", namespace);
        outputs.put("url", url);
        backup.ifPresent(b -> outputs.put("backupCronJob", b.cronJobName()));
        cdn.ifPresent(c -> {
            outputs.put("cdnDistributionId", c.distributionId());
            outputs.put("cdnDomainName", c.domainName());
        });
        services.forEach((component, service) -> {
            outputs.put(component + "Deployment", service.deploymentName());
            outputs.put(component + "Service", service.serviceName());
        });
        registerOutputs(outputs);
    }

    /**
     * The namespace quota: the environment's budget (design 2.2) as its floor, raised to hold every
     * service at its highest pod count plus a rolling-update pod, and the backup, restore-check (and restore) pods, plus the
     * stack's headroom.
     */
    static NamespaceQuota quota(StackSettings s, List<ServicePlan> plans) {
        Capacity peak = plans.stream().map(ServicePlan::capacity).reduce(Capacity.NONE, Capacity::plus);
        // The backup pod and the restore-check pod (each never two at once) and, while one runs, the restore pod.
        int backupPods = s.backup().map(b -> b.restore().isPresent() ? 3 : 2).orElse(0);
        peak = peak.plus(Capacity.of(MysqlBackupCronJob.POD_RESOURCES, backupPods));
        var budget = s.workloads().budget();
        return NamespaceQuota.forBudget(budget.cpu(), budget.memory()).fitting(peak.withHeadroom(s.workloads().quotaHeadroom()));
    }

    /** The LimitRange: the design's, with the maximum raised only where the stack asks. */
    static ContainerLimits containerLimits(StackSettings s) {
        var max = s.workloads().containerMax();
        return ContainerLimits.designDefault().withMax(max.cpu(), max.memory());
    }

    /** The size setting (under {@code containers.<service>.}) behind each LimitRange bound. */
    private static final Map<ContainerLimits.Bound, String> SIZE_FIELDS = Map.of(ContainerLimits.Bound.CPU_LIMIT, "cpu",
            ContainerLimits.Bound.MEMORY_LIMIT, "memory", ContainerLimits.Bound.CPU_REQUEST, "cpuRequest",
            ContainerLimits.Bound.MEMORY_REQUEST, "memoryRequest");

    /**
     * Problems of the stack's plan as a whole, found before anything is registered: a service whose
     * container the namespace's LimitRange would refuse.
     */
    static List<ConfigProblem> planProblems(StackSettings s) {
        ContainerLimits limits = containerLimits(s);
        List<ConfigProblem> problems = new ArrayList<>();
        for (ServicePlan plan : VertoApplication.services(s)) {
            limits.refusal(plan.resources()).ifPresent(refusal -> {
                String key = WorkloadSettings.containerKey(plan.component(), SIZE_FIELDS.get(refusal.bound()));
                String fix = "pulumi config set --path " + key + " " + refusal.fits() + " --stack " + s.stack();
                if (refusal.bound() == ContainerLimits.Bound.CPU_LIMIT || refusal.bound() == ContainerLimits.Bound.MEMORY_LIMIT) {
                    boolean cpu = refusal.bound() == ContainerLimits.Bound.CPU_LIMIT;
                    String wanted = cpu ? plan.resources().cpuLimit().toString() : plan.resources().memoryLimit().toString();
                    fix += ", or raise the maximum: pulumi config set --path " + WorkloadSettings.containerMaxKey(cpu ? "cpu" : "memory")
                            + " " + wanted + " --stack " + s.stack();
                }
                problems.add(new ConfigProblem(key, "the " + plan.component() + " container would be refused: " + refusal.reason(), fix));
            });
        }
        return problems;
    }

    public Output<String> namespace() {
        return namespace;
    }

    public Output<String> url() {
        return url;
    }

    /** The nightly backup, when the stack has backups. */
    public Optional<MysqlBackupCronJob> backup() {
        return backup;
    }

    /** CloudFront, when the stack has a CDN. */
    public Optional<StaticSiteCdn> cdn() {
        return cdn;
    }

    /** The services by component name ({@code frontend}, {@code backend}). */
    public Map<String, WebService> services() {
        return Map.copyOf(services);
    }
}
