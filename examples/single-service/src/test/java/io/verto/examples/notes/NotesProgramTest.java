package io.verto.examples.notes;

import com.pulumi.test.PulumiTest;
import io.verto.examples.notes.MockRun.Registration;
import io.verto.infra.backup.BackupImages;
import io.verto.infra.backup.MysqlBackupCronJob;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo stack under Pulumi's mocks: what it creates, and that it is secure without asking. */
class NotesProgramTest {
    private static final String NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    private static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    private static final String CRON_JOB = "kubernetes:batch/v1:CronJob";
    private static final String SERVICE_ACCOUNT = "kubernetes:core/v1:ServiceAccount";
    private static final String SECRET = "kubernetes:core/v1:Secret";
    private static final String CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
    private static final String ROLE = "arn:aws:iam::123456789012:role/notes-backup";

    /** Every resource the program registers: type and name, components included. */
    private static final List<String> EXPECTED = List.of(
            "pulumi:providers:kubernetes kubernetes",
            "verto:kubernetes:SecureNamespace notes",
            "kubernetes:core/v1:Namespace notes",
            "kubernetes:core/v1:ResourceQuota notes-quota",
            "kubernetes:core/v1:LimitRange notes-limits",
            NETWORK_POLICY + " notes-default-deny",
            NETWORK_POLICY + " notes-acme-http01-solver",
            "verto:kubernetes:AppConfiguration config",
            CONFIG_MAP + " config-notes-config",
            SECRET + " config-secret",
            "verto:kubernetes:WebService notes-api",
            SERVICE_ACCOUNT + " notes-api",
            DEPLOYMENT + " notes-api",
            "kubernetes:core/v1:Service notes-api",
            "kubernetes:policy/v1:PodDisruptionBudget notes-api",
            NETWORK_POLICY + " notes-api",
            "verto:kubernetes:WebIngress notes",
            "kubernetes:networking.k8s.io/v1:Ingress notes",
            "verto:monitoring:ServiceMonitors monitoring",
            "kubernetes:monitoring.coreos.com/v1:ServiceMonitor notes-api",
            "verto:backup:MysqlBackupCronJob backup",
            SERVICE_ACCOUNT + " backup",
            SERVICE_ACCOUNT + " backup-restore",
            CONFIG_MAP + " backup-scripts",
            SECRET + " backup-db",
            NETWORK_POLICY + " backup",
            CRON_JOB + " backup");

    private static MockRun run;

    @BeforeAll
    static void runDemo() throws IOException {
        run = MockRun.demo();
        assertTrue(run.result.exceptions().isEmpty(), () -> "the program failed: " + run.result.exceptions());
        writeExpected();
    }

    @Test
    void registersExactlyTheExpectedResources() {
        List<String> registered = run.registered.stream()
                .filter(r -> !r.type().equals("pulumi:pulumi:Stack"))
                .map(r -> r.type() + " " + r.name()).sorted().toList();
        assertEquals(EXPECTED.stream().sorted().toList(), registered);
        assertEquals(20, run.kubernetesObjects().size(), "Kubernetes objects");
    }

    @Test
    void createsNothingInAws() {
        assertEquals(List.of(), run.registered.stream().map(Registration::type)
                .filter(t -> t.startsWith("aws:") || t.startsWith("pulumi:providers:aws")).toList());
    }

    @Test
    void namespaceEnforcesRestrictedPodSecurity() {
        var namespace = run.one("kubernetes:core/v1:Namespace", "notes");
        assertEquals("notes-demo", namespace.at("metadata.name"));
        for (String mode : List.of("enforce", "audit", "warn")) {
            assertEquals("restricted", namespace.key("metadata.labels", "pod-security.kubernetes.io/" + mode), mode);
        }
    }

    @Test
    void everythingElseIsDeniedByDefault() {
        var deny = run.one(NETWORK_POLICY, "notes-default-deny");
        assertEquals(Map.of(), deny.at("spec.podSelector"));
        assertEquals(List.of("Ingress", "Egress"), deny.at("spec.policyTypes"));
        assertNull(deny.at("spec.ingress"));
        assertNull(deny.at("spec.egress"));
    }

