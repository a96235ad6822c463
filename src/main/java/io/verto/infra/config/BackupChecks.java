package io.verto.infra.config;

import io.verto.infra.types.LifecycleRule;
import io.verto.infra.types.Retention;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of {@link BackupSettings} that need more than a parser: which identity the pods get, the KMS key (an
 * ARN, never an alias), the database users and the restore. Every fix names where to find the value it needs (an
 * {@code aws} command in the fix itself, or the console) and never makes an ARN, account or cluster up.
 */
final class BackupChecks {
    static final Pattern KMS_KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+");
    private static final Pattern KMS_ALIAS_ARN = Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):\\d{12}:(alias/[\\w/-]+)");
    private static final Pattern KMS_ALIAS = Pattern.compile("alias/[\\w/-]+");
    private static final Pattern KMS_KEY_ID = Pattern.compile("mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern EKS_CLUSTER = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,99}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,1024}");

    private BackupChecks() { }

    /** Retention days: S3 keeps at most 100 newer noncurrent versions, so at most 100 backups. */
    static Retention retention(String text) {
        Retention retention = Retention.parse(text);
        if (retention.days() > LifecycleRule.MAX_NEWER_NONCURRENT_VERSIONS) {
            throw new IllegalArgumentException("S3 keeps at most " + LifecycleRule.MAX_NEWER_NONCURRENT_VERSIONS
                    + " versions of a key beyond age; " + retention.days() + " backups cannot be guaranteed");
        }
        return retention;
    }

    /**
     * The pods' identity: at most one of eksCluster, oidcProvider and roleArn; with none, access keys, which staging
     * and production refuse unless {@code allowAccessKey} is true.
     */
    static Optional<BackupSettings.Credentials> credentials(ConfigReader r, Optional<Environment> environment) {
        Optional<Boolean> allowKeys = r.read(BackupSettings.ALLOW_ACCESS_KEY, Checks::bool);
        Optional<String> cluster = r.text(BackupSettings.EKS_CLUSTER).map(String::trim);
        cluster.filter(c -> !EKS_CLUSTER.matcher(c).matches()).ifPresent(c -> r.problem(BackupSettings.EKS_CLUSTER,
                "'" + c + "' is not an EKS cluster name (letters, digits, '-', '_'; `aws eks list-clusters` lists them)", eksClusterFix(r)));
        Optional<String> oidc = r.read(BackupSettings.OIDC_PROVIDER, v -> Checks.matching(v, BackupSettings.ARN_OIDC,
                "an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/...)"));
        Optional<String> role = r.read(BackupSettings.ROLE_ARN, v -> Checks.matching(v, BackupSettings.ARN_IAM_ROLE,
                "an IAM role ARN (arn:aws:iam::<account>:role/...)"));
        List<String> given = new ArrayList<>();
        cluster.ifPresent(c -> given.add(BackupSettings.EKS_CLUSTER.key()));
        r.text(BackupSettings.OIDC_PROVIDER).ifPresent(v -> given.add(BackupSettings.OIDC_PROVIDER.key()));
        r.text(BackupSettings.ROLE_ARN).ifPresent(v -> given.add(BackupSettings.ROLE_ARN.key()));
        if (given.size() > 1) {
            // Keep the first (Pod Identity, then IRSA, then an existing role); the problem sits on the next one, whose removal fixes it.
            List<String> extra = given.subList(1, given.size());
            String fix = String.join(" && ", extra.stream().map(k -> "pulumi config rm --path verto:" + k + " --stack " + r.stack()).toList());
            r.problems().add(new ConfigProblem(StackSettingsLoader.NAMESPACE + ":" + extra.get(0), "names more than one identity for the backup pods ("
                    + String.join(", ", given) + "): keep one", fix + " (keeps " + given.get(0) + ")"));
            return Optional.empty();
        }
        if (cluster.isPresent()) {
            return cluster.filter(c -> EKS_CLUSTER.matcher(c).matches()).map(BackupSettings.Credentials.PodIdentity::new);
        }
        if (r.text(BackupSettings.OIDC_PROVIDER).isPresent() || r.text(BackupSettings.ROLE_ARN).isPresent()) {
            return role.<BackupSettings.Credentials>map(BackupSettings.Credentials.ExistingRole::new)
                    .or(() -> oidc.map(BackupSettings.Credentials.ServiceAccountRole::new));
        }
        Environment env = environment.orElse(Environment.PRODUCTION);
        boolean allowed = allowKeys.orElse(env == Environment.TESTING);
        if (!allowed) {
            r.problem(BackupSettings.EKS_CLUSTER, "is not set, and neither is backup.oidcProvider or backup.roleArn: the backup pods would get "
                    + "long-lived IAM access keys, which " + env.id() + " refuses. Give them roles through EKS Pod Identity with the "
                    + "stack's EKS cluster name (`aws eks list-clusters`, or the EKS console; pick the cluster of kube context "
                    + r.text(KubernetesSettings.KUBE_CONTEXT).orElse("?") + ")",
                    eksClusterFix(r) + ", or keep access keys knowingly: " + r.setCommand(BackupSettings.ALLOW_ACCESS_KEY, "true"));
            return Optional.empty();
        }
        return Optional.of(new BackupSettings.Credentials.AccessKey());
    }

    private static String eksClusterFix(ConfigReader r) {
        String region = r.text(AwsSettings.REGION_SETTING).map(v -> " --region " + v.trim()).orElse("");
        return r.setCommand(BackupSettings.EKS_CLUSTER, "\"$(aws eks list-clusters" + region + " --query 'clusters[0]' --output text)\"");
    }

    /**
     * The KMS key: only a key ARN goes into an IAM policy's Resource (an alias there matches nothing, and every upload
     * would be denied); an alias, alias ARN or key id is refused with the command that turns it into the key ARN.
     */
    static Optional<String> kmsKeyArn(ConfigReader r) {
        Optional<String> text = r.text(BackupSettings.KMS_KEY_ARN).map(String::trim);
        if (text.isEmpty() || KMS_KEY_ARN.matcher(text.get()).matches()) {
            return text;
        }
        String v = text.get();
        Matcher aliasArn = KMS_ALIAS_ARN.matcher(v);
        String keyId = null;
        String region = r.text(AwsSettings.REGION_SETTING).map(String::trim).orElse(null);
        String what;
        if (aliasArn.matches()) {
            keyId = aliasArn.group(2);
            region = aliasArn.group(1);
            what = "an alias ARN";
        } else if (KMS_ALIAS.matcher(v).matches()) {
            keyId = v;
            what = "an alias";
        } else if (KMS_KEY_ID.matcher(v).matches()) {
            keyId = v;
            what = "a key id";
        } else {
            what = "not a KMS key ARN";
        }
        String problem = "'" + v + "' is " + what + ": IAM policies match a KMS key only by its key ARN "
                + "(arn:aws:kms:<region>:<account>:key/<id>), so the backup pods would be denied every upload";
        String rm = "pulumi config rm --path verto:" + BackupSettings.KMS_KEY_ARN.key() + " --stack " + r.stack();
        if (keyId == null) {
            r.problem(BackupSettings.KMS_KEY_ARN, problem, rm + " (SSE-S3), or set the key ARN that `aws kms describe-key --key-id <alias or id> "
                    + "--query KeyMetadata.Arn --output text` prints (KMS console: the key's ARN)");
        } else {
            String describe = "aws kms describe-key --key-id " + keyId + (region == null ? "" : " --region " + region)
                    + " --query KeyMetadata.Arn --output text";
            r.problem(BackupSettings.KMS_KEY_ARN, problem, r.setCommand(BackupSettings.KMS_KEY_ARN, "\"$(" + describe + ")\""));
        }
        return Optional.empty();
    }

    /** The dump and restore users: two users, neither the application's, each with its password as a secret. */
    static Optional<BackupSettings.Users> users(ConfigReader r) {
        String dump = r.readOrDefault(BackupSettings.DUMP_USER, v -> Checks.matching(v, BackupSettings.MYSQL_USER, "a MySQL user name"));
        String restore = r.readOrDefault(BackupSettings.RESTORE_USER, v -> Checks.matching(v, BackupSettings.MYSQL_USER, "a MySQL user name"));
        String application = r.text(ApplicationSettings.DATABASE_USER).map(String::trim).orElse("verto");
        boolean ok = true;
        for (Setting s : List.of(BackupSettings.DUMP_USER, BackupSettings.RESTORE_USER)) {
            if (r.text(s).map(String::trim).orElse(s.example()).equals(application)) {
                r.problem(s, "is the application's user " + application + ": the backup users have rights of their own (README, runbook)",
                        r.setCommand(s, s.example()));
                ok = false;
            }
        }
        if (dump.equals(restore)) {
            r.problem(BackupSettings.RESTORE_USER, "is the dump user too: the dump user must stay read-only", r.setCommand(BackupSettings.RESTORE_USER,
                    dump.equals(BackupSettings.RESTORE_USER.example()) ? "verto_restorer" : BackupSettings.RESTORE_USER.example()));
            ok = false;
        }
        Optional<SecretValue> dumpPassword = requiredSecret(r, BackupSettings.DUMP_PASSWORD, dump);
        Optional<SecretValue> restorePassword = requiredSecret(r, BackupSettings.RESTORE_PASSWORD, restore);
        if (!ok || dumpPassword.isEmpty() || restorePassword.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BackupSettings.Users(dump, dumpPassword.get(), restore, restorePassword.get()));
    }

    private static Optional<SecretValue> requiredSecret(ConfigReader r, Setting setting, String user) {
        Optional<SecretValue> value = r.secret(setting);
        if (value.isEmpty() && !r.problems().stream().anyMatch(p -> p.key().equals(r.key(setting)))) {
            r.problem(setting, "is required with backups: the password of the database user " + user + " (README, runbook)",
                    "pulumi config set --secret " + r.key(setting) + " <value> --stack " + r.stack());
        }
        return value;
    }

    /** The restore: a version id (never `latest`: a restore names what it restores) and an empty database other than the application's. */
    static Optional<BackupSettings.Restore> restore(ConfigReader r) {
        String rm = "pulumi config rm --path verto:" + BackupSettings.RESTORE_VERSION.key() + " --stack " + r.stack();
        Optional<String> version = r.text(BackupSettings.RESTORE_VERSION).map(String::trim);
        if (version.isPresent() && (!VERSION.matcher(version.get()).matches() || version.get().equals("latest"))) {
            r.problem(BackupSettings.RESTORE_VERSION, "'" + version.get() + "' is not an S3 version id", rm + " (no restore), or set a "
                    + "VersionId that `aws s3api list-object-versions --bucket <backup bucket> --prefix mysql/<database.name>.sql.gz` lists");
            return Optional.empty();
        }
        Optional<String> database = r.read(BackupSettings.RESTORE_DATABASE, v -> Checks.matching(v, Checks.MYSQL_NAME, "a MySQL schema name"));
        if (version.isPresent() && database.isEmpty() && r.text(BackupSettings.RESTORE_DATABASE).isEmpty()) {
            r.problem(BackupSettings.RESTORE_DATABASE, "is required with backup.restoreVersion: the restore never writes into a database that has tables",
                    r.setCommand(BackupSettings.RESTORE_DATABASE, BackupSettings.RESTORE_DATABASE.example()));
        }
        Optional<String> application = r.text(ApplicationSettings.DATABASE_NAME).map(String::trim);
        if (database.isPresent() && database.equals(application)) {
            r.problem(BackupSettings.RESTORE_DATABASE, "is the application's database: a restore goes into a new, empty one",
                    r.setCommand(BackupSettings.RESTORE_DATABASE, database.get() + "_restored"));
            return Optional.empty();
        }
        return version.flatMap(v -> database.map(d -> new BackupSettings.Restore(v, d)));
    }
}
