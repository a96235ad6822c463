// The deliberately insecure stack dump must be rejected rule by rule.

import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "path";
import { CONFIG_DIR, PACK_DIR, allPolicies, loadDump, loadPolicyConfig, runPack } from "./harness";

const FIXTURE = path.join(PACK_DIR, "test", "fixtures", "insecure.json");

/** A substring each rule's violations on the fixture must include (at least one violation per rule). */
const EXPECTED: Record<string, string> = {
    "k8s-run-as-non-root": 'initContainer "setup" runs as root (runAsUser: 0)',
    "k8s-no-privilege-escalation": 'container "app" does not set securityContext.allowPrivilegeEscalation: false',
    "k8s-drop-all-capabilities": "adds capabilities SYS_ADMIN",
    "k8s-read-only-root-filesystem": "readOnlyRootFilesystem: true",
    "k8s-seccomp-profile": "uses seccomp profile Unconfined",
    "k8s-no-host-namespaces": "sets hostNetwork: true, hostPID: true, hostIPC: true",
    "k8s-no-host-path": 'volume "docker" is a hostPath volume',
    "k8s-no-privileged": 'container "app" runs privileged',
    "k8s-no-host-ports": 'container "agent" binds host port(s) 9100',
    "k8s-no-host-process": "runs as a Windows HostProcess container",
    "k8s-no-proc-mount": "sets securityContext.procMount: Unmasked",
    "k8s-restrict-selinux": "seLinuxOptions type spc_t",
    "k8s-restrict-apparmor": "container.apparmor.security.beta.kubernetes.io/agent is \"unconfined\"",
    "k8s-restrict-sysctls": "sets unsafe sysctl(s) kernel.msgmax",
    "k8s-restrict-volume-types": 'volume "shared" has type nfs',
    "k8s-network-policy-no-allow-all": 'NetworkPolicy "allow-all": spec.ingress[0] is a rule without from and ports',
    "k8s-namespace-pod-security": 'Namespace "legacy" has pod-security.kubernetes.io/enforce: (unset)',
    "s3-bucket-owner-enforced": 'S3 bucket "verto-db-backups" does not disable ACLs',
    "s3-bucket-access-logging": 'S3 bucket "verto-db-backups" has no access logging',
    "s3-bucket-no-public-acl": 'BucketAclV2 "legacy-assets-acl" (bucket verto-legacy-assets) makes the bucket public: canned ACL public-read',
    "s3-bucket-policy-no-public-principal": 'BucketPolicy "legacy-assets-policy" (bucket verto-legacy-assets): Statement[0] (PublicRead) allows Principal "*"',
    "k8s-resources-requests-limits": "is missing resources requests.cpu, requests.memory, limits.cpu, limits.memory",
    "k8s-liveness-readiness-probes": 'container "app" has no livenessProbe and readinessProbe',
    "k8s-image-pinned": 'image "ghcr.io/verto/legacy:latest" uses the latest tag',
    "k8s-no-nodeport-loadbalancer": 'Service "legacy" has spec.type LoadBalancer',
    "k8s-ingress-tls": 'Ingress "legacy" has no spec.tls',
    "k8s-secret-not-plaintext": 'Secret "legacy-db" has plaintext value(s) in stringData.password, stringData.username',
    "k8s-namespace-default-deny": 'Namespace "legacy" has no default-deny NetworkPolicy',
    "k8s-namespace-resource-quota": 'Namespace "legacy" has no ResourceQuota',
    "k8s-production-hpa": 'Deployment "legacy" has no HorizontalPodAutoscaler',
    "k8s-production-pdb": 'Deployment "legacy" has no PodDisruptionBudget',
    "k8s-vpa-not-auto-with-hpa": 'VerticalPodAutoscaler "legacy-batch-vpa" has updateMode Auto while HorizontalPodAutoscaler "legacy-batch"',
    "s3-bucket-encryption": 'S3 bucket "verto-db-backups" has no default encryption',
    "s3-bucket-versioning": 'S3 bucket "verto-db-backups" does not have versioning enabled',
    "s3-bucket-public-access-block": 'S3 bucket "verto-legacy-assets" has no BucketPublicAccessBlock',
    "s3-bucket-deny-insecure-transport": 'S3 bucket "verto-db-backups" has no bucket policy denying',
    "s3-backup-bucket-lifecycle": 'Backup S3 bucket "verto-db-backups" has no enabled lifecycle configuration',
    "cloudfront-viewer-https": "defaultCacheBehavior.viewerProtocolPolicy is allow-all",
    "cloudfront-tls-1-2": "uses the default CloudFront certificate, which cannot guarantee TLSv1.2",
    "cloudfront-access-logging": 'CloudFront distribution "legacy-cdn" has no access logging',
    "cloudfront-origin-access-control": 'is an S3 origin without origin access control',
    "cloudfront-waf": 'CloudFront distribution "legacy-cdn" has no WAF web ACL',
    "cloudfront-origin-https": 'origins[0] (origin.verto.example) will be reached over HTTP (originProtocolPolicy http-only)',
    "k8s-image-registry-allowed": 'pulls "docker.io/evil/agent:1.0.0" from docker.io/evil/agent',
    "k8s-no-plaintext-credentials": 'ConfigMap "legacy-settings": data.application.properties holds a spring.datasource.password setting',
    "k8s-service-no-external-name": 'Service "legacy-alias" will be a DNS alias for "localhost"',
    "k8s-ingress-host-required": 'Ingress "legacy-catchall": spec.rules[0] has no host',
    "k8s-ingress-safe-annotations": 'annotation nginx.ingress.kubernetes.io/server-snippet injects raw controller configuration',
    "k8s-object-matches-type": 'its inputs say kind DaemonSet and apiVersion extensions/v1beta1 while its type token kubernetes:verto.io/v1:Harmless',
    "k8s-no-deprecated-api": 'DaemonSet "sneaky-agent" uses extensions/v1beta1, removed in Kubernetes 1.22',
    "k8s-no-opaque-installers": 'Release "legacy-chart" installs Helm chart "legacy-monitoring"',
    "k8s-no-default-namespace": 'DaemonSet "sneaky-agent" will be created in the default namespace',
    "k8s-rbac-no-wildcards": 'ClusterRole "legacy-operator": rules[0] grants wildcards',
    "k8s-rbac-no-escalation": 'ClusterRole "legacy-operator": rules[0] lets its subjects escalate roles',
    "k8s-rbac-no-secrets-read": 'ClusterRole "legacy-operator": rules[0] lets its subjects get every Secret',
    "k8s-rbac-no-broad-subjects": 'binds ClusterRole "legacy-operator" to Group system:serviceaccounts',
    "iam-no-wildcard-grants": 'RolePolicy "legacy-backup": policy grants every s3 action on every resource',
    "kms-key-rotation": 'KMS key "legacy-key" will never rotate',
};

