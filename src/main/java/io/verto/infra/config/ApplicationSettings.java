package io.verto.infra.config;

import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Port;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
     * @param host  host name
     * @param port  port
     * @param cidrs the address ranges it can be in (every subnet a failover can land in); egress is limited to them.
     *              Empty: any address on that port (development only)
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
    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://([^/:?#]+).*$");
    private static final String RDS = "aws rds describe-db-instances --query 'DBInstances[].Endpoint'";
    private static final String ELASTICACHE = "aws elasticache describe-cache-clusters --show-cache-node-info";

    static final Setting DOMAIN = Setting.of("domain", Kind.HOST).required()
            .find("the public host name users open", "your DNS zone, e.g. aws route53 list-hosted-zones")
            .describe("public host name served by the ingress (no scheme, no path)");
    static final Setting DATABASE_HOST = Setting.of("database.host", Kind.HOST).required()
            .find("the MySQL endpoint's host name", RDS).describe("MySQL host");
    static final Setting DATABASE_PORT = Setting.of("database.port", Kind.PORT).defaultsTo("3306")
            .find("the MySQL endpoint's port", RDS).describe("MySQL port");
    static final Setting DATABASE_NAME = Setting.of("database.name", Kind.DATABASE).required()
            .find("the application's MySQL schema", "SHOW DATABASES on the MySQL server").describe("MySQL schema");
    static final Setting DATABASE_USER = Setting.of("database.user", Kind.USER).defaultsTo("verto")
            .find("the MySQL user the application logs in as", "SELECT user FROM mysql.user on the MySQL server")
            .describe("MySQL user; its password is the `databasePassword` secret");
    static final Setting DATABASE_CIDR = Setting.of("database.cidr", Kind.CIDRS).requiredWhen("outside development").noneMeans("any address on its port")
            .find("every subnet the MySQL servers can be in (a Multi-AZ failover moves them)",
                    "aws rds describe-db-subnet-groups --query 'DBSubnetGroups[].Subnets[].SubnetIdentifier', then "
                            + "aws ec2 describe-subnets --subnet-ids <ids> --query 'Subnets[].CidrBlock'")
            .describe("address ranges of MySQL, comma-separated or a list (every subnet of its subnet group): the only addresses pods "
                    + "may reach on its port (`0.0.0.0/0` to allow any, visibly)");
    static final Setting REDIS_HOST = Setting.of("redis.host", Kind.HOST).required()
            .find("the Redis endpoint's host name", ELASTICACHE).describe("Redis host");
    static final Setting REDIS_PORT = Setting.of("redis.port", Kind.PORT).defaultsTo("6379")
            .find("the Redis endpoint's port", ELASTICACHE).describe("Redis port");
    static final Setting REDIS_CIDR = Setting.of("redis.cidr", Kind.CIDRS).requiredWhen("outside development").noneMeans("any address on its port")
            .find("every subnet the Redis nodes can be in", "aws elasticache describe-cache-subnet-groups --query "
                    + "'CacheSubnetGroups[].Subnets[].SubnetIdentifier', then aws ec2 describe-subnets --subnet-ids <ids> --query 'Subnets[].CidrBlock'")
            .describe("address ranges of Redis, comma-separated or a list: the only addresses pods may reach on its port "
                    + "(`0.0.0.0/0` to allow any, visibly)");
    static final Setting IMAGE_REGISTRY = Setting.of("imageRegistry", Kind.REGISTRY).defaultsTo("registry.gitlab.com/verto/platform")
            .find("the registry path of the images", "the project's Deploy > Container Registry page")
            .describe("registry and path of the images (`<registry>/<service>`); the design's CI registry");
    static final Setting IMAGE_TAG = Setting.of("imageTag", Kind.RELEASE).required()
            .find("the release to deploy", "git tag --list 'v*', or the registry's tags")
            .describe("release tag or `sha256:` digest deployed (never `latest`, a branch name or a `-SNAPSHOT`)");
    static final Setting LOG_LEVEL = Setting.of("logLevel", Kind.CHOICE)
            .defaultsTo("`debug` in development, else `info`", c -> c.environment().orElse(null) == Environment.DEVELOPMENT ? "debug" : "info")
            .example("info").describe("LOG_LEVEL: one of " + new TreeSet<>(LOG_LEVELS));
    static final Setting CORS_ORIGIN = Setting.of("corsOrigin", Kind.ORIGIN)
            .defaultsTo("`https://<domain>`", c -> "https://" + c.domain().orElse("localhost"))
            .find("the origin browsers call the API from", "the site's address bar: scheme and host, no path")
            .describe("CORS_ORIGIN handed to the backend");
    static final Setting DATABASE_PASSWORD = Setting.of("databasePassword", Kind.SECRET).secret().describe("DATABASE_PASSWORD");
    static final Setting JWT_SECRET = Setting.of("jwtSecret", Kind.SECRET).secret().describe("JWT_SECRET");
    static final Setting REDIS_PASSWORD = Setting.of("redisPassword", Kind.SECRET).secret().describe("REDIS_PASSWORD");
    static final Setting ENCRYPTION_KEY = Setting.of("encryptionKey", Kind.SECRET).secret().describe("ENCRYPTION_KEY");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(DOMAIN, DATABASE_HOST, DATABASE_PORT, DATABASE_NAME, DATABASE_USER,
            DATABASE_CIDR, REDIS_HOST, REDIS_PORT, REDIS_CIDR, IMAGE_REGISTRY, IMAGE_TAG, LOG_LEVEL, CORS_ORIGIN,
            DATABASE_PASSWORD, JWT_SECRET, REDIS_PASSWORD, ENCRYPTION_KEY);

    /** The public host name; a URL given instead is pointed out, with its host (the user's own value) as the fix. */
    private static String domain(String v) {
        Matcher url = URL.matcher(v);
        if (url.matches()) {
            throw new InvalidValue("'" + v + "' is a URL; the domain is its host name alone, without scheme or path",
                    url.group(1).toLowerCase(Locale.ROOT));
        }
        return Checks.matching(Checks.host(v), Checks.HOSTNAME, "a host name such as verto.com (no scheme, no path, lower case)");
    }

    private static Port port(String v) {
        return Port.tcp(Checks.integer(v));
    }

    /** Address ranges; outside development they must be given, so no stack opens a data port to every address by default. */
    private static List<String> cidrs(ConfigReader r, Setting setting, Optional<Environment> environment) {
        Optional<List<String>> cidrs = r.read(setting, Checks::cidrs);
        if (environment.isPresent() && environment.get() != Environment.DEVELOPMENT) {
            r.require(setting, "outside development: set the subnets of the " + setting.topLevel() + " servers, or pods could reach "
                    + "any address on that port");
        }
        return cidrs.orElse(List.of());
    }

    static Optional<ApplicationSettings> read(ConfigReader r, Optional<Environment> environment) {
        Optional<String> domain = r.read(DOMAIN, ApplicationSettings::domain);
        r.domain(domain);

        Optional<String> dbHost = r.read(DATABASE_HOST, Checks::host);
        Port dbPort = r.readOrDefault(DATABASE_PORT, ApplicationSettings::port);
        Optional<String> dbName = r.read(DATABASE_NAME,
                v -> Checks.matching(v, Checks.MYSQL_NAME, "a MySQL schema name (letters, digits, '_' or '$', at most 64)"));
        String dbUser = r.readOrDefault(DATABASE_USER, v -> Checks.matching(v, Checks.MYSQL_NAME, "a MySQL user name"));
        List<String> dbCidrs = cidrs(r, DATABASE_CIDR, environment);

        Optional<String> redisHost = r.read(REDIS_HOST, Checks::host);
        Port redisPort = r.readOrDefault(REDIS_PORT, ApplicationSettings::port);
        List<String> redisCidrs = cidrs(r, REDIS_CIDR, environment);

        String imageRegistry = r.readOrDefault(IMAGE_REGISTRY, v -> {
            ImageRef.of(v + "/image", "1.0.0");
            return v;
        });
        AllowedRegistries.of(r.stack(), environment).filter(allowed -> !AllowedRegistries.allows(allowed, imageRegistry))
                .ifPresent(allowed -> r.problem(IMAGE_REGISTRY, "'" + imageRegistry + "' is not among the registries the policy pack allows "
                        + "this stack to pull from " + allowed + " (k8s-image-registry-allowed); a new registry is added there, in "
                        + "policies/config/stacks.ts, by a reviewed change", r.propose(IMAGE_REGISTRY)));
        Optional<String> imageTag = r.read(IMAGE_TAG, v -> {
            ImageRef.of(imageRegistry + "/image", v);
            return v;
        });

        String logLevel = r.readOrDefault(LOG_LEVEL, v -> Checks.oneOf(v, LOG_LEVELS));
        String corsOrigin = r.readOrDefault(CORS_ORIGIN, Checks::origin);

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
                new Database(new Endpoint(dbHost.get(), dbPort, dbCidrs), dbName.get(), dbUser),
                new Endpoint(redisHost.get(), redisPort, redisCidrs),
                imageRegistry,
                imageTag.get(),
                logLevel,
                corsOrigin,
                new AppSecrets(databasePassword.get(), jwtSecret.get(), redisPassword.get(), encryptionKey.get())));
    }
}
