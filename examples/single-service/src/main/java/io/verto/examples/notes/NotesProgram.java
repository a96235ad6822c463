package io.verto.examples.notes;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.backup.MysqlBackupCronJob;
import io.verto.infra.backup.MysqlBackupCronJobArgs;
import io.verto.infra.backup.MysqlTarget;
import io.verto.infra.backup.S3Credentials;
import io.verto.infra.kubernetes.Labels;
import io.verto.infra.kubernetes.configuration.AppConfiguration;
import io.verto.infra.kubernetes.configuration.AppConfigurationArgs;
import io.verto.infra.kubernetes.ingress.IngressRoute;
import io.verto.infra.kubernetes.ingress.WebIngress;
import io.verto.infra.kubernetes.ingress.WebIngressArgs;
import io.verto.infra.kubernetes.namespace.NamespaceQuota;
import io.verto.infra.kubernetes.namespace.SecureNamespace;
import io.verto.infra.kubernetes.namespace.SecureNamespaceArgs;
import io.verto.infra.kubernetes.network.NetworkPeer;
import io.verto.infra.kubernetes.network.NetworkRule;
import io.verto.infra.kubernetes.workload.EnvVars;
import io.verto.infra.kubernetes.workload.HttpProbe;
import io.verto.infra.kubernetes.workload.SecureContainer;
import io.verto.infra.kubernetes.workload.WebService;
import io.verto.infra.kubernetes.workload.WebServiceArgs;
import io.verto.infra.monitoring.ScrapeArgs;
import io.verto.infra.monitoring.ScrapeTarget;
import io.verto.infra.monitoring.ServiceMonitors;
import io.verto.infra.types.Capacity;
import io.verto.infra.types.ContainerLimits;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Port;
import io.verto.infra.types.Resources;
import io.verto.infra.types.Scaling;

import java.util.List;
import java.util.Map;

/**
 * The notes service on Kubernetes: one HTTP service reading MySQL, published over HTTPS, backed up every night
 * to an existing S3 bucket through an existing IAM role (so this program creates nothing in AWS). Everything is
 * made of verto-infra's public components; each is secure by default (restricted pods, default-deny network,
 * requests and limits, probes, secrets only from Pulumi secrets).
 */
public final class NotesProgram {
    public static final String APP = "notes";
    public static final String SERVICE = "notes-api";
    public static final String CONFIG_MAP = "notes-config";
    public static final String SECRET = "notes-secrets";
    public static final String PASSWORD_KEY = "DATABASE_PASSWORD";
    public static final Port HTTP = Port.tcp(8080);
    public static final Port METRICS = Port.tcp(9090);
    public static final String INGRESS_CONTROLLER_NAMESPACE = "ingress-nginx";
    public static final String MONITORING_NAMESPACE = "monitoring";
    /** The service container's requests and limits. */
    public static final Resources API_RESOURCES = new Resources(Cpu.millis(250), Memory.mebibytes(256), Cpu.millis(500), Memory.mebibytes(512));

    private NotesProgram() { }

    public static void main(String[] args) {
        Pulumi.run(NotesProgram::define);
    }

