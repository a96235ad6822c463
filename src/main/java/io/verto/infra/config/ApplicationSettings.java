package io.verto.infra.config;

import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Port;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the application is given: its public domain, the MySQL and Redis it talks to, the images it
 * runs, its logging and CORS settings, and its secrets (only ever handled as Pulumi secrets).
 *
 * @param domain        the public host name served by the ingress
 * @param database      the MySQL endpoint (design 2.2)
 * @param redis         the Redis endpoint (design 2.2)
 * @param imageRegistry registry and path prefix of the application images
 * @param imageTag      the release tag (or sha256 digest) deployed
 * @param logLevel      LOG_LEVEL handed to the applications
 * @param corsOrigin    CORS_ORIGIN handed to the backend
 * @param secrets       the application's secrets
 */
public record ApplicationSettings(String domain, Database database, Endpoint redis, String imageRegistry, String imageTag,
                                  String logLevel, String corsOrigin, AppSecrets secrets) {

    /**
     * A network endpoint outside the namespace.
     *
     * @param host host name
     * @param port port
     * @param cidrs the address ranges it may be in (every subnet a failover can land in); egress to it is limited to
     *              them; empty: any address on that port
     */
    public record Endpoint(String host, Port port, List<String> cidrs) {
        public Endpoint {
            cidrs = List.copyOf(cidrs);
        }
    }

    /**
     * @param endpoint where MySQL listens
     * @param name     schema name
     * @param user     login user; its password is the {@code databasePassword} secret
     */
    public record Database(Endpoint endpoint, String name, String user) { }

    /** The four secrets of design section 5.3. */
    public record AppSecrets(SecretValue databasePassword, SecretValue jwtSecret, SecretValue redisPassword, SecretValue encryptionKey) { }

    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "verbose");

    static final Setting DOMAIN = Setting.required("domain", "verto.example.com", "public host name served by the ingress (no scheme, no path)");
    static final Setting DATABASE_HOST = Setting.required("database.host", "mysql.internal", "MySQL host");
    static final Setting DATABASE_PORT = Setting.defaulting("database.port", "3306", "MySQL port");
    static final Setting DATABASE_NAME = Setting.required("database.name", "verto_{stack}", "MySQL schema");
    static final Setting DATABASE_USER = Setting.defaulting("database.user", "verto", "MySQL user; its password is the `databasePassword` secret");
    static final Setting DATABASE_CIDR = Setting.optional("database.cidr", "10.0.0.0/16", "required outside development",
            "address ranges of MySQL, one CIDR or a list (`10.0.1.0/24,10.0.2.0/24`): every subnet the database can be in, "
                    + "including each one a Multi-AZ failover lands in; the only addresses pods may reach on its port "
                    + "(`0.0.0.0/0` to allow any, visibly)");
    static final Setting REDIS_HOST = Setting.required("redis.host", "redis.internal", "Redis host");
    static final Setting REDIS_PORT = Setting.defaulting("redis.port", "6379", "Redis port");
    static final Setting REDIS_CIDR = Setting.optional("redis.cidr", "10.0.0.0/16", "required outside development",
            "address ranges of Redis, one CIDR or a list: every subnet its primary and replicas can be in; the only addresses "
                    + "pods may reach on its port (`0.0.0.0/0` to allow any, visibly)");
    static final Setting IMAGE_REGISTRY = Setting.defaulting("imageRegistry", "registry.gitlab.com/verto/platform",
            "registry and path of the images (`<registry>/frontend`, `<registry>/backend`); the design's CI registry");
    static final Setting IMAGE_TAG = Setting.required("imageTag", "1.4.2", "release tag or `sha256:` digest deployed (never `latest`)");
    static final Setting LOG_LEVEL = Setting.optional("logLevel", "info", "`debug` in development, else `info`",
            "LOG_LEVEL: one of " + new java.util.TreeSet<>(LOG_LEVELS));
    static final Setting CORS_ORIGIN = Setting.optional("corsOrigin", "https://verto.com", "`https://<domain>`", "CORS_ORIGIN handed to the backend");
    static final Setting DATABASE_PASSWORD = Setting.secret("databasePassword", "DATABASE_PASSWORD");
    static final Setting JWT_SECRET = Setting.secret("jwtSecret", "JWT_SECRET");
    static final Setting REDIS_PASSWORD = Setting.secret("redisPassword", "REDIS_PASSWORD");
    static final Setting ENCRYPTION_KEY = Setting.secret("encryptionKey", "ENCRYPTION_KEY");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(DOMAIN, DATABASE_HOST, DATABASE_PORT, DATABASE_NAME, DATABASE_USER,
            DATABASE_CIDR, REDIS_HOST, REDIS_PORT, REDIS_CIDR, IMAGE_REGISTRY, IMAGE_TAG, LOG_LEVEL, CORS_ORIGIN,
            DATABASE_PASSWORD, JWT_SECRET, REDIS_PASSWORD, ENCRYPTION_KEY);

    /** The public host name; a URL given instead is pointed out, with its host as the fix. */
    private static Optional<String> domain(ConfigReader r) {
        Optional<String> text = r.text(DOMAIN);
        var url = text.map(v -> java.util.regex.Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://([^/:?#]+).*$").matcher(v.trim()));
        if (url.isPresent() && url.get().matches()) {
            String host = url.get().group(1).toLowerCase(java.util.Locale.ROOT);
            r.problem(DOMAIN, "'" + text.get() + "' is a URL; the domain is its host name alone, without scheme or path",
                    r.setCommand(DOMAIN, host));
            return Optional.empty();
        }
        return r.read(DOMAIN, v -> Checks.matching(v, Checks.HOSTNAME, "a host name such as verto.com (no scheme, no path, lower case)"));
    }

    /** An egress range; outside development it must be given, so no stack opens a data port to every address by default. */
    private static Optional<List<String>> cidr(ConfigReader r, Setting setting, Optional<Environment> environment) {
        Optional<List<String>> cidr = r.read(setting, Checks::cidrs);
        if (cidr.isEmpty() && r.text(setting).isEmpty() && !r.inMalformedObject(setting)
                && environment.isPresent() && environment.get() != Environment.DEVELOPMENT) {
            r.problem(setting, "is required outside development: set the subnet of the " + setting.topLevel()
                    + " servers, or pods could reach any address on that port", r.setCommand(setting, setting.example()));
        }
        return cidr;
    }

    static Optional<ApplicationSettings> read(ConfigReader r, Optional<Environment> environment) {
        Optional<String> domain = domain(r);

        Optional<String> dbHost = r.read(DATABASE_HOST, Checks::host);
        Port dbPort = r.readOrDefault(DATABASE_PORT, v -> Port.tcp(Checks.integer(v)));
        Optional<String> dbName = r.read(DATABASE_NAME,
                v -> Checks.matching(v, Checks.MYSQL_NAME, "a MySQL schema name (letters, digits, '_' or '$', at most 64)"));
        String dbUser = r.readOrDefault(DATABASE_USER, v -> Checks.matching(v, Checks.MYSQL_NAME, "a MySQL user name"));
        Optional<List<String>> dbCidr = cidr(r, DATABASE_CIDR, environment);

        Optional<String> redisHost = r.read(REDIS_HOST, Checks::host);
        Port redisPort = r.readOrDefault(REDIS_PORT, v -> Port.tcp(Checks.integer(v)));
        Optional<List<String>> redisCidr = cidr(r, REDIS_CIDR, environment);

        String imageRegistry = r.readOrDefault(IMAGE_REGISTRY, v -> {
            ImageRef.of(v + "/frontend", "1.0.0");
            return v;
        });
        Optional<String> imageTag = r.read(IMAGE_TAG, v -> {
            ImageRef.of(imageRegistry + "/frontend", v);
            return v;
        });

        String defaultLogLevel = environment.map(e -> e == Environment.DEVELOPMENT ? "debug" : "info").orElse("info");
        String logLevel = r.read(LOG_LEVEL, v -> Checks.oneOf(v, LOG_LEVELS)).orElse(defaultLogLevel);
        Optional<String> corsOrigin = r.read(CORS_ORIGIN,
                v -> Checks.matching(v, Checks.ORIGIN, "an origin such as https://verto.com (scheme and host, no path)"));

        Optional<SecretValue> databasePassword = r.secret(DATABASE_PASSWORD);
        Optional<SecretValue> jwtSecret = r.secret(JWT_SECRET);
        Optional<SecretValue> redisPassword = r.secret(REDIS_PASSWORD);
        Optional<SecretValue> encryptionKey = r.secret(ENCRYPTION_KEY);

        if (domain.isEmpty() || dbHost.isEmpty() || dbName.isEmpty() || redisHost.isEmpty() || imageTag.isEmpty()
                || databasePassword.isEmpty() || jwtSecret.isEmpty() || redisPassword.isEmpty() || encryptionKey.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ApplicationSettings(
                domain.get(),
                new Database(new Endpoint(dbHost.get(), dbPort, dbCidr.orElse(List.of())), dbName.get(), dbUser),
                new Endpoint(redisHost.get(), redisPort, redisCidr.orElse(List.of())),
                imageRegistry,
                imageTag.get(),
                logLevel,
                corsOrigin.orElse("https://" + domain.get()),
                new AppSecrets(databasePassword.get(), jwtSecret.get(), redisPassword.get(), encryptionKey.get())));
    }
}
