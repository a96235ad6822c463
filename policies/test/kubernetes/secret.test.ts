import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as k8s from "../../src/kubernetes/secret";
import { assertFails, assertPasses, resourceDiagnostics as run } from "../assertions";
import { k8sSecret, res, wireSecret } from "../builders";
import { UNKNOWN_STRING } from "../harness";

describe("k8s-secret-not-plaintext", () => {
    it("passes when every value is a Pulumi secret (per value or whole map)", () => {
        assertPasses(run(k8s.secretNotPlaintext, k8sSecret("db", { password: wireSecret("[secret]"), user: wireSecret("verto") })));
        const whole = k8sSecret("db", {});
        (whole.props as any).stringData = wireSecret({ password: "[secret]" });
        assertPasses(run(k8s.secretNotPlaintext, whole));
        const data = k8sSecret("db", {});
        delete (data.props as any).stringData;
        (data.props as any).data = { "tls.key": wireSecret("LS0t") };
        assertPasses(run(k8s.secretNotPlaintext, data));
    });
    it("sees plain values even though the SDK unwraps secrets", () => {
        const ds = run(k8s.secretNotPlaintext, k8sSecret("db", { password: "hunter2", user: wireSecret("verto") }));
        assertFails(ds, 'Secret "db" has plaintext value(s) in stringData.password', 1);
        assert.ok(!ds[0].message.includes("hunter2"), "the message must not leak the value");
    });
    it("fails on data that is neither known nor secret (computed plaintext)", () => {
        const s = k8sSecret("db", {});
        (s.props as any).stringData = UNKNOWN_STRING;
        assertFails(run(k8s.secretNotPlaintext, s), "plaintext value(s) in stringData", 1);
    });
    it("passes a computed value that is marked secret", () => {
        assertPasses(run(k8s.secretNotPlaintext, k8sSecret("db", { password: wireSecret(UNKNOWN_STRING) })));
    });
    it("ignores empty values and Secrets without data", () => {
        assertPasses(run(k8s.secretNotPlaintext, k8sSecret("empty", { optional: "" })));
        assertPasses(run(k8s.secretNotPlaintext, res("kubernetes:core/v1:Secret", "sa-token", { type: "kubernetes.io/service-account-token" })));
    });
});
