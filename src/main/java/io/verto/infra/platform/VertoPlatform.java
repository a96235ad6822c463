package io.verto.infra.platform;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
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
import io.verto.infra.kubernetes.namespace.SecureNamespace;
import io.verto.infra.kubernetes.namespace.SecureNamespaceArgs;
import io.verto.infra.kubernetes.rbac.ReadOnlyAccess;
import io.verto.infra.kubernetes.rbac.ReadOnlyAccessArgs;
import io.verto.infra.kubernetes.workload.WebService;
import io.verto.infra.monitoring.AlertRules;
import io.verto.infra.monitoring.Dashboard;
import io.verto.infra.monitoring.MysqlExporter;
import io.verto.infra.monitoring.ScrapeConfig;
import io.verto.infra.monitoring.ServiceMonitors;
import io.verto.infra.monitoring.VerticalAutoscaling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole Verto deployment of one stack, wired from its {@link StackPlan}: a secure namespace with the
 * plan's quota and LimitRange, the application's configuration and secret, one {@link WebService} per
 * planned service, the HTTPS ingress with the plan's routes, the read-only RBAC account, monitoring, and the
 * AWS parts (backups, CDN) where the stack has them. Its outputs are what the program exports.
 */
public class VertoPlatform extends ComponentResource {
    public static final String TYPE = "verto:platform:VertoPlatform";

    private final Map<String, WebService> services = new LinkedHashMap<>();
    private final Map<String, Output<?>> outputs = new LinkedHashMap<>();

    public VertoPlatform(String name, VertoPlatformArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        StackPlan plan = args.plan();
        StackSettings s = plan.settings();
        KubernetesSettings k8s = s.kubernetes();
        var child = ComponentResourceOptions.builder().parent(this).build();

        var namespaceArgs = SecureNamespaceArgs.builder()
                .name(k8s.namespace())
                .environment(s.environment().id())
                .partOf(VertoApplication.NAME)
                .quota(plan.quota())
                .containerLimits(plan.limits())
                .protect(s.environment() == Environment.PRODUCTION);
        if (k8s.acmeChallenge() == KubernetesSettings.AcmeChallenge.HTTP01) {
            namespaceArgs.acmeHttp01SolverFrom(k8s.ingressControllerNamespace());
        }
        var secureNamespace = new SecureNamespace(name, namespaceArgs.build(), child);
        Output<String> namespace = secureNamespace.namespaceName();
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
        for (ServicePlan service : plan.services()) {
            var serviceArgs = service.toArgs(namespace, s.environment().id())
                    .imagePullSecret(pullSecret)
                    .spreadAcrossZones(k8s.spreadAcrossZones())
                    .skipAwait(k8s.skipAwait())
                    .build();
            services.put(service.component(), new WebService(service.name(), serviceArgs, afterConfiguration));
        }

        var ingressArgs = WebIngressArgs.builder()
                .namespace(namespace)
                .partOf(VertoApplication.NAME)
                .host(s.application().domain())
                .clusterIssuer(k8s.clusterIssuer())
                .skipAwait(k8s.skipAwait());
        // CloudFront forwards its viewers' Host: every alias it serves must be routed and in the certificate.
        s.cdn().ifPresent(cdn -> cdn.aliases().forEach(ingressArgs::host));
        plan.routes().forEach(route -> ingressArgs.route(IngressRoute.to(route.path(), services.get(route.service()))));
        var ingress = new WebIngress(name, ingressArgs.build(), child);

        new ReadOnlyAccess(name, ReadOnlyAccessArgs.builder().namespace(namespace).partOf(VertoApplication.NAME).build(), child);

        // Monitoring (design 6) and right-sizing (11.2).
        var afterServices = ComponentResourceOptions.builder().parent(this).dependsOn(List.copyOf(services.values())).build();
        List<ServicePlan> plans = plan.services();
        if (!VertoMonitoring.rightSized(plans).isEmpty()) {
            s.monitoring().vpa().ifPresent(mode ->
                    new VerticalAutoscaling(name, VertoMonitoring.verticalAutoscaling(mode, plans, namespace), afterServices));
        }
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
        VertoMonitoring.mysqlExporter(s, namespace).ifPresent(exporter -> new MysqlExporter(name + "-mysql-exporter", exporter, afterConfiguration));

        // AWS: backups (design 8, 9) and the CDN (10.3), only where the stack has them; development has neither.
        var aws = new AwsWiring(this, s.cdn().isPresent());
        var backup = DataProtection.wire(this, s, namespace, aws, before);
        var cdn = EdgeWiring.wire(this, s, aws);

        outputs.put("environment", Output.of(s.environment().id()));
        outputs.put("namespace", namespace);
        outputs.put("url", ingress.url());
        outputs.put("services", Output.of(serviceSummary(plan)));
        services.forEach((component, service) -> {
            outputs.put(component + "Deployment", service.deploymentName());
            outputs.put(component + "Service", service.serviceName());
        });
        backup.ifPresent(b -> outputs.put("backupCronJob", b.cronJobName()));
        cdn.ifPresent(c -> {
            outputs.put("cdnDistributionId", c.distributionId());
            outputs.put("cdnDomainName", c.domainName());
            outputs.put("assetsBucket", c.assetsBucket());
        });
        k8s.renderDirectory().ifPresent(dir -> outputs.put("renderDirectory", Output.of(dir)));
        registerOutputs(outputs);
    }

    /**
     * What each planned service is, for scripts that check a deployed stack without knowing its services: its
     * Deployment and Service names, image, ports, ingress paths, replica range and whether a VPA sizes it.
     */
    private static Map<String, Object> serviceSummary(StackPlan plan) {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (ServicePlan p : plan.services()) {
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("deployment", p.name());
            service.put("service", p.name() + "-service");
            service.put("image", p.container().image().toString());
            service.put("port", p.entry().port().number());
            p.entry().metrics().ifPresent(m -> service.put("metricsPort", m.port().number()));
            service.put("paths", p.entry().paths());
            service.put("replicas", p.scaling().replicas());
            service.put("maxReplicas", p.scaling().maxReplicas());
            service.put("vpa", p.entry().vpa().isPresent() && plan.settings().monitoring().vpa().isPresent());
            summary.put(p.component(), service);
        }
        return summary;
    }

    /** The stack outputs: environment, namespace, url, services, each Deployment and Service, backup and CDN names. */
    public Map<String, Output<?>> outputs() {
        return Collections.unmodifiableMap(outputs);
    }

    /** The services by component name ({@code frontend}, {@code backend}). */
    public Map<String, WebService> services() {
        return Map.copyOf(services);
    }
}
