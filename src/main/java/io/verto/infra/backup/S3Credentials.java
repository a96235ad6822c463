package io.verto.infra.backup;

import com.pulumi.core.Output;

/** How the backup and restore pods authenticate to S3. */
public sealed interface S3Credentials {
    /** An IAM role annotated on the pods' service account (EKS IRSA): no key exists anywhere. */
    record ServiceAccountRole(Output<String> roleArn) implements S3Credentials { }

    /**
     * An access key, given only as secret outputs; it reaches the pods as a Kubernetes Secret, never as a
     * plain value.
     */
    record AccessKey(Output<String> accessKeyId, Output<String> secretAccessKey) implements S3Credentials { }
}
