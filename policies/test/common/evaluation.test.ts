// The building blocks that judge by meaning: address ranges, wildcard containment, image references, selectors.

import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { PUBLIC_V4, coversAll, parseCidr, subtract, union } from "../../src/common/cidr";
import { globCovers, globMatch } from "../../src/common/glob";
import { parseImage } from "../../src/kubernetes/model/image";
import { selectsEverything } from "../../src/kubernetes/model/selector";

describe("cidr", () => {
    it("parses IPv4 and IPv6 spellings to the same ranges, ignoring host bits", () => {
        assert.deepEqual(parseCidr("10.1.2.3/0")!.range, parseCidr("0.0.0.0/0")!.range);
        assert.deepEqual(parseCidr("0:0:0:0:0:0:0:0/0")!.range, parseCidr("::/0")!.range);
        assert.deepEqual(parseCidr("::ffff:10.0.0.1/128")!.range, parseCidr("::ffff:a00:1/128")!.range);
        assert.equal(parseCidr("300.0.0.0/8"), undefined);
        assert.equal(parseCidr("10.0.0.0/33"), undefined);
    });
    it("unions, subtracts and tells whether the public Internet is covered", () => {
        const halves = union([parseCidr("0.0.0.0/1")!.range, parseCidr("128.0.0.0/1")!.range]);
        assert.equal(halves.length, 1);
        assert.ok(coversAll(halves, PUBLIC_V4));
        const carved = subtract([parseCidr("0.0.0.0/0")!.range], [parseCidr("10.0.0.0/8")!.range]);
        assert.ok(coversAll(carved, PUBLIC_V4), "private ranges carved out still leave the Internet");
        const holed = subtract([parseCidr("0.0.0.0/0")!.range], [parseCidr("8.8.8.0/24")!.range]);
        assert.ok(!coversAll(holed, PUBLIC_V4));
    });
});

describe("glob", () => {
    it("matches IAM wildcards, case-insensitively for actions", () => {
        assert.ok(globMatch("s3:Get*", "s3:getobject", true));
        assert.ok(!globMatch("s3:Get*", "s3:getobject"));
        assert.ok(globMatch("arn:aws:s3:::b/?", "arn:aws:s3:::b/x"));
    });
    it("decides whether one pattern covers another", () => {
        assert.ok(globCovers("s3:*", "s3:Get*"));
        assert.ok(!globCovers("s3:Get*", "s3:*"));
        assert.ok(!globCovers("a?", "a*"));
        assert.ok(globCovers("*", "anything*"));
    });
});

describe("image references", () => {
    it("normalises them as the runtime does", () => {
        assert.deepEqual(parseImage("mariadb:10.11.10"), { domain: "docker.io", path: "library/mariadb", tag: "10.11.10", digest: undefined });
        assert.equal(parseImage("index.docker.io/amazon/aws-cli:2.22.35")!.domain, "docker.io");
        assert.equal(parseImage("Registry.GitLab.com/verto/x:1.0.0")!.domain, "registry.gitlab.com");
        assert.deepEqual(parseImage("localhost:5000/x@sha256:ab"), { domain: "localhost:5000", path: "x", tag: undefined, digest: "sha256:ab" });
        assert.equal(parseImage("with space:1"), undefined);
    });
});

describe("selectors", () => {
    it("recognise selectors that any namespace matches", () => {
        assert.equal(selectsEverything({}, true), "yes");
        assert.equal(selectsEverything({ matchExpressions: [{ key: "team", operator: "NotIn", values: ["x"] }] }, true), "yes");
        assert.equal(selectsEverything({ matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "Exists" }] }, true), "yes");
        assert.equal(selectsEverything({ matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "Exists" }] }, false), "no");
        assert.equal(selectsEverything({ matchLabels: { "kubernetes.io/metadata.name": "monitoring" } }, true), "no");
        assert.equal(selectsEverything({ matchExpressions: [{ key: "team", operator: "In", values: ["x"] }] }, true), "no");
    });
});
