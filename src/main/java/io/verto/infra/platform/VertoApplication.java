package io.verto.infra.platform;

import com.pulumi.core.Output;
import io.verto.infra.config.ApplicationSettings;
import io.verto.infra.config.Environment;
import io.verto.infra.config.StackSettings;
import io.verto.infra.kubernetes.workload.EnvVars;
import io.verto.infra.kubernetes.workload.HttpProbe;
import io.verto.infra.kubernetes.workload.TcpProbe;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Percent;
import io.verto.infra.types.Port;
import io.verto.infra.types.ResourceBounds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Verto is, independent of where it runs: its service catalogue (ports, probes, environment, sizes,
 * routes, metrics and network needs of each service), and the data of its ConfigMaps and Secret (design
 * 5.2-5.5, 7.1, 10.1, 11.2). A new service is one more entry in {@link #catalogue}.
 */
public final class VertoApplication {
    /** The application's name: {@code app.kubernetes.io/part-of} and the prefix of every workload. */
    public static final String NAME = "verto";
    public static final String CONFIG_MAP = "verto-config";
    public static final String PERFORMANCE_CONFIG_MAP = "performance-config";
    public static final String SECRET = "verto-secret";
    /** The image pull secret the program creates from the stack's registry credentials (design 5.4's name). */
    public static final String PULL_SECRET = "registry-secret";
    private static final Port HTTPS = Port.tcp(443);
    /**
     * Where every service serves Prometheus metrics ({@value #METRICS_PATH}): its own port, named
     * {@code metrics} (the design's scrape config keeps endpoints of that name, 6.1), so the monitoring
     * namespace is let in on it and not on the application's port. 9464 is the OpenTelemetry Prometheus
     * exporter's default.
     */
    public static final Port METRICS_PORT = Port.tcp(9464);
    public static final String METRICS_PATH = "/metrics";
    /**
     * The metrics each service exposes (besides its process metrics), which the alert rules and the
     * dashboard are written against: a counter of requests labelled {@code method}, {@code route},
     * {@code status}, and a histogram of their durations.
     */
    public static final List<String> METRICS = List.of("http_requests_total", "http_request_duration_seconds_bucket",
            "http_request_duration_seconds_sum", "http_request_duration_seconds_count");

    private VertoApplication() { }

    /** Verto's services: the frontend and the backend. */
    public static ServiceCatalogue catalogue() {
        return ServiceCatalogue.of(frontend(), backend());
    }

    /**
     * A Node.js service the way every Verto service runs: metrics on {@link #METRICS_PORT}, V8's heap at 75 % of
     * the memory limit, and HOME and the caches in the writable /tmp (the root filesystem is read-only, and Node,
     * npm and Electron write to $HOME and the XDG cache and config directories).
     */
    public static ServiceEntry.Builder nodeService(String name, Port port) {
        return ServiceEntry.builder(name)
                .port(port)
                .metrics(METRICS_PORT, METRICS_PATH, METRICS)
                .nodeHeap(Percent.of(75))
                .env(EnvVars.value("HOME", "/tmp"), EnvVars.value("XDG_CACHE_HOME", "/tmp/.cache"),
                        EnvVars.value("XDG_CONFIG_HOME", "/tmp/.config"), EnvVars.value("npm_config_cache", "/tmp/.npm"));
    }

    /**
     * Design 5.4: the Electron/web frontend on 3000, /health and /ready, at the ingress's root. Besides the
     * backend it reaches its own public URL (API_BASE_URL, https://&lt;domain&gt;/api) on 443 when it renders
     * server-side.
     */
    static ServiceEntry frontend() {
        return nodeService("frontend", Port.tcp(3000))
                .probes(HttpProbe.of("/health", 30, 10), HttpProbe.of("/ready", 5, 5))
                .env(EnvVars.fromConfigMap(CONFIG_MAP, "NODE_ENV"), EnvVars.fromConfigMap(CONFIG_MAP, "API_BASE_URL"))
                .size(Cpu.millis(500), Memory.gibibytes(1), "design 5.4")
                .vpa(new ResourceBounds(Cpu.millis(100), Memory.mebibytes(256), Cpu.cores(1), Memory.gibibytes(2)))
                .path("/")
                .reaches(Reach.service("backend"), Reach.internet(HTTPS))
                .build();
    }

    /**
     * Design 5.5: the NestJS backend on 3001, under /api. Readiness is the design's /health; liveness is a TCP
     * check, so a database blip that fails /health takes pods out of rotation instead of restarting them all.
     */
    static ServiceEntry backend() {
        return nodeService("backend", Port.tcp(3001))
                .probes(TcpProbe.of(30, 10), HttpProbe.of("/health", 5, 5))
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
                .size(Cpu.cores(1), Memory.gibibytes(2), "design 5.5")
                .vpa(new ResourceBounds(Cpu.millis(200), Memory.mebibytes(512), Cpu.cores(2), Memory.gibibytes(4)))
                .path("/api")
                .reaches(Reach.database(), Reach.redis(), Reach.internet(HTTPS))
                .build();
    }

    /** The host of the registry the application's images come from (for its pull secret). */
    static String registryHost(StackSettings s) {
        return ImageRef.of(s.application().imageRegistry() + "/any", s.application().imageTag()).registryHost();
    }

    /** Design 5.2: the plain settings every service reads ({@value #CONFIG_MAP}). */
    static Map<String, String> applicationConfig(StackSettings s) {
        ApplicationSettings app = s.application();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("NODE_ENV", s.environment() == Environment.DEVELOPMENT ? "development" : "production");
        data.put("API_BASE_URL", "https://" + app.domain() + "/api");
        data.put("DATABASE_HOST", app.database().endpoint().host());
        data.put("DATABASE_PORT", String.valueOf(app.database().endpoint().port().number()));
        data.put("DATABASE_NAME", app.database().name());
        data.put("DATABASE_USER", app.database().user());
        data.put("REDIS_HOST", app.redis().host());
        data.put("REDIS_PORT", String.valueOf(app.redis().port().number()));
        data.put("LOG_LEVEL", app.logLevel());
        data.put("CORS_ORIGIN", app.corsOrigin());
        return data;
    }

    /** Design 10.1 ({@value #PERFORMANCE_CONFIG_MAP}), less NODE_OPTIONS, which is sized per container (see {@link #nodeService}). */
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

    /** Design 5.3: the {@value #SECRET} entries, each from its Pulumi secret. */
    static Map<String, Output<String>> secrets(StackSettings s) {
        var secrets = s.application().secrets();
        Map<String, Output<String>> data = new LinkedHashMap<>();
        data.put("DATABASE_PASSWORD", secrets.databasePassword().asOutput());
        data.put("JWT_SECRET", secrets.jwtSecret().asOutput());
        data.put("REDIS_PASSWORD", secrets.redisPassword().asOutput());
        data.put("ENCRYPTION_KEY", secrets.encryptionKey().asOutput());
        return data;
    }
}