    @Test
    void serviceReachesOnlyDnsAndTheDatabaseRange() {
        var policy = run.one(NETWORK_POLICY, "notes-api");
        @SuppressWarnings("unchecked")
        var egress = (List<Map<String, Object>>) policy.at("spec.egress");
        assertEquals(2, egress.size(), "DNS and MySQL");
        assertEquals(53L, MockRun.at(egress.get(0), "ports[0].port"));
        assertEquals("10.20.30.0/24", MockRun.at(egress.get(1), "to[0].ipBlock.cidr"));
        assertEquals(3306L, MockRun.at(egress.get(1), "ports[0].port"));
        assertEquals(1, ((List<?>) egress.get(1).get("to")).size());
        // In: the ingress controller on the HTTP port, Prometheus on the metrics port.
        assertEquals("ingress-nginx", policy.key("spec.ingress[0].from[0].namespaceSelector.matchLabels", "kubernetes.io/metadata.name"));
        assertEquals(8080L, policy.at("spec.ingress[0].ports[0].port"));
        assertEquals("monitoring", policy.key("spec.ingress[1].from[0].namespaceSelector.matchLabels", "kubernetes.io/metadata.name"));
        assertEquals(9090L, policy.at("spec.ingress[1].ports[0].port"));
    }

    @Test
    void serviceContainerIsRestrictedSizedAndProbed() {
        var deployment = run.one(DEPLOYMENT, "notes-api");
        assertEquals(2L, deployment.at("spec.replicas"));
        assertEquals("registry.example.com/notes/api:2.3.1", deployment.at("spec.template.spec.containers[0].image"));
        assertEquals(false, deployment.at("spec.template.spec.automountServiceAccountToken"));
        assertRestricted(deployment, "spec.template.spec.containers[0]");
        assertEquals(Map.of("cpu", "250m", "memory", "256Mi"), deployment.at("spec.template.spec.containers[0].resources.requests"));
        assertEquals(Map.of("cpu", "500m", "memory", "512Mi"), deployment.at("spec.template.spec.containers[0].resources.limits"));
        assertEquals("/livez", deployment.at("spec.template.spec.containers[0].livenessProbe.httpGet.path"));
        assertEquals("/readyz", deployment.at("spec.template.spec.containers[0].readinessProbe.httpGet.path"));
        assertEquals(0L, deployment.at("spec.strategy.rollingUpdate.maxUnavailable"));
        // Settings from the ConfigMap, the password from the Secret by reference.
        assertEquals("notes-config", deployment.at("spec.template.spec.containers[0].envFrom[0].configMapRef.name"));
        assertEquals("notes-secrets", deployment.at("spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name"));
        assertEquals("DATABASE_PASSWORD", deployment.at("spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key"));
    }

    @Test
    void nightlyBackupGoesToTheExistingBucketThroughTheExistingRole() {
        var cronJob = run.one(CRON_JOB, "backup");
        assertEquals("30 3 * * *", cronJob.at("spec.schedule"));
        // Read in UTC, the library's default zone, stated rather than left to the controller's clock.
        assertEquals("Etc/UTC", cronJob.at("spec.timeZone"));
        assertEquals("Forbid", cronJob.at("spec.concurrencyPolicy"));
        String pod = "spec.jobTemplate.spec.template.spec";
        String dump = pod + ".initContainers[0]";
        String upload = pod + ".containers[0]";
        assertRestricted(cronJob, dump);
        assertRestricted(cronJob, upload);
        // Each step in the library's image for it, pinned by digest: the kubelet pulls those bytes, whatever the tag.
        assertEquals(BackupImages.MYSQL_CLIENT.toString(), cronJob.at(dump + ".image"));
        assertEquals(BackupImages.AWS_CLI.toString(), cronJob.at(upload + ".image"));
        for (String container : List.of(dump, upload)) {
            assertTrue(((String) cronJob.at(container + ".image")).matches(".*@sha256:[0-9a-f]{64}"), container);
        }
        // The dump logs in as the read-only backup user with its password from the library's Secret, never as the
        // service's user or from the service's Secret; the upload gets the bucket.
        assertEquals("notes-db.internal.example.com", envNamed(cronJob, dump, "MYSQL_HOST").get("value"));
        assertEquals("notes", envNamed(cronJob, dump, "MYSQL_DATABASE").get("value"));
        assertEquals("notes_backup", envNamed(cronJob, dump, "MYSQL_USER").get("value"));
        assertEquals(MysqlBackupCronJob.DATABASE_SECRET, MockRun.at(envNamed(cronJob, dump, "MYSQL_PWD"), "valueFrom.secretKeyRef.name"));
        assertEquals("DUMP_PASSWORD", MockRun.at(envNamed(cronJob, dump, "MYSQL_PWD"), "valueFrom.secretKeyRef.key"));
        assertFalse(cronJob.inputs().toString().contains(NotesProgram.SECRET), "the backup reads the service's Secret");
        assertEquals("notes-backups-demo", envNamed(cronJob, upload, "BACKUP_BUCKET").get("value"));
        // The backup writes as mysql-backup; restores would read as mysql-restore: both through the existing role.
        assertEquals("mysql-backup", cronJob.at(pod + ".serviceAccountName"));
        assertEquals("mysql-backup", run.one(SERVICE_ACCOUNT, "backup").at("metadata.name"));
        assertEquals("mysql-restore", run.one(SERVICE_ACCOUNT, "backup-restore").at("metadata.name"));
        for (String account : List.of("backup", "backup-restore")) {
            assertEquals(ROLE, run.one(SERVICE_ACCOUNT, account).key("metadata.annotations", "eks.amazonaws.com/role-arn"), account);
        }
        // An IAM role, so no access key exists anywhere.
        assertTrue(run.ofType(SECRET).stream().map(s -> s.at("metadata.name"))
                .noneMatch(name -> "mysql-backup-aws".equals(name) || "mysql-restore-aws".equals(name)));
        var policy = run.one(NETWORK_POLICY, "backup");
        assertEquals("10.20.30.0/24", policy.at("spec.egress[1].to[0].ipBlock.cidr"));
    }

