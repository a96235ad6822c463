package io.verto.infra.platform;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.config.Environment;
import io.verto.infra.config.StackSettings;
import io.verto.infra.kubernetes.AppConfiguration;
import io.verto.infra.kubernetes.AppConfigurationArgs;
import io.verto.infra.kubernetes.EnvVars;
import io.verto.infra.kubernetes.HorizontalScaling;
import io.verto.infra.kubernetes.HttpProbe;
import io.verto.infra.kubernetes.IngressRoute;
import io.verto.infra.kubernetes.Labels;
import io.verto.infra.kubernetes.NamespaceQuota;
import io.verto.infra.kubernetes.NetworkPeer;
import io.verto.infra.kubernetes.NetworkRule;
import io.verto.infra.kubernetes.ReadOnlyAccess;
import io.verto.infra.kubernetes.ReadOnlyAccessArgs;
import io.verto.infra.kubernetes.SecureNamespace;
import io.verto.infra.kubernetes.SecureNamespaceArgs;
import io.verto.infra.kubernetes.WebIngress;
import io.verto.infra.kubernetes.WebIngressArgs;
import io.verto.infra.kubernetes.WebService;
import io.verto.infra.kubernetes.WebServiceArgs;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Port;
import io.verto.infra.types.Resources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The whole Verto deployment of one stack (design sections 2, 5, 7, 10.1, 11): a secure namespace,
 * the application's configuration and secret, the frontend and backend services with their
 * NetworkPolicies, the HTTPS ingress and the read-only RBAC account.
 */
public class VertoPlatform extends ComponentResource {
    public static final String TYPE = "verto:platform:VertoPlatform";

    static final String CONFIG_MAP = "verto-config";
    static final String PERFORMANCE_CONFIG_MAP = "performance-config";
    static final String SECRET = "verto-secret";
    static final Port FRONTEND_PORT = Port.tcp(3000);
    static final Port BACKEND_PORT = Port.tcp(3001);

    private final Output<String> namespace;
    private final Output<String> url;
    private final Map<String, WebService> services = new LinkedHashMap<>();

    public VertoPlatform(String name, VertoPlatformArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        StackSettings s = args.settings();
        var child = ComponentResourceOptions.builder().parent(this).build();

        // Each entry is one service; adding a third service means adding one entry here.
        List<Function<Output<String>, WebServiceArgs>> blueprints = List.of(
                ns -> frontend(s, ns),
                ns -> backend(s, ns));

        // The quota is sized from the services themselves (max replicas plus surge); see README.
        List<WebServiceArgs> planned = blueprints.stream().map(b -> b.apply(Output.of(s.namespace()))).toList();
        // LimitRange's per-container maximum: the design's 2 CPU / 4Gi, or the largest planned container.
        Cpu maxCpu = planned.stream().map(w -> w.resources().cpuLimit()).reduce(Cpu.cores(2), Cpu::max);
        Memory maxMemory = planned.stream().map(w -> w.resources().memoryLimit()).reduce(Memory.gibibytes(4), Memory::max);
        var secureNamespace = new SecureNamespace(name, SecureNamespaceArgs.builder()
                .name(s.namespace())
                .environment(s.environment().id())
                .quota(NamespaceQuota.designDefault().fitting(planned))
                .containerMax(maxCpu, maxMemory)
                .protect(s.environment() == Environment.PRODUCTION)
                .build(), child);
        this.namespace = secureNamespace.namespaceName();

        var configuration = new AppConfiguration(name, AppConfigurationArgs.builder()
                .namespace(namespace)
                .configMap(CONFIG_MAP, applicationConfig(s))
                .configMap(PERFORMANCE_CONFIG_MAP, performanceConfig())
                .secretName(SECRET)
                .secret("DATABASE_PASSWORD", s.secrets().databasePassword().asOutput())
                .secret("JWT_SECRET", s.secrets().jwtSecret().asOutput())
                .secret("REDIS_PASSWORD", s.secrets().redisPassword().asOutput())
                .secret("ENCRYPTION_KEY", s.secrets().encryptionKey().asOutput())
                .build(), child);

        // Services start once their ConfigMaps and Secret exist, so pods never wait on missing keys.
        var afterConfiguration = ComponentResourceOptions.builder().parent(this).dependsOn(configuration).build();
        for (var blueprint : blueprints) {
            WebServiceArgs serviceArgs = blueprint.apply(namespace);
            services.put(serviceArgs.component(), new WebService(serviceArgs.name(), serviceArgs, afterConfiguration));
        }

        var ingress = new WebIngress(name, WebIngressArgs.builder()
                .namespace(namespace)
                .host(s.domain())
                .clusterIssuer(s.clusterIssuer())
                .route(IngressRoute.to("/api", services.get("backend")))
                .route(IngressRoute.to("/", services.get("frontend")))
                .build(), child);
        this.url = ingress.url();

        new ReadOnlyAccess(name, ReadOnlyAccessArgs.builder().namespace(namespace).build(), child);

        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        outputs.put("namespace", namespace);
        outputs.put("url", url);
        services.forEach((component, service) -> {
            outputs.put(component + "Deployment", service.deploymentName());
            outputs.put(component + "Service", service.serviceName());
        });
        registerOutputs(outputs);
    }