    /** Registers every resource of the stack. */
    public static void define(Context ctx) {
        NotesSettings settings = NotesSettings.read(ctx.config(), ctx.stackName());

        // A render directory wins over a context: the provider then writes YAML and never contacts a cluster.
        var providerArgs = ProviderArgs.builder();
        settings.renderDirectory().ifPresentOrElse(providerArgs::renderYamlToDirectory,
                () -> settings.kubeContext().ifPresent(providerArgs::context));
        var provider = new Provider("kubernetes", providerArgs.build());
        var options = ComponentResourceOptions.builder().providers(provider).build();

        // The LimitRange must admit the service's container, and the quota must hold every pod at once: the service
        // at its replica count plus its rolling-update pod, and the backup pod, plus a quarter for anything else.
        ContainerLimits limits = ContainerLimits.designDefault();
        limits.refusal(API_RESOURCES).ifPresent(refusal -> {
            throw new IllegalStateException(SERVICE + ": the LimitRange would refuse the container: " + refusal.reason());
        });
        Capacity peak = Capacity.of(API_RESOURCES, settings.replicas() + WebService.MAX_SURGE)
                .plus(Capacity.of(MysqlBackupCronJob.POD_RESOURCES, 1))
                .withHeadroom(25);

        var namespace = new SecureNamespace(APP, SecureNamespaceArgs.builder()
                .name(settings.namespace())
                .environment(settings.environment())
                .partOf(APP)
                .quota(NamespaceQuota.forBudget(Cpu.cores(1), Memory.gibibytes(2)).fitting(peak))
                .containerLimits(limits)
                .acmeHttp01SolverFrom(INGRESS_CONTROLLER_NAMESPACE)
                .build(), options);
        Output<String> ns = namespace.namespaceName();

        var configuration = new AppConfiguration("config", AppConfigurationArgs.builder()
                .namespace(ns)
                .partOf(APP)
                .configMap(CONFIG_MAP, Map.of(
                        "DATABASE_HOST", settings.databaseHost(),
                        "DATABASE_PORT", String.valueOf(settings.databasePort()),
                        "DATABASE_NAME", settings.databaseName(),
                        "DATABASE_USER", settings.databaseUser(),
                        "PUBLIC_URL", "https://" + settings.domain()))
                .secretName(SECRET)
                .secret(PASSWORD_KEY, settings.databasePassword())
                .build(), options);

        var api = new WebService(SERVICE, WebServiceArgs.builder()
                .namespace(ns)
                .name(SERVICE)
                .component("api")
                .partOf(APP)
                .environment(settings.environment())
                .container(SecureContainer.builder()
                        .name("api")
                        .image(settings.image())
                        .resources(API_RESOURCES)
                        .port(HTTP)
                        .metricsPort(METRICS)
                        .livenessProbe(HttpProbe.of("/livez", 15, 10))
                        .readinessProbe(HttpProbe.of("/readyz", 5, 5))
                        .envFromConfigMaps(List.of(CONFIG_MAP))
                        .env(List.of(EnvVars.fromSecret(SECRET, PASSWORD_KEY)))
                        .build())
                .scaling(Scaling.fixed(settings.replicas()))
                .allowIngress(
                        NetworkRule.of(NetworkPeer.namespace(INGRESS_CONTROLLER_NAMESPACE), HTTP),
                        NetworkRule.of(NetworkPeer.namespace(MONITORING_NAMESPACE), METRICS))
                .allowEgress(NetworkRule.to(settings.databaseCidrs(), Port.tcp(settings.databasePort())))
                .build(), options);

        var ingress = new WebIngress(APP, WebIngressArgs.builder()
                .namespace(ns)
                .name(APP)
                .host(settings.domain())
                .clusterIssuer(settings.clusterIssuer())
                .tlsSecretName(APP + "-tls")
                .partOf(APP)
                .route(IngressRoute.to("/", api))
                .build(), options);

        new ServiceMonitors("monitoring", ScrapeArgs.builder()
                .namespace(ns)
                .namespaceName(settings.namespace())
                .partOf(APP)
                .target(new ScrapeTarget(SERVICE, SERVICE + "-service", Labels.selector(SERVICE, APP), Labels.NAME,
                        SecureContainer.METRICS_PORT_NAME, "/metrics", List.of("http_requests_total")))
                .build(), options);

        // The dump logs in as its own read-only user, never as the service's; the library keeps both backup users'
        // passwords in a Secret of its own. The one existing role serves the writer (the backup) and the reader
        // (restores) alike; a role each (BackupAccess, in the aws package) would let each do only its part.
        var role = new S3Credentials.ServiceAccountRole(Output.of(settings.backupRoleArn()));
        var backup = new MysqlBackupCronJob("backup", MysqlBackupCronJobArgs.builder()
                .namespace(ns)
                .mysql(new MysqlTarget(settings.databaseHost(), Port.tcp(settings.databasePort()), settings.databaseName(),
                        settings.databaseCidrs(),
                        new MysqlTarget.User(settings.backupUser(), settings.backupPassword()),
                        new MysqlTarget.User(settings.restoreUser(), settings.restorePassword())))
                .bucket(Output.of(settings.backupBucket()))
                .region(settings.backupRegion())
                .writerCredentials(role)
                .readerCredentials(role)
                .schedule(settings.backupSchedule())
                .partOf(APP)
                .environment(settings.environment())
                .build(), options);

        ctx.export("namespace", ns);
        ctx.export("url", ingress.url());
        ctx.export("deployment", api.deploymentName());
        ctx.export("secret", configuration.secretName());
        ctx.export("backupCronJob", backup.cronJobName());
        ctx.export("backupLocation", Output.of("s3://" + settings.backupBucket() + "/mysql/"));
    }
}