    @Test
    void everyContainerHasRequestsAndLimits() {
        for (var workload : List.of(run.one(DEPLOYMENT, "notes-api"), run.one(CRON_JOB, "backup"))) {
            String pod = workload.type().equals(CRON_JOB) ? "spec.jobTemplate.spec.template.spec" : "spec.template.spec";
            for (String list : List.of("containers", "initContainers")) {
                if (workload.at(pod + "." + list) instanceof List<?> containers) {
                    for (int i = 0; i < containers.size(); i++) {
                        String c = pod + "." + list + "[" + i + "]";
                        for (String field : List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")) {
                            assertNotNull(workload.at(c + ".resources." + field), workload.name() + " " + c + " " + field);
                        }
                    }
                }
            }
        }
    }

    @Test
    void quotaHoldsEveryPodAtOnce() {
        var quota = run.one("kubernetes:core/v1:ResourceQuota", "notes-quota");
        // (2 replicas + 1 surge) x 250m + backup 100m = 850m, +25 % = 1063m: the 1-core budget rounds up to 2 cores.
        assertEquals("2", quota.key("spec.hard", "requests.cpu"));
        assertEquals("2Gi", quota.key("spec.hard", "requests.memory"));
        assertNotNull(run.one("kubernetes:core/v1:LimitRange", "notes-limits").at("spec.limits[0].max"));
    }

    @Test
    void ingressIsHttpsOnlyForTheDomain() {
        var ingress = run.one("kubernetes:networking.k8s.io/v1:Ingress", "notes");
        assertEquals("notes.example.com", ingress.at("spec.tls[0].hosts[0]"));
        assertEquals("notes-tls", ingress.at("spec.tls[0].secretName"));
        assertEquals("notes-api-service", ingress.at("spec.rules[0].http.paths[0].backend.service.name"));
        assertEquals("true", ingress.key("metadata.annotations", "nginx.ingress.kubernetes.io/force-ssl-redirect"));
        assertEquals("https://notes.example.com", PulumiTest.extractValue(run.result.output("url", String.class)));
    }

    @Test
    void eachPasswordTravelsOnlyAsASecretInItsOwnSecret() {
        // The service's password in the service's Secret, the backup users' in the library's, each a Pulumi secret.
        assertEquals(Map.of(NotesProgram.PASSWORD_KEY, MockRun.PASSWORD), secretData(run.one(SECRET, "config-secret")));
        assertEquals(MysqlBackupCronJob.DATABASE_SECRET, run.one(SECRET, "backup-db").at("metadata.name"));
        assertEquals(Map.of("DUMP_PASSWORD", MockRun.BACKUP_PASSWORD, "RESTORE_PASSWORD", MockRun.RESTORE_PASSWORD),
                secretData(run.one(SECRET, "backup-db")));
        List<String> plain = new ArrayList<>();
        for (String password : MockRun.SECRETS.values()) {
            for (Registration r : run.registered) {
                findPlain(r.inputs(), password, r.type() + " " + r.name(), plain);
            }
        }
        assertEquals(List.of(), plain, "a password outside a secret");
        for (Registration configMap : run.ofType(CONFIG_MAP)) {
            for (String password : MockRun.SECRETS.values()) {
                assertFalse(configMap.inputs().toString().contains(password), configMap.name());
            }
        }
    }

