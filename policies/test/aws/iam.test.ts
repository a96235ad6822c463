import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { parsePolicy } from "../../src/aws/iam/document";
import { allowedBy } from "../../src/aws/iam/evaluate";
import { iamNoWildcardGrants } from "../../src/aws/iam/rules";
import { kmsKeyRotation } from "../../src/aws/kms";
import { assertFails, assertPasses, resourceDiagnostics as run } from "../assertions";
import { res } from "../builders";

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });

describe("IAM evaluation", () => {
    it("lets a Deny that surely applies win, and a caller-chosen condition not", () => {
        const st = parsePolicy(doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" },
            { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1" } } }));
        assert.ok(Array.isArray(st));
        assert.equal(allowedBy(st as any, { kind: "anonymous" }, "s3:GetObject", "arn:aws:s3:::b/k"), undefined, "outside the endpoint: denied");
        const tls = parsePolicy(doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" },
            { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }));
        assert.notEqual(allowedBy(tls as any, { kind: "anonymous" }, "s3:GetObject", "arn:aws:s3:::b/k"), undefined, "over TLS: allowed");
    });
});

describe("iam-no-wildcard-grants", () => {
    it("passes the program's backup policy and an IRSA trust pinned to one ServiceAccount", () => {
        assertPasses(run(iamNoWildcardGrants, res("aws:iam/userPolicy:UserPolicy", "backup", { user: "backup", policy: doc(
            { Sid: "BackupObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject"], Resource: "arn:aws:s3:::verto-backups/mysql/*" }) })));
        assertPasses(run(iamNoWildcardGrants, res("aws:iam/role:Role", "backup", { assumeRolePolicy: doc({ Effect: "Allow",
            Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/ABC" },
            Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: {
                "oidc.eks.eu-central-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:verto-production:mysql-backup",
                "oidc.eks.eu-central-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com" } } }) })));
    });
    it("refuses Action * on Resource *", () => {
        assertFails(run(iamNoWildcardGrants, res("aws:iam/policy:Policy", "admin", { policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }) })), "(administrator)", 1);
    });
});

describe("kms-key-rotation", () => {
    it("passes rotating keys and keys that cannot rotate", () => {
        assertPasses(run(kmsKeyRotation, res("aws:kms/key:Key", "k", { enableKeyRotation: true })));
        assertPasses(run(kmsKeyRotation, res("aws:kms/key:Key", "sign", { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" })));
    });
    it("refuses a symmetric key without rotation", () => {
        assertFails(run(kmsKeyRotation, res("aws:kms/key:Key", "k", {})), "will never rotate", 1);
    });
});
