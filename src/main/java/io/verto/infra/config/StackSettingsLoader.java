package io.verto.infra.config;

import io.verto.infra.types.Cpu;
import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Port;
import io.verto.infra.types.Resources;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a stack's raw Pulumi config into {@link StackSettings}, or throws a
 * {@link StackConfigException} that lists every problem at once, each with the key and the fix.
 *
 * <p>All settings live in the {@code verto} namespace. Required: {@code namespace}, {@code domain},
 * {@code database.host}, {@code database.name}, {@code redis.host}, {@code resources.cpu},
 * {@code resources.memory}, {@code replicas}, {@code imageTag}, one of {@code kubeContext} /
 * {@code renderDirectory}, and the secrets {@code databasePassword}, {@code jwtSecret},
 * {@code redisPassword}, {@code encryptionKey}. The rest have documented defaults (README.md).
 */
public final class StackSettingsLoader {
    public static final String NAMESPACE = "verto";

    /** Default image location, from the design's CI (section 4.1). */
    public static final String DEFAULT_IMAGE_REGISTRY = "registry.gitlab.com/verto/platform";

    private static final Set<String> SETTINGS = Set.of(
            "environment", "namespace", "domain", "kubeContext", "renderDirectory", "database", "redis", "resources",
            "replicas", "autoscaling", "imageRegistry", "imageTag", "logLevel", "corsOrigin", "clusterIssuer",
            "ingressControllerNamespace", "imagePullSecret", "spreadAcrossZones",
            "databasePassword", "jwtSecret", "redisPassword", "encryptionKey");
    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "verbose");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+");
    private static final Pattern SINGLE_HOST = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern MYSQL_NAME = Pattern.compile("[A-Za-z0-9_$]{1,64}");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}");
    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:\\d{1,5})?");

    private StackSettingsLoader() { }

    public static StackSettings load(RawStackConfig raw) {
        ConfigReader r = new ConfigReader(raw, NAMESPACE);

        Optional<Environment> environment = environment(r);
        Optional<String> namespace = r.parsed("namespace", "verto-" + raw.stack(), true,
                v -> matching(v, DNS_LABEL, "a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)"));
        Optional<String> domain = r.parsed("domain", "verto.example.com", true,
                v -> matching(v, HOSTNAME, "a host name such as verto.com (no scheme, no path, lower case)"));

        Optional<String> context = r.string("kubeContext");
        Optional<String> renderDirectory = r.string("renderDirectory");
        if (context.isEmpty() && renderDirectory.isEmpty()) {
            r.problem(r.key("kubeContext"), "is required: the stack names neither a cluster (kubeContext) nor a render directory (renderDirectory)",
                    r.setCommand(r.key("kubeContext"), "<kubeconfig-context>") + ", or set verto:renderDirectory to only write manifests");
        }

        var db = r.object("database", Set.of("host", "port", "name", "user", "cidr"));
        Optional<String> dbHost = db.parsed("host", "mysql.internal", true, StackSettingsLoader::host);
        Optional<Port> dbPort = portField(db, 3306);
        Optional<String> dbName = db.parsed("name", "verto_" + raw.stack(), true,
                v -> matching(v, MYSQL_NAME, "a MySQL schema name (letters, digits, '_' or '$', at most 64)"));
        String dbUser = db.parsed("user", "verto", false, v -> matching(v, MYSQL_NAME, "a MySQL user name")).orElse("verto");
        Optional<String> dbCidr = db.parsed("cidr", "10.0.0.0/16", false, StackSettingsLoader::cidr);

        var redis = r.object("redis", Set.of("host", "port", "cidr"));
        Optional<String> redisHost = redis.parsed("host", "redis.internal", true, StackSettingsLoader::host);
        Optional<Port> redisPort = portField(redis, 6379);
        Optional<String> redisCidr = redis.parsed("cidr", "10.0.0.0/16", false, StackSettingsLoader::cidr);

        Optional<Resources> resources = resources(r);

        Optional<Integer> replicas = r.parsed("replicas", "2", true, v -> atLeast(integer(v), 1, "replicas"));
        Optional<StackSettings.Autoscaling> autoscaling = autoscaling(r, replicas);

        String imageRegistry = r.parsed("imageRegistry", DEFAULT_IMAGE_REGISTRY, false, v -> {
            ImageRef.of(v + "/frontend", "1.0.0");
            return v;
        }).orElse(DEFAULT_IMAGE_REGISTRY);
        Optional<String> imageTag = r.parsed("imageTag", "1.4.2", true, v -> {
            ImageRef.of(imageRegistry + "/frontend", v);
            return v;
        });

        String defaultLogLevel = environment.map(e -> e == Environment.DEVELOPMENT ? "debug" : "info").orElse("info");
        String logLevel = r.parsed("logLevel", "info", false, v -> oneOf(v, LOG_LEVELS)).orElse(defaultLogLevel);
        Optional<String> corsOrigin = r.parsed("corsOrigin", "https://verto.com", false,
                v -> matching(v, ORIGIN, "an origin such as https://verto.com (scheme and host, no path)"));
        String clusterIssuer = r.parsed("clusterIssuer", "letsencrypt-prod", false,
                v -> matching(v, SINGLE_HOST, "a ClusterIssuer name")).orElse("letsencrypt-prod");
        String controllerNamespace = r.parsed("ingressControllerNamespace", "ingress-nginx", false,
                v -> matching(v, DNS_LABEL, "a namespace name")).orElse("ingress-nginx");
        String pullSecret = r.parsed("imagePullSecret", "registry-secret", false,
                v -> matching(v, SINGLE_HOST, "a Secret name, or 'none' for public images")).orElse("registry-secret");
        Optional<Boolean> spread = r.parsed("spreadAcrossZones", "true", false, StackSettingsLoader::bool);

        Optional<SecretValue> databasePassword = r.secret("databasePassword");
        Optional<SecretValue> jwtSecret = r.secret("jwtSecret");
        Optional<SecretValue> redisPassword = r.secret("redisPassword");
        Optional<SecretValue> encryptionKey = r.secret("encryptionKey");

        r.reportUnknownKeys(SETTINGS);
        if (!r.problems().isEmpty()) {
            throw new StackConfigException(raw.stack(), r.problems());
        }

        Environment env = environment.orElseThrow();
        return new StackSettings(
                raw.stack(),
                env,
                namespace.orElseThrow(),
                domain.orElseThrow(),
                new StackSettings.KubernetesTarget(context, renderDirectory),
                new StackSettings.Database(new StackSettings.Endpoint(dbHost.orElseThrow(), dbPort.orElseThrow(), dbCidr),
                        dbName.orElseThrow(), dbUser),
                new StackSettings.Endpoint(redisHost.orElseThrow(), redisPort.orElseThrow(), redisCidr),
                resources.orElseThrow(),
                replicas.orElseThrow(),
                autoscaling,
                imageRegistry,
                imageTag.orElseThrow(),
                logLevel,
                corsOrigin.orElse("https://" + domain.orElseThrow()),
                clusterIssuer,
                controllerNamespace,
                pullSecret.equals("none") ? Optional.empty() : Optional.of(pullSecret),
                spread.orElse(env == Environment.PRODUCTION),
                new StackSettings.AppSecrets(databasePassword.orElseThrow(), jwtSecret.orElseThrow(),
                        redisPassword.orElseThrow(), encryptionKey.orElseThrow()));
    }

    private static Optional<Environment> environment(ConfigReader r) {
        Optional<String> configured = r.string("environment");
        String id = configured.orElse(r.stack());
        Optional<Environment> environment = Environment.fromId(id);
        if (environment.isEmpty()) {
            Set<String> ids = new LinkedHashSet<>();
            for (Environment e : Environment.values()) {
                ids.add(e.id());
            }
            r.problem(r.key("environment"), configured.isPresent()
                            ? "'" + id + "' is not an environment; use one of " + ids
                            : "is not set, and the stack name '" + id + "' is not one of " + ids,
                    r.setCommand(r.key("environment"), "testing"));
        }
        return environment;
    }

    private static Optional<Resources> resources(ConfigReader r) {
        var res = r.object("resources", Set.of("cpu", "memory", "cpuRequest", "memoryRequest"));
        Optional<Cpu> cpu = res.parsed("cpu", "\"1\"", true, Cpu::parse);
        Optional<Memory> memory = res.parsed("memory", "2Gi", true, Memory::parse);
        Optional<Cpu> cpuRequest = res.parsed("cpuRequest", "500m", false, Cpu::parse);
        Optional<Memory> memoryRequest = res.parsed("memoryRequest", "1Gi", false, Memory::parse);
        if (cpu.isEmpty() || memory.isEmpty()) {
            return Optional.empty();
        }
        if (cpu.get().millis() == 0 || memory.get().bytes() == 0) {
            r.problem(res.fieldKey(cpu.get().millis() == 0 ? "cpu" : "memory"), "a zero limit would stop every container",
                    r.setCommand(res.fieldKey(cpu.get().millis() == 0 ? "cpu" : "memory"), cpu.get().millis() == 0 ? "\"1\"" : "2Gi"));
            return Optional.empty();
        }
        Resources half = Resources.halfRequested(cpu.get(), memory.get());
        Cpu cpuReq = cpuRequest.orElse(half.cpuRequest());
        Memory memReq = memoryRequest.orElse(half.memoryRequest());
        boolean ok = true;
        if (cpuReq.compareTo(cpu.get()) > 0) {
            r.problem(res.fieldKey("cpuRequest"), "the request " + cpuReq + " is above the limit " + cpu.get()
                    + " (resources.cpu); Kubernetes rejects such a pod", r.setCommand(res.fieldKey("cpuRequest"), cpu.get().toString()));
            ok = false;
        }
        if (memReq.compareTo(memory.get()) > 0) {
            r.problem(res.fieldKey("memoryRequest"), "the request " + memReq + " is above the limit " + memory.get()
                    + " (resources.memory); Kubernetes rejects such a pod", r.setCommand(res.fieldKey("memoryRequest"), memory.get().toString()));
            ok = false;
        }
        return ok ? Optional.of(new Resources(cpuReq, memReq, cpu.get(), memory.get())) : Optional.empty();
    }

    private static Optional<StackSettings.Autoscaling> autoscaling(ConfigReader r, Optional<Integer> replicas) {
        var as = r.object("autoscaling", Set.of("enabled", "minReplicas", "maxReplicas", "targetCPUUtilization", "targetMemoryUtilization"));
        boolean enabled = as.parsed("enabled", "true", false, StackSettingsLoader::bool).orElse(as.present());
        if (!as.present() || !enabled) {
            return Optional.empty();
        }
        Optional<Integer> min = as.parsed("minReplicas", "3", true, v -> atLeast(integer(v), 1, "minReplicas"));
        Optional<Integer> max = as.parsed("maxReplicas", "10", true, v -> atLeast(integer(v), 1, "maxReplicas"));
        Optional<Integer> cpu = as.parsed("targetCPUUtilization", "70", false, StackSettingsLoader::percent);
        Optional<Integer> memory = as.parsed("targetMemoryUtilization", "80", false, StackSettingsLoader::percent);
        if (min.isEmpty() || max.isEmpty()) {
            return Optional.empty();
        }
        if (min.get() > max.get()) {
            r.problem(as.fieldKey("minReplicas"), "minReplicas " + min.get() + " is above maxReplicas " + max.get(),
                    r.setCommand(as.fieldKey("minReplicas"), String.valueOf(max.get())) + " (or raise maxReplicas)");
            return Optional.empty();
        }
        if (replicas.isPresent() && (replicas.get() < min.get() || replicas.get() > max.get())) {
            r.problem(r.key("replicas"), "replicas " + replicas.get() + " lies outside the autoscaling range "
                            + min.get() + ".." + max.get() + ", so the HPA would undo it at once",
                    r.setCommand(r.key("replicas"), String.valueOf(Math.max(min.get(), Math.min(max.get(), replicas.get())))));
        }
        return Optional.of(new StackSettings.Autoscaling(min.get(), max.get(), cpu.orElse(70), memory.orElse(80)));
    }

    private static Optional<Port> portField(ConfigReader.ConfigObject object, int defaultPort) {
        return Optional.of(object.parsed("port", String.valueOf(defaultPort), false, v -> Port.tcp(integer(v)))
                .orElse(Port.tcp(defaultPort)));
    }

    static int integer(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a whole number");
        }
    }

    private static int atLeast(int value, int min, String what) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    private static int percent(String v) {
        int value = integer(v);
        if (value < 1 || value > 100) {
            throw new IllegalArgumentException("a utilisation target must be 1..100 percent, got " + value);
        }
        return value;
    }

    private static boolean bool(String v) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("'" + v + "' is not true or false");
        }
        return Boolean.parseBoolean(v);
    }

    private static String host(String v) {
        if (!HOSTNAME.matcher(v).matches() && !SINGLE_HOST.matcher(v).matches()) {
            throw new IllegalArgumentException("'" + v + "' is not a host name");
        }
        return v;
    }

    private static String cidr(String v) {
        if (!CIDR.matcher(v).matches()) {
            throw new IllegalArgumentException("'" + v + "' is not an IPv4 CIDR such as 10.0.0.0/16");
        }
        return v;
    }

    private static String oneOf(String v, Set<String> allowed) {
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("'" + v + "' is not one of " + new java.util.TreeSet<>(allowed));
        }
        return v;
    }

    private static String matching(String v, Pattern pattern, String what) {
        if (!pattern.matcher(v).matches()) {
            throw new IllegalArgumentException("'" + v + "' is not " + what);
        }
        return v;
    }
}