    @Test
    void theMockRunMarksExactlyTheCommittedSecrets() {
        assertEquals(new TreeSet<>(MockRun.SECRETS.keySet()), MockRun.demoSecretKeys());
    }

    @Test
    void withoutEachOfItsSecretsTheStackFailsNamingIt() {
        for (String missing : MockRun.SECRETS.keySet()) {
            Map<String, String> config = MockRun.demoConfig();
            MockRun.SECRETS.forEach((key, value) -> {
                if (!key.equals(missing)) {
                    config.put(key, value);
                }
            });
            MockRun failed = MockRun.run(config);
            String errors = failed.result.exceptions().stream().map(Throwable::toString).collect(Collectors.joining("\n"));
            assertTrue(errors.contains(missing), missing + ": " + errors);
            assertTrue(failed.kubernetesObjects().isEmpty(), missing + ": nothing registered");
        }
    }

    /** Asserts the restricted securityContext of the container at {@code path}. */
    private static void assertRestricted(Registration workload, String path) {
        String sc = path + ".securityContext.";
        String where = workload.name() + " " + path;
        assertEquals(true, workload.at(sc + "runAsNonRoot"), where);
        assertEquals(false, workload.at(sc + "allowPrivilegeEscalation"), where);
        assertEquals(true, workload.at(sc + "readOnlyRootFilesystem"), where);
        assertEquals(List.of("ALL"), workload.at(sc + "capabilities.drop"), where);
        assertEquals("RuntimeDefault", workload.at(sc + "seccompProfile.type"), where);
    }

    /** A Secret's stringData, which must reach the engine as a Pulumi secret. */
    private static Object secretData(Registration secret) {
        Object stringData = secret.at("stringData");
        assertTrue(stringData instanceof Map<?, ?> m && MockRun.SECRET_SIG.equals(m.get(MockRun.SIG_KEY)),
                secret.name() + ": the Secret's data is a Pulumi secret: " + stringData);
        return ((Map<?, ?>) stringData).get("value");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> envNamed(Registration workload, String container, String name) {
        return ((List<Map<String, Object>>) workload.at(container + ".env")).stream()
                .filter(e -> name.equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(container + " has no " + name));
    }

    /** Collects where {@code text} appears in {@code value} outside Pulumi's secret marker. */
    private static void findPlain(Object value, String text, String where, List<String> found) {
        if (value instanceof Map<?, ?> map) {
            if (MockRun.SECRET_SIG.equals(map.get(MockRun.SIG_KEY))) {
                return;
            }
            map.forEach((k, v) -> findPlain(v, text, where + "." + k, found));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                findPlain(list.get(i), text, where + "[" + i + "]", found);
            }
        } else if (value instanceof String s && s.contains(text)) {
            found.add(where);
        }
    }

    /**
     * What scripts/example-test expects of the real engine, from this run: target/expected-resources.txt, every
     * resource as {@code <type> <name>} (the stack itself left out), and target/expected-manifests.txt, the file
     * each Kubernetes object is rendered to by the provider's renderYamlToDirectory
     * ({@code <group>_<version>-<kind>-<namespace>-<name>.yaml}).
     */
    private static void writeExpected() throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/expected-resources.txt"), run.registered.stream()
                .filter(r -> !r.type().equals("pulumi:pulumi:Stack"))
                .map(r -> r.type() + " " + r.name()).sorted().toList());
        var files = new TreeSet<String>();
        for (Registration r : run.kubernetesObjects()) {
            String[] token = r.type().split(":");
            String apiVersion = token[1].startsWith("core/") ? token[1].substring("core/".length()) : token[1];
            Object namespace = r.at("metadata.namespace");
            files.add(apiVersion.replace('/', '_') + "-" + token[2].toLowerCase() + "-" + (namespace == null ? "default" : namespace)
                    + "-" + r.at("metadata.name") + ".yaml");
        }
        Files.write(Path.of("target/expected-manifests.txt"), files);
    }
}