describe("fixtures/insecure.json", () => {
    const dump = loadDump(FIXTURE);
    const diagnostics = runPack(dump);

    it("lists an expectation for every policy of the pack", () => {
        assert.deepEqual(Object.keys(EXPECTED).sort(), allPolicies.map(p => p.name).sort());
    });

    for (const policy of allPolicies) {
        it(`is rejected by ${policy.name}`, () => {
            const mine = diagnostics.filter(d => d.policy === policy.name);
            assert.ok(mine.length > 0, `${policy.name} reported nothing on the insecure fixture`);
            assert.ok(mine.some(d => d.message.includes(EXPECTED[policy.name])),
                `${policy.name}: no message contains ${JSON.stringify(EXPECTED[policy.name])}; got ${JSON.stringify(mine.map(d => d.message))}`);
        });
    }

    it("is fully decided (no preview-time unknowns) and never leaks the plaintext secret", () => {
        assert.deepEqual(diagnostics.filter(d => d.message.includes("can't run policy")), []);
        assert.ok(diagnostics.every(d => !d.message.includes("hunter2")));
    });

    it("says in every violation what will exist, why it is unsafe and the fix", () => {
        const bare = diagnostics.filter(d => !/\. Why: .+\. Fix: .+/s.test(d.message));
        assert.deepEqual(bare.map(d => `${d.policy}: ${d.message}`), []);
    });

    it("fails the production configuration with mandatory violations", () => {
        const mandatory = runPack(dump, loadPolicyConfig(path.join(CONFIG_DIR, "production.json"))).filter(d => d.level === "mandatory");
        assert.ok(new Set(mandatory.map(d => d.policy)).size >= allPolicies.length - 1);
    });
});
