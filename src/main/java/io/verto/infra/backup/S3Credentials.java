package io.verto.infra.backup;

import com.pulumi.core.Output;

/** How one kind of backup pod (writer or reader) authenticates to S3. */
public sealed interface S3Credentials {
    /** An IAM role annotated on the pods' service account (EKS IRSA): no key exists anywhere. */
    record ServiceAccountRole(Output<String> roleArn) implements S3Credentials { }

    /** EKS Pod Identity: the association (made in AWS) hands the role to the service account; nothing on the pod. */
    record PodIdentity() implements S3Credentials { }

    /**
     * An access key, given only as secret outputs; it reaches the pods as a Kubernetes Secret, never as a
     * plain value.
     */
    record AccessKey(Output<String> accessKeyId, Output<String> secretAccessKey) implements S3Credentials { }
}
