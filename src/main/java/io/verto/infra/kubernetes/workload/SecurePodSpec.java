package io.verto.infra.kubernetes.workload;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.LocalObjectReferenceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.TopologySpreadConstraintArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pod spec that passes Pod Security Admission {@code restricted}, for Deployments, Jobs and CronJobs
 * alike: a non-root uid/gid with seccomp RuntimeDefault at pod level, no service-account token, no
 * service links, {@link SecureContainer}s, and a small writable emptyDir for each writable path.
 * Required: serviceAccountName, at least one container.
 */
public final class SecurePodSpec {
    /** Size cap of each writable emptyDir; a runaway writer is evicted instead of filling the node. */
    public static final String WRITABLE_VOLUME_SIZE = "256Mi";

    private final Output<String> serviceAccountName;
    private final List<SecureContainer> containers;
    private final long runAsUser;
    private final Optional<String> imagePullSecret;
    private final Optional<Map<String, String>> spreadAcrossZones;
    private final Optional<String> restartPolicy;
    private final List<SecureContainer> initContainers;
    private final Optional<Volume> sharedVolume;
    private final Optional<Volume> configMapVolume;

    /** A volume mounted at the same path in every container (init containers included). */
    private record Volume(String source, String path) { }

    private SecurePodSpec(Builder b) {
        this.serviceAccountName = Objects.requireNonNull(b.serviceAccountName, "SecurePodSpec.serviceAccountName is required");
        this.containers = List.copyOf(b.containers);
        this.runAsUser = b.runAsUser;
        this.imagePullSecret = b.imagePullSecret;
        this.spreadAcrossZones = b.spreadAcrossZones;
        this.restartPolicy = b.restartPolicy;
        this.initContainers = List.copyOf(b.initContainers);
        this.sharedVolume = b.sharedVolume;
        this.configMapVolume = b.configMapVolume;
        if (containers.isEmpty()) {
            throw new IllegalArgumentException("SecurePodSpec needs at least one container");
        }
        checkRunAsUser(runAsUser);
    }

