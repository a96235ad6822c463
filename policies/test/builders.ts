// Builders for compliant resources (wire-format props); tests derive failing variants by changing one thing.

import { DumpResource, urnOf, wireSecret } from "./harness";

export const STACK = "production";

export function res(type: string, name: string, props: Record<string, unknown>, extra: Partial<DumpResource> = {}): DumpResource {
    return { type, name, urn: urnOf(STACK, type, name), props, ...extra };
}

export function goodContainer(name = "app", overrides: Record<string, unknown> = {}): Record<string, any> {
    return {
        name,
        image: "registry.gitlab.com/verto/platform/backend:1.4.2",
        securityContext: {
            runAsNonRoot: true,
            runAsUser: 10001,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
        },
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
        livenessProbe: { httpGet: { path: "/healthz", port: 8080 } },
        readinessProbe: { httpGet: { path: "/ready", port: 8080 } },
        ...overrides,
    };
}

export function goodInitContainer(name = "migrate", overrides: Record<string, unknown> = {}): Record<string, any> {
    const c = goodContainer(name, overrides);
    delete c.livenessProbe;
    delete c.readinessProbe;
    return { ...c, ...overrides };
}

export function goodPodSpec(overrides: Record<string, unknown> = {}): Record<string, any> {
    return {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
        containers: [goodContainer()],
        initContainers: [goodInitContainer()],
        volumes: [{ name: "tmp", emptyDir: {} }],
        ...overrides,
    };
}

export const APP_LABELS = { "app.kubernetes.io/name": "backend", "app.kubernetes.io/instance": "verto" };

/** A workload of the given kind wrapping `podSpec` at the right place. */
export function workload(kind: string, name: string, podSpec: Record<string, unknown> = goodPodSpec(),
    namespace = "verto"): DumpResource {
    const metadata = { name, namespace, labels: APP_LABELS };
    const template = { metadata: { labels: APP_LABELS }, spec: podSpec };
    const types: Record<string, string> = {
        Deployment: "kubernetes:apps/v1:Deployment",
        StatefulSet: "kubernetes:apps/v1:StatefulSet",
        DaemonSet: "kubernetes:apps/v1:DaemonSet",
        ReplicaSet: "kubernetes:apps/v1:ReplicaSet",
        Job: "kubernetes:batch/v1:Job",
        CronJob: "kubernetes:batch/v1:CronJob",
        Pod: "kubernetes:core/v1:Pod",
    };
    let props: Record<string, unknown>;
    switch (kind) {
        case "Pod": props = { metadata, spec: podSpec }; break;
        case "CronJob": props = { metadata, spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template } } } }; break;
        case "Job": props = { metadata, spec: { template } }; break;
        default: props = { metadata, spec: { replicas: 2, selector: { matchLabels: APP_LABELS }, template } };
    }
    return res(types[kind], name, { apiVersion: types[kind].split(":")[1], kind, ...props });
}

export const WORKLOAD_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"];

export function namespace(name: string, metadataName: string | undefined = name): DumpResource {
    return res("kubernetes:core/v1:Namespace", name, { metadata: metadataName === undefined ? {} : { name: metadataName } });
}

export function defaultDeny(namespaceName: string, spec: Record<string, unknown> = {}): DumpResource {
    return res("kubernetes:networking.k8s.io/v1:NetworkPolicy", `${namespaceName}-default-deny`, {
        metadata: { name: "default-deny", namespace: namespaceName },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"], ...spec },
    });
}

export function quota(namespaceName: string): DumpResource {
    return res("kubernetes:core/v1:ResourceQuota", `${namespaceName}-quota`, {
        metadata: { name: "quota", namespace: namespaceName },
        spec: { hard: { "requests.cpu": "4", "requests.memory": "8Gi", "limits.cpu": "8", "limits.memory": "16Gi" } },
    });
}

export function hpa(name: string, target: string, namespaceName = "verto", kind = "Deployment"): DumpResource {
    return res("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", name, {
        metadata: { name, namespace: namespaceName },
        spec: { scaleTargetRef: { apiVersion: "apps/v1", kind, name: target }, minReplicas: 2, maxReplicas: 6 },
    });
}

export function pdb(name: string, matchLabels: Record<string, string>, namespaceName = "verto"): DumpResource {
    return res("kubernetes:policy/v1:PodDisruptionBudget", name, {
        metadata: { name, namespace: namespaceName },
        spec: { minAvailable: 1, selector: { matchLabels } },
    });
}

export function k8sSecret(name: string, stringData: Record<string, unknown>): DumpResource {
    return res("kubernetes:core/v1:Secret", name, {
        apiVersion: "v1", kind: "Secret", metadata: { name, namespace: "verto" }, type: "Opaque", stringData,
    });
}

export { wireSecret };

// --- AWS ---------------------------------------------------------------------------------------------------------

export function bucket(name: string, bucketName: string | undefined = name, extra: Record<string, unknown> = {}): DumpResource {
    return res("aws:s3/bucketV2:BucketV2", name, { ...(bucketName === undefined ? {} : { bucket: bucketName }), ...extra });
}

export const DENY_INSECURE_POLICY = (bucketName: string) => JSON.stringify({
    Version: "2012-10-17",
    Statement: [{
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    }],
});

/** All sibling resources that make a bucket compliant with every S3 rule. */
export function bucketSiblings(name: string, ref: unknown, opts: { lifecycle?: boolean } = {}): DumpResource[] {
    const out: DumpResource[] = [
        res("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", `${name}-sse`, {
            bucket: ref, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
        }),
        res("aws:s3/bucketVersioningV2:BucketVersioningV2", `${name}-versioning`, {
            bucket: ref, versioningConfiguration: { status: "Enabled" },
        }),
        res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${name}-pab`, {
            bucket: ref, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        }),
        res("aws:s3/bucketPolicy:BucketPolicy", `${name}-policy`, { bucket: ref, policy: DENY_INSECURE_POLICY(String(ref)) }),
    ];
    if (opts.lifecycle) {
        out.push(res("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", `${name}-lifecycle`, {
            bucket: ref, rules: [{ id: "expire", status: "Enabled", expiration: { days: 35 } }],
        }));
    }
    out.push(
        res("aws:s3/bucketOwnershipControls:BucketOwnershipControls", `${name}-ownership`, {
            bucket: ref, rule: { objectOwnership: "BucketOwnerEnforced" },
        }),
        res("aws:s3/bucketLoggingV2:BucketLoggingV2", `${name}-logging`, {
            bucket: ref, targetBucket: "verto-access-logs", targetPrefix: `${name}/`,
        }),
    );
    return out;
}

export function distribution(name: string, overrides: Record<string, unknown> = {}): DumpResource {
    return res("aws:cloudfront/distribution:Distribution", name, {
        enabled: true,
        origins: [{ domainName: "assets.s3.eu-west-1.amazonaws.com", originId: "assets", originAccessControlId: "E2OAC" }],
        defaultCacheBehavior: {
            targetOriginId: "assets", viewerProtocolPolicy: "redirect-to-https",
            allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"],
        },
        orderedCacheBehaviors: [{ pathPattern: "/api/*", targetOriginId: "assets", viewerProtocolPolicy: "https-only" }],
        viewerCertificate: {
            acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc", sslSupportMethod: "sni-only",
            minimumProtocolVersion: "TLSv1.2_2021",
        },
        loggingConfig: { bucket: "logs.s3.amazonaws.com", prefix: "cdn/" },
        webAclId: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/verto/abc",
        restrictions: { geoRestriction: { restrictionType: "none" } },
        ...overrides,
    });
}
