package io.verto.infra.config;

import io.verto.infra.types.Port;
import io.verto.infra.types.Resources;

import java.util.Optional;

/**
 * Everything that differs between environments, read once from the stack's Pulumi config and
 * validated before any resource exists (see {@link StackSettingsLoader}). Immutable.
 *
 * @param stack                      the Pulumi stack name
 * @param environment                which of the design's environments this stack is
 * @param namespace                  the Kubernetes namespace everything lands in
 * @param domain                     the public host name served by the ingress
 * @param kubernetes                 where manifests go: a cluster context, or a directory
 * @param database                   the MySQL endpoint (design 2.2)
 * @param redis                      the Redis endpoint (design 2.2)
 * @param containerResources         requests and limits of each application container
 * @param replicas                   the desired pod count of each service
 * @param autoscaling                HPA bounds and targets, when autoscaling is on
 * @param imageRegistry              registry and path prefix of the application images
 * @param imageTag                   the release tag (or sha256 digest) deployed
 * @param logLevel                   LOG_LEVEL handed to the applications
 * @param corsOrigin                 CORS_ORIGIN handed to the backend
 * @param clusterIssuer              cert-manager ClusterIssuer that signs the TLS certificate
 * @param ingressControllerNamespace namespace of the ingress-nginx controller, allowed in by NetworkPolicy
 * @param imagePullSecret            the registry pull secret's name, if images are private
 * @param spreadAcrossZones          spread each service's pods across availability zones
 * @param secrets                    the application's secrets, only ever handled as Pulumi secrets
 */
public record StackSettings(
        String stack,
        Environment environment,
        String namespace,
        String domain,
        KubernetesTarget kubernetes,
        Database database,
        Endpoint redis,
        Resources containerResources,
        int replicas,
        Optional<Autoscaling> autoscaling,
        String imageRegistry,
        String imageTag,
        String logLevel,
        String corsOrigin,
        String clusterIssuer,
        String ingressControllerNamespace,
        Optional<String> imagePullSecret,
        boolean spreadAcrossZones,
        AppSecrets secrets) {

    /**
     * Where the Kubernetes provider sends manifests.
     *
     * @param context         kubeconfig context of the target cluster
     * @param renderDirectory when set, manifests are written here instead and no cluster is contacted
     */
    public record KubernetesTarget(Optional<String> context, Optional<String> renderDirectory) { }

    /**
     * A network endpoint outside the namespace.
     *
     * @param host host name
     * @param port port
     * @param cidr when set, egress to it is limited to this address range; otherwise any address on that port
     */
    public record Endpoint(String host, Port port, Optional<String> cidr) { }

    /**
     * @param endpoint where MySQL listens
     * @param name     schema name
     * @param user     login user; its password is the {@code databasePassword} secret
     */
    public record Database(Endpoint endpoint, String name, String user) { }

    /**
     * @param minReplicas             lower bound of the HPA
     * @param maxReplicas             upper bound of the HPA
     * @param targetCpuPercent        average CPU utilisation the HPA aims for
     * @param targetMemoryPercent     average memory utilisation the HPA aims for
     */
    public record Autoscaling(int minReplicas, int maxReplicas, int targetCpuPercent, int targetMemoryPercent) { }

    /** The four secrets of design section 5.3. */
    public record AppSecrets(SecretValue databasePassword, SecretValue jwtSecret, SecretValue redisPassword, SecretValue encryptionKey) { }
}