    /**
     * @throws IllegalArgumentException when the uid is root (0) or negative
     */
    public static void checkRunAsUser(long uid) {
        if (uid < 1) {
            throw new IllegalArgumentException("runAsUser must be a non-root uid (>= 1), got " + uid);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<SecureContainer> containers() { return containers; }

    public PodSpecArgs toArgs() {
        List<VolumeArgs> volumes = new ArrayList<>();
        List<com.pulumi.kubernetes.core.v1.inputs.ContainerArgs> containerArgs = new ArrayList<>();
        List<com.pulumi.kubernetes.core.v1.inputs.ContainerArgs> initArgs = new ArrayList<>();
        List<VolumeMountArgs> everyContainer = new ArrayList<>();
        sharedVolume.ifPresent(v -> {
            volumes.add(VolumeArgs.builder().name("shared")
                    .emptyDir(EmptyDirVolumeSourceArgs.builder().sizeLimit(v.source()).build()).build());
            everyContainer.add(VolumeMountArgs.builder().name("shared").mountPath(v.path()).build());
        });
        configMapVolume.ifPresent(v -> {
            volumes.add(VolumeArgs.builder().name("scripts")
                    .configMap(ConfigMapVolumeSourceArgs.builder().name(v.source()).defaultMode(0555).build()).build());
            everyContainer.add(VolumeMountArgs.builder().name("scripts").mountPath(v.path()).readOnly(true).build());
        });
        List<SecureContainer> all = new ArrayList<>(initContainers);
        all.addAll(containers);
        for (SecureContainer container : all) {
            List<VolumeMountArgs> mounts = new ArrayList<>(everyContainer);
            for (String path : container.writablePaths()) {
                String volume = "writable-" + volumes.size();
                volumes.add(VolumeArgs.builder().name(volume)
                        .emptyDir(EmptyDirVolumeSourceArgs.builder().sizeLimit(WRITABLE_VOLUME_SIZE).build()).build());
                mounts.add(VolumeMountArgs.builder().name(volume).mountPath(path).build());
            }
            (initContainers.contains(container) ? initArgs : containerArgs).add(container.toArgs(runAsUser, mounts));
        }
        var spec = PodSpecArgs.builder()
                .serviceAccountName(serviceAccountName)
                .automountServiceAccountToken(false)
                .enableServiceLinks(false)
                .securityContext(PodSecurityContextArgs.builder()
                        .runAsNonRoot(true)
                        .runAsUser((int) runAsUser)
                        .runAsGroup((int) runAsUser)
                        .fsGroup((int) runAsUser)
                        .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                        .build())
                .containers(containerArgs)
                .volumes(volumes);
        if (!initArgs.isEmpty()) {
            spec.initContainers(initArgs);
        }
        restartPolicy.ifPresent(spec::restartPolicy);
        imagePullSecret.ifPresent(secret -> spec.imagePullSecrets(LocalObjectReferenceArgs.builder().name(secret).build()));
        spreadAcrossZones.ifPresent(podLabels -> {
            var selector = LabelSelectorArgs.builder().matchLabels(podLabels).build();
            spec.topologySpreadConstraints(List.of(
                    // Zones are a hard requirement (multi-AZ production); nodes within a zone are best effort.
                    TopologySpreadConstraintArgs.builder().topologyKey("topology.kubernetes.io/zone").maxSkew(1)
                            .whenUnsatisfiable("DoNotSchedule").labelSelector(selector).build(),
                    TopologySpreadConstraintArgs.builder().topologyKey("kubernetes.io/hostname").maxSkew(1)
                            .whenUnsatisfiable("ScheduleAnyway").labelSelector(selector).build()));
        });
        return spec.build();
    }

    public static final class Builder {
        private Output<String> serviceAccountName;
        private final List<SecureContainer> containers = new ArrayList<>();
        private long runAsUser = 1001;
        private Optional<String> imagePullSecret = Optional.empty();
        private Optional<Map<String, String>> spreadAcrossZones = Optional.empty();
        private Optional<String> restartPolicy = Optional.empty();
        private final List<SecureContainer> initContainers = new ArrayList<>();
        private Optional<Volume> sharedVolume = Optional.empty();
        private Optional<Volume> configMapVolume = Optional.empty();

        /** The pod's ServiceAccount; its token is never mounted. Required. */
        public Builder serviceAccountName(Output<String> name) { this.serviceAccountName = name; return this; }

        /** Adds a container. At least one is required. */
        public Builder container(SecureContainer container) { containers.add(container); return this; }

        /** The uid (and gid, fsGroup) every container runs as. Default 1001, the user the design's Dockerfiles create. */
        public Builder runAsUser(long uid) { this.runAsUser = uid; return this; }

        /** The registry pull secret's name, when the images are private. Default none. */
        public Builder imagePullSecret(Optional<String> secret) { this.imagePullSecret = secret; return this; }

        /**
         * Spreads the pods carrying these labels evenly across availability zones (required) and nodes
         * (best effort). Default: no spread constraint.
         */
        public Builder spreadAcrossZones(Map<String, String> podLabels) { this.spreadAcrossZones = Optional.of(podLabels); return this; }

        /** The pod's restartPolicy. Default Kubernetes' own (Always); Jobs set OnFailure or Never. */
        public Builder restartPolicy(String policy) { this.restartPolicy = Optional.of(policy); return this; }

        /** Adds a container that runs to completion, in order, before the containers start. Default none. */
        public Builder initContainer(SecureContainer container) { initContainers.add(container); return this; }

        /**
         * One writable emptyDir of at most {@code sizeLimit}, mounted at {@code path} in every container, for
         * handing files from an init container to the next. Default none.
         */
        public Builder sharedVolume(String path, String sizeLimit) { this.sharedVolume = Optional.of(new Volume(sizeLimit, path)); return this; }

        /** Mounts a ConfigMap read-only (files mode 0555) at {@code path} in every container, e.g. scripts. Default none. */
        public Builder configMapVolume(String configMap, String path) { this.configMapVolume = Optional.of(new Volume(configMap, path)); return this; }

        public SecurePodSpec build() {
            return new SecurePodSpec(this);
        }
    }
}
