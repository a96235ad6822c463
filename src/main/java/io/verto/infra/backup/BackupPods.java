package io.verto.infra.backup;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretKeySelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import io.verto.infra.kubernetes.workload.EnvVars;
import io.verto.infra.kubernetes.workload.SecureContainer;
import io.verto.infra.kubernetes.workload.SecurePodSpec;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two-step pod every backup job runs (backup, restore, restore check): an init container, then a container,
 * each running one step of a script from the scripts ConfigMap in an image pinned by digest, handing the file over
 * in a shared scratch volume.
 */
final class BackupPods {
    static final String SCRIPTS_PATH = "/scripts";
    static final String WORK_PATH = "/backup";
    static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    /** Keys of the database passwords in the backup's own Secret. */
    static final String DUMP_PASSWORD = "DUMP_PASSWORD";
    static final String RESTORE_PASSWORD = "RESTORE_PASSWORD";
    static final Resources RESOURCES = new Resources(Cpu.millis(100), Memory.mebibytes(256), Cpu.cores(1), Memory.gibibytes(1));

    private BackupPods() { }

    /** One step: {@code script step} in {@code image} (which must be pinned by digest), with {@code env}. */
    static SecureContainer step(String name, ImageRef image, String script, String step, List<EnvVarArgs> env) {
        return SecureContainer.builder()
                .name(name)
                .image(BackupImages.requireDigest(name, image))
                .resources(RESOURCES)
                .command(List.of("/bin/bash", SCRIPTS_PATH + "/" + script, step))
                .env(env)
                .build();
    }

    /**
     * Variables of the MySQL steps: endpoint, database, and the user ({@code restore}: the restore user, else the
     * dump user) with its password from the backup's database Secret, never the application's.
     */
    static List<EnvVarArgs> mysqlEnv(MysqlTarget mysql, String databaseSecret, boolean restore) {
        List<EnvVarArgs> env = new ArrayList<>();
        env.add(EnvVars.value("MYSQL_HOST", mysql.host()));
        env.add(EnvVars.value("MYSQL_PORT", String.valueOf(mysql.port().number())));
        env.add(EnvVars.value("MYSQL_DATABASE", mysql.database()));
        env.add(EnvVars.value("MYSQL_USER", restore ? mysql.restoreUser().name() : mysql.dumpUser().name()));
        env.add(fromSecret("MYSQL_PWD", databaseSecret, restore ? RESTORE_PASSWORD : DUMP_PASSWORD));
        env.add(EnvVars.value("BACKUP_WORK_DIR", WORK_PATH));
        env.add(EnvVars.value("HOME", "/tmp"));
        return env;
    }

    /** Variables of the S3 steps: bucket, region, prefix, database and, for an access key, the key from its Secret. */
    static List<EnvVarArgs> s3Env(MysqlBackupCronJobArgs b, Optional<String> credentialsSecret) {
        String region = b.region();
        List<EnvVarArgs> env = new ArrayList<>();
        env.add(EnvVarArgs.builder().name("BACKUP_BUCKET").value(b.bucket()).build());
        env.add(EnvVars.value("BACKUP_PREFIX", b.prefix()));
        env.add(EnvVars.value("MYSQL_DATABASE", b.mysql().database()));
        env.add(EnvVars.value("AWS_REGION", region));
        env.add(EnvVars.value("AWS_DEFAULT_REGION", region));
        env.add(EnvVars.value("BACKUP_WORK_DIR", WORK_PATH));
        env.add(EnvVars.value("HOME", "/tmp"));
        credentialsSecret.ifPresent(secret -> {
            env.add(fromSecret(ACCESS_KEY_ID, secret, ACCESS_KEY_ID));
            env.add(fromSecret(SECRET_ACCESS_KEY, secret, SECRET_ACCESS_KEY));
        });
        return env;
    }

    static EnvVarArgs fromSecret(String variable, String secret, String key) {
        return EnvVarArgs.builder().name(variable)
                .valueFrom(EnvVarSourceArgs.builder().secretKeyRef(SecretKeySelectorArgs.builder().name(secret).key(key).build()).build())
                .build();
    }

    static PodSpecArgs pod(Output<String> serviceAccount, String scriptsConfigMap, Optional<String> pullSecret,
                           SecureContainer first, SecureContainer second) {
        return SecurePodSpec.builder()
                .serviceAccountName(serviceAccount)
                .initContainer(first)
                .container(second)
                .restartPolicy("Never")
                .imagePullSecret(pullSecret)
                .runAsUser(1001)
                .sharedVolume(WORK_PATH, "8Gi")
                .configMapVolume(scriptsConfigMap, SCRIPTS_PATH)
                .build()
                .toArgs();
    }
}
