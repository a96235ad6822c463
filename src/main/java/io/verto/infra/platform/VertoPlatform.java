package io.verto.infra.platform;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.config.Environment;
import io.verto.infra.config.KubernetesSettings;
import io.verto.infra.config.StackSettings;
import io.verto.infra.kubernetes.configuration.AppConfiguration;
import io.verto.infra.kubernetes.configuration.AppConfigurationArgs;
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
import io.verto.infra.types.Capacity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    public VertoPlatform(String name, VertoPlatformArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        StackSettings s = args.settings();
        KubernetesSettings k8s = s.kubernetes();
        var child = ComponentResourceOptions.builder().parent(this).build();
        List<ServicePlan> plans = VertoApplication.services(s);

        // Sized from the plans (every service at its highest pod count plus surge); see README.
        Capacity needed = plans.stream().map(ServicePlan::capacity).reduce(Capacity.NONE, Capacity::plus);
        ContainerLimits limits = ContainerLimits.designDefault();
        for (ServicePlan plan : plans) {
            limits = limits.admitting(plan.resources());
        }
        var secureNamespace = new SecureNamespace(name, SecureNamespaceArgs.builder()
                .name(k8s.namespace())
                .environment(s.environment().id())
                .partOf(VertoApplication.NAME)
                .quota(NamespaceQuota.designDefault().fitting(needed))
                .containerLimits(limits)
                .protect(s.environment() == Environment.PRODUCTION)
                .build(), child);
        this.namespace = secureNamespace.namespaceName();

        var configuration = new AppConfiguration(name, AppConfigurationArgs.builder()
                .namespace(namespace)
                .partOf(VertoApplication.NAME)
                .configMap(VertoApplication.CONFIG_MAP, VertoApplication.applicationConfig(s))
                .configMap(VertoApplication.PERFORMANCE_CONFIG_MAP, VertoApplication.performanceConfig())
                .secretName(VertoApplication.SECRET)
                .secrets(VertoApplication.secrets(s))
                .build(), child);

        // Services start once their ConfigMaps and Secret exist, so pods never wait on missing keys.
        var afterConfiguration = ComponentResourceOptions.builder().parent(this).dependsOn(configuration).build();
        for (ServicePlan plan : plans) {
            var serviceArgs = plan.toArgs(namespace, s.environment().id())
                    .imagePullSecret(k8s.imagePullSecret())
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

        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        outputs.put("namespace", namespace);
        outputs.put("url", url);
        services.forEach((component, service) -> {
            outputs.put(component + "Deployment", service.deploymentName());
            outputs.put(component + "Service", service.serviceName());
        });
        registerOutputs(outputs);
    }

    public Output<String> namespace() {
        return namespace;
    }

    public Output<String> url() {
        return url;
    }

    /** The services by component name ({@code frontend}, {@code backend}). */
    public Map<String, WebService> services() {
        return Map.copyOf(services);
    }
}