    private static WebServiceArgs.Builder common(StackSettings s, Output<String> namespace, String component) {
        return WebServiceArgs.builder()
                .namespace(namespace)
                .name(workloadName(component))
                .component(component)
                .environment(s.environment().id())
                .image(ImageRef.of(s.imageRegistry() + "/" + component, s.imageTag()))
                .replicas(s.replicas())
                .autoscaling(s.autoscaling().map(a -> new HorizontalScaling(
                        a.minReplicas(), a.maxReplicas(), a.targetCpuPercent(), a.targetMemoryPercent())).orElse(null))
                .resources(s.containerResources())
                .imagePullSecret(s.imagePullSecret())
                .spreadAcrossZones(s.spreadAcrossZones())
                .env(EnvVars.value("NODE_OPTIONS", nodeOptions(s.containerResources())));
    }

    /** Design 5.4: the Electron/web frontend on 3000, /health and /ready. */
    static WebServiceArgs frontend(StackSettings s, Output<String> namespace) {
        return common(s, namespace, "frontend")
                .port(FRONTEND_PORT)
                .livenessProbe(HttpProbe.of("/health", 30, 10))
                .readinessProbe(HttpProbe.of("/ready", 5, 5))
                .env(EnvVars.fromConfigMap(CONFIG_MAP, "NODE_ENV"), EnvVars.fromConfigMap(CONFIG_MAP, "API_BASE_URL"))
                .allowIngress(NetworkRule.of(NetworkPeer.namespace(s.ingressControllerNamespace()), FRONTEND_PORT))
                .allowEgress(NetworkRule.of(podsOf("backend"), BACKEND_PORT))
                .build();
    }

    /** Design 5.5: the NestJS backend on 3001, /health for both probes. */
    static WebServiceArgs backend(StackSettings s, Output<String> namespace) {
        Port mysql = s.database().endpoint().port();
        Port redis = s.redis().port();
        return common(s, namespace, "backend")
                .port(BACKEND_PORT)
                .livenessProbe(HttpProbe.of("/health", 30, 10))
                .readinessProbe(HttpProbe.of("/health", 5, 5))
                .env(EnvVars.fromConfigMap(CONFIG_MAP, "NODE_ENV"),
                        EnvVars.fromConfigMap(CONFIG_MAP, "DATABASE_HOST"),
                        EnvVars.fromConfigMap(CONFIG_MAP, "DATABASE_PORT"),
                        EnvVars.fromConfigMap(CONFIG_MAP, "DATABASE_NAME"),
                        EnvVars.fromConfigMap(CONFIG_MAP, "DATABASE_USER"),
                        EnvVars.fromSecret(SECRET, "DATABASE_PASSWORD"),
                        EnvVars.fromConfigMap(CONFIG_MAP, "REDIS_HOST"),
                        EnvVars.fromConfigMap(CONFIG_MAP, "REDIS_PORT"),
                        EnvVars.fromSecret(SECRET, "REDIS_PASSWORD"),
                        EnvVars.fromSecret(SECRET, "JWT_SECRET"),
                        EnvVars.fromSecret(SECRET, "ENCRYPTION_KEY"),
                        EnvVars.fromConfigMap(CONFIG_MAP, "LOG_LEVEL"),
                        EnvVars.fromConfigMap(CONFIG_MAP, "CORS_ORIGIN"))
                .envFromConfigMaps(PERFORMANCE_CONFIG_MAP)
                .allowIngress(NetworkRule.of(podsOf("frontend"), BACKEND_PORT),
                        NetworkRule.of(NetworkPeer.namespace(s.ingressControllerNamespace()), BACKEND_PORT))
                .allowEgress(NetworkRule.of(peer(s.database().endpoint().cidr()), mysql),
                        NetworkRule.of(peer(s.redis().cidr()), redis),
                        NetworkRule.of(NetworkPeer.anywhere(), Port.tcp(443)))
                .build();
    }

    /** Deployment and label name of a component's workload. */
    private static String workloadName(String component) {
        return "verto-" + component;
    }

    /** A component's pods as a NetworkPolicy peer, known before its WebService exists. */
    private static NetworkPeer podsOf(String component) {
        return NetworkPeer.pods(Labels.selector(workloadName(component), "verto"));
    }

    private static NetworkPeer peer(Optional<String> cidr) {
        return cidr.map(NetworkPeer::cidr).orElseGet(NetworkPeer::anywhere);
    }

    /**
     * V8's heap capped at 75 % of the container's memory limit. The design's fixed 2048 MB would exceed
     * a 1Gi limit and get the pod OOM-killed instead of garbage-collected.
     */
    static String nodeOptions(Resources resources) {
        return "--max-old-space-size=" + resources.memoryLimit().percent(75).mebibytes();
    }

    /** Design 5.2. */
    static Map<String, String> applicationConfig(StackSettings s) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("NODE_ENV", s.environment() == Environment.DEVELOPMENT ? "development" : "production");
        data.put("API_BASE_URL", "https://" + s.domain() + "/api");
        data.put("DATABASE_HOST", s.database().endpoint().host());
        data.put("DATABASE_PORT", String.valueOf(s.database().endpoint().port().number()));
        data.put("DATABASE_NAME", s.database().name());
        data.put("DATABASE_USER", s.database().user());
        data.put("REDIS_HOST", s.redis().host());
        data.put("REDIS_PORT", String.valueOf(s.redis().port().number()));
        data.put("LOG_LEVEL", s.logLevel());
        data.put("CORS_ORIGIN", s.corsOrigin());
        return data;
    }

    /** Design 10.1, less NODE_OPTIONS, which is sized per container (see {@link #nodeOptions}). */
    static Map<String, String> performanceConfig() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("UV_THREADPOOL_SIZE", "16");
        data.put("DB_POOL_MIN", "5");
        data.put("DB_POOL_MAX", "20");
        data.put("DB_POOL_IDLE_TIMEOUT", "30000");
        data.put("DB_POOL_ACQUIRE_TIMEOUT", "60000");
        data.put("REDIS_POOL_MIN", "2");
        data.put("REDIS_POOL_MAX", "10");
        data.put("REDIS_CONNECT_TIMEOUT", "5000");
        data.put("REDIS_COMMAND_TIMEOUT", "3000");
        data.put("CACHE_TTL_SHORT", "300");
        data.put("CACHE_TTL_MEDIUM", "1800");
        data.put("CACHE_TTL_LONG", "3600");
        return data;
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
